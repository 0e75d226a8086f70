"""Whole pages of the kinds users bring beyond newspaper scans: a CMS article, a news
portal's e-paper view, a traditional-character mirror with pinyin (``tests/ingest/pages``).
Each must come out as one article with its printed headline as the title, the date and
paper the page states, and none of the site's furniture in its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.stages import process_file

PAGES = Path(__file__).with_name("pages")

EXPECTED = {
    "web_cms.txt": ("示范园区新建标准化厂房投用", "2023-06-02", "示例晚报", "王晓明"),
    "web_portal.txt": ("项目建设跑出加速度", "2022-03-29", "示例日报", "本报记者 张文"),
    "mirror_traditional.txt": ("示例縣:開發區項目建設按下快進鍵", None, None, "劉文"),
    "web_government.txt": ("示例经济技术开发区召开一季度项目推进会", "2023-04-12", "示例市商务局", ""),
    "epaper_kicker.txt": ("“链”上发力 集群成势", "2023-05-09", "示例日报", "本报记者 赵敏"),
}
FURNITURE = (
    "首页", "发布时间", "字号", "字体", "摘要", "jpg", "资料图片", "责任编辑", "上一篇", "返回顶部", "版权所有", "要闻",
    "責任編輯", "门户网站", "扫一扫", "分享到", "主办", "ICP", "责编",
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_web_page_is_one_article_with_its_headline_and_facts(name: str) -> None:
    document = process_file(PAGES / name)
    title, date, publication, author = EXPECTED[name]
    assert [a.title for a in document.articles] == [title]
    article = document.articles[0]
    assert (document.info.date, document.info.publication) == (date, publication)
    assert author in (article.byline or "")
    assert article.paragraphs and all(p.text for p in article.paragraphs)
    assert not [word for word in FURNITURE for p in article.paragraphs if word in p.text]


def test_a_cut_off_last_line_stays_text_of_its_article() -> None:
    article = process_file(PAGES / "web_portal.txt").articles[0]
    assert article.paragraphs[-1].text.endswith("与此同时，园区还在谋划一批储备项目")


def test_a_mirror_page_is_stored_as_printed_without_its_pinyin() -> None:
    article = process_file(PAGES / "mirror_traditional.txt").articles[0]
    assert article.paragraphs[0].text.startswith("近日,示例縣經濟技術開發區傳來好消息")
    assert article.dateline == "本報訊"
