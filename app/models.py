"""The archive's records: sources, articles, paragraphs (passages), places and mentions.

The passage id is the identity everywhere: the ``paragraphs`` primary key, the key the
search index hands back (via its article) and the ``/p/{id}`` URL. Ids are derived from
content by the ingest, so the same text always yields the same ids.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.storage import CompressedText


class Base(DeclarativeBase):
    pass


class Source(Base):
    """One ingested file: its raw text (for the line-numbered source view) and page facts."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: The file name as ingested, qualified by its folders (``2024/page.txt``) when another
    #: source already had the bare name; ids are derived from it.
    name: Mapped[str] = mapped_column(String(255), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(32))
    #: The whole page as read, stored deflated (:mod:`app.storage`): reprocess and the
    #: source view read it back as ``str``.
    text: Mapped[str] = mapped_column(CompressedText)
    publication: Mapped[str | None] = mapped_column(String(255))
    page: Mapped[str | None] = mapped_column(String(32))
    date: Mapped[str | None] = mapped_column(String(10))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    #: Where the page was published online, when a manifest or sidecar says so.
    url: Mapped[str | None] = mapped_column(Text)
    #: Where the file was read from (``path``, so the next ingest recognises it) and what the
    #: user's manifest or sidecar stated about it (publication, date, page, url).
    origin: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: The pipeline version that derived this source's articles; reprocess finds stale ones.
    pipeline_version: Mapped[str | None] = mapped_column(String(32))

    articles: Mapped[list[Article]] = relationship(
        back_populates="source", order_by="Article.ordinal", cascade="all, delete-orphan"
    )


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    #: True when the page printed no title and the ingest supplied one.
    title_supplied: Mapped[bool] = mapped_column(Boolean, default=False)
    kicker: Mapped[str | None] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    dateline: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    continued_from: Mapped[str | None] = mapped_column(String(64))
    continued_to: Mapped[str | None] = mapped_column(String(64))
    #: Search-index document key for this version of the article (id + content hash), so an
    #: index holding both an old and a new version can tell which one the database names.
    index_key: Mapped[str] = mapped_column(String(64), unique=True)

    source: Mapped[Source] = relationship(back_populates="articles")
    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="article", order_by="Paragraph.ordinal", cascade="all, delete-orphan"
    )
    places: Mapped[list[ArticlePlace]] = relationship(cascade="all, delete-orphan")
    mentions: Mapped[list[Mention]] = relationship(cascade="all, delete-orphan")


class Paragraph(Base):
    """A passage: the unit a permalink points at."""

    __tablename__ = "paragraphs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # body | heading | caption
    #: Stored deflated (:mod:`app.storage`); nothing matches it in SQL, search reads the index.
    text: Mapped[str] = mapped_column(CompressedText)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="paragraphs")


class PassageRedirect(Base):
    """Where an id that no longer names a paragraph now leads.

    ``new_id`` is the edited version's id; ``None`` means the passage is gone (the page then
    quotes ``old_text`` and says so). Kept across re-ingests: links must keep working.
    """

    __tablename__ = "passage_redirects"

    old_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    new_id: Mapped[str | None] = mapped_column(String(32), index=True)
    old_text: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ArticleRedirect(Base):
    __tablename__ = "article_redirects"

    old_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    new_id: Mapped[str | None] = mapped_column(String(32))
    old_title: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class City(Base):
    """A prefecture-level city (地级市)."""

    __tablename__ = "cities"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)
    code: Mapped[str | None] = mapped_column(String(6))
    lon: Mapped[float | None]
    lat: Mapped[float | None]


class County(Base):
    """A county-level unit (区/县/县级市), with the names it had before 2018–2019 renames."""

    __tablename__ = "counties"

    slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    code: Mapped[str | None] = mapped_column(String(6))
    city_slug: Mapped[str] = mapped_column(ForeignKey("cities.slug"), index=True)
    former_names: Mapped[list[str]] = mapped_column(JSON, default=list)


class Zone(Base):
    """A development zone (开发区, 高新区, 农高区, 示范区 …)."""

    __tablename__ = "zones"

    slug: Mapped[str] = mapped_column(String(96), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    level: Mapped[str | None] = mapped_column(String(16))  # national | provincial | None
    city_slug: Mapped[str | None] = mapped_column(ForeignKey("cities.slug"), index=True)
    county_slug: Mapped[str | None] = mapped_column(ForeignKey("counties.slug"))
    #: True for zones the ingest found in reports but no official list has.
    discovered: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The name in the 2018 national catalogue, where it differs (山西孝义经济开发区).
    catalogue_name: Mapped[str | None] = mapped_column(String(64))
    former_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Every county-level unit the zone spans (``county_slug`` is the first).
    counties: Mapped[list[str]] = mapped_column(JSON, default=list)
    approval_year: Mapped[int | None] = mapped_column(Integer)
    #: Slug of the zone this one was merged into, if it was.
    merged_into: Mapped[str | None] = mapped_column(String(96))
    #: Where the record's facts come from (a reference list, a report in the archive).
    evidence: Mapped[str | None] = mapped_column(Text)


class ArticlePlace(Base):
    """The places an article names, by role: its zones (the export's ``zones``, every role),
    the cities it is about (``cities``) and the counties it names."""

    __tablename__ = "article_places"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # zone | city | county
    slug: Mapped[str] = mapped_column(String(96), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    #: subject | reported | mentioned (CONTRACT.md); cities are always subject; a county
    #: takes the strongest role of its mentions.
    role: Mapped[str] = mapped_column(String(16), default="subject", server_default="subject")

    __table_args__ = (Index("ix_article_places_slug", "kind", "slug"),)


class Mention(Base):
    """Every place named in a paragraph, with character offsets into its text."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    paragraph_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))  # zone | city | county
    slug: Mapped[str] = mapped_column(String(96))
    surface: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    #: subject | reported | mentioned: a zone's role in the article (a city or county:
    #: subject where the article is about its city).
    role: Mapped[str] = mapped_column(String(16), default="mentioned")

    __table_args__ = (Index("ix_mentions_slug", "kind", "slug"),)


class ZoneFact(Base):
    """A fact a report states about a zone (CONTRACT.md ``facts``), citing its passage.

    Derived by the ingest from sentences the linker attributes to the zone; rebuilt with
    the article, so it goes when the article does.
    """

    __tablename__ = "zone_facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    zone_slug: Mapped[str] = mapped_column(String(96))
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    passage_id: Mapped[str] = mapped_column(String(32))
    ordinal: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: approval | level | area | industry | project | enterprise | indicator
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(32))
    period: Mapped[str | None] = mapped_column(String(32))
    #: A project's or indicator's name; a project's stage (签约 | 开工 | 投产).
    name: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(8))
    date: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (Index("ix_zone_facts_zone", "zone_slug", "kind"),)


class IngestRun(Base):
    """The run log: one row per ``devzone ingest``."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))  # running | ok | failed
    added: Mapped[int] = mapped_column(Integer, default=0)
    replaced: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    messages: Mapped[list[str]] = mapped_column(JSON, default=list)
