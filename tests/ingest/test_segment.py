"""segment: each layout problem of the seed pages, reproduced with its own lines."""

from __future__ import annotations

from ingest.clean import clean_page
from ingest.model import PageArticle, SourceText
from ingest.segment import read_title_block, segment_page
from ingest.units import Unit, build_units, runs_on


def page(text: str) -> list[PageArticle]:
    return segment_page(clean_page(SourceText("seed.txt", "0", "utf-8", text)))


def titles(articles: list[PageArticle]) -> list[str | None]:
    return [a.title for a in articles]


def test_line_broken_mid_word_with_blank_line_is_one_paragraph() -> None:
    [article] = page(
        "嬗变\n\n落实要求。交城县委书记刘旋在全市重点工业\n\n园区生态环境综合整治大会上表态，推动脱胎换骨。\n"
    )
    assert [p.text for p in article.paragraphs] == [
        "落实要求。交城县委书记刘旋在全市重点工业园区生态环境综合整治大会上表态，推动脱胎换骨。"
    ]


def test_short_fragment_that_breaks_a_word_is_not_a_heading() -> None:
    [article] = page(
        "嬗变\n\n考验党性。\n\n交城经开区真正扛起治理工作的主体责\n\n任，党工委带头冲锋。\n"
    )
    assert article.paragraphs[-1].text == "交城经开区真正扛起治理工作的主体责任，党工委带头冲锋。"
    assert runs_on("交城经开区真正扛起治理工作的主体责", "任，党工委")
    assert not runs_on("内外兼修——基础设施脱胎换骨", "交城经济开发区是")


def test_section_heading_inside_an_article_is_not_a_new_article() -> None:
    [article] = page("嬗变\n\n——纪实\n\n第一段。\n\n内外兼修——基础设施脱胎换骨\n\n第二段。\n\n吕继峰 贾耀鹏\n")
    assert article.subtitle == "纪实"
    assert article.byline == "吕继峰 贾耀鹏"
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("body", "第一段。"),
        ("heading", "内外兼修——基础设施脱胎换骨"),
        ("body", "第二段。"),
    ]


def test_headline_wedged_mid_sentence_becomes_the_title_and_the_sentence_joins() -> None:
    [article] = page(
        "本刊讯 会议对通知进行了解读，并对各企业近期需\n\n"
        "## 忻州经济开发区 召开冶金工贸行业重大事故隐患专项排查整治动员部署会议\n\n"
        "开展的工作进行了安排部署。(张虎虎)\n"
    )
    assert article.kicker == "忻州经济开发区"
    assert article.title == "召开冶金工贸行业重大事故隐患专项排查整治动员部署会议"
    assert article.dateline == "本刊讯"
    assert article.byline == "张虎虎"
    assert [p.text for p in article.paragraphs] == ["会议对通知进行了解读，并对各企业近期需开展的工作进行了安排部署。"]


def test_title_printed_after_its_article_with_the_byline_before_it() -> None:
    fragment, article = page(
        "(上接 D1 版)全方位、全流程无微不至的服务，坚定了投资高平的信心。\n\n"
        "## 围绕高质量发展 布局规划高起点\n\n该园区持续发力。\n\n该园区大力推进标准厂房建设。 吕平\n\n"
        "## 左云经济技术开发区 打造绿色低碳发展新样板\n"
    )
    assert fragment.continued_from == "D1" and fragment.title_supplied
    assert (article.kicker, article.title, article.byline) == ("左云经济技术开发区", "打造绿色低碳发展新样板", "吕平")
    assert article.paragraphs[0].kind == "heading"


NARROW = """
园区 态B2 姻 2025年 5月 9日 星期五

姻责编: 董保彤

时间永向前，改革不停歇。从中共十八

届三中全会到中共二十届三中全会，在新时

代新征程上，平遥开发区深刻领会全面深化

改革背后的“战略智慧”，谱写深

化改革新篇章。

砺“远见”之眸，以“未曾墨染是初心”的

信念立势笃行。平遥开发区系统深入学习贯

彻习近平总书记关于全面深化改革的重要

论述精神。 进晓宇

平遥经济技术开发区

“立势、起势、聚势”
谱写深化改革新篇章

科学导报讯 黄河岸畔，果香

四溢。临猗现代农业产业示范区，

如今正通过创新发展模式构建起全

产业链生态。 邵康
"""


def test_narrow_columns_title_after_article_and_untitled_article_gets_a_supplied_title() -> None:
    pingyao, linyi = page(NARROW)
    assert pingyao.kicker == "平遥经济技术开发区"
    assert pingyao.title == "“立势、起势、聚势” 谱写深化改革新篇章"
    assert pingyao.byline == "进晓宇"
    assert [p.text[:6] for p in pingyao.paragraphs] == ["时间永向前，", "砺“远见”之"]
    assert linyi.title_supplied and linyi.title == "黄河岸畔，果香四溢"
    assert linyi.dateline == "科学导报讯"
    assert linyi.paragraphs[0].text.startswith("黄河岸畔，果香四溢。临猗现代农业产业示范区")


def test_narrow_full_width_line_ending_a_sentence_does_not_end_the_paragraph() -> None:
    [article] = page(
        "标题\n\n走进力达纸业智能工厂，8 条全自动生产线\n\n正将原纸加工成各式生活用纸。这个年产 15 万\n\n"
        "吨的纸业巨头，原材料竟来自当地的小麦秸秆。\n\n“通过生物制浆技术，我们让每吨秸秆增值 800\n\n"
        "元。”技术总监张工说。\n"
    )
    assert len(article.paragraphs) == 1


