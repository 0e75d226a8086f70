"""ingest/syllables.py: the written-out syllables are exactly what pypinyin's dictionary gives."""

from __future__ import annotations

import unicodedata

from ingest.syllables import TONELESS


def test_the_syllables_are_pypinyins() -> None:
    from pypinyin.constants import PINYIN_DICT

    def toneless(reading: str) -> str:
        plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
        return plain.replace("ü", "u").replace("v", "u")

    derived = frozenset(toneless(r) for readings in PINYIN_DICT.values() for r in readings.split(","))
    assert derived == TONELESS
