"""Golden files: the whole sample corpus through read → clean → segment, compared with the
reviewed expectation in ``golden/`` (Open ONI's OCR-extractor tests do the same).

Each paragraph is recorded whole (kind, lines, text), so a change anywhere in a paragraph
fails, not only one at its ends. After an intended change, regenerate with either of

    .venv/bin/python -m tests.ingest.test_golden_pages --update
    DEVZONE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/ingest/test_golden_pages.py

and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest.clean import clean_page
from ingest.pipeline import SAMPLE_CORPUS
from ingest.read import read_source
from ingest.segment import segment_page

GOLDEN = Path(__file__).parent / "golden"
PAGES = sorted(SAMPLE_CORPUS.glob("*.txt"))


def outline(path: Path) -> list[dict[str, Any]]:
    articles = segment_page(clean_page(read_source(path)))
    return [
        {
            "kicker": a.kicker, "title": a.title, "title_supplied": a.title_supplied, "subtitle": a.subtitle,
            "byline": a.byline, "dateline": a.dateline,
            "continued_from": a.continued_from, "continued_to": a.continued_to,
            "paragraphs": [f"{p.kind} {p.lines[0]}-{p.lines[1]} {p.text}" for p in a.paragraphs],
        }
        for a in articles
    ]


@pytest.mark.parametrize("path", PAGES, ids=[p.name[:3] for p in PAGES])
def test_sample_page_segments_as_reviewed(path: Path) -> None:
    golden = GOLDEN / f"{path.stem}.json"
    actual = outline(path)
    if os.environ.get("DEVZONE_UPDATE_GOLDEN"):
        write_golden(path)
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def write_golden(path: Path) -> None:
    """Record what the pipeline makes of ``path`` today as its golden outline."""
    golden = GOLDEN / f"{path.stem}.json"
    golden.write_text(json.dumps(outline(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.mark.parametrize("path", PAGES, ids=[p.name[:3] for p in PAGES])
def test_every_content_character_survives_segmentation(path: Path) -> None:
    """Never lose text: every Chinese character of the page's content is in some article."""
    page = clean_page(read_source(path))
    articles = segment_page(page)
    kept = "".join(
        (a.kicker or "") + (a.title or "") + (a.subtitle or "") + (a.byline or "") + (a.dateline or "") + a.text
        for a in articles
    )
    content = "".join(line.text for line in page.lines)
    missing = sorted({ch for ch in content if "\u4e00" <= ch <= "\u9fff"} - set(kept))
    assert missing == []


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.ingest.test_golden_pages --update")
    for page in PAGES:
        write_golden(page)
