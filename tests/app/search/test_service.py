"""The search service over hand-made archives: recall, marking, ranking, filters, safety."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from app.config import Settings
from app.db import session_scope
from app.search import service
from app.search.documents import IndexDoc
from app.search.service import SearchParams, results_json, search
from ingest import index
from ingest.index import add_documents, delete_keys, indexed_keys, sync_index

from .conftest import Spec, add_articles

Build = Callable[[list[Spec]], Settings]

SPECS = [
    Spec("a-title", "长治高新区推进碳达峰试点", ["园区召开会议，部署PM2.5治理。"], zones=["changzhi-gaoxinqu"],
         cities=["changzhi"], date="2024-03-01", source="one.txt"),
    Spec("a-body", "全省开发区工作会议", ["会上提到长治高新区的做法。", "项目总投资3.6亿元，建设5G基站和MEMS产线。",
                                        "循环 经济试点园区，50 万吨煤焦油深加工。"], date="2023-07-09",
         source="two.txt"),
    Spec("a-pieces", "循环发展", ["循环利用资源，发展经济。"], date="2022-01-01", source="two.txt"),
    Spec("a-zone", "交城经开区生态环境综合治理", ["高质量发展的主战场。"], kicker="嬗变",
         zones=["jiaocheng-jingkaiqu"], date=None, source="three.txt"),
]


def ids(settings: Settings, q: str, sort: str = "relevance", **filters: str) -> list[str]:
    results = search(settings, SearchParams(q=q, per_page=100, filters=filters, sort=sort))
    return [hit.article_id for hit in results.results]


@pytest.fixture
def archive(make_archive: Build) -> Settings:
    return make_archive(SPECS)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("PM2.5", {"a-title"}),
        ("pm2.5", {"a-title"}),
        ("ＰＭ２．５", {"a-title"}),
        ("3.6亿元", {"a-body"}),
        ("5G", {"a-body"}),
        ("MEMS", {"a-body"}),
        ("50万吨", {"a-body"}),  # the stored text says 50 万吨
        ("循环经济", {"a-body"}),  # not a-pieces, which has only 循环 … 经济
        ('"高质量发展"', {"a-zone"}),
        ("嬗变", {"a-zone"}),  # the kicker
        ("长治高新区", {"a-title", "a-body"}),
        ("長治高新區", {"a-title", "a-body"}),
        ("循", {"a-body", "a-pieces"}),
        ("碳达峰 试点", {"a-title"}),
        ("试点 -碳达峰", {"a-body"}),
        ("煤焦油 OR 碳达峰", {"a-title", "a-body"}),
        ("-循环", {"a-title", "a-zone"}),
        ("没有这个词", set()),
    ],
)
def test_literal_recall_and_precision(archive: Settings, q: str, expected: set[str]) -> None:
    assert set(ids(archive, q)) == expected


def test_zone_name_finds_articles_saying_only_the_alias(archive: Settings) -> None:
    results = search(archive, SearchParams(q="长治高新技术产业开发区"))
    assert {hit.article_id for hit in results.results} == {"a-title", "a-body"}
    assert results.suggestions[0]["url"] == "/zones/changzhi-gaoxinqu"
    assert "长治高新区" in results.explanation.text


def test_unquoted_zone_name_also_finds_articles_linked_to_the_zone(make_archive: Build) -> None:
    specs = [*SPECS, Spec("a-linked", "交城县统筹经济发展和环境保护", ["经济开发区污水处理厂投入使用。"],
                          zones=["jiaocheng-jingkaiqu"], source="four.txt")]
    settings = make_archive(specs)
    assert ids(settings, "交城经开区") == ["a-zone", "a-linked"]  # the one that names it first
    assert ids(settings, '"交城经开区"') == ["a-zone"]  # quoted: the exact phrase only
    assert ids(settings, "交城经开区 -污水") == ["a-zone"]


#: An article that prints every piece of query syntax literally: syntax that is read as text
#: must find it, so a search that swallowed an error into "no results" fails here.
JUNK = Spec("a-junk", "符号说明", ['写法 "unbalanced - * : ( ) OR AND [] \\ 都照原样印出。'], source="junk.txt")


@pytest.mark.parametrize(
    ("q", "expected"),
    [*((q, {"a-junk"}) for q in ['"unbalanced', "-", "*", ":", "(", ")", "OR", "AND", "[]", "\\"]),
     ("乱" * 500, set()), ("", set()), ("  ", set())],
)
def test_junk_never_raises(make_archive: Build, q: str, expected: set[str]) -> None:
    results = search(make_archive([*SPECS, JUNK]), SearchParams(q=q, per_page=100))
    assert {hit.article_id for hit in results.results} == expected
    assert results.total == len(expected) and results.query == q


def test_one_result_per_article_with_marked_passage(archive: Settings) -> None:
    results = search(archive, SearchParams(q="长治高新区 会"))
    assert [hit.article_id for hit in results.results].count("a-body") == 1
    body = next(hit for hit in results.results if hit.article_id == "a-body")
    assert body.passage is not None
    assert body.url == f"/p/{body.passage['id']}"
    assert body.passage["snippet_html"] == "<mark>会</mark>上提到<mark>长治高新区</mark>的做法。"


def test_marks_cover_the_stored_characters_and_everything_is_escaped(make_archive: Build) -> None:
    settings = make_archive([Spec("a-1", "标题", ["<b>注意</b> 50 万吨 & “Ｍems”"])])
    snippet = search(settings, SearchParams(q="50万吨 mems"))
    html = snippet.results[0].passage["snippet_html"]  # type: ignore[index]
    assert html == "&lt;b&gt;注意&lt;/b&gt; <mark>50 万吨</mark> &amp; “<mark>Ｍems</mark>”"


def test_best_passage_has_the_most_hits(archive: Settings) -> None:
    hit = search(archive, SearchParams(q="试点 园区")).results
    body = next(h for h in hit if h.article_id == "a-body")
    assert body.passage is not None and body.passage["id"] == "p-a-body-2"


def test_title_and_own_zone_rank_above_passing_mentions(archive: Settings) -> None:
    assert ids(archive, "长治高新区")[0] == "a-title"
    assert ids(archive, "交城")[0] == "a-zone"


def test_filters_sort_and_pages(archive: Settings) -> None:
    assert ids(archive, "园区", zone="changzhi-gaoxinqu") == ["a-title"]
    assert ids(archive, "园区", city="changzhi") == ["a-title"]
    assert ids(archive, "园区", source="two.txt") == ["a-body"]
    assert set(ids(archive, "-没有", date_from="2023-01-01", date_to="2023-12-31")) == {"a-body"}
    assert ids(archive, "-没有", sort="date")[:3] == ["a-title", "a-body", "a-pieces"]
    first = search(archive, SearchParams(q="-没有", per_page=2, page=2))
    assert first.total == 4 and len(first.results) == 2


def test_facets_count_the_whole_result_set(archive: Settings) -> None:
    facets = search(archive, SearchParams(q="-没有", per_page=1)).facets
    assert ("two.txt", "two.txt", 2) in facets["source"]
    assert ("changzhi-gaoxinqu", "长治高新技术产业开发区", 1) in facets["zone"]
    assert {year for year, _, _ in facets["year"]} == {"2022", "2023", "2024"}


def test_results_json_has_the_contract_shape(archive: Settings) -> None:
    answer = results_json(search(archive, SearchParams(q="长治高新区")))
    assert {"query", "total", "page", "per_page", "results"} <= answer.keys()
    hit = answer["results"][0]
    assert {"article_id", "title", "date", "zones", "passage", "url"} <= hit.keys()
    assert hit["zones"] == [{"slug": "changzhi-gaoxinqu", "name": "长治高新技术产业开发区"}]


def test_index_documents_the_database_does_not_name_are_never_returned(archive: Settings) -> None:
    stray = IndexDoc(key="a-ghost:v9", article_id="a-ghost", title="幽灵文章", paragraphs=["长治高新区 幽灵"])
    add_documents(archive, [stray])
    assert "a-ghost:v9" in indexed_keys(archive)
    assert ids(archive, "幽灵") == []
    with session_scope(archive) as session:
        assert sync_index(archive, session) == (0, 1)
    assert "a-ghost:v9" not in indexed_keys(archive)


def test_missing_or_empty_index_gives_no_results(make_archive: Build) -> None:
    settings = make_archive([])
    assert search(settings, SearchParams(q="长治")).total == 0
    add_articles(settings, [Spec("a-1", "长治", ["长治"])], index=False)
    assert search(settings, SearchParams(q="长治")).total == 0  # in the DB, not yet indexed


def test_incremental_adds_and_deletes_update_search(archive: Settings) -> None:
    add_articles(archive, [Spec("a-new", "新增文章", ["碳达峰的新消息"])])
    assert set(ids(archive, "碳达峰")) == {"a-title", "a-new"}
    delete_keys(archive, ["a-new:v1"])
    assert set(ids(archive, "碳达峰")) == {"a-title"}


def test_worker_processes_build_the_same_index(make_archive: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "PARALLEL_MIN_DOCS", 3)
    monkeypatch.setattr(index, "BATCH_SIZE", 2)
    specs = [Spec(f"a-{i}", f"第{i}篇", [f"编号{i:03d}号段落，长治高新区", "公共文字"]) for i in range(9)]
    settings = make_archive(specs)  # sync_index → add_documents with two worker processes
    assert len(indexed_keys(settings)) == 9
    assert set(ids(settings, "编号004")) == {"a-4"}
    assert len(ids(settings, "公共文字")) == 9


def test_explanation_and_hits_serialise(archive: Settings) -> None:
    results = search(archive, SearchParams(q="碳达峰试点 OR 嬗变"))
    assert re.search("碳达峰试点.*嬗变", results.explanation.text)
    assert service.results_json(results)["explanation"]["clauses"][0]["literals"] == ["碳达峰试点", "嬗变"]


def test_a_zone_named_only_in_passing_does_not_file_the_article_under_it(make_archive: Build) -> None:
    settings = make_archive([
        Spec("a-about", "园区项目开工", ["交城经开区的项目开工。"], zones=["jiaocheng-jingkaiqu"]),
        Spec("a-passing", "全省会议", ["会上还提到项目开工。"], mentioned=["jiaocheng-jingkaiqu"]),
    ])
    assert ids(settings, "项目开工", zone="jiaocheng-jingkaiqu") == ["a-about"]
    hits = {hit.article_id: hit.zones for hit in search(settings, SearchParams(q="项目开工")).results}
    assert [z["slug"] for z in hits["a-passing"]] == []


def test_oldest_first_puts_undated_articles_last_and_pages_through_both(make_archive: Build) -> None:
    settings = make_archive([
        Spec("a-new", "园区新闻", ["园区项目开工。"], date="2023-05-01", source="a.txt"),
        Spec("a-old", "园区旧闻", ["园区项目签约。"], date="2021-03-01", source="b.txt"),
        Spec("a-undated", "园区消息", ["园区项目投产。"], date=None, source="c.txt"),
    ])
    first = search(settings, SearchParams(q="园区项目", sort="oldest", per_page=10))
    assert [hit.article_id for hit in first.results] == ["a-old", "a-new", "a-undated"]
    assert first.total == 3
    paged = [search(settings, SearchParams(q="园区项目", sort="oldest", per_page=1, page=n)).results for n in (1, 2, 3)]
    assert [hits[0].article_id for hits in paged] == ["a-old", "a-new", "a-undated"]
