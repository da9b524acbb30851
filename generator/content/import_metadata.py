"""Sidecar metadata for `dossier import`: a TSV, CSV or JSON file of date, url, author, licence, source, title
and tags per input file. Parsing is pure and reports every bad row as `path:line: message`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from .articles import parse_date
from .errors import Problem, error, warning

# What `dossier import FOLDER` picks up from the top of FOLDER when no --metadata is given.
SIDECAR_NAMES = ("metadata.tsv", "metadata.csv", "metadata.json")
# Column -> field; several spellings of the same field are accepted.
COLUMNS = {
    "file": "file", "path": "file", "filename": "file",
    "title": "title", "date": "date", "url": "url", "source_url": "url",
    "author": "authors", "authors": "authors",
    "licence": "license", "license": "license",
    "source": "source", "tags": "tags",
}
_LIST_SEPARATOR = re.compile(r"\s*[;|]\s*")  # "Jane Doe; John Roe": commas stay inside names ("Smith, J.")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*$", re.I)


@dataclass(frozen=True)
class FileMetadata:
    """One row: the values it gives (empty ones are left to the text) and where it was written."""

    line: int                    # the row's line in the metadata file, for messages
    title: str = ""
    date: dt.date | None = None
    url: str = ""
    authors: tuple[str, ...] = ()
    license: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetadataTable:
    """The rows of one sidecar file, keyed by the input's path relative to the sidecar's folder."""

    folder: Path
    rows: dict[str, FileMetadata]
    shown: str = ""              # the file as messages name it

    def for_file(self, path: Path) -> tuple[str, FileMetadata] | tuple[None, None]:
        """(key, row) for an input: by its path below the sidecar's folder, else by its name if one row has it."""
        try:
            relative = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.folder))).as_posix()
        except ValueError:
            relative = path.name
        if relative in self.rows:
            return relative, self.rows[relative]
        named = [key for key in self.rows if PurePosixPath(key).name == path.name]
        return (named[0], self.rows[named[0]]) if len(named) == 1 else (None, None)


def parse_metadata(text: str, kind: str, shown: str) -> tuple[dict[str, FileMetadata], list[Problem]]:
    """Rows of a sidecar ("tsv", "csv" or "json") by file, and every problem, each `shown:line: message`."""
    problems: list[Problem] = []
    if kind == "json":
        records = _json_records(text, shown, problems)
    else:
        records = _table_records(text, "\t" if kind == "tsv" else ",", shown, problems)
    rows: dict[str, FileMetadata] = {}
    first_line: dict[str, int] = {}
    for line, record in records:
        row = _row(record, shown, line, problems)
        if row is None:
            continue
        name, values = row
        if name in rows:
            problems.append(error(shown, line, f'"{name}" is described twice (first on line {first_line[name]})'))
            continue
        rows[name], first_line[name] = values, line
    return rows, sorted(problems, key=lambda p: p.line or 0)


