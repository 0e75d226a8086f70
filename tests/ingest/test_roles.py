"""Roles, folding, discovery and relinking in the link stage (``ingest/roles.py``,
``ingest/names.py`` through ``ingest/link.py``).

Sentences are the project's own, written in the shapes reports take.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.places import Gazetteer, ZoneEntry, load_gazetteer
from ingest.link import link_article, link_document
from ingest.model import Document, PageArticle, PageInfo, PageParagraph, SourceText


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def article(*body: str, title: str | None = None, captions: tuple[str, ...] = ()) -> PageArticle:
    paragraphs = [PageParagraph("body", text, (n + 1, n + 1)) for n, text in enumerate(body)]
    paragraphs += [PageParagraph("caption", text, (90, 90)) for text in captions]
    return PageArticle(title=title, paragraphs=paragraphs)


def test_a_zone_whose_figures_are_given_is_reported_one_named_in_passing_is_mentioned(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "春节刚过，全市重点工程陆续复工，各县区项目现场机器轰鸣。",
            "在原平经济技术开发区，一家新材料企业的二期工程已完成投资3.6亿元，年内可投产。",
            "会议还传达了《关于支持襄垣经济技术开发区扩大开放的意见》的有关精神。",
        ),
        gazetteer=gaz,
    )
    assert result.zone_roles == {"yuanping-jingkaiqu": "reported", "xiangyuan-jingkaiqu": "mentioned"}
    assert result.zones == ["yuanping-jingkaiqu"]
    assert result.cities == ["xinzhou"]  # the mentioned zone's city is no evidence


def test_zones_reporting_at_a_meeting_are_all_reported(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "全省开发区工作推进会昨日召开。",
            "会上，古县经济技术开发区、洪洞经济技术开发区、襄汾经济技术开发区作交流发言。",
        ),
        gazetteer=gaz,
    )
    assert set(result.zone_roles.values()) == {"reported"}
    assert set(result.zone_roles) == {"guxian-jingkaiqu", "hongtong-jingkaiqu", "xiangfen-jingkaiqu"}
    assert result.cities == ["linfen"]


def test_a_tie_makes_two_subjects_not_none(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "祁县经济开发区与灵石经济技术开发区签署合作协议。",
            "祁县经济开发区提供土地，灵石经济技术开发区引入企业。",
        ),
        gazetteer=gaz,
    )
    assert result.zone_roles == {"qixian-jingkaiqu": "subject", "lingshi-jingkaiqu": "subject"}


def test_an_official_post_among_guests_is_a_mention(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "新建的物流园今日开园，总投资12亿元。",
            "副市长李某，大同经济技术开发区管委会主任王某等出席仪式。",
        ),
        gazetteer=gaz,
    )
    assert result.zone_roles == {"datong-jingkaiqu": "mentioned"}
    assert result.zones == []


def test_a_caption_set_as_the_headline_makes_no_subject(gaz: Gazetteer) -> None:
    result = link_article(
        article(
            "临汾经开区今年新签约项目21个，总投资56亿元。",
            "临汾经开区还推出了代办服务。",
            title="位于侯马经济开发区的一家企业厂区一角",
        ),
        gazetteer=gaz,
    )
    assert result.zone_roles["linfen-jingkaiqu"] == "subject"
    assert result.zone_roles["houma-jingkaiqu"] == "mentioned"


def test_traditional_characters_and_full_width_link_with_printed_offsets(gaz: Gazetteer) -> None:
    text = "晉城經濟技術開發區今年引進項目１５個，新簽約企業投資超過２０億元。"
    result = link_article(article(text, "該園區還建成了兩座標準化廠房。"), gazetteer=gaz)
    assert result.zones == ["jincheng-jingkaiqu"]
    assert result.cities == ["jincheng"]
    (first, *_) = [m for m in result.mentions if m.slug == "jincheng-jingkaiqu"]
    assert first.surface == "晉城經濟技術開發區" == text[first.start : first.end]


def test_one_passing_city_name_makes_no_city(gaz: Gazetteer) -> None:
    result = link_article(
        article("记者从省里获悉，今年全省开发区建设取得新进展，其中有来自运城的企业代表参会。"),
        gazetteer=gaz,
    )
    assert result.cities == []


def test_a_county_of_a_renamed_name_places_the_article(gaz: Gazetteer) -> None:
    result = link_article(
        article("长治县经济技术开发区今年新建标准厂房8万平方米。"),
        gazetteer=gaz,
    )
    assert result.zones == ["shangdang-jingkaiqu"]  # 长治县 is 上党区 since 2018, not 长治市
    assert result.new_zones == []


@pytest.mark.parametrize(
    ("text", "slug", "county", "city"),
    [
        ("阳高县经济技术开发区新签约项目3个。", "yanggao-jingkaiqu", "yanggao", "datong"),
        ("大宁县生态文化旅游示范区接待游客12万人次。", "daning-wenlv-shifanqu", "daning", "linfen"),
        ("蒲县工业园区新入驻企业5家。", "puxian-yuanqu", "puxian", "linfen"),
    ],
)
def test_place_plus_zone_type_not_in_the_gazetteer_is_discovered(
    gaz: Gazetteer, text: str, slug: str, county: str, city: str
) -> None:
    result = link_article(article(text), gazetteer=gaz)
    (zone,) = result.new_zones
    assert (zone.slug, zone.county_slug, zone.city_slug) == (slug, county, city)
    assert result.zone_roles == {slug: "reported"}
    assert result.cities == [city]


def test_a_zone_outside_shanxi_is_not_discovered(gaz: Gazetteer) -> None:
    result = link_article(article("代表团赴浙江嘉兴经济技术开发区考察学习。"), gazetteer=gaz)
    assert result.new_zones == [] and result.zone_roles == {}


def test_relinking_with_a_changed_gazetteer_changes_the_zones(gaz: Gazetteer) -> None:
    text = "阳高县经济技术开发区新签约项目3个，阳高经开区负责人介绍了进展。"
    before = link_article(article(text), gazetteer=gaz)
    assert [z.slug for z in before.new_zones] == ["yanggao-jingkaiqu"]
    listed = ZoneEntry(
        slug="yanggao-jingkaiqu", name="阳高经济技术开发区", aliases=("阳高经开区",), level="provincial",
        city_slug="datong", county_slug="yanggao", counties=("yanggao",),
    )
    richer = Gazetteer.build(gaz.cities, gaz.counties, (*gaz.zones, listed), gaz.not_places)
    after = link_article(article(text), gazetteer=richer)
    assert after.new_zones == [] and after.zone_roles == {"yanggao-jingkaiqu": "subject"}
    # a zone the gazetteer drops is found again only as a discovery, under the same slug
    poorer = Gazetteer.build(
        gaz.cities, gaz.counties, [z for z in gaz.zones if z.slug != "qingxu-jingkaiqu"], gaz.not_places
    )
    named = article("清徐经开区今年新开工项目9个。")
    assert link_article(named, gazetteer=gaz).new_zones == []
    assert [z.slug for z in link_article(named, gazetteer=poorer).new_zones] == ["qingxu-jingkaiqu"]


def test_link_document_gives_we_city_articles_the_pages_city(gaz: Gazetteer) -> None:
    articles = [
        article("吕梁经开区今年新签约项目12个，总投资30亿元。", "吕梁经开区负责人介绍了进展。"),
        article("孝义经济开发区新开工项目5个。", "孝义经开区还建成了两座标准厂房。"),
        article("我市召开全市安全生产会议，部署冬季各项工作。"),
    ]
    source = SourceText(name="page.txt", sha256="0" * 64, encoding="utf-8", text="")
    linked = link_document(Document(source=source, info=PageInfo(), articles=articles), gazetteer=gaz)
    assert [a.cities for a in linked.articles] == [["lvliang"], ["lvliang"], ["lvliang"]]


def test_every_zone_of_the_gazetteer_links_by_each_of_its_names(gaz: Gazetteer) -> None:
    for zone in gaz.zones:
        for name in zone.names:
            result = link_article(article(f"{name}今年新签约项目10个。"), gazetteer=gaz)
            assert replace(result, mentions=[]).zones == [zone.slug], (zone.slug, name)
