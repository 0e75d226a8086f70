"""The pipeline's vocabulary: plain dataclasses handed from one stage to the next.

Each idea has one name across the project: an article or paragraph as read off a page is
a :class:`PageArticle` / :class:`PageParagraph` (the archive's stored rows are
``app.models.Article`` / ``Paragraph``), a place named in it a :class:`PlaceMention`
(stored as ``app.models.Mention``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceText:
    """A decoded input file (stage ``read``)."""

    name: str  # the source's identity: the file name, folder-qualified when another source has it
    sha256: str  # of the raw bytes: an unchanged file is skipped by this
    encoding: str
    text: str  # decoded, newlines normalised to \n; kept verbatim for the source view


@dataclass(frozen=True)
class Line:
    """One source line after cleaning (stage ``clean``).

    ``number`` is the 1-based line number in the source file. ``text`` is the reading text
    (cleaning rules applied, OCR spaces removed, characters in their reading form — see
    :mod:`ingest.fold`); ``raw`` is the same line with its spaces as printed, which headings
    need (``优化产业布局 全力推动…``). ``heading_mark`` is set when the page's own markup
    (a leading ``#``) said this line is a heading. ``is_tail`` marks a byline or photo
    credit that the page printed at the end of the previous line's sentence.
    """

    number: int
    text: str
    raw: str
    heading_mark: bool = False
    is_tail: bool = False  # a byline/credit split off the end of the line above (same number)


@dataclass(frozen=True)
class PageInfo:
    """Facts printed in the page furniture, shared by every article on the page.

    A user's manifest or sidecar (:mod:`ingest.manifest`) overrides them field by field.
    """

    publication: str | None = None
    date: str | None = None  # YYYY-MM-DD
    page: str | None = None  # e.g. "B2"
    byline: str | None = None  # an author a web page names in its metadata (作者：…)
    #: The running heads and page labels (``A1:清徐*要闻``): a local paper names its place there.
    masthead: str | None = None
    url: str | None = None  # where the page was published online


@dataclass(frozen=True)
class CleanPage:
    """Stage ``clean``'s output: content lines, with furniture lifted into ``info``."""

    lines: tuple[Line, ...]
    info: PageInfo
    furniture: tuple[Line, ...] = ()
    #: Each content line's cleaned text in its printed characters (spaces kept), by line
    #: number: :mod:`ingest.restore` gives the articles back what the page printed.
    printed: tuple[tuple[int, str], ...] = ()


@dataclass
class PageParagraph:
    kind: str  # body | heading | caption
    text: str
    lines: tuple[int, int]  # first and last source line, 1-based, inclusive


@dataclass(frozen=True)
class PlaceMention:
    """A place named in an article (stage ``link``).

    ``paragraph`` indexes ``PageArticle.paragraphs`` (-1 for the title block); ``start``/``end``
    are character offsets into that paragraph's text.
    """

    kind: str  # zone | city | county
    slug: str
    surface: str
    paragraph: int
    start: int
    end: int
    #: subject | reported | mentioned: for a zone, the zone's role in the article; for a
    #: city or county, subject where the article is about its city.
    role: str = "mentioned"


@dataclass(frozen=True)
class Fact:
    """One statement about ``zone`` in paragraph ``paragraph`` of the article."""

    zone: str
    paragraph: int
    kind: str
    value: str
    unit: str | None = None
    period: str | None = None
    name: str | None = None
    stage: str | None = None


@dataclass
class PageArticle:
    """One article as the segmenter found it; ``link`` fills the place fields."""

    title: str | None
    paragraphs: list[PageParagraph]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    dateline: str | None = None
    title_supplied: bool = False
    continued_from: str | None = None
    continued_to: str | None = None
    zones: list[str] = field(default_factory=list)  # zone slugs the article is about (subject, reported)
    #: Every zone named → subject | reported | mentioned, in that order (CONTRACT.md's roles).
    zone_roles: dict[str, str] = field(default_factory=dict)
    cities: list[str] = field(default_factory=list)  # city slugs the article is about
    mentions: list[PlaceMention] = field(default_factory=list)
    new_zones: list[DiscoveredZone] = field(default_factory=list)
    #: What the body states about its zones (:mod:`ingest.facts`); None until that stage ran.
    facts: list[Fact] | None = None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class DiscoveredZone:
    """A zone named in a report that the gazetteer did not list."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    county_slug: str | None
    city_slug: str | None


@dataclass
class Document:
    """Everything the pipeline learnt from one file, ready for ``store``."""

    source: SourceText
    info: PageInfo
    articles: list[PageArticle]
