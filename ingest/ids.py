"""Content-derived ids: the same text always gets the same id, in any archive.

Ids are short base32 digests (lower case, URL-safe) of what the thing *is*: a paragraph is
its source file's name, its text and which repeat of that text it is; an article is its
source name and its printed title (or, untitled, its first paragraph). Texts are compared
after :func:`normalised` (NFC, whitespace dropped), so "which repeat" must be counted on the
normalised text too: two paragraphs that differ only in whitespace are two repeats of one text.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from collections.abc import Iterator
from pathlib import PurePath

_SEPARATOR = "\x1f"


def digest(*parts: str, length: int = 12) -> str:
    data = _SEPARATOR.join(unicodedata.normalize("NFC", p) for p in parts).encode("utf-8")
    return base64.b32encode(hashlib.sha256(data).digest()).decode("ascii").lower()[:length]


def normalised(text: str) -> str:
    """The text an id is derived from: NFC, every whitespace character dropped."""
    return unicodedata.normalize("NFC", "".join(text.split()))


def source_names(path: PurePath) -> Iterator[str]:
    """A file's candidate source names, best first: its file name, then the name qualified by
    one more of its folders at a time (``2024/page.txt``, ``paper/2024/page.txt`` …).

    The archive gives a new file the first candidate no other source holds, so a file name
    that is unique keeps the ids it always had (they hash the source name).
    """
    parts = path.parts[1:] if path.is_absolute() else path.parts
    for depth in range(1, len(parts) + 1):
        yield "/".join(parts[-depth:])


def source_id(name: str) -> str:
    return "s-" + digest(name, length=10)


def paragraph_id(source_name: str, text: str, occurrence: int = 0) -> str:
    """``occurrence`` counts earlier paragraphs of the same file with the same normalised text."""
    return "p-" + digest(source_name, normalised(text), str(occurrence))


def article_id(source_name: str, key_text: str, occurrence: int = 0) -> str:
    """``occurrence`` counts earlier articles of the same file with the same normalised key."""
    return "a-" + digest(source_name, normalised(key_text), str(occurrence), length=10)


def content_hash(*parts: str) -> str:
    return digest(*parts, length=10)
