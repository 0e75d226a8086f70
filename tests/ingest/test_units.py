"""units: the two page regimes and the line-level decisions they rest on."""

from __future__ import annotations

from ingest.clean import clean_page
from ingest.columns import closes_sentence, is_narrow_page
from ingest.model import SourceText
from ingest.units import build_units, looks_like_heading, runs_on


def lines(text: str):  # type: ignore[no-untyped-def]
    return clean_page(SourceText("seed.txt", "0", "utf-8", text)).lines


def test_narrow_columns_are_told_from_wide_paragraphs() -> None:
    narrow = "时间永向前，改革不停歇。从中共十八\n\n届三中全会到中共二十届三中全会，在新时\n\n代新征程上，平遥开发区深刻领会全面深化\n"
    wide = "嬗变\n\n落实要求。交城县委书记刘旋在会上表态。\n\n经过半年多的艰苦奋战，项目基本完工。\n"
    assert is_narrow_page(lines(narrow))
    assert not is_narrow_page(lines(wide))


def test_sentence_ends_inside_closing_quotes_count() -> None:
    assert closes_sentence("将好事办好、实事办实。”")
    assert not closes_sentence("打好污染防治“组合拳”")
    assert not closes_sentence("组建扬尘污染防治监管队伍，")


def test_heading_shape_differs_by_regime() -> None:
    assert looks_like_heading("强化顶层设计，构建环保治理新机制", narrow=False)
    assert not looks_like_heading("强化顶层设计，构建环保治理新机制", narrow=True)
    assert not looks_like_heading("本刊讯 5月12日", narrow=False)


def test_a_word_broken_across_lines_runs_on() -> None:
    assert runs_on("调研组一行先后前往唯美诺中", "小企业创业园")
    assert runs_on("吕梁市委书", "记孙大军饶有兴致")
    assert not runs_on("山西省美术名家油画展在柳林县展出", "本报讯")
    assert not runs_on("聚链成群 多元布局绘新图", "立夏刚过，在长子经开区")


def test_narrow_paragraph_ends_only_at_a_short_sentence_end() -> None:
    page = (
        "园区 态B2 2025年 5月 9日 星期五\n\n"
        "时间永向前，改革不停歇。从中共十八\n\n届三中全会到中共二十届三中全会，在新时\n\n"
        "代新征程上，平遥开发区深刻领会。\n\n砺“远见”之眸，以“未曾墨染是初心”的\n\n"
        "信念立势笃行。平遥开发区系统深入学习贯\n\n彻习近平总书记关于全面深化改革的重要\n\n论述精神。\n"
    )
    units = build_units(lines(page))
    assert [u.kind for u in units] == ["para", "para"]
    assert units[1].text.startswith("砺“远见”之眸")


def test_narrow_section_head_is_a_line_well_short_of_the_column() -> None:
    page = (
        "园区 态B2 2025年 5月 9日 星期五\n\n"
        "时间永向前，改革不停歇。从中共十八\n\n届三中全会到中共二十届三中全会，在新时\n\n"
        "代新征程上，深刻领会。\n\n加快项目建设\n\n山西顺丰运城中转站的分拣车间\n\n"
        "里，工人们正将刚下线的苹果脆片、冷\n\n冻果蔬等产品装箱。这些产自临猗的农\n\n产品，通过四通八达的物流网络送达。\n"
    )
    units = build_units(lines(page))
    assert [(u.kind, u.text[:6]) for u in units] == [("para", "时间永向前，"), ("heading", "加快项目建设"), ("para", "山西顺丰运城")]


def test_columns_of_any_width_are_columns() -> None:
    # 30 characters wide, one printed line per OCR line: not a page of one-line paragraphs.
    page = (
        "近年来，屯留经开区深入贯彻新发展理念，进一步优化产业布局，\n大力培育安全应急装备产业、生物医药产业、高端装备制造产\n"
        "业、固废综合利用低碳产业，全力推动绿色低碳转型发展。屯留经\n开区作为经济发展主引擎，认真落实项目建设年活动。\n"
    )
    assert is_narrow_page(lines(page))
    assert [u.kind for u in build_units(lines(page))] == ["para"]


def test_an_indent_or_a_blank_line_ends_a_paragraph_that_fills_its_last_line() -> None:
    # Each paragraph's first sentence ends exactly at the column's edge (15 wide).
    spaced = "第一段写满了这一行，还没有写完\n这一句话的全部内容在这里结束。\n\n第二段也写满了这一行，还要再写\n一点才结束。\n"
    indented = "\u3000\u3000第一段写满这一行，还没有写\n这一句话的全部内容在这里结束。\n\u3000\u3000第二段写满这一行，还要再\n写一点才结束。\n"
    run_on = spaced.replace("\n\n", "\n")  # no cue left: a reader reads one paragraph
    assert [u.text[:3] for u in build_units(lines(spaced))] == ["第一段", "第二段"]
    assert [u.text[:3] for u in build_units(lines(indented))] == ["第一段", "第二段"]
    assert [u.text[:3] for u in build_units(lines(run_on))] == ["第一段"]


