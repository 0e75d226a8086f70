"""The place rows ``ingest/store.py`` writes for an article: every zone with its role, the
cities it is about, the counties it names (what search and the place pages read)."""

from __future__ import annotations

from app.places import load_gazetteer
from ingest.link import link_article
from ingest.model import Document, PageArticle, PageInfo, PageParagraph, SourceText
from ingest.store import document_rows


def test_places_are_stored_by_role() -> None:
    body = [
        "稷山经济技术开发区今年新签约项目8个，总投资26亿元。",
        "稷山县还将与新绛县共建物流园，会议传达了《关于支持风陵渡经济开发区发展的意见》。",
    ]
    linked = link_article(
        PageArticle(title=None, paragraphs=[PageParagraph("body", t, (n + 1, n + 1)) for n, t in enumerate(body)]),
        gazetteer=load_gazetteer(),
    )
    source = SourceText(name="own.txt", sha256="0" * 64, encoding="utf-8", text="\n".join(body))
    rows = document_rows(Document(source=source, info=PageInfo(), articles=[linked]), source_id="s-x")
    places = {(r["kind"], r["slug"]): r["role"] for r in rows.places}
    assert places == {
        ("zone", "jishan-jingkaiqu"): "reported",
        ("zone", "fenglingdu-jingkaiqu"): "mentioned",
        ("city", "yuncheng"): "subject",
        ("county", "jishan"): "reported",
        ("county", "xinjiang"): "reported",
    }
