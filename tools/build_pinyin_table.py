"""Write ``app/data/pinyin_chars.json``: each basic CJK character whose reading no phrase changes.

Usage: ``.venv/bin/python tools/build_pinyin_table.py`` after changing the pinned pypinyin.
:func:`app.places.toneless` reads a name from this table when all its characters are in it
(no phrase of such characters reads one otherwise), so making a zone's slug does not load pypinyin's
dictionaries; ``tests/app/test_places.py`` fails while the file differs from what the
installed pypinyin gives.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.places import PINYIN_FILE  # noqa: E402


def context_free_readings() -> dict[str, str]:
    """Basic CJK character → the toneless reading pypinyin gives it alone, for characters that
    no phrase made of such characters reads otherwise.

    A character with two readings (杭: hang, kang) still qualifies when every phrase holding it
    reads it the way it is read alone; one that a phrase reads another way (火燵, 长治) does not.
    """
    from pypinyin import lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict

    readings = {}
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        heard = lazy_pinyin(char, errors="ignore")
        if heard:
            readings[char] = heard[0]
    for phrase in phrases_dict:
        if all(char in readings for char in phrase):
            for char, read in zip(phrase, lazy_pinyin(phrase), strict=True):
                if read != readings.get(char, read):
                    del readings[char]
    return readings


def main() -> None:
    readings = context_free_readings()
    document = {"pypinyin": version("pypinyin"), "readings": readings}
    PINYIN_FILE.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(readings)} characters written to {PINYIN_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
