"""Stage 2, clean: raw page text → content lines plus page facts (:class:`CleanPage`).

Each rule is a small named function; :data:`LINE_RULES` declares their order. Furniture
(running heads, 责编, 投稿 addresses, banner slogans) is lifted out of the content lines and
read for the page's date and label. Rules keep ``Line.number`` pointing at the source line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.model import CleanPage, Line, PageInfo, SourceText

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Chinese punctuation that may touch a CJK character with no space between.
CJK_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』—…·％～"
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\s*/?>")
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_DEGREE = re.compile(r"(\d)\s*益")
_BULLET = re.compile(r"姻(?![缘亲])")
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000]+|[ \t\u3000]+(?=[{CJK}{CJK_PUNCT}])")
_NAME = rf"[{CJK}]{{2,4}}"
#: A byline or photo credit printed at the end of a line after the sentence closed.
_TRAILING_CREDIT = re.compile(
    rf"^(?P<body>.*[。！？”）)])[ \t\u3000]+(?P<tail>{_NAME}(?:[ \t\u3000]+{_NAME}){{0,3}}(?:[ \t\u3000]*摄)?)\s*$"
)
_TRAILING_PAREN_CREDIT = re.compile(
    rf"^(?P<body>.*[。！？”])\s*(?P<tail>[（(][{CJK} \t]{{2,16}}[)）])\s*$"
)

_DATE = re.compile(r"(20\d\d|19\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PAGE_LABEL = re.compile(r"(?<![A-Za-z])([A-H]\d{1,2})(?![\d.])|第\s*(\d{1,2})\s*版")
_EDITOR = re.compile(r"^\W*(责编|责任编辑|编辑|美编|校对|版式|组版|审校|值班编委)\s*[:：]")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|投稿|热线[:：]|电话[:：]\s*\d")
_SENTENCE_PUNCT = re.compile(r"[。，；：！？]")


def strip_tags(text: str) -> str:
    """``COD<sub>Cr</sub>`` → ``CODCr``: keep the text, lose stray markup."""
    return _TAG.sub("", text)


def drop_bullets(text: str) -> str:
    """OCR reads the page's ■ bullet as 姻 (which real text only has in 婚姻/姻缘/姻亲)."""
    return _BULLET.sub(" ", text) if "婚姻" not in text else text


def fix_degree_sign(text: str) -> str:
    """OCR reads ℃ as 益 after a number: ``-35益`` → ``-35℃``."""
    return _DEGREE.sub(r"\1℃", text)


def collapse_cjk_spaces(text: str) -> str:
    """Remove spaces OCR put between Chinese characters; keep them between Latin words."""
    return _SPACE_NEAR_CJK.sub("", text).strip()


def heading_text(raw: str) -> str:
    """Reading text for a heading: OCR spacing goes, but a gap between two multi-character
    parts (``优化产业布局 全力推动绿色低碳转型``) is typography and stays as one space."""
    text = fix_degree_sign(drop_bullets(strip_tags(_HEADING_MARK.sub("", raw))))
    parts = [collapse_cjk_spaces(p) for p in re.split(r"[ \t\u3000]{1,}", text.strip()) if p]
    merged: list[str] = []
    for part in parts:
        if merged and (len(part) == 1 or len(merged[-1]) == 1 or not _is_cjk_word(part, merged[-1])):
            merged[-1] += part
        else:
            merged.append(part)
    return " ".join(merged)


def _is_cjk_word(a: str, b: str) -> bool:
    return bool(re.match(rf"[{CJK}“‘《]", a)) and bool(re.search(rf"[{CJK}”’》]$", b))


LineRule = Callable[[str], str]
#: Per-line rules, applied in this order to every content line.
LINE_RULES: tuple[LineRule, ...] = (strip_tags, drop_bullets, fix_degree_sign)


def split_trailing_credit(text: str) -> tuple[str, str | None]:
    """``…之路。 国庆`` → (``…之路。``, ``国庆``): a byline or credit glued to a line's end."""
    for pattern in (_TRAILING_CREDIT, _TRAILING_PAREN_CREDIT):
        match = pattern.match(text)
        if match:
            return match.group("body"), re.sub(r"[ \t\u3000]+", " ", match.group("tail")).strip()
    return text, None


def page_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_running_head(text: str) -> bool:
    """A page header: the issue date with a weekday or page label, and little else."""
    compact = re.sub(r"\s+", "", text)
    return bool(_DATE.search(text)) and len(compact) <= 40 and ("星期" in text or bool(_PAGE_LABEL.search(text)))


def is_editorial_furniture(text: str) -> bool:
    """``责编: 董保彤``, ``投稿：kfqjszk@163.com`` and similar lines about the page, not news."""
    compact = text.strip()
    return bool(_EDITOR.match(compact)) or (len(compact) <= 60 and bool(_CONTACT.search(compact)))


def is_banner_slogan(raw: str, *, is_last: bool, is_first: bool) -> bool:
    """A slogan strip across the page: several spaced chunks, no sentence punctuation, at an
    edge of the page (``在 习近平新时代…指引下 ——新时代新作为新篇章 弘扬吕梁精神 …``)."""
    if not (is_last or is_first):
        return False
    chunks = [c for c in re.split(r"\s+", raw.strip()) if c]
    text = "".join(chunks)
    return len(chunks) >= 4 and len(text) >= 20 and not _SENTENCE_PUNCT.search(text)


def clean_page(source: SourceText) -> CleanPage:
    """Apply the cleaning rules to every line of ``source``; lift furniture into ``PageInfo``."""
    raw_lines = source.text.split("\n")
    numbered = [(i + 1, raw) for i, raw in enumerate(raw_lines) if raw.strip()]
    lines: list[Line] = []
    furniture: list[Line] = []
    date: str | None = None
    page: str | None = None
    for position, (number, raw) in enumerate(numbered):
        text = raw
        for rule in LINE_RULES:
            text = rule(text)
        if is_running_head(text) or is_editorial_furniture(text) or is_banner_slogan(
            raw, is_last=position == len(numbered) - 1, is_first=position == 0
        ):
            furniture.append(Line(number, collapse_cjk_spaces(text), raw))
            if is_running_head(text):
                date = date or page_date(text)
                page = page or _page_label(text)
            continue
        lines.extend(_content_lines(number, raw, text))
    info = PageInfo(publication=_publication(lines), date=date, page=page)
    return CleanPage(lines=tuple(lines), info=info, furniture=tuple(furniture))


def _content_lines(number: int, raw: str, text: str) -> list[Line]:
    marked = bool(_HEADING_MARK.match(raw))
    text = _HEADING_MARK.sub("", text)
    body, tail = split_trailing_credit(text)
    out = [Line(number, collapse_cjk_spaces(body), raw, heading_mark=marked)]
    if tail:
        out.append(Line(number, tail, raw, is_tail=True))
    return [line for line in out if line.text]


def _page_label(text: str) -> str | None:
    match = _PAGE_LABEL.search(text)
    if not match:
        return None
    return match.group(1) or f"{int(match.group(2))}"


def _publication(lines: list[Line]) -> str | None:
    """A page whose datelines all name one paper (``科学导报讯``) is that paper's page."""
    names = {m.group(1) for line in lines if (m := re.match(rf"^([{CJK}]{{2,6}}报)讯", line.text))}
    names.discard("本报")
    return names.pop() if len(names) == 1 else None
