"""Stage 2, clean: raw page text → content lines plus page facts (:class:`CleanPage`).

Each text rule is a small named function; :data:`LINE_RULES` declares their order, and
headings go through the same list (:func:`heading_text`). Every line is then read in its
reading form (:mod:`ingest.fold`: simplified, punctuation normalised), page and site
furniture is lifted out (:mod:`ingest.furniture`) and read for the page's date, paper,
page and author (:mod:`ingest.pagefacts`). Rules keep ``Line.number`` pointing at the
source line, and the printed characters of each content line are kept for the articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.fold import CJK, reading_form
from ingest.furniture import furniture_kinds
from ingest.model import CleanPage, Line, SourceText
from ingest.pagefacts import page_facts
from ingest.syllables import TONELESS

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
#: A pinyin syllable in parentheses right after the character it annotates: 經(jīng), or in
#: full-width ones, 經（jīng）, as sites that print Chinese punctuation throughout have it.
_PINYIN_GROUP = re.compile(rf"(?<=[{CJK}）)])[(（](?P<syllable>[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüv]{{1,6}})[)）]")
_TONE_MARKS = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")


def strip_tags(text: str) -> str:
    """``COD<sub>Cr</sub>`` → ``CODCr``: keep the text, lose stray markup."""
    return _TAG.sub("", text)


def drop_pinyin_annotations(text: str) -> str:
    """``經(jīng)濟(jì)開發(fā)區(qū)(qu)`` → ``經濟開發區``: some mirror sites print each character's
    pinyin after it. A group goes when it is a real syllable: with a tone mark, or toneless
    and at least two letters (so ``(a)`` in a list survives)."""

    def replace(match: re.Match[str]) -> str:
        syllable = match.group("syllable")
        toned = any(ch in _TONE_MARKS for ch in syllable)
        return "" if toned or (len(syllable) >= 2 and _plain(syllable) in pinyin_syllables()) else match.group(0)

    previous = None
    while previous != text:  # 區(qu)(qu): each pass removes the group now touching a character
        previous, text = text, _PINYIN_GROUP.sub(replace, text)
    return text


def _plain(syllable: str) -> str:
    return syllable.replace("ü", "u").replace("v", "u")


def pinyin_syllables() -> frozenset[str]:
    """Every toneless Mandarin syllable, from pypinyin's dictionary (:mod:`ingest.syllables`)."""
    return TONELESS


def drop_bullets(text: str) -> str:
    """OCR reads the page's ■ bullet as 姻 (which real text only has in 婚姻/姻缘/姻亲)."""
    return _BULLET.sub(" ", text) if "婚姻" not in text else text


def fix_degree_sign(text: str) -> str:
    """OCR reads ℃ as 益 after a number: ``-35益`` → ``-35℃``."""
    return _DEGREE.sub(r"\1℃", text)


def collapse_cjk_spaces(text: str) -> str:
    """Remove spaces OCR put between Chinese characters; keep them between Latin words."""
    return _SPACE_NEAR_CJK.sub("", text).strip()


LineRule = Callable[[str], str]
#: Text rules, applied in this order to every line, headings included.
LINE_RULES: tuple[LineRule, ...] = (strip_tags, drop_pinyin_annotations, drop_bullets, fix_degree_sign)


def apply_rules(text: str) -> str:
    for rule in LINE_RULES:
        text = rule(text)
    return text


def heading_text(raw: str) -> str:
    """Reading text for a heading: OCR spacing goes, but a gap between two multi-character
    parts (``优化产业布局 全力推动绿色低碳转型``) is typography and stays as one space."""
    text = apply_rules(_HEADING_MARK.sub("", raw))
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


def split_trailing_credit(text: str) -> tuple[str, str | None]:
    """``…之路。 国庆`` → (``…之路。``, ``国庆``): a byline or credit glued to a line's end."""
    for pattern in (_TRAILING_CREDIT, _TRAILING_PAREN_CREDIT):
        match = pattern.match(text)
        if match:
            return match.group("body"), re.sub(r"[ \t\u3000]+", " ", match.group("tail")).strip()
    return text, None


def clean_page(source: SourceText) -> CleanPage:
    """Apply the cleaning rules to every line of ``source``; lift furniture into ``PageInfo``."""
    numbered = [(i + 1, apply_rules(raw)) for i, raw in enumerate(source.text.split("\n"))]
    numbered = [(n, printed) for n, printed in numbered if printed.strip()]
    reading = [reading_form(printed) for _, printed in numbered]
    kinds = furniture_kinds(reading)
    lines: list[Line] = []
    furniture: list[Line] = []
    found: list[tuple[str, str]] = []  # (kind, reading text) of each furniture line, for page_facts
    printed_lines: list[tuple[int, str]] = []
    for (number, printed), text, kind in zip(numbered, reading, kinds, strict=True):
        if kind is not None:
            furniture.append(Line(number, collapse_cjk_spaces(text), text))
            found.append((kind, text.strip()))
            continue
        lines.extend(_content_lines(number, text))
        printed_lines.append((number, printed))
    info = page_facts(found, [line.text for line in lines])
    return CleanPage(lines=tuple(lines), info=info, furniture=tuple(furniture), printed=tuple(printed_lines))


def _content_lines(number: int, text: str) -> list[Line]:
    marked = bool(_HEADING_MARK.match(text))
    text = _HEADING_MARK.sub("", text)
    body, tail = split_trailing_credit(text)
    out = [Line(number, collapse_cjk_spaces(body), text, heading_mark=marked)]
    if tail:
        out.append(Line(number, tail, text, is_tail=True))
    return [line for line in out if line.text]
