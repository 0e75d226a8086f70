"""Stage link: what an article is about, every place it names, and zones no list has.

Seed sentences come from the sample corpus; articles are built directly from
``ingest.model`` so these tests do not depend on the segmenter.
"""

from __future__ import annotations

import pytest

from app.places import Gazetteer, load_gazetteer
from ingest.link import TITLE_BLOCK, LinkContext, link_article, link_document, title_block
from ingest.model import Document, PageArticle, PageInfo, PageParagraph, PlaceMention, SourceText


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def article(
    *body: str, title: str | None = None, kicker: str | None = None, subtitle: str | None = None
) -> PageArticle:
    paragraphs = [PageParagraph("body", text, (n + 1, n + 1)) for n, text in enumerate(body)]
    return PageArticle(title=title, kicker=kicker, subtitle=subtitle, paragraphs=paragraphs)


def found(result: PageArticle, kind: str, slug: str) -> list[PlaceMention]:
    return [m for m in result.mentions if m.kind == kind and m.slug == slug]


def test_alias_in_subtitle_makes_the_zone_and_its_city_the_subject(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "吕梁市委书记孙大军饶有兴致地走进交城经开区刚刚落成的低碳生态园。",
            title="嬗变",
            subtitle="——交城经开区生态环境综合治理攻坚战纪实",
        ),
        gazetteer=gaz,
    )
    assert result.zones == ["jiaocheng-jingkaiqu"]
    assert result.cities == ["lvliang"]
    assert {m.role for m in found(result, "zone", "jiaocheng-jingkaiqu")} == {"subject"}


def test_gai_yuanqu_resolves_to_the_zone_the_article_is_about(gaz: Gazetteer) -> None:
    text = "该园区位于开发区核心区域，占地300余亩。"
    result = link_article(
        article("走进交城经开区刚刚落成的低碳生态园。", text, kicker="交城经济开发区"), gazetteer=gaz
    )
    generic = [m for m in result.mentions if m.paragraph == 1]
    assert [(m.surface, m.slug) for m in generic] == [
        ("该园区", "jiaocheng-jingkaiqu"),
        ("开发区", "jiaocheng-jingkaiqu"),
    ]
    assert all(text[m.start : m.end] == m.surface for m in generic)


def test_compound_park_words_are_not_references(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "平遥开发区在煤化工园区建设数字化智慧管控平台，入选省级开发区。", kicker="平遥经济技术开发区"
        ),
        gazetteer=gaz,
    )
    assert [m.surface for m in result.mentions if m.paragraph == 0] == ["平遥开发区"]


def test_bare_economic_zone_in_a_county_report_is_that_countys_zone(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "投资5.8亿元建设经济开发区污水处理厂。",
            "目前已有44户水小企业接入开发区污水收集管网，实现了零排放。",
            title="创新机制推进铁腕治污",
            subtitle="——交城县统筹经济发展和环境保护凸显新成效",
        ),
        gazetteer=gaz,
    )
    assert [m.slug for m in result.mentions if m.kind == "zone"] == ["jiaocheng-jingkaiqu"] * 2
    assert result.zones == ["jiaocheng-jingkaiqu"]
    assert result.cities == ["lvliang"]


@pytest.mark.parametrize(
    ("old", "county", "city"),
    [
        ("大同县", "yunzhou", "datong"),
        ("长治县", "shangdang", "changzhi"),
        ("屯留县", "tunliu", "changzhi"),
        ("怀仁县", "huairen", "shuozhou"),
    ],
)
def test_former_county_names_link_to_the_renamed_unit(
    gaz: Gazetteer, old: str, county: str, city: str
) -> None:
    result = link_article(article(f"{old}召开招商引资大会。", title=f"{old}招商引资"), gazetteer=gaz)
    assert [(m.kind, m.slug, m.surface) for m in result.mentions][:1] == [("county", county, old)]
    assert result.cities == [city]


def test_chengqu_takes_the_city_written_before_it(gaz: Gazetteer) -> None:
    result = link_article(article("阳泉市城区和晋城市城区都在推进老旧小区改造。"), gazetteer=gaz)
    counties = [m.slug for m in result.mentions if m.kind == "county"]
    assert counties == ["yangquan-chengqu", "jincheng-chengqu"]


