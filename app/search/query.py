"""The query language: what a user types, read as clauses of literal strings.

* words separated by spaces must all occur (AND); each word is matched as a literal string,
  never as its pieces (循环经济 does not match 循环…经济);
* ``"…"`` (also “…”) is one literal, spaces and all (spaces are ignored in matching, as the
  index ignores them: ``"50 万吨"`` finds 50万吨);
* ``a OR b`` accepts either; ``-word`` / ``-"…"`` excludes;
* a word that is a zone's official name or alias stands for all of that zone's names;
* an unquoted word that names a city or county (any of its names, former ones included:
  屯留县 → 屯留区) also matches the articles filed under that place; the county's other
  names and the thesaurus's words for it (:mod:`app.search.thesaurus`) are *expansions*,
  matched too but ranked lower; a word in toneless pinyin that spells a place name
  (jiaocheng) stands for that name.

Any input is a valid query: unbalanced quotes close at the end, a lone ``-`` or ``OR`` is
an ordinary character string, and syntax never raises. :func:`parse` is pure; the zone
names come in as a :class:`Names` table built by the service.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from app.search.analyzer import cut_words, literal_chars

QUOTES = {'"': '"', "“": "”", "”": "”", "＂": "＂", "「": "」"}
#: Longest query kept (characters): a pasted page must not turn into thousands of clauses.
MAX_QUERY = 500
MAX_CLAUSES = 32


@dataclass(frozen=True)
class ZoneNames:
    """One zone as the query language knows it."""

    slug: str
    name: str
    names: tuple[str, ...]  # official name first, then aliases


@dataclass(frozen=True)
class CountyNames:
    """One county-level unit as the query language knows it."""

    slug: str
    name: str
    names: tuple[str, ...]  # official name first, then former and short names
    city: str  # the city's slug
    zones: tuple[ZoneNames, ...]  # the zones lying in it


@dataclass
class Names:
    """Folded zone and city names → places, for expansion and suggestions."""

    zones: dict[str, ZoneNames] = field(default_factory=dict)
    cities: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded name → (slug, name)
    counties: dict[str, CountyNames] = field(default_factory=dict)  # folded name → county
    pinyin: dict[str, str] = field(default_factory=dict)  # toneless pinyin → place name

    @classmethod
    def build(cls, zones: Iterable[ZoneNames], cities: Iterable[tuple[str, str]]) -> Names:
        """From zones and (slug, official city name) pairs; a city answers with or without 市."""
        table = cls()
        for zone in zones:
            for name in zone.names:
                table.zones.setdefault(literal_chars(name), zone)
        for slug, name in cities:
            for form in {name, name.removesuffix("市")}:
                if len(form) >= 2:
                    table.cities.setdefault(literal_chars(form), (slug, name))
        return table


@dataclass
class Clause:
    """One AND-ed part of a query: literals any one of which must (or must not) occur."""

    text: str  # as typed
    literals: list[str]  # folded, whitespace removed, de-duplicated; first is the typed one
    exclude: bool = False
    zone: ZoneNames | None = None  # the zone the typed literal names, if any
    city: tuple[str, str] | None = None  # (slug, name) of the city it names, if any
    words: list[str] = field(default_factory=list)  # jieba's cut of the typed literal
    #: Unquoted zone names also match the articles linked to that zone (every report on
    #: 交城经开区, also one that only says 经济开发区 in a report about 交城县); quoted
    #: strings stay exact phrases.
    linked_zone: str | None = None
    #: Lower-ranked literals: a county's other names, the thesaurus's words.
    expansions: list[str] = field(default_factory=list)
    #: Zones and cities whose articles also satisfy the clause (a named city or county).
    linked_zones: list[str] = field(default_factory=list)
    linked_cities: list[str] = field(default_factory=list)
    county: CountyNames | None = None
    quoted: bool = False
    #: Index key → occurrences of the typed literal with punctuation and spacing skipped, in
    #: articles that do not print it plainly (煤不露天焦不落地 in “煤不露天、焦不落地”): they
    #: satisfy the clause as literals do (found by :func:`app.search.fallback.punctuated`).
    also_keys: dict[str, int] = field(default_factory=dict)

    @property
    def matching(self) -> list[str]:
        """Every literal that satisfies the clause: the literals, then the expansions."""
        return [*self.literals, *(e for e in self.expansions if e not in self.literals)]


@dataclass
class ParsedQuery:
    """A query as clauses; ``clauses`` keep the typed order."""

    text: str
    clauses: list[Clause]

    @property
    def positive(self) -> list[Clause]:
        return [clause for clause in self.clauses if not clause.exclude]

    @property
    def negative(self) -> list[Clause]:
        return [clause for clause in self.clauses if clause.exclude]

    def explain(self) -> str:
        """How the query was read, in the UI's language."""
        parts = []
        for clause in self.clauses:
            part = " 或 ".join(f"“{literal}”" for literal in clause.literals)
            if clause.zone is not None and len(clause.literals) > 1:
                part += f"（{clause.zone.name}的各种名称）"
            if clause.words and len(clause.words) > 1:
                part += f"〔分词：{' / '.join(clause.words)}〕"
            if clause.expansions:
                part += f"〔扩展：{' / '.join(clause.expansions)}〕"
            parts.append(("不含 " if clause.exclude else "") + part)
        return "；".join(parts) if parts else "（空查询）"


