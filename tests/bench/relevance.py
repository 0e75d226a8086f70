"""``make bench``'s relevance table (issue 10): the judged query set on the sample corpus,
this archive's search against plain Whoosh + jieba's ChineseAnalyzer with OR grouping.

Run: ``python -m tests.bench.relevance``. Builds the sample archive in a temporary folder,
logs one line per system: success@3 and the zero-result rate.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from app.config import Settings
from tests.app.search.judged import Score, load, measure
from tests.app.search.test_judged_queries import article_texts, ranked_ids

log = logging.getLogger("bench.relevance")
CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "sample_corpus"


def _sample(folder: Path) -> Settings:
    from ingest.pipeline import ingest

    settings = Settings(data_dir=folder)
    ingest(settings, [CORPUS])
    return settings


def plain_whoosh(texts: dict[str, str], folder: Path) -> Score:
    """Whoosh + jieba ChineseAnalyzer over title and text, OR grouping, BM25F."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields, index, qparser

    schema = fields.Schema(id=fields.ID(stored=True), text=fields.TEXT(analyzer=ChineseAnalyzer()))
    built = index.create_in(str(folder), schema)
    with built.writer() as writer:
        for article, text in texts.items():
            writer.add_document(id=article, text=text)
    parser = qparser.QueryParser("text", schema, group=qparser.OrGroup)

    def ranked(q: str) -> list[str]:
        with built.searcher() as searcher:
            return [hit["id"] for hit in searcher.search(parser.parse(q), limit=10)]

    return measure(load(texts), ranked)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        settings = _sample(Path(tmp) / "archive")
        texts = article_texts(settings)
        ours = measure(load(texts), lambda q: ranked_ids(settings, q))
        (Path(tmp) / "whoosh").mkdir()
        theirs = plain_whoosh(texts, Path(tmp) / "whoosh")
    log.info("| system (judged set, %d queries) | success@3 | zero results |", ours.queries)
    log.info("| --- | --- | --- |")
    for name, score in (("this archive", ours), ("plain Whoosh + jieba, OR grouping", theirs)):
        log.info("| %s | %.0f %% | %.0f %% |", name, 100 * score.success_at_3, 100 * score.zero_rate)
    log.info("missed by this archive: %s", ours.missed)
    log.info("missed by Whoosh + jieba OR: %s", theirs.missed)


if __name__ == "__main__":
    main()