def test_a_listed_chengqu_takes_the_city_of_the_article(gaz: Gazetteer) -> None:
    result = link_article(
        article("晋城市组织城区、泽州县、高平市开展检查。", title="晋城市开展安全检查"), gazetteer=gaz
    )
    assert "jincheng-chengqu" in [m.slug for m in result.mentions]
    page = LinkContext(cities=("yangquan",))
    other = link_article(article("城区、矿区、郊区三地联合开展检查。"), gazetteer=gaz, context=page)
    assert [m.slug for m in other.mentions] == ["yangquan-chengqu", "yangquan-kuangqu", "yangquan-jiaoqu"]


def test_chengqu_as_a_plain_word_links_nothing(gaz: Gazetteer) -> None:
    result = link_article(
        article("投资5000万元实施县城污水处理厂提标改造工程，实现城区污水收集全覆盖。"), gazetteer=gaz
    )
    assert result.mentions == []


def test_a_compared_zone_is_a_comparison_not_a_subject_nor_a_shanxi_zone(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "锚定打造绿色环保园区发展目标，该园区比对标上海杭州湾经济技术开发区，按照《左云经济技术开发区与"
            "上海杭州湾经济技术开发区产业共建实施方案》要求，完善园区绿色低碳产业体系。",
            title="左云经济技术开发区 打造绿色低碳发展新样板",
        ),
        gazetteer=gaz,
    )
    assert result.zones == ["zuoyun-jingkaiqu"]
    assert result.cities == ["datong"]
    assert result.new_zones == []
    shanghai = [m for m in result.mentions if m.surface == "上海杭州湾经济技术开发区"]
    assert len(shanghai) == 2 and {m.role for m in shanghai} == {"mentioned"}
    assert "shanghaihangzhouwan-jingkaiqu" not in result.zone_roles  # no place of ours, not on the record
    assert found(result, "zone", "zuoyun-jingkaiqu")[1].surface == "该园区"


def test_zones_visited_in_passing_are_mentions(gaz: Gazetteer) -> None:
    body = (
        "今年以来，开发区加大招商工作力度，先后到高平经开区、山西综改示范区、长治高新区等开发区，"
        "学习行政审批、招落一体、飞地招商等内容，到深圳、佛山、石家庄等地考察。"
    )
    result = link_article(
        article(
            "车行长子，阳光明媚。",
            body,
            "长子经开区正在奋力书写转型发展新答卷。",
            title="追“新”逐“绿”启新程",
            subtitle="——长子经济技术开发区高质量发展新亮点",
        ),
        gazetteer=gaz,
    )
    assert result.zones == ["zhangzi-jingkaiqu"]
    assert result.cities == ["changzhi"]
    roles = {m.slug: m.role for m in result.mentions if m.paragraph == 1 and m.surface != "开发区"}
    assert roles == {
        "gaoping-jingkaiqu": "mentioned",
        "shanxi-zonggaiqu": "mentioned",
        "changzhi-gaoxinqu": "mentioned",
    }
    assert [m.surface for m in result.mentions if m.paragraph == 1 and m.kind != "zone"] == []  # 深圳, 佛山 …
    assert found(result, "county", "zhangzi")[0].surface == "长子"


def test_changzhi_inside_a_zone_name_is_no_county(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "长治高新区入选全国首批碳达峰试点园区以来，积极稳妥探索多领域系统创新。",
            "面向高新区工商业负荷。",
            kicker="长治高新区",
            title="推进碳达峰试点园区建设进程",
        ),
        gazetteer=gaz,
    )
    assert result.zones == ["changzhi-gaoxinqu"]
    assert result.cities == ["changzhi"]
    assert [m.kind for m in result.mentions] == ["zone"] * 3
    assert result.mentions[-1].surface == "高新区"


def test_zone_named_in_a_report_but_in_no_list_is_discovered(gaz: Gazetteer) -> None:
    result = link_article(
        article("蒲县经济技术开发区今年引进项目12个。", "蒲县经开区管委会负责人介绍了进展。"),
        gazetteer=gaz,
    )
    assert result.zones == ["puxian-jingkaiqu"]
    assert result.cities == ["linfen"]
    (zone,) = result.new_zones
    assert (zone.name, zone.county_slug, zone.city_slug) == ("蒲县经济技术开发区", "puxian", "linfen")
    assert zone.aliases == ("蒲县经开区",)


