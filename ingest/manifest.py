"""What the user knows about a file: a ``manifest.csv`` or a sidecar ``<file>.json``.

A researcher often knows a page's paper, date, page and URL better than its OCR does.
``manifest.csv`` (columns ``file, publication, date, page, url``; ``file`` relative to the
manifest's folder) states them for files in its folder and below; a sidecar
``<file>.json`` (an object with the same keys) states them for the one file beside it and
wins over a manifest. What the user states wins over what the page's furniture says, field
by field; the text's own evidence fills in the rest (:func:`apply`).

Reading is forgiving and loses nothing: a bad row or value is reported as one line naming
the file and the row, only that value is dropped, and the file itself still goes in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from ingest.model import PageInfo

MANIFEST_NAME = "manifest.csv"
SIDECAR_SUFFIX = ".json"
FIELDS = ("publication", "date", "page", "url")

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class Stated:
    """The facts a user stated about one file; ``None`` where they said nothing."""

    publication: str | None = None
    date: str | None = None  # YYYY-MM-DD
    page: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, str]:
        """The stated fields only (what ``Source.origin`` keeps)."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stated:
        """Back from :meth:`as_dict` (other keys, such as ``path``, are ignored)."""
        return cls(**{key: str(data[key]) for key in FIELDS if data.get(key)})

    def over(self, other: Stated) -> Stated:
        """These facts, with ``other``'s filling what these leave unsaid."""
        return replace(other, **self.as_dict())


@dataclass
class Statements:
    """What every manifest and sidecar of one ingest run stated, by resolved file path."""

    by_file: dict[Path, Stated] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, naming file and row

    def for_file(self, path: Path) -> Stated:
        return self.by_file.get(path.resolve(), Stated())

    def origin(self, path: Path) -> dict[str, str]:
        """What ``Source.origin`` records for ``path``: where it was read, and what was stated."""
        return {"path": str(path.resolve()), **self.for_file(path).as_dict()}


def apply(info: PageInfo, stated: Stated) -> PageInfo:
    """The page facts with what the user stated put over what the text said (pure)."""
    return replace(info, **stated.as_dict())


def is_metadata(path: Path) -> bool:
    """True for a manifest, or a sidecar beside its text: these are read, never ingested."""
    if path.name == MANIFEST_NAME:
        return True
    return path.name.endswith(SIDECAR_SUFFIX) and path.with_name(path.name[: -len(SIDECAR_SUFFIX)]).is_file()


def gather(roots: Iterable[Path], files: Iterable[Path]) -> Statements:
    """What the manifests under ``roots`` and the sidecars of ``files`` state.

    A folder named in ``roots`` contributes every manifest inside it (a deeper one wins over
    a shallower one); a file named directly, the manifest beside it.
    """
    statements = Statements()
    for manifest in sorted(_manifests(roots), key=lambda p: len(p.parts)):
        for path, stated in read_manifest(manifest, statements.problems).items():
            statements.by_file[path] = stated.over(statements.by_file.get(path, Stated()))
    for path in files:
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        if sidecar.is_file():
            key = path.resolve()
            statements.by_file[key] = read_sidecar(sidecar, statements.problems).over(
                statements.by_file.get(key, Stated())
            )
    return statements


def _manifests(roots: Iterable[Path]) -> set[Path]:
    found: set[Path] = set()
    for root in roots:
        if root.is_dir():
            found.update(
                p.resolve() for p in root.rglob(MANIFEST_NAME)
                if not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
        elif (root.parent / MANIFEST_NAME).is_file():
            found.add((root.parent / MANIFEST_NAME).resolve())
    return found


def read_manifest(manifest: Path, problems: list[str]) -> dict[Path, Stated]:
    """The rows of one ``manifest.csv`` by resolved file path; problems appended, never raised."""
    text = _decode(manifest, problems)
    if text is None:
        return {}
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "file" not in columns:
        problems.append(f"{manifest}: no 'file' column (expected: file, {', '.join(FIELDS)}); manifest ignored")
        return {}
    if unknown := [c for c in columns if c and c != "file" and c not in FIELDS]:
        problems.append(f"{manifest}: unknown columns {', '.join(unknown)} ignored")
    rows: dict[Path, Stated] = {}
    for row in reader:
        where = f"{manifest} row {reader.line_num}"
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        if not values.get("file"):
            if any(values.values()):
                problems.append(f"{where}: no file named; row ignored")
            continue
        target = (manifest.parent / values["file"]).resolve()
        if not target.is_file():
            problems.append(f"{where}: no file {values['file']} beside the manifest")
        rows[target] = _stated(values, where, problems)
    return rows


def read_sidecar(sidecar: Path, problems: list[str]) -> Stated:
    """One sidecar's facts; a broken sidecar is reported and states nothing."""
    text = _decode(sidecar, problems)
    try:
        data = json.loads(text) if text is not None else {}
    except json.JSONDecodeError as exc:
        problems.append(f"{sidecar}: not valid JSON (line {exc.lineno}: {exc.msg}); sidecar ignored")
        return Stated()
    if not isinstance(data, dict):
        problems.append(f"{sidecar}: expected a JSON object with {', '.join(FIELDS)}; sidecar ignored")
        return Stated()
    if unknown := sorted(k for k in data if k not in FIELDS):
        problems.append(f"{sidecar}: unknown keys {', '.join(unknown)} ignored")
    values = {k: str(v).strip() for k, v in data.items() if k in FIELDS and v is not None}
    return _stated(values, str(sidecar), problems)


def _decode(path: Path, problems: list[str]) -> str | None:
    data = path.read_bytes()
    # Spreadsheets on Chinese systems save CSV as GB18030 as often as UTF-8.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    problems.append(f"{path}: neither UTF-8 nor GB18030 text; ignored")
    return None


def _stated(values: Mapping[str, str], where: str, problems: list[str]) -> Stated:
    stated = {key: values[key] for key in FIELDS if values.get(key)}
    if "date" in stated and (iso := parse_date(stated["date"])) != stated["date"]:
        if iso is None:
            problems.append(f"{where}: date {stated['date']!r} is not a date (YYYY-MM-DD); the text's own date is used")
            del stated["date"]
        else:
            stated["date"] = iso
    if "url" in stated and not re.match(r"https?://\S+$", stated["url"]):
        problems.append(f"{where}: url {stated['url']!r} is not an http(s) address; ignored")
        del stated["url"]
    return Stated(**stated)


def parse_date(value: str) -> str | None:
    """``2023-07-14``, ``2023/7/14``, ``2023.7.14`` or ``2023年7月14日`` as ISO; else ``None``."""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None
