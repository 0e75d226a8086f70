"""Reading an article's title block: kicker (引题), title and subtitle (副题), and a title
supplied where the page printed none.

Chinese papers and sites stack up to three kinds of line above an article. The kicker
names the place, body or campaign (``交城经开区``, ``山西大同：``), leads in (``在…``),
reports who spoke (``朱晓东强调``) or sets parallel slogans (``科学规划 合理布局 拓展提升``);
the subtitle is a ``——`` line or a much shorter second line (``韦韬张新伟出席``). A column
tag in brackets (``【新春走基层】…``) belongs to the title it stands in.
"""

from __future__ import annotations

import re

from ingest.model import PageArticle
from ingest.units import Unit

_ENTITY_SUFFIX = re.compile(
    r"(开发区|示范区|高新区|农高区|经开区|园区|产业园|工业园|项目|调研组|指导组|督查组|[一二三四五六七八九十]组"
    r"|考察团|管委会|委员会|政府|公司|集团|[省市县]委|[省市]?[^布格大全新开结当时]局|厅|中心)$"
)
#: A speaker named above the title: ``朱晓东强调``, ``市委书记在调研时指出``.
_SPEAKER = re.compile(r"^[\u4e00-\u9fff、]{2,14}(?:强调|指出|要求|表示|寄语|提出)$")
#: Below this share of the title's length a second heading line is a subtitle (副题).
SUBTITLE_SHARE = 0.5
SUPPLIED_TITLE_LENGTH = 24


def read_title_block(heads: list[Unit]) -> tuple[str | None, str | None, str | None]:
    """Kicker, title and subtitle from a block of heading units (see the module)."""
    subtitle = " ".join(u.text for u in heads if u.kind == "subtitle") or None
    lines = _drop_repeats(_merge_overlaps([line for u in heads if u.kind == "heading" for line in _lines(u)]))
    if not lines:
        return None, None, subtitle
    kicker = None
    if len(lines) == 1:
        first, rest = _split_outside_brackets(lines[0])
        if rest and _is_kicker(first):
            return first, rest, subtitle
        return None, lines[0], subtitle
    if is_kicker_line(lines[0], lines[1]):
        kicker, lines = lines[0], lines[1:]
    if subtitle is None and len(lines) == 2 and len(_compact(lines[1])) <= SUBTITLE_SHARE * len(_compact(lines[0])):
        return kicker, lines[0], lines[1]
    return kicker, " ".join(lines), subtitle


def is_kicker_line(line: str, following: str) -> bool:
    """Is ``line``, printed above ``following``, the kicker rather than the title's first line?"""
    return _is_kicker(line) or _is_slogan_row(line) and not _is_slogan_row(following)


def _lines(unit: Unit) -> list[str]:
    return unit.parts if len(unit.parts) > 1 else [unit.text]


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _is_kicker(text: str) -> bool:
    compact = _compact(text)
    if compact.startswith("【") and compact.endswith("】"):
        return True
    if compact.startswith(("【", "[")):
        return False  # a column tag starts the title itself
    return (
        bool(_ENTITY_SUFFIX.search(compact))
        or (compact.startswith("在") and len(compact) <= 24)
        or bool(_SPEAKER.match(compact))
        or (compact.endswith(("：", ":")) and len(compact) <= 14)
    )


def _is_slogan_row(text: str) -> bool:
    """Three or more short parallel phrases set apart by spaces: ``科学规划 合理布局 拓展提升``."""
    chunks = text.split()
    return len(chunks) >= 3 and all(2 <= len(c) <= 6 for c in chunks)


def _split_outside_brackets(text: str) -> tuple[str, str]:
    """``A B`` → (A, B) at the first space that is not inside ``【…】``."""
    depth = 0
    for position, char in enumerate(text):
        if char in "【[":
            depth += 1
        elif char in "】]":
            depth -= 1
        elif char == " " and depth <= 0:
            return text[:position], text[position + 1:]
    return text, ""


def _drop_repeats(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not out or _compact(out[-1]) != _compact(line):
            out.append(line)
    return out


def _merge_overlaps(lines: list[str]) -> list[str]:
    """OCR sometimes reads a two-line title twice over: ``管网漏水事故现场指导抢险处置`` and
    ``王立伟赴…管网漏水事故现场``. A suffix of one that is a prefix of the other joins them."""
    merged: list[str] = []
    for line in lines:
        if merged:
            joined = _overlap_join(merged[-1], line) or _overlap_join(line, merged[-1])
            if joined:
                merged[-1] = joined
                continue
        merged.append(line)
    return merged


def _overlap_join(first: str, second: str) -> str | None:
    for size in range(min(len(first), len(second)) - 1, 3, -1):
        if first.endswith(second[:size]):
            return first + second[size:]
    return None


def supply_title(article: PageArticle) -> str:
    """A title for an article the page printed none for: its first sentence, shortened."""
    body = next((p.text for p in article.paragraphs if p.kind == "body"), "")
    sentence = re.split(r"(?<=[。！？])", body, maxsplit=1)[0] or body
    if len(sentence) > SUPPLIED_TITLE_LENGTH:
        clause = re.split(r"[，；：]", sentence)[0]
        sentence = clause if 6 <= len(clause) <= SUPPLIED_TITLE_LENGTH else sentence[:SUPPLIED_TITLE_LENGTH]
        sentence += "…"
    return sentence.rstrip("。！？") or "（无标题）"
