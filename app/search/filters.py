"""The search's filters, declared once: every module that knows a filter reads this table.

A :class:`Filter` is a URL parameter of ``/search`` and ``/api/search`` (CONTRACT.md) that
narrows the result set to the articles whose index field ``field`` holds a value:

* the index (:mod:`app.search.schema` for Whoosh, :mod:`app.search.tantivy_index`) stores
  each :class:`IndexField` — what :attr:`IndexField.values` reads from an
  :class:`~app.search.documents.IndexDoc`;
* matching (:func:`app.search.service` for Whoosh's columns, :func:`app.search.tantivy_search.filters`)
  turns ``op`` into a test or a query: ``is`` — the article holds the value; ``from`` /
  ``to`` — its value is at least / at most the value (articles without one fail);
* the service carries the values in ``SearchParams.filters`` and counts each ``facet``;
* the archive validates them (``pattern``, ``valid``, ``error``), resolves ``kind`` (a zone
  or city given by name), names the applied ones on chips (``chip``) and the facets;
* the route declares them as query parameters, with ``pattern`` in the OpenAPI schema.

Adding a filter over an existing kind of value is one entry in :data:`FILTERS` (a new
index field also goes into :data:`FIELDS`, and the indexes need their version bumped).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from app.search.documents import IndexDoc

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class IndexField:
    """A field the index keeps for filtering and facets."""

    name: str
    #: The document's values (empty when it has none).
    values: Callable[[IndexDoc], tuple[str, ...]]
    #: More than one value per document (kept space-separated in Whoosh's column).
    many: bool = False
    #: ``YYYY-MM-DD``: tantivy keeps it as the integer YYYYMMDD (ranges, date order).
    is_date: bool = False

    @property
    def whoosh_column(self) -> str:
        """The Whoosh column read per segment: a list column for many values, else the field's own."""
        return f"{self.name}s_col" if self.many else self.name


def _zones(doc: IndexDoc) -> tuple[str, ...]:
    return tuple(doc.zones)


def _cities(doc: IndexDoc) -> tuple[str, ...]:
    return tuple(doc.cities)


def _source(doc: IndexDoc) -> tuple[str, ...]:
    return (doc.source,) if doc.source else ()


def _year(doc: IndexDoc) -> tuple[str, ...]:
    return (doc.date[:4],) if doc.date else ()


def _date(doc: IndexDoc) -> tuple[str, ...]:
    return (doc.date,) if doc.date else ()


#: The index fields, in the order the Whoosh schema has always declared them.
FIELDS: tuple[IndexField, ...] = (
    IndexField("zone", _zones, many=True),
    IndexField("city", _cities, many=True),
    IndexField("source", _source),
    IndexField("year", _year),
    IndexField("date", _date, is_date=True),
)
FIELD = {field.name: field for field in FIELDS}


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@dataclass(frozen=True)
class Filter:
    """One filter: its URL parameter, index field, test, validation, chip and facet."""

    name: str  # the URL parameter, and the key in SearchParams.filters
    field: str  # an IndexField's name
    op: Literal["is", "from", "to"]
    #: What the value is, for resolving and showing it: zone | city | source | year | date.
    kind: str
    chip: str  # the applied filter's chip says "{chip}：{value}"
    #: The facet's heading when the result set is counted by this filter's field.
    facet: str | None = None
    pattern: str | None = None  # for the OpenAPI schema
    valid: Callable[[str], bool] | None = None  # the check behind ``pattern``
    error: str = ""  # the 422 message when ``valid`` fails ("{name}" is the parameter)
    description: str = ""


#: Every filter, in the order search URLs carry them.
FILTERS: tuple[Filter, ...] = (
    Filter("zone", "zone", "is", "zone", "开发区", facet="开发区",
           description="A zone's slug, official name or alias (422 when unknown)."),
    Filter("city", "city", "is", "city", "城市", facet="城市",
           description="A city's slug or name (422 when unknown)."),
    Filter("year", "year", "is", "year", "年份", facet="年份", pattern=r"^\d{4}$",
           valid=lambda value: len(value) == 4 and value.isdigit(), error="year 应为四位数字。",
           description="Articles dated in this year (YYYY)."),
    Filter("source", "source", "is", "source", "版面", facet="报刊 · 日期 · 版次",
           description="A source file's name: the articles of one printed page."),
    Filter("date_from", "date", "from", "date", "起", pattern=DATE_PATTERN, valid=_is_date,
           error="参数 {name} 应为 YYYY-MM-DD 格式的日期。", description="Dated on or after (YYYY-MM-DD)."),
    Filter("date_to", "date", "to", "date", "止", pattern=DATE_PATTERN, valid=_is_date,
           error="参数 {name} 应为 YYYY-MM-DD 格式的日期。", description="Dated on or before (YYYY-MM-DD)."),
)
BY_NAME = {item.name: item for item in FILTERS}
#: Facet name (the filter's) → its index field, for the filters that are facets.
FACETS = {item.name: item.field for item in FILTERS if item.facet}


def holds(item: Filter, values: tuple[str, ...], wanted: str) -> bool:
    """Whether a document with ``values`` in the filter's field passes ``wanted``."""
    if item.op == "is":
        return wanted in values
    if not values:
        return False  # an undated article fails a date range
    return values[0] >= wanted if item.op == "from" else values[0] <= wanted


def ranges(values: Mapping[str, str]) -> list[tuple[Filter, Filter]]:
    """The (from, to) pairs of one field that ``values`` sets both ends of."""
    found = []
    for low in FILTERS:
        for high in FILTERS:
            if (low.op, high.op) == ("from", "to") and low.field == high.field and values.get(low.name) \
                    and values.get(high.name):
                found.append((low, high))
    return found
