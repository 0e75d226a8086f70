"""Nothing lost: every Chinese character of a page ends up in an article or in recorded
furniture, except what a named cleaning rule removes (pinyin annotations, 姻 bullets …),
continuation markers (``（下转4版）``, kept as the article's ``continued_to``) and the second
reading of a title OCR read twice over (``segment._merge_overlaps``).

Runs over the bundled sample corpus, the project's own web and mirror pages
(``tests/ingest/pages``) and, where the shared real texts sit beside the checkout, over
every one of them too.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from app.search.analyzer import simplified
from ingest.clean import apply_rules, clean_page
from ingest.read import read_source
from ingest.segment import segment_page

ROOT = Path(__file__).resolve().parents[2]
REAL_TEXTS = ROOT.parent / "shared" / "realworld" / "texts"
PAGES = sorted((ROOT / "ingest" / "sample_corpus").glob("*.txt")) + sorted(Path(__file__).with_name("pages").glob("*.txt"))
REAL = sorted(REAL_TEXTS.glob("*.txt")) if REAL_TEXTS.is_dir() else []


#: Continuation markers: recorded as ``continued_from``/``continued_to``, not as text.
MARKER = re.compile(r"[（(]\s*(?:上接|接上|下转|转下|转)\s*第?\s*[A-Z]?\d{1,2}\s*版\s*[)）]")


def cjk(text: str) -> Counter[str]:
    return Counter(ch for ch in simplified(text) if "\u4e00" <= ch <= "\u9fff")


def lost_characters(path: Path) -> Counter[str]:
    source = read_source(path)
    page = clean_page(source)
    articles = segment_page(page)
    kept = Counter[str]()
    for article in articles:
        fields = (article.kicker, article.title, article.subtitle, article.byline, article.dateline)
        kept += cjk("".join(f or "" for f in fields) + article.text)
    kept += cjk("".join(line.text for line in page.furniture))
    lost = cjk(MARKER.sub("", apply_rules(source.text))) - kept
    titles = cjk("".join(a.title or "" for a in articles))
    return Counter({ch: n for ch, n in lost.items() if ch not in titles})


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_every_character_of_a_page_is_kept(path: Path) -> None:
    assert lost_characters(path) == Counter()


@pytest.mark.skipif(not REAL, reason="../shared/realworld is not beside this checkout")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_every_character_of_a_real_text_is_kept(path: Path) -> None:
    assert lost_characters(path) == Counter()