def test_a_report_with_no_zone_has_no_places(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "4月22日，山西永东化工股份有限公司50万吨/年煤焦油深加工项目正加紧施工。该项目投资2.49亿元。",
            title="抢抓施工黄金周",
        ),
        gazetteer=gaz,
    )
    assert (result.zones, result.cities, result.mentions) == ([], [], [])


def test_words_that_contain_a_county_name_do_not_link(gaz: Gazetteer) -> None:
    result = link_article(article("振兴县域经济，搭建高平台，莅临县委调研。"), gazetteer=gaz)
    assert result.mentions == []


def test_title_block_offsets_and_subject_zone_in_body(gaz: Gazetteer) -> None:
    art = article(
        "黄河岸畔，果香四溢。临猗现代农业产业示范区，如今正通过创新发展模式构建全产业链生态。",
        "依托资源禀赋，临猗示范区构建起现代农业全产业链。",
        "数据显示，示范区企业研发投入年均增长23%。",
    )
    result = link_article(art, gazetteer=gaz)
    assert result.zones == ["linyi-nongye-shifanqu"]
    assert result.cities == ["yuncheng"]
    assert [m.surface for m in result.mentions] == ["临猗现代农业产业示范区", "临猗示范区", "示范区"]
    titled = link_article(article("正文。", kicker="原平经济技术开发区", title="释放土地效能"), gazetteer=gaz)
    (m,) = titled.mentions
    assert m.paragraph == TITLE_BLOCK
    assert title_block(titled)[m.start : m.end] == "原平经济技术开发区"


def test_linking_is_pure(gaz: Gazetteer) -> None:
    art = article("长子经开区未来可期。", title="长子经开区")
    link_article(art, gazetteer=gaz)
    assert art.zones == [] and art.mentions == []


def test_link_document_uses_the_page_to_settle_ambiguous_names(gaz: Gazetteer) -> None:
    source = SourceText(name="x.txt", sha256="0", encoding="utf-8", text="")
    doc = Document(
        source,
        PageInfo(),
        [article("阳泉市召开会议。", title="阳泉市部署工作"), article("城区、郊区开展检查。")],
    )
    linked = link_document(doc, gazetteer=gaz)
    assert [m.slug for m in linked.articles[1].mentions] == ["yangquan-chengqu", "yangquan-jiaoqu"]


def test_local_papers_unnamed_city_is_the_pages_city(gaz: Gazetteer) -> None:
    document = Document(
        SourceText("lvliang.txt", "0", "utf-8", ""),
        PageInfo(),
        [
            article("交城县深入贯彻习近平生态文明思想。", title="交城县统筹经济发展和环境保护"),
            article("离石区建立健全区委领导的工作机制。", title="离石区脱贫攻坚工作综述"),
            article("我市当前道路交通、安全生产工作安排部署。", title="市安委会部署道路交通及安全生产工作"),
            article("项目建设开新局，推进企业绿色发展。", title="抢抓施工黄金周"),
        ],
    )
    linked = link_document(document, gazetteer=gaz)
    assert [a.cities for a in linked.articles] == [["lvliang"], ["lvliang"], ["lvliang"], []]


def test_a_county_papers_masthead_says_where_its_unnamed_county_is(gaz: Gazetteer) -> None:
    body = "县长主持会议，研究经济开发区拓区事宜。会议要求，经济开发区要做好规划，我县各部门全力支持。"
    for masthead, zones in (("A1：清徐*要闻 总第1234期", ["qingxu-jingkaiqu"]), (None, [])):
        document = Document(SourceText("p.txt", "0", "utf-8", ""), PageInfo(masthead=masthead),
                            [article(body, title="县里研究开发区拓区工作")])
        assert link_document(document, gazetteer=gaz).articles[0].zones == zones
    named = Document(SourceText("p.txt", "0", "utf-8", ""), PageInfo(masthead="A1：清徐*要闻"),
                     [article("交城县县长主持会议，研究经济开发区拓区事宜。经济开发区要做好规划。", title="交城研究拓区")])
    assert "qingxu-jingkaiqu" not in link_document(named, gazetteer=gaz).articles[0].zones