@dataclass(frozen=True)
class _Token:
    text: str
    quoted: bool
    exclude: bool


def _tokens(text: str) -> Iterator[_Token]:
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        exclude = False
        if char == "-" and i + 1 < n and not text[i + 1].isspace():
            exclude, i = True, i + 1
            char = text[i]
        if char in QUOTES:
            end = text.find(QUOTES[char], i + 1)
            end = n if end < 0 else end
            yield _Token(text[i + 1 : end], quoted=True, exclude=exclude)
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in QUOTES:
            i += 1
        yield _Token(text[start:i], quoted=False, exclude=exclude)


def _groups(tokens: list[_Token]) -> list[list[_Token]]:
    # `a OR b OR c` → one group; an OR with nothing usable on a side is an ordinary word.
    groups: list[list[_Token]] = []
    pending_or = False
    for index, token in enumerate(tokens):
        is_or = token.text == "OR" and not token.quoted and not token.exclude
        has_next = index + 1 < len(tokens) and not tokens[index + 1].exclude
        if is_or and groups and not groups[-1][0].exclude and has_next:
            pending_or = True
            continue
        if pending_or and not token.exclude:
            groups[-1].append(token)
        else:
            groups.append([token])
        pending_or = False
    return groups


def parse(text: str, names: Names | None = None) -> ParsedQuery:
    """``text`` as a :class:`ParsedQuery`; never raises (see the module docstring)."""
    text = text[:MAX_QUERY]
    tokens = [token for token in _tokens(text) if literal_chars(token.text)]
    clauses = [_clause(group, names or Names()) for group in _groups(tokens)[:MAX_CLAUSES]]
    return ParsedQuery(text=text, clauses=clauses)


def _clause(group: list[_Token], names: Names) -> Clause:
    literals: list[str] = []
    zone: ZoneNames | None = None
    city: tuple[str, str] | None = None
    linked: str | None = None
    reader = _Reader()
    for token in group:
        chars = literal_chars(token.text)
        if not token.quoted and chars.isascii() and chars.isalpha() and chars in names.pinyin:
            chars = literal_chars(names.pinyin[chars])
        found = names.zones.get(chars)
        zone = zone or found
        city = city or names.cities.get(chars)
        expand = found is not None and not token.quoted
        expanded = [chars, *(literal_chars(name) for name in found.names)] if expand and found else [chars]
        literals.extend(literal for literal in expanded if literal not in literals)
        if expand and found and not group[0].exclude and linked is None:
            linked = found.slug
        if not token.quoted and not group[0].exclude:
            reader.read(chars, names)
    typed = " OR ".join(token.text for token in group)
    words = [word for word, _, _ in cut_words(literals[0] if literals else group[0].text)]
    return Clause(
        text=typed, literals=literals, exclude=group[0].exclude, zone=zone, city=city, words=words,
        linked_zone=linked, expansions=[e for e in reader.expansions if e not in literals],
        linked_zones=reader.zones, linked_cities=reader.cities, county=reader.county,
        quoted=all(token.quoted for token in group),
    )


class _Reader:
    """What an unquoted word adds beyond its literal: places it names, the thesaurus's words."""

    def __init__(self) -> None:
        self.expansions: list[str] = []
        self.zones: list[str] = []
        self.cities: list[str] = []
        self.county: CountyNames | None = None

    def read(self, chars: str, names: Names) -> None:
        from app.search.thesaurus import expansions

        city = names.cities.get(chars)
        if city is not None and city[0] not in self.cities:
            self.cities.append(city[0])
        county = names.counties.get(chars)
        if county is not None:
            self.county = self.county or county
            self._add(literal_chars(name) for name in county.names)
            self.zones.extend(z.slug for z in county.zones if z.slug not in self.zones)
        self._add(expansions(chars))

    def _add(self, words: Iterable[str]) -> None:
        self.expansions.extend(word for word in words if word not in self.expansions)