def test_a_running_head_lifted_out_leaves_no_blank_line() -> None:
    page = "第一段写满了这一行，还没\n有写完这一句话的全部内\n2025年5月9日 星期五 园区 B2\n容，在这里结束。\n第二段。\n"
    page_lines = clean_page(SourceText("seed.txt", "0", "utf-8", page))
    units = build_units(page_lines.lines, furniture=[line.number for line in page_lines.furniture])
    assert units[0].text == "第一段写满了这一行，还没有写完这一句话的全部内容，在这里结束。"


def test_bylines_above_a_body_in_their_common_forms() -> None:
    for printed, names in (
        ("□ 清徐融媒", "清徐融媒"),
        ("□ 解德辉 张彩峰", "解德辉 张彩峰"),
        ("本报记者 闫杰", "本报记者 闫杰"),
        ("记者 郑婷 通讯员 李阳", "记者 郑婷 通讯员 李阳"),
    ):
        [unit] = build_units(lines(printed + "\n"))
        assert (unit.kind, unit.text, unit.leads) == ("byline", names, True)


def build(text: str):  # type: ignore[no-untyped-def]
    page = clean_page(SourceText("p.txt", "0", "utf-8", text))
    return build_units(page.lines, furniture=[line.number for line in page.furniture])


def test_a_web_page_opens_with_a_long_headline_set_apart_by_its_metadata() -> None:
    headline = "【稳增长 促发展】示例经济技术开发区：项目建设加速跑 创新升级筑高地 新年开门红"
    body = "今年以来，开发区新开工项目十二个，总投资四十六亿元，涉及新材料、装备制造和数字经济等领域。"
    units = build(f"{headline}\n发布时间：2023-03-26 13:14 来源：示例日报\n{body}\n{body}\n")
    assert [(u.kind, u.text.replace(" ", "")) for u in units] == [
        ("heading", headline.replace(" ", "")),
        ("para", body),
        ("para", body),
    ]


def test_an_exclaiming_headline_over_a_photo_caption() -> None:
    units = build("【走基层】可期！园区芯片项目投产在即\n示例产业园西区鸟瞰图\n工人正在车间里忙碌，机器轰鸣。\n")
    assert [u.kind for u in units] == ["heading", "caption", "para"]


#: A narrow column: a photo caption wrapped over three lines, then the article's body.
WRAPPED_CAPTION = (
    "示例县某陶瓷企业的生产车\n间里，工人正在检查新出窑\n的日用瓷产品。本报记者王\n某摄\n"
    "入冬以来，园区各个项目建\n设热度不减，企业生产活力\n持续增强，一批新项目陆续\n开工。\n"
)


def test_a_wrapped_caption_ends_with_its_credit_wherever_the_line_stops() -> None:
    units = build(WRAPPED_CAPTION)
    assert [(u.kind, u.text[-6:]) for u in units] == [("para", "本报记者王某摄"[-6:]), ("para", "批新项目陆续开工。"[-6:])]


def test_a_credit_on_its_own_line_makes_the_paragraph_above_it_a_caption() -> None:
    units = build(WRAPPED_CAPTION.replace("本报记者王\n某摄", "\n本报记者王某摄"))
    assert [u.kind for u in units] == ["caption", "caption", "para"]


def test_a_subtitle_broken_mid_word_goes_on_over_the_next_line() -> None:
    units = build("以实干开新局\n——示例市“十四五”经济社会发\n展成就综述之三\n本报记者 王某\n五年来，全区经济总量稳步增长，产业结构持续优化。\n")
    assert [(u.kind, u.text) for u in units][:2] == [
        ("heading", "以实干开新局"),
        ("subtitle", "示例市“十四五”经济社会发展成就综述之三"),
    ]


def test_the_verb_paishe_at_a_lines_end_is_no_credit() -> None:
    units = build("园区请来摄制组。记者在现场拍摄\n了新厂房从打桩到封顶的过\n程，并记录了工人们的工作。\n")
    assert len(units) == 1


def test_a_kicker_ending_in_a_colon_stays_apart_from_its_title() -> None:
    units = build("园区观察：\n\n项目建设跑出加速度\n\n春节刚过，园区的工地上塔吊林立。\n")
    assert [(u.kind, u.text) for u in units][:2] == [("heading", "园区观察："), ("heading", "项目建设跑出加速度")]


def test_a_four_character_line_after_a_body_is_a_head_unless_a_compound_surname_leads() -> None:
    kinds = [u.kind for u in build("园区的项目开工了。\n高效落地\n工人们正在紧张施工。\n")]
    assert kinds[1] == "heading"
    assert [u.kind for u in build("园区的项目开工了。\n欧阳明华\n")][1] == "byline"


def test_a_dateline_reporter_keeps_the_role_the_page_printed() -> None:
    units = build("本报讯（记者付永文）12月14日，市长赴现场指导抢修。\n")
    assert (units[0].dateline, units[0].reporter) == ("本报讯", "记者 付永文")
