"""The pure stages of one source, in order: read → clean → segment → link → facts.

No database here: the chain is a function of the file (or the text the archive holds) and
what the user stated about it, so it runs wherever is cheapest — in the ingest process, in
a pool worker for a large batch, or in the head start of a small one (:mod:`ingest.head_start`).
"""

from __future__ import annotations

from pathlib import Path

from ingest import manifest
from ingest.clean import clean_page
from ingest.facts import document_facts
from ingest.link import link_document
from ingest.manifest import Stated
from ingest.model import Document, SourceText
from ingest.read import SourceRejected, read_source
from ingest.segment import segment_page


def process_file(path: Path, *, name: str | None = None, stated: Stated | None = None) -> Document:
    """The pure stages for one file (raises :class:`SourceRejected` for junk)."""
    return process_text(read_source(path, name=name), stated=stated)


def process_text(source: SourceText, *, stated: Stated | None = None) -> Document:
    """The pure stages after read: what the user stated wins over the page's own facts."""
    page = clean_page(source)
    info = manifest.apply(page.info, stated or Stated())
    return document_facts(link_document(Document(source=source, info=info, articles=segment_page(page))))


def process_or_refuse(
    *, path: Path | None, name: str, stated: Stated, held: SourceText | None = None
) -> Document | str:
    """:func:`process_text` of ``held`` when given, else :func:`process_file`; a refused
    file is the reason it was refused."""
    try:
        if held is not None:
            return process_text(held, stated=stated)
        assert path is not None
        return process_file(path, name=name, stated=stated)
    except SourceRejected as exc:
        return exc.reason
