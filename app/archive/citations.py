"""Citations of a passage: GB/T 7714-2015, plain text, RIS and BibTeX, from one record.

Every format says only what the archive knows. GB/T 7714-2015 leaves out an element the
source does not give (no ``[出版日期不详]`` placeholders); the author list is split into
persons, role words such as 本报记者 dropped, and cut to three followed by 等 as the standard
asks. The access path is the page's own address online when its user stated one
(``source.url``), else the archive's permalink.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from app.archive.common import documented

#: Role words printed around names in a byline; they are not part of an author's name.
ROLE_WORDS = re.compile(
    r"^(?:本报记者|本刊记者|特约记者|见习记者|首席记者|记者|通讯员|特约撰稿|撰稿|编辑|摄影|文/图|文|图|"
    r"本报|本刊)+|(?:报道|供稿|摄)$"
)
#: A byline part naming an organisation rather than a person (□ 清徐融媒).
ORGANISATION = re.compile(r"融媒|中心|报社|日报|电视台|委员会|管委会|办公室|局$")
#: Characters that separate names in a byline.
SEPARATORS = re.compile(r"[\s、，,；;/□■◇◆●○|]+")
#: GB/T 7714-2015 lists at most three authors, then 等.
MAX_AUTHORS = 3


def authors(byline: str | None) -> list[str]:
    """The persons a byline names: ``"本报记者 吕继峰 贾耀鹏"`` → ``["吕继峰", "贾耀鹏"]``."""
    if not byline:
        return []
    names = []
    for part in SEPARATORS.split(byline):
        if ORGANISATION.search(part):
            continue
        name = ROLE_WORDS.sub("", part).strip("：:·.() （）")
        # A Chinese personal name is two to four characters; longer runs are an organisation.
        if name and (len(name) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", name)) and name not in names:
            names.append(name)
    return names


@dataclass(frozen=True)
class CiteFacts:
    """What a citation can say about one passage."""

    title: str = documented("The title; one the page never printed is bracketed, as catalogues do.")
    authors: list[str] = documented("Persons the byline names, role words dropped.")
    publication: str | None = documented("The paper, when the page names it.")
    date: str | None = documented("Publication date, YYYY-MM-DD, when known.")
    page: str | None = documented("Page label (版次), when known.")
    permalink: str = documented("The passage's absolute permalink.")
    source_url: str | None = documented("The page's own address online, when its user stated one.")
    paragraph_id: str = documented("The passage's id.")
    accessed: datetime.date = documented("The day of citing ([引用日期]).")

    @classmethod
    def from_record(
        cls, record: dict[str, Any], *, paragraph_id: str, permalink: str, accessed: datetime.date
    ) -> CiteFacts:
        source = record.get("source") or {}
        title = str(record["title"])
        return cls(
            title=f"[{title}]" if record.get("title_supplied") else title,
            authors=authors(record.get("byline")), publication=source.get("publication"),
            date=record.get("date"), page=source.get("page"), permalink=permalink,
            source_url=source.get("url"), paragraph_id=paragraph_id, accessed=accessed,
        )


def gbt7714(facts: CiteFacts) -> str:
    """``作者. 题名[N/OL]. 报纸名, 日期(版次)[引用日期]. 访问路径.`` with unknown parts left out."""
    people = facts.authors[:MAX_AUTHORS]
    author = ", ".join(people) + (", 等" if len(facts.authors) > MAX_AUTHORS else "")
    head = f"{author}. " if author else ""
    issue = ", ".join(part for part in (facts.publication, facts.date) if part)
    if facts.page:
        issue += f"({facts.page})"
    url = facts.source_url or facts.permalink
    return f"{head}{facts.title}[N/OL]. {issue}[{facts.accessed.isoformat()}]. {url}."


def plain(facts: CiteFacts, zh_date: str) -> str:
    """For an e-mail or a chat: 《题名》，作者，报纸，日期，版次。段落 id：permalink."""
    parts = [f"《{facts.title}》"]
    if facts.authors:
        parts.append("、".join(facts.authors))
    if facts.publication:
        parts.append(facts.publication)
    if facts.date:
        parts.append(zh_date)
    if facts.page:
        parts.append(f"{facts.page}版")
    return "，".join(parts) + f"。段落 {facts.paragraph_id}：{facts.permalink}"


def ris(facts: CiteFacts) -> str:
    """An RIS record (``TY  - NEWS``) for reference managers; CRLF line ends, as the format has."""
    lines = [("TY", "NEWS"), *(("AU", name) for name in facts.authors), ("TI", facts.title)]
    if facts.publication:
        lines.append(("T2", facts.publication))
    if facts.date:
        lines += [("PY", facts.date[:4]), ("DA", facts.date.replace("-", "/"))]
    if facts.page:
        lines.append(("SP", facts.page))
    lines.append(("UR", facts.permalink))
    if facts.source_url:
        lines.append(("L2", facts.source_url))
    lines += [("Y2", facts.accessed.isoformat().replace("-", "/")), ("N1", f"段落 {facts.paragraph_id}"), ("LA", "zh-CN")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines) + "ER  - \r\n"


def _bib(value: str) -> str:
    # Braces and backslashes would end or break a BibTeX field.
    return re.sub(r"([{}\\])", r"\\\1", value)


def bibtex(facts: CiteFacts) -> str:
    """A BibTeX ``@article`` (biblatex ``entrysubtype = {newspaper}``) keyed by the paragraph id."""
    fields = [("author", " and ".join(facts.authors)), ("title", facts.title),
              ("journal", facts.publication or ""), ("date", facts.date or ""),
              ("year", (facts.date or "")[:4]), ("pages", facts.page or ""), ("url", facts.permalink),
              ("urldate", facts.accessed.isoformat()), ("note", f"段落 {facts.paragraph_id}"),
              ("entrysubtype", "newspaper"), ("langid", "chinese")]
    if facts.source_url:
        fields.append(("howpublished", facts.source_url))
    body = ",\n".join(f"  {name} = {{{_bib(value)}}}" for name, value in fields if value)
    return f"@article{{{facts.paragraph_id.replace('-', '')},\n{body}\n}}\n"
