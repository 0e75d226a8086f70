"""The filter table (app.search.filters) is the one source every layer reads: each filter is a
declared query parameter, is shown as a chip (and counted as a facet when it is one), and
round-trips through the index on both engines — all checked from the table itself, so a new
entry is tested without a new test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from app import models
from app.archive.search import _SHOWN, FACET_LABELS
from app.archive.search import FILTERS as URL_ORDER
from app.config import Settings
from app.db import session_scope
from app.main import create_app
from app.search import schema, tantivy_index, tantivy_search
from app.search.documents import IndexDoc, doc_from_row
from app.search.filters import FIELD, FIELDS, FILTERS, holds
from tests.app.search.conftest import Spec

Build = Callable[[list[Spec]], Settings]
SPECS = [
    Spec("a-one", "园区建设", ["项目开工。"], zones=["changzhi-gaoxinqu"], cities=["changzhi"], date="2023-07-09",
         source="one.txt"),
    Spec("a-two", "园区招商", ["签约仪式。"], zones=["jiaocheng-jingkaiqu"], date="2024-05-01", source="two.txt"),
    Spec("a-three", "园区环境", ["治理成效。"], date=None, source="three.txt"),
]
EVERYTHING = "-幽灵"  # a query of one negative clause: every article


def test_every_filter_is_a_declared_parameter_of_each_search_route(tmp_path: Path) -> None:
    spec = create_app(Settings(data_dir=tmp_path)).openapi()
    for path in ("/api/search", "/search.csv", "/search.jsonl"):
        declared = {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}
        for item in FILTERS:
            assert item.name in declared, (path, item.name)
            if item.pattern:
                assert declared[item.name]["anyOf"][0]["pattern"] == item.pattern


def test_every_filter_has_a_field_a_chip_and_is_kept_in_links() -> None:
    whoosh_fields = set(schema.build_schema().names())
    tantivy_fields = {name for name, _ in _tantivy_fields()}
    for item in FILTERS:
        field = FIELD[item.field]
        assert item.name in URL_ORDER and item.chip and item.kind in _SHOWN
        assert field.name in whoosh_fields and field.whoosh_column in whoosh_fields
        assert field.name in tantivy_fields
        if item.facet:
            assert FACET_LABELS[item.name] == item.facet
            assert tantivy_search.FACET_FIELDS[item.name] == item.field


def _tantivy_fields() -> list[tuple[str, object]]:
    doc = tantivy_index.to_document(IndexDoc(key="k", article_id="a", title="题", zones=["z"], cities=["c"],
                                             date="2024-01-02", source="s.txt"))
    return list(doc.to_dict().items())


def _docs(settings: Settings) -> dict[str, IndexDoc]:
    with session_scope(settings) as session:
        return {a.id: doc_from_row(a) for a in session.scalars(select(models.Article))}


def test_every_filter_round_trips_through_the_index_route_and_chips(make_archive: Build) -> None:
    settings = make_archive(SPECS)
    docs = _docs(settings)
    with TestClient(create_app(settings)) as client:
        for item in FILTERS:
            for value in {v for doc in docs.values() for v in FIELD[item.field].values(doc)}:
                expected = {a for a, doc in docs.items() if holds(item, FIELD[item.field].values(doc), value)}
                answer = client.get("/api/search", params={"q": EVERYTHING, item.name: value, "per_page": 100})
                assert answer.status_code == 200, (item.name, value, answer.text)
                assert {r["article_id"] for r in answer.json()["results"]} == expected, (item.name, value)
                page = client.get("/search", params={"q": EVERYTHING, item.name: value}).text
                assert f"{item.chip}：" in page


def test_every_facet_counts_the_values_the_documents_hold(make_archive: Build) -> None:
    settings = make_archive(SPECS)
    docs = _docs(settings)
    with TestClient(create_app(settings)) as client:
        facets = client.get("/api/search", params={"q": EVERYTHING}).json()["facets"]
    for item in FILTERS:
        if item.facet:
            held: dict[str, int] = {}
            for doc in docs.values():
                for value in FIELD[item.field].values(doc):
                    held[value] = held.get(value, 0) + 1
            assert {f["value"]: f["count"] for f in facets[item.name]} == held, item.name
    assert {field.name for field in FIELDS} == {item.field for item in FILTERS}
