"""read: every encoding a Chinese user has, and junk refused by name."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ingest.read import _COMMON_TEXT, SourceRejected, decode_source, read_source

TEXT = "交城经开区生态环境综合治理攻坚战纪实\n2024年1月23日，金湘军省长在省十四届人大二次会议上作政府工作报告。\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gbk", "gb18030"],
)
def test_decodes_every_common_chinese_encoding(encoding: str) -> None:
    source = decode_source("a.txt", TEXT.encode(encoding))
    assert source.text == TEXT


def test_crlf_line_ends_become_newlines() -> None:
    assert decode_source("a.txt", TEXT.replace("\n", "\r\n").encode()).text == TEXT


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    data = TEXT.encode("gbk")
    assert decode_source("a.txt", data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary"),
    ],
)
def test_junk_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SourceRejected) as caught:
        decode_source("junk.bin", data)
    assert "junk.bin" in str(caught.value)
    assert reason in caught.value.reason


def test_read_source_names_the_file_by_its_basename(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "page.txt"
    path.parent.mkdir()
    path.write_bytes(TEXT.encode("gb18030"))
    assert read_source(path).name == "page.txt"


def test_characters_taken_as_common_text_are_never_control_or_unassigned() -> None:
    # The printable check looks up categories only outside this set: it must hold nothing
    # the check would count against a file.
    inside = [chr(code) for code in range(0x110000) if _COMMON_TEXT.fullmatch(chr(code))]
    assert len(inside) > 20000
    assert [c for c in inside if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")] == []
