"""clean: each rule with the raw seed lines that show its problem, and the page facts."""

from __future__ import annotations

import pytest

from ingest.clean import (
    clean_page,
    collapse_cjk_spaces,
    drop_bullets,
    drop_pinyin_annotations,
    fix_degree_sign,
    heading_text,
    split_trailing_credit,
    strip_tags,
)
from ingest.furniture import is_banner_slogan, is_editorial, is_running_head
from ingest.model import SourceText
from ingest.pagefacts import date_in


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("康 顺 达 食 品 的 速 冻 车 间 里 ，经", "康顺达食品的速冻车间里，经"),
        ("4 月 22 日，山西永东化工股份有限公司 50 万吨/年煤焦油深加工项目", "4月22日，山西永东化工股份有限公司50万吨/年煤焦油深加工项目"),
        ("淮海集团 MEMS 研发中心", "淮海集团MEMS研发中心"),
        ("ISO9001 and IATF16949", "ISO9001 and IATF16949"),
    ],
)
def test_spaces_between_chinese_characters_go(raw: str, expected: str) -> None:
    assert collapse_cjk_spaces(raw) == expected


def test_sub_tags_keep_their_text() -> None:
    assert strip_tags("削减COD<sub>Cr</sub>总量、NH<sub>3</sub>-N总量") == "削减CODCr总量、NH3-N总量"


def test_degree_sign_read_as_yi_after_a_number() -> None:
    assert fix_degree_sign("过-35益急冻处理") == "过-35℃急冻处理"
    assert fix_degree_sign("益生股份计划总投资") == "益生股份计划总投资"


def test_bullet_read_as_yin_is_dropped_but_not_in_marriage() -> None:
    assert "姻" not in drop_bullets("姻责编: 董保彤")
    assert drop_bullets("婚姻登记") == "婚姻登记"


@pytest.mark.parametrize(
    ("line", "body", "tail"),
    [
        ("走出了一条转型跨越发展之路。 国庆", "走出了一条转型跨越发展之路。", "国庆"),
        ("的示范样板。 王金华 刘鑫林", "的示范样板。", "王金华 刘鑫林"),
        ("进行了深入探讨。(贺玉斌)", "进行了深入探讨。", "(贺玉斌)"),
        ("高质量发展。 姻 栗卢建摄", "高质量发展。", "栗卢建摄"),
        ("这是一个句子。没有署名", "这是一个句子。没有署名", None),
    ],
)
def test_trailing_byline_is_split_off(line: str, body: str, tail: str | None) -> None:
    assert split_trailing_credit(drop_bullets(line)) == (body, tail)


def test_heading_keeps_the_gap_between_its_two_parts() -> None:
    assert heading_text("优化产业布局 全力推动绿色低碳转型") == "优化产业布局 全力推动绿色低碳转型"
    assert heading_text("## 聚链成群 多元布局绘新图") == "聚链成群 多元布局绘新图"
    assert heading_text("6 栋单体封顶 整体初具雏形") == "6栋单体封顶 整体初具雏形"


def test_running_head_gives_date_and_page() -> None:
    head = "园区 态B2 姻 2025年 5月 9日 星期五"
    assert is_running_head(drop_bullets(head))
    assert date_in(head) == "2025-05-09"
    page = clean_page(SourceText("p.txt", "0", "utf-8", f"\n{head}\n\n正文第一句。\n"))
    assert page.info.date == "2025-05-09"
    assert page.info.page == "B2"
    assert [line.text for line in page.lines] == ["正文第一句。"]


@pytest.mark.parametrize("line", ["姻责编: 董保彤", "姻投稿：kfqjszk@163.com", "责任编辑：张三"])
def test_editorial_lines_are_furniture(line: str) -> None:
    assert is_editorial(drop_bullets(line))


def test_banner_slogan_at_the_page_edge_is_furniture() -> None:
    slogan = "在 习近平新时代中国特色社会主义思想指引下 ——新时代新作为新篇章 弘扬吕梁精神 攻坚深度贫困"
    assert is_banner_slogan(slogan, at_edge=True)
    assert not is_banner_slogan(slogan, at_edge=False)
    assert not is_banner_slogan("一是 坚持，二是 落实。 三是 推进 四是", at_edge=True)


def test_clean_page_keeps_source_line_numbers() -> None:
    page = clean_page(SourceText("p.txt", "0", "utf-8", "\n\n## 标题\n\n正文。 李阳\n"))
    assert [(line.number, line.text, line.heading_mark, line.is_tail) for line in page.lines] == [
        (3, "标题", True, False),
        (5, "正文。", False, False),
        (5, "李阳", False, True),
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("開發(fā)區(qū)(qu)(qu)", "開發區"),
        ("示例縣經(jīng)濟(jì)", "示例縣經濟"),
        ("高(gao)新(xin)區", "高新區"),
        ("開（kāi）發（fā）區（qū）（qu）", "開發區"),  # full-width parentheses, as some mirrors print them
        ("新區(qū)（qu）建設", "新區建設"),
        ("方案（a）和指标（ppm）", "方案（a）和指标（ppm）"),
        ("方案(a)和指标(ppm)", "方案(a)和指标(ppm)"),  # a list letter and a unit are no pinyin
        ("发展(development)", "发展(development)"),
    ],
)
def test_pinyin_annotations_go(raw: str, expected: str) -> None:
    assert drop_pinyin_annotations(raw) == expected


def test_headings_go_through_the_same_rules_as_lines() -> None:
    assert heading_text("開發(fā)區(qū) 項目建設(shè)") == "開發區 項目建設"
    assert heading_text("COD<sub>Cr</sub>达标 排放") == "CODCr达标 排放"


def test_web_furniture_is_lifted_with_the_facts_it_states() -> None:
    text = "首页 > 园区 > 正文\n项目开工\n发布时间：2021-03-02 来源：示例日报\n园区的项目开工了。\n返回顶部\n"
    page = clean_page(SourceText("p.txt", "0", "utf-8", text))
    assert [line.text for line in page.lines] == ["项目开工", "园区的项目开工了。"]
    assert [line.number for line in page.furniture] == [1, 3, 5]
    assert (page.info.date, page.info.publication) == ("2021-03-02", "示例日报")
