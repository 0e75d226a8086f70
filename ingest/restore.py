"""The end of stage 3: the segmented articles get back what the page printed.

Segmentation reads lines in their reading form (simplified, punctuation normalised — see
:mod:`ingest.fold`), so its articles come out in that form. The archive stores and shows
text as printed (traditional stays traditional, ``!`` stays ``!``): because the reading
form maps each character on its own, every character of an article can be found again
in the printed lines it came from. :func:`ingest.segment.segment_page` calls
:func:`restore_printed` last, so no caller ever sees the reading form. Also here: an author the page named only in its
metadata (``作者：…``) becomes the byline of a page's single unsigned article.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.fold import reading_form
from ingest.model import CleanPage, PageArticle, PageParagraph

_SPACE = re.compile(r"\s")


class PrintedPage:
    """A page's printed content lines beside their reading form, for look-ups by line."""

    def __init__(self, page: CleanPage) -> None:
        self.numbers = [number for number, _ in page.printed]
        self.printed = [_SPACE.sub("", text) for _, text in page.printed]
        self.reading = [reading_form(text) for text in self.printed]
        self.all_printed = "".join(self.printed)
        self.all_reading = "".join(self.reading)

    def span(self, first: int, last: int) -> tuple[str, str]:
        """(reading, printed) text of the content lines numbered ``first`` to ``last``."""
        chosen = [k for k, n in enumerate(self.numbers) if first <= n <= last]
        return "".join(self.reading[k] for k in chosen), "".join(self.printed[k] for k in chosen)


def restore_printed(articles: list[PageArticle], page: CleanPage) -> list[PageArticle]:
    """``articles`` with every text in the page's printed characters (see the module)."""
    if not page.printed:
        return articles
    lookup = PrintedPage(page)
    if lookup.all_reading == lookup.all_printed:
        restored = articles  # nothing was folded on this page
    else:
        restored = [_restore_article(article, lookup) for article in articles]
    return _credit_page_author(restored, page)


def _restore_article(article: PageArticle, page: PrintedPage) -> PageArticle:
    def whole(text: str | None) -> str | None:
        return printed_form(text, page.all_reading, page.all_printed, contiguous=True) if text else text

    paragraphs = [
        PageParagraph(p.kind, printed_form(p.text, *page.span(*p.lines)), p.lines) for p in article.paragraphs
    ]
    return replace(
        article,
        paragraphs=paragraphs,
        title=whole(article.title),
        kicker=whole(article.kicker),
        subtitle=whole(article.subtitle),
        byline=whole(article.byline),
        dateline=whole(article.dateline),
    )


def printed_form(text: str, reading: str, printed: str, *, contiguous: bool = False) -> str:
    """``text`` (reading form) with each character replaced by the printed one it came from.

    ``reading`` and ``printed`` are the same source text, whitespace removed, in the two
    forms. Paragraphs are read as a subsequence (a segmenter only drops and joins); titles
    and other short fields as one stretch of the page (``contiguous``). A character that
    cannot be placed stays as it is: never lose text to a restoration.
    """
    if not text:
        return text
    if contiguous:
        key = _SPACE.sub("", text)
        start = reading.find(key)
        if start < 0:
            return text
        reading, printed = reading[start:start + len(key)], printed[start:start + len(key)]
    if reading == printed:  # nothing folded in this stretch: every character maps to itself
        return text
    out: list[str] = []
    position = 0
    for char in text:
        found = reading.find(char, position) if not char.isspace() else -1
        if found < 0:
            out.append(char)
            continue
        out.append(printed[found])
        position = found + 1
    return "".join(out)


def _credit_page_author(articles: list[PageArticle], page: CleanPage) -> list[PageArticle]:
    author = page.info.byline
    if author is None or len(articles) != 1 or articles[0].byline:
        return articles
    return [replace(articles[0], byline=author)]