def _table_records(text: str, delimiter: str, shown: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        problems.append(error(shown, reader.line_num, f"cannot read the table: {exc}"))
        return []
    table = [(line, row) for line, row in table if any(cell.strip() for cell in row)]
    if not table:
        problems.append(error(shown, 1, "empty: the first line names the columns, e.g. file, date, url, author"))
        return []
    header_line, header = table[0]
    header = [cell.strip().lower() for cell in header]
    _check_columns(header, shown, header_line, problems)
    records = []
    for line, cells in table[1:]:
        if len(cells) > len(header):
            problems.append(error(shown, line, f"{len(cells)} cells, but the first line names {len(header)} columns"))
            continue
        records.append((line, dict(zip(header, cells))))
    return records


def _json_records(text: str, shown: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    """Objects of a top-level JSON list, each with the line it starts on."""
    decoder = json.JSONDecoder()
    text = text.lstrip("\ufeff")
    try:
        decoder.decode(text)
    except json.JSONDecodeError as exc:
        problems.append(error(shown, exc.lineno, f"not valid JSON: {exc.msg}"))
        return []
    start = len(text) - len(text.lstrip())
    if not text[start:].startswith("["):
        problems.append(error(shown, 1 + text.count("\n", 0, start),
                              'must be a list of objects, e.g. [{"file": "a.txt", "date": "2016-02-02"}]'))
        return []
    records, position, columns = [], start + 1, set()
    while True:
        position = _skip(text, position)
        if text[position] == "]":
            break
        value, end = decoder.raw_decode(text, position)
        line = 1 + text.count("\n", 0, position)
        if isinstance(value, dict):
            records.append((line, {str(k).lower(): v for k, v in value.items()}))
            columns.update(str(k).lower() for k in value)
        else:
            problems.append(error(shown, line, "each entry must be an object with a \"file\" key"))
        position = _skip(text, end)
        if text[position] == ",":
            position += 1
    _check_columns(sorted(columns), shown, 1, problems)
    return records


def _skip(text: str, position: int) -> int:
    while text[position] in " \t\r\n":
        position += 1
    return position


def _check_columns(header: list[str], shown: str, line: int, problems: list[Problem]) -> None:
    if "file" not in header and "path" not in header and "filename" not in header:
        problems.append(error(shown, line, "no \"file\" column naming the input file of each row"))
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        problems.append(warning(shown, line, f"column(s) {', '.join(repr(u) for u in unknown)} ignored; "
                                             f"known: {', '.join(dict.fromkeys(COLUMNS))}"))


def _row(record: dict, shown: str, line: int, problems: list[Problem]) -> tuple[str, FileMetadata] | None:
    values: dict[str, object] = {}
    bad = False
    for column, raw in record.items():
        field = COLUMNS.get(column)
        if field is None or raw is None:
            continue
        if isinstance(raw, list) and field in ("authors", "tags"):
            items = [str(item).strip() for item in raw if str(item).strip()]
        elif isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            text = str(raw).strip()
            if not text:
                continue
            items = _LIST_SEPARATOR.split(text) if field in ("authors", "tags") else [text]
        else:
            problems.append(error(shown, line, f"{column} must be text"))
            bad = True
            continue
        if field == "date":
            try:
                values["date"] = parse_date(items[0])[0]
            except ValueError:
                problems.append(error(shown, line, f'date "{items[0]}" is not a valid date (write YYYY-MM-DD)'))
                bad = True
        elif field == "url" and not _URL.match(items[0]):
            problems.append(error(shown, line, f'url "{items[0]}" must be an http or https address'))
            bad = True
        elif field in ("authors", "tags"):
            values[field] = tuple(dict.fromkeys(items))
        else:
            values[field] = items[0]
    name = str(values.pop("file", "")).strip().replace("\\", "/")
    if not name:
        problems.append(error(shown, line, "no file named in this row"))
        return None
    if name.startswith("/") or ".." in PurePosixPath(name).parts:
        problems.append(error(shown, line, f'file "{name}" must be a path below the metadata file\'s folder'))
        return None
    return None if bad else (PurePosixPath(name).as_posix(), FileMetadata(line, **values))


def sidecar_kind(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("tsv", "csv", "json") else None


def load_metadata(path: Path, shown: str) -> tuple[MetadataTable | None, list[Problem]]:
    """Read and parse one sidecar file (the command's thin wrapper around parse_metadata)."""
    kind = sidecar_kind(path)
    if kind is None:
        return None, [error(shown, None, "a metadata file must end in .tsv, .csv or .json")]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        return None, [error(shown, None, f"cannot read the metadata file: {reason}")]
    rows, problems = parse_metadata(text, kind, shown)
    return MetadataTable(path.parent, rows, shown), problems


def sidecar_in(folder: Path) -> tuple[Path | None, list[str]]:
    """The sidecar file at the top of an import folder, if any; two of them is a mistake to report."""
    found = [folder / name for name in SIDECAR_NAMES if (folder / name).is_file()]
    if len(found) > 1:
        return None, [f"{' and '.join(p.name for p in found)} both describe this folder; "
                      "keep one or pass --metadata FILE"]
    return (found[0] if found else None), []


def metadata_tables(paths: Iterable[Path], metadata: Path | None, shown: Callable[[Path], str]
                    ) -> tuple[dict[str, MetadataTable], list[Problem]]:
    """The metadata tables by input key: "" (every input) for --metadata, else each folder's own sidecar."""
    tables, problems = {}, []
    if metadata is not None:
        sidecars = [("", metadata)]
    else:
        sidecars = []
        for given in paths:
            if given.is_dir():
                found, mistakes = sidecar_in(given)
                problems += [error(shown(given), None, m) for m in mistakes]
                if found:
                    sidecars.append((os.path.abspath(given), found))
    for key, path in sidecars:
        table, found = load_metadata(path, shown(path))
        problems += found
        if table is not None:
            tables[key] = table
    return tables, problems


def unused_rows(tables: dict[str, MetadataTable], used: set, whole_folders: bool) -> list[Problem]:
    """A row of a folder's own sidecar that no file of the folder matched is most likely a typo."""
    if not whole_folders:
        return []
    return [warning(table.shown, row.line, f'"{name}" matches no text file in the folder; the row was not used')
            for key, table in tables.items() for name, row in table.rows.items() if (key, name) not in used]
