"""The Whoosh schema: one document per article version, keyed by ``Article.index_key``.

Matching is decided by the gram fields alone (``chars``: every character with its count;
``bigrams``: every adjacent pair with its positions — see :mod:`app.search.analyzer`). The
word fields (``title`` for title/kicker/subtitle, ``body`` for paragraphs) rank. Filters and
facets read the fields of :data:`app.search.filters.FIELDS`; everything search reads per
matching document (keys, filter values, the folded title block) is a column, read once per
segment.

The schema is pickled into the index's table of contents, so the classes here must stay
importable under these names.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import columns, fields, formats
from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from app.search.analyzer import bigram_positions, char_counts, cut_words
from app.search.filters import FIELDS
from app.search.tokenizers import GramTokenizer, WordTokenizer

#: Bumped when the schema or the analyzer changes in a way that needs a re-index.
SCHEMA_VERSION = 1


class ArrayPositions(formats.Positions):  # type: ignore[misc]
    """Positions stored as a raw ``array('I')``: decoded in C, not unpickled per posting."""

    def encode(self, poslist: list[int]) -> bytes:
        return array("I", poslist).tobytes()  # type: ignore[no-any-return]

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return array("I", valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost  # type: ignore[no-any-return]


class CHARS(fields.TEXT):  # type: ignore[misc]
    """Every character of the text with its count (no positions: one character needs none)."""

    def __init__(self) -> None:
        super().__init__(analyzer=GramTokenizer(bigrams=False), phrase=False)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        # Whoosh's token-by-token path costs ~5× more; this yields the same postings.
        pack = formats.pack_uint
        for char, count in char_counts(value).items():
            yield char.encode("utf-8"), count, float(count), pack(count)


class BIGRAMS(fields.FieldType):  # type: ignore[misc]
    """Every adjacent character pair with its positions (see :func:`bigram_positions`)."""

    def __init__(self) -> None:
        self.format = ArrayPositions()
        self.analyzer = GramTokenizer(unigrams=False)
        self.scorable = False
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        for gram, positions in bigram_positions(value).items():
            yield (gram.encode("utf-8"), len(positions), float(len(positions)),
                   array("I", positions).tobytes())


class WORDS(fields.TEXT):  # type: ignore[misc]
    """jieba words with their counts. Words only rank (matching is the grams' job), so
    frequencies suffice: no positions."""

    def __init__(self) -> None:
        super().__init__(analyzer=WordTokenizer(), phrase=False)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        pack = formats.pack_uint
        counts = Counter(word for word, _, _ in cut_words(value))
        for word, count in counts.items():
            yield word.encode("utf-8"), count, float(count), pack(count)


def _list_column() -> fields.COLUMN:
    return fields.COLUMN(columns.VarBytesColumn())


def build_schema() -> fields.Schema:
    """The schema every index of this archive is created with."""
    filtered: dict[str, Any] = {}
    for item in FIELDS:  # the filter table's fields (app.search.filters)
        if item.many:
            filtered[item.name] = fields.KEYWORD()
            filtered[item.whoosh_column] = _list_column()
        else:
            filtered[item.name] = fields.ID(sortable=True)
    return fields.Schema(
        key=fields.ID(unique=True, stored=True, sortable=True),
        article_id=fields.ID(stored=True, sortable=True),
        chars=CHARS(),
        bigrams=BIGRAMS(),
        title=WORDS(),
        body=WORDS(),
        byline=WORDS(),
        **filtered,
        #: Title, kicker and subtitle, folded, one per line: title hits without postings.
        head_col=_list_column(),
    )


#: The index's name inside ``settings.index_dir``: a schema change starts a fresh index,
#: which the next ingest's ``sync_index`` fills from the database.
INDEX_NAME = f"articles_v{SCHEMA_VERSION}"


def open_index(index_dir: Path) -> FileIndex | None:
    """The archive's index for reading, or ``None`` when there is none (yet)."""
    if not index_dir.is_dir() or not whoosh_index.exists_in(str(index_dir), INDEX_NAME):
        return None
    return whoosh_index.open_dir(str(index_dir), INDEX_NAME, readonly=True)


def open_or_create_index(index_dir: Path) -> FileIndex:
    """The archive's index for writing, created empty when missing."""
    index_dir.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(index_dir), INDEX_NAME):
        return whoosh_index.open_dir(str(index_dir), INDEX_NAME)
    return whoosh_index.create_in(str(index_dir), build_schema(), INDEX_NAME)
