"""Stage 1, read: bytes of a report file → :class:`SourceText`, or a clear refusal.

Chinese users hand us UTF-8 (with or without BOM), UTF-16 and GBK/GB18030. BOMs are
trusted first; otherwise strict UTF-8, then charset-normalizer's best guess, which must
decode cleanly and look like text. Empty, binary or undecodable files raise
:class:`SourceRejected` naming the file and the reason; the caller skips them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ingest.model import SourceText

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Below this share of printable characters a decoded file is junk, not a report.
_MIN_PRINTABLE = 0.95


class SourceRejected(Exception):
    """A file that cannot be a report: empty, binary or undecodable."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def read_source(path: Path, *, name: str | None = None) -> SourceText:
    """Read and decode one file; raise :class:`SourceRejected` if it is not report text.

    ``name`` is the source's name in the archive (default: the file name).
    """
    return decode_source(name or path.name, path.read_bytes())


def decode_source(name: str, data: bytes) -> SourceText:
    """Decode raw bytes into a :class:`SourceText` (pure; see the module contract)."""
    if not data.strip():
        raise SourceRejected(name, "empty file")
    text, encoding = _decode(name, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _looks_like_text(text):
        raise SourceRejected(name, f"binary or garbled content (decoded as {encoding})")
    return SourceText(name=name, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, text=text)


def _decode(name: str, data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise SourceRejected(name, f"undecodable {encoding}: {exc.reason}") from exc
    if b"\x00" in data[:4096]:
        decoded = _utf16_without_bom(data)
        if decoded is None:
            raise SourceRejected(name, "binary content (NUL bytes)")
        return decoded
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # the last resort: most files never need its import

    guess = from_bytes(data).best()
    if guess is None:
        raise SourceRejected(name, "no text encoding decodes it")
    return str(guess), guess.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    # UTF-16 text without a BOM has NULs in every other byte of its ASCII; try both orders.
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text) and any("\u4e00" <= ch <= "\u9fff" for ch in text):
            return text, encoding
    return None


#: Assigned, printable characters of every Unicode version Python ships (checked by a test).
_COMMON_TEXT = re.compile("[\u0020-\u007e\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]+")


def _looks_like_text(text: str) -> bool:
    if not text.strip():
        return False
    sample = text[:20000]
    # Most characters are Chinese, ASCII or CJK punctuation, never control or unassigned:
    # only the rest need their category looked up.
    rare = _COMMON_TEXT.sub("", sample)
    bad = sum(1 for ch in rare if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\t")
    return bad / len(sample) <= 1 - _MIN_PRINTABLE
