"""Firms named in a sentence (for :mod:`ingest.facts`), and names given back as printed.

``firm_names(sentence)`` finds each name ending in 有限公司 / 股份有限公司 and where it
starts: from its province (山西…, 山东…; not one in brackets, 科技(山西)有限公司) or from a
clean break (与, 的, 、, 引进 …); a run whose start is unclear, or words that describe firms
rather than name one (一些…有限公司), give none. ``printed_name`` maps a name read from a
paragraph's folded form back to the paragraph's printed characters. Pure.
"""

from __future__ import annotations

import re

from app.search.analyzer import simplified
from ingest.names import PROVINCES

_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司)")
#: Where a firm's name may start: after these a new name begins (与山西…, 的山西…).
ZONE_PREFIX = re.compile(r"^.*?(?:开发区|经开区|高新区|农高区|示范区|园区)")
_NAME_BREAK = re.compile(r".*(?:[与和、的及]|引进了?|通过|携手|牵手)")
#: Words that describe firms rather than name one: 一些高端印刷有限公司.
_NOT_ONE_FIRM = re.compile(r"一些|多家|几家|一批|部分|众多|相关|各类|这些")
#: Verbs and particles a name is read after: 引进山西…, 与山西….
FIRM_LEAD = re.compile(r"^(?:走访|引进|落户|签约|与|和|由|依托|推动|支持|其中|包括|如|由|对|在|是|为|的|等|了)+")
#: A paragraph counts as printed in traditional characters past this share of changed ones.
_TRADITIONAL_SHARE = 0.05


def firm_names(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of every firm the sentence names (see the module contract)."""
    out = []
    for m in _COMPANY.finditer(sentence):
        name = _company_name(sentence, m.start(), m.group())
        if name and not _NOT_ONE_FIRM.search(name):
            out.append((m.end() - len(name), m.end(), name))
    return out


def _company_name(sentence: str, start: int, text: str) -> str | None:
    """The firm's name inside a run of characters ending in 有限公司; ``None`` when where
    it starts is unclear."""
    text = ZONE_PREFIX.sub("", text)  # 风陵渡开发区德瑞宝…公司: the firm is in the zone, not named after it
    lead = FIRM_LEAD.match(text)
    if lead and lead.end():
        text, start = text[lead.end() :], start + lead.end()
    for province in ("山西", *PROVINCES):
        at = text.find(province)
        if at >= 0 and text[at - 1 : at] not in ("(", "（"):
            return text[at:]
    head = _NAME_BREAK.match(text[:-4])
    if head:
        return text[head.end() :] if len(text) - head.end() >= 6 else None
    clean = start == 0 or bool(lead and lead.end()) or not re.match(r"[\u4e00-\u9fff]", sentence[start - 1])
    return text if clean and len(text) >= 6 else None


def printed_name(name: str, folded: str, printed: str) -> str:
    """``name`` (read from ``folded``, the paragraph's folded form) as the paragraph
    ``printed`` it: its own characters and letter case (中科尚昇, ABB) in a simplified text,
    simplified characters in a traditional one, so that one firm reads one way in a dossier."""
    at = folded.find(name)
    if at < 0 or len(folded) != len(printed):
        return name
    changed = sum(a != b for a, b in zip(printed, simplified(printed), strict=True))
    source = simplified(printed) if changed > _TRADITIONAL_SHARE * len(printed) else printed
    return source[at : at + len(name)]
