"""What a page says about itself: its publication date, paper or site, page and author.

Read from the furniture :mod:`ingest.furniture` found (running heads, 发布时间/来源 lines,
``作者：`` lines) and from the datelines of the text (``临汾新闻网讯``). A date is only
taken where the page states one with its year; a date in a sentence is an event's, not
the page's, and a date is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.fold import CJK
from ingest.furniture import compact
from ingest.model import PageInfo

_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:年[\s/]*(\d{1,2})\s*月[\s/]*(\d{1,2})\s*日|([-/.])(\d{1,2})\4(\d{1,2})(?!\d))"
)
#: Fields that date the publication itself, in the order they are believed.
_DATE_FIELDS = re.compile(r"(?:发布时间|发表时间|发布日期|刊发日期|更新时间|出版日期|时间|日期)\s*[:：]")
_SOURCE_FIELD = re.compile(rf"(?:来源|稿源|来自)\s*[:：]\s*(?P<name>[{CJK}A-Za-z0-9·]{{2,24}})")
_AUTHOR_FIELD = re.compile(r"(?:作者|记者)\s*[:：]\s*(?P<names>[^《(（:：|]{2,60})")
_PAPER = re.compile(rf"《?(?P<name>[{CJK}]{{2,10}}(?:日报|晚报|时报|商报|导报|周报|经济报|报|杂志))》?")
_DATELINE_SOURCE = re.compile(rf"^(?P<name>[{CJK}]{{2,10}}(?:报|网|台|社|刊))(?:讯|记者)")
_PAGE = re.compile(r"(?<![A-Za-z])([A-H]\d{1,2})(?![\d.])|第\s*(\d{1,3})\s*版|(?<![\d年月日])(\d{1,3})\s*版")


def date_in(text: str) -> str | None:
    """The first full date (with year) in ``text`` as ``YYYY-MM-DD``, if it is a real day."""
    for match in _YMD.finditer(text):
        year = int(match.group(1))
        month = int(match.group(2) or match.group(5))
        day = int(match.group(3) or match.group(6))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def page_label(text: str) -> str | None:
    """``B2``, ``第 005 版`` → ``5``, ``03版`` → ``3``."""
    match = _PAGE.search(text)
    if not match:
        return None
    return match.group(1) or str(int(match.group(2) or match.group(3)))


def publication_date(furniture: Sequence[tuple[str, str]]) -> str | None:
    """The page's date: a labelled field first, then a running head, then a bare
    date-and-time line; ``furniture`` is (kind, reading text) in page order."""
    labelled = [text[m.end():] for kind, text in furniture if kind == "meta" and (m := _DATE_FIELDS.search(text))]
    heads = [text for kind, text in furniture if kind in ("running-head", "page-label")]
    others = [text for kind, text in furniture if kind == "meta"]
    for group in (labelled, heads, others):
        for text in group:
            if date := date_in(text):
                return date
    return None


def publication_name(furniture: Sequence[tuple[str, str]], first_lines: Sequence[str]) -> str | None:
    """The paper or site: a 来源 field, a paper named in a running head or meta line, or a
    dateline naming its paper (``山西日报记者…``, ``临汾新闻网讯``) on the page's first lines."""
    for kind, text in furniture:
        if kind == "meta" and (m := _SOURCE_FIELD.search(text)):
            return m.group("name")
    for kind, text in furniture:
        if kind in ("running-head", "meta") and (m := _PAPER.search(text)) and not m.group("name").startswith("本"):
            return m.group("name")
    names = {m.group("name") for text in first_lines if (m := _DATELINE_SOURCE.match(compact(text)))}
    names = {n for n in names if not n.startswith("本")}
    return names.pop() if len(names) == 1 else None


def page_author(furniture: Sequence[tuple[str, str]]) -> str | None:
    """``作者：本报记者 李建斌 杨珏`` → the byline a web page printed in its metadata."""
    for _, text in furniture:
        if m := _AUTHOR_FIELD.search(text):
            names = re.split(r"\s*(?:[|｜]|来源|编辑|责任编辑|日期|时间|阅读|浏览|语音)", m.group("names"))[0]
            names = " ".join(names.split())
            if names:
                return names
    return None


def page_facts(furniture: Sequence[tuple[str, str]], first_lines: Sequence[str]) -> PageInfo:
    """Everything the page states about itself (see the module contract)."""
    heads = [text for kind, text in furniture if kind in ("running-head", "page-label")]
    heads += [text for kind, text in furniture if kind == "meta" and "版" in text]
    label = next((p for text in heads if (p := page_label(text))), None)
    masthead = " ".join(text for kind, text in furniture if kind in ("running-head", "page-label")) or None
    return PageInfo(
        publication=publication_name(furniture, first_lines),
        date=publication_date(furniture),
        page=label,
        byline=page_author(furniture),
        masthead=masthead,
    )
