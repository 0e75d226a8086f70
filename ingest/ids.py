"""Content-derived ids: the same text always gets the same id, in any archive.

Ids are short base32 digests (lower case, URL-safe) of what the thing *is*: a paragraph is
its source file's name, its text and which repeat of that text it is; an article is its
source name and its printed title (or, untitled, its first paragraph).
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata

_SEPARATOR = "\x1f"


def digest(*parts: str, length: int = 12) -> str:
    data = _SEPARATOR.join(unicodedata.normalize("NFC", p) for p in parts).encode("utf-8")
    return base64.b32encode(hashlib.sha256(data).digest()).decode("ascii").lower()[:length]


def source_id(name: str) -> str:
    return "s-" + digest(name, length=10)


def paragraph_id(source_name: str, text: str, occurrence: int = 0) -> str:
    """``occurrence`` counts earlier paragraphs of the same file with the same text."""
    return "p-" + digest(source_name, "".join(text.split()), str(occurrence))


def article_id(source_name: str, key_text: str, occurrence: int = 0) -> str:
    return "a-" + digest(source_name, "".join(key_text.split()), str(occurrence), length=10)


def content_hash(*parts: str) -> str:
    return digest(*parts, length=10)
