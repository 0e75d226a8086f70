"""The reading form of a line: what every decision of the pipeline looks at.

Pages come in traditional characters, with full-width digits, and with ASCII ``,:;!?()``
where Chinese type has ``，：；！？（）``. Cues such as 本報訊, 責任編輯 or a sentence closed by
``!`` must read the same as 本报讯, 责任编辑 and ``！``. :func:`reading_form` maps each
character on its own, so it never changes a text's length: a position in the reading
form is the same position in the printed text, and :mod:`ingest.restore` can give the
articles back their printed characters.
"""

from __future__ import annotations

import re

from app.search.analyzer import simplified

#: The CJK ideograph ranges every ingest rule means by "a Chinese character" (a regex class body).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: ASCII punctuation that Chinese type sets full-width; mapped only next to Chinese text
#: so that ``13:14``, ``(1)`` in Latin text and URLs keep theirs.
_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{CJK}”’》）])[,:;!?()]|[,:;!?()](?=[{CJK}“‘《（])")
#: Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) to ASCII.
_FULL_ALNUM = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}
)


def reading_form(text: str) -> str:
    """``text`` simplified, full-width digits/letters made ASCII, ASCII punctuation beside
    Chinese made full-width; always the same length as ``text``."""
    text = simplified(text).translate(_FULL_ALNUM)
    return _PUNCT_NEAR_CJK.sub(lambda m: m.group(0).translate(_HALF_TO_FULL), text)