def test_continuation_markers_are_recorded_not_kept_as_text() -> None:
    first, second = page(
        "标题一\n\n本报讯 组建扬尘污染防治监管队伍，（下转4版）\n\n"
        "(上接 D1 版)全方位的服务，坚定了投资的信心。\n"
    )
    assert first.continued_to == "4" and "下转" not in first.text
    assert second.continued_from == "D1" and second.text.startswith("全方位")
    assert second.title_supplied


def test_top_byline_photo_caption_and_reporter_dateline() -> None:
    articles = page(
        "脱贫攻坚的“离石答卷”\n\n——离石区脱贫攻坚工作综述\n\n□ 任建忠 张美艳\n\n初冬时节，寒气袭人。\n\n"
        "归化村光伏扶贫让老百姓走上脱贫路。任建忠 摄\n\n涓涓细流，汇聚成河。\n\n"
        "山西省美术名家油画展在柳林县展出\n\n本报讯（记者 付永文）12月12日，油画作品展在柳林县展出。\n\n（崔彦平）\n"
    )
    lishi, show = articles
    assert lishi.byline == "任建忠 张美艳"
    assert [p.kind for p in lishi.paragraphs] == ["body", "caption", "body"]
    assert (show.dateline, show.byline) == ("本报讯", "崔彦平")
    assert show.paragraphs[0].text.startswith("12月12日")


def test_overlapping_title_lines_are_merged() -> None:
    heads = [Unit("heading", "管网漏水事故现场指导抢险处置", 1, 1), Unit("heading", "王立伟赴市区大七公路供热一次管网漏水事故现场", 3, 3)]
    assert read_title_block(heads) == (None, "王立伟赴市区大七公路供热一次管网漏水事故现场指导抢险处置", None)


def test_short_second_title_line_is_a_subtitle_and_entity_line_a_kicker() -> None:
    assert read_title_block([Unit("heading", "市安委会部署道路交通及安全生产工作", 1, 1), Unit("heading", "王立伟参加", 3, 3)]) == (
        None, "市安委会部署道路交通及安全生产工作", "王立伟参加",
    )
    assert read_title_block([Unit("heading", "长治高新区", 1, 1), Unit("heading", "推进碳达峰试点园区建设进程", 3, 3)]) == (
        "长治高新区", "推进碳达峰试点园区建设进程", None,
    )
    assert read_title_block([Unit("heading", "优化产业布局 全力推动绿色低碳转型", 1, 1)]) == (
        None, "优化产业布局 全力推动绿色低碳转型", None,
    )


def test_no_line_of_text_is_lost() -> None:
    text = NARROW
    units = build_units(clean_page(SourceText("seed.txt", "0", "utf-8", text)).lines)
    joined = "".join(u.text for u in units).replace(" ", "")
    for fragment in ("时间永向前", "化改革新篇章", "论述精神", "产业链生态"):
        assert fragment in joined


def test_a_title_with_subtitle_and_byline_opens_a_new_article_not_section_heads() -> None:
    first, second = page(
        "嬗变\n\n第一段。\n\n聚力“主引擎”跑出“加速度”\n\n——清徐经济开发区见闻\n\n□ 清徐融媒\n\n第二篇的第一段。\n"
    )
    assert [p.text for p in first.paragraphs] == ["第一段。"]
    assert (second.title, second.subtitle, second.byline) == ("聚力“主引擎”跑出“加速度”", "清徐经济开发区见闻", "清徐融媒")


def test_a_reporter_byline_under_a_title_opens_the_article() -> None:
    first, second = page("嬗变\n\n第一段。\n\n种鸡养殖项目达成合作\n\n记者 郑婷 通讯员 李阳\n\n第二篇的第一段。\n")
    assert first.title == "嬗变" and [p.text for p in first.paragraphs] == ["第一段。"]
    assert second.title == "种鸡养殖项目达成合作" and second.byline == "记者 郑婷 通讯员 李阳"


def test_a_bracketed_byline_keeps_the_gap_between_two_names() -> None:
    [article] = page("嬗变\n\n第一段。\n\n（吕继峰 贾耀鹏）\n")
    assert article.byline == "吕继峰 贾耀鹏"


def test_a_photo_credit_in_reporter_form_is_no_byline_and_a_stray_byline_is_kept() -> None:
    [article] = page("嬗变\n\n第一段。\n\n本报记者 高在中 通讯员 栗卢建摄\n")
    assert [p.kind for p in article.paragraphs] == ["body", "caption"]
    [signed] = page("嬗变\n\n第一段。\n\n本报记者 闫杰\n")
    assert signed.byline == "本报记者 闫杰"


def test_a_cut_off_last_line_stays_text_of_its_article() -> None:
    page = clean_page(SourceText("p.txt", "0", "utf-8", "园区项目开工\n\n春节刚过，园区的工地上塔吊林立。\n\n与此同时，园区还在谋划一批\n"))
    articles = segment_page(page)
    assert [a.title for a in articles] == ["园区项目开工"]
    assert articles[0].paragraphs[-1].text == "与此同时，园区还在谋划一批"


def test_a_reporter_byline_before_a_title_at_the_end_signs_the_article_above() -> None:
    text = "本报讯 园区项目开工，工人们正在紧张施工。\n记者 王明\n园区项目开工\n"
    articles = segment_page(clean_page(SourceText("p.txt", "0", "utf-8", text)))
    assert [(a.title, a.byline) for a in articles] == [("园区项目开工", "记者 王明")]
