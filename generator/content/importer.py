"""`dossier import`: turn copied news texts (files or folders) into Markdown articles with provenance,
re-importing only what changed. The text itself is read by news_text.py."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

import yaml

from . import dateline, urls
from .import_metadata import FileMetadata, metadata_tables, unused_rows
from .news_text import (
    TEXT_SUFFIXES,
    ImportSummary,
    RawArticle,
    apply_metadata,
    expand_batch_agencies,
    parse_raw_article,
    render_article,
    title_from_path,
)
from .text_decoding import NotText, decode_text


@dataclass(frozen=True)
class _Existing:
    """An article already in the target folder, as far as re-imports need to know it."""

    path: Path
    imported_from: str
    sha256: str


@dataclass(frozen=True)
class _Planned:
    """What the command will do with one input; `article` is set for the ones it writes."""

    shown: str
    status: str                        # "import", "rewrite", "skip", "duplicate", "error"
    message: str = ""
    sha256: str = ""
    text: str = ""
    article: RawArticle | None = None
    target: Path | None = None
    warnings: tuple[str, ...] = ()
    origin: str = ""                   # imported_from: the path below the import root, with its name
    metadata: str = ""                 # "metadata.tsv:4" when a metadata row was applied


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Arguments of `build.py import`."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="text files, or folders searched recursively for *.txt files")
    parser.add_argument("--into", type=Path, default=None, metavar="DIR",
                        help="folder to write the Markdown articles to (default: the content folder)")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    parser.add_argument("--force", action="store_true", help="rewrite articles whose input was imported before")
    parser.add_argument("--source", default=None, metavar="NAME",
                        help="source for articles whose text names no agency, e.g. \"BBC News\"")
    parser.add_argument("--metadata", type=Path, default=None, metavar="FILE",
                        help="a .tsv, .csv or .json file of title, date, url, author, license, source and tags per "
                             "input file (default: metadata.tsv, .csv or .json at the top of an imported folder)")


def run_import(paths: list[Path], into: Path, *, dry_run: bool = False, force: bool = False,
               source: str | None = None, metadata: Path | None = None,
               out: Callable[[str], None] = print) -> ImportSummary:
    """Import every input into `into`: read and parse all of them, then write; one report line each.

    A metadata file with errors stops the import before anything is written; every problem is listed.
    """
    inputs = _collect_inputs(paths)
    tables, problems = metadata_tables(paths, metadata, _shown_path)
    if any(p.level == "error" for p in problems):
        for problem in problems:
            out(str(problem))
        summary = ImportSummary(warnings=sum(p.level == "warning" for p in problems),
                                errors=sum(p.level == "error" for p in problems))
        out(summary.line(dry_run) + "; nothing imported: fix the metadata file first")
        return summary
    existing = _read_existing(into)
    by_sha, by_origin = _index(existing, "sha256"), _index(existing, "imported_from")
    plans, used = [], set()
    for path, shown, origin, folder in inputs:
        table = "" if metadata is not None else folder
        key, row = tables[table].for_file(path) if table in tables else (None, None)
        if row is not None:
            used.add((table, key))
        plans.append(_plan_one(path, shown, origin, row, tables[table].shown if row else "", by_sha, by_origin,
                               force, source))
    problems += unused_rows(tables, used, metadata is None)
    for problem in problems:
        out(str(problem))
    plans = _mark_batch_duplicates(plans)
    learned = expand_batch_agencies([p.article for p in plans if p.article], [p.text for p in plans if p.article])
    plans = _assign_targets([_expand_agency(p, learned) for p in plans], into, existing)
    for index, plan in enumerate(plans):
        if plan.target and not dry_run:
            try:
                into.mkdir(parents=True, exist_ok=True)
                rendered = render_article(plan.article, imported_from=plan.origin, sha256=plan.sha256)
                plan.target.write_text(rendered, encoding="utf-8")
            except OSError as exc:
                plan = plans[index] = _Planned(plan.shown, "error", f"cannot write {_shown_path(plan.target)}: {exc.strerror}")
        out(_report_line(plan, dry_run))
    summary = ImportSummary(
        imported=sum(p.status in ("import", "rewrite") for p in plans),
        skipped=sum(p.status == "skip" for p in plans),
        duplicates=sum(p.status == "duplicate" for p in plans),
        warnings=sum(len(p.warnings) for p in plans) + len(problems),
        errors=sum(p.status == "error" for p in plans),
    )
    out(summary.line(dry_run))
    return summary


def _collect_inputs(paths: Iterable[Path]) -> list[tuple[Path, str, str, str]]:
    """(path, path as shown, origin, metadata table key) for each input file, folders expanded in name
    order, each file once. The origin, stored as `imported_from`, is the path below the import root
    (the folder given, or a given file's folder) under that root's name: the same from any working folder."""
    seen, found = set(), []
    for given in paths:
        is_dir = given.is_dir()
        files = (sorted(p for p in given.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                        and not any(part.startswith(".") for part in p.relative_to(given).parts))
                 if is_dir else [given])
        root = Path(os.path.abspath(given if is_dir else given.parent))
        for path in files:
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                origin = (Path(root.name) / Path(key).relative_to(root)).as_posix()
                found.append((path, _shown_path(path), origin, os.path.abspath(given) if is_dir else ""))
    return found


def _shown_path(path: Path) -> str:
    """The path relative to the working folder, with forward slashes; absolute only when no relative path exists."""
    try:
        return Path(os.path.relpath(os.path.abspath(path))).as_posix()
    except ValueError:
        return path.as_posix()


_FRONT_FIELD = re.compile(r"^(imported_from|sha256):[ \t]*(.+)$", re.MULTILINE)


def _read_existing(into: Path) -> list[_Existing]:
    """Articles in `into` with their provenance fields; only the two lines we need are parsed."""
    found = []
    for path in sorted(into.rglob("*.md")) if into.is_dir() else []:
        try:
            if not path.is_file():
                raise IsADirectoryError   # a named pipe would block the read; the build reports it
            head = path.read_text(encoding="utf-8", errors="replace")[:4000].split("\n---", 1)[0]
        except OSError:
            head = ""  # still a taken file name; the build will report the unreadable file
        fields = {key: _yaml_value(value) for key, value in _FRONT_FIELD.findall(head)}
        found.append(_Existing(path, fields.get("imported_from", ""), fields.get("sha256", "")))
    return found


def _yaml_value(text: str) -> str:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text.strip()
    return "" if value is None else str(value)


def _index(existing: list[_Existing], key: str) -> dict[str, list[_Existing]]:
    index: dict[str, list[_Existing]] = {}
    for item in existing:
        index.setdefault(getattr(item, key), []).append(item)
    return index


def _plan_one(path: Path, shown: str, origin: str, row: FileMetadata | None, sidecar: str,
              by_sha: dict[str, list[_Existing]], by_origin: dict[str, list[_Existing]],
              force: bool, source: str | None) -> _Planned:
    try:
        if path.exists() and not path.is_file():   # a named pipe would wait for a writer forever
            return _Planned(shown, "error", "not a regular file; not imported")
        data = path.read_bytes()
    except OSError as exc:
        return _Planned(shown, "error", exc.strerror or str(exc))
    digest = hashlib.sha256(data).hexdigest()
    same_bytes = by_sha.get(digest, [])
    # Earlier imports stored the path as seen from the working folder; they are the same input.
    same_input = [e for e in same_bytes if e.imported_from in (origin, shown)]
    if same_bytes and not same_input:
        return _Planned(shown, "duplicate", f"same text as {_shown_path(same_bytes[0].path)}", digest)
    if same_input and not force:
        return _Planned(shown, "skip", f"already imported as {_shown_path(same_input[0].path)}", digest)
    earlier = same_input or by_origin.get(origin, []) or by_origin.get(shown, [])
    if earlier and not force:
        message = f"changed since it was imported as {_shown_path(earlier[0].path)}; use --force to rewrite it"
        return _Planned(shown, "skip", message, digest, warnings=("input changed since import",))
    try:
        text, decode_warning = decode_text(data)
    except NotText as exc:
        return _Planned(shown, "error", f"looks like a binary file, not text: {exc}; not imported", digest)
    article = parse_raw_article(text, source=source)
    if not article.title and not article.paragraphs:
        return _Planned(shown, "skip", "no text to import", digest, warnings=("empty file",))
    if row is not None:
        article = apply_metadata(article, row)
    warnings = ((decode_warning,) if decode_warning else ()) + article.warnings
    return _Planned(shown, "rewrite" if earlier else "import", "", digest, text, article,
                    earlier[0].path if earlier else None, warnings, origin, f"{sidecar}:{row.line}" if row else "")


def _mark_batch_duplicates(plans: list[_Planned]) -> list[_Planned]:
    """Later inputs with the same bytes as an earlier input of this batch are duplicates of it."""
    first: dict[str, str] = {}
    marked = []
    for plan in plans:
        if plan.article and plan.sha256 in first:
            plan = _Planned(plan.shown, "duplicate", f"same text as {first[plan.sha256]}", plan.sha256)
        elif plan.article:
            first[plan.sha256] = plan.shown
        marked.append(plan)
    return marked


def _expand_agency(plan: _Planned, learned: dict[str, str]) -> _Planned:
    article = plan.article
    if not article or not article.agency or article.source != article.agency:
        return plan
    return replace(plan, article=replace(article, source=dateline.agency_name(article.agency, learned)))


def _assign_targets(plans: list[_Planned], into: Path, existing: list[_Existing]) -> list[_Planned]:
    """A file name from each new headline, unique among existing files and this batch (-2, -3, ...)."""
    taken = {e.path.stem for e in existing}
    assigned = []
    for plan in plans:
        if plan.status == "import":
            base = urls.slugify(plan.article.title or title_from_path(plan.shown)) or "untitled"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            plan = replace(plan, target=into / f"{slug}.md")
        assigned.append(plan)
    return assigned


def _report_line(plan: _Planned, dry_run: bool) -> str:
    verbs = {"import": "would import" if dry_run else "imported", "rewrite": "would rewrite" if dry_run else "rewrote",
             "skip": "skipped", "duplicate": "duplicate", "error": "error"}
    line = f"{verbs[plan.status]:<12} {plan.shown}"
    if plan.target:
        line += f" -> {_shown_path(plan.target)}"
        if dry_run:
            a = plan.article
            fields = [f"title {a.title!r}"] + [f"{k} {v}" for k, v in
                                               (("date", a.date), ("place", a.place), ("source", a.source),
                                                ("metadata", plan.metadata)) if v]
            line += f" ({', '.join(fields)})"
    if plan.message:
        line += f": {plan.message}"
    if plan.warnings:
        line += "  [warning: " + "; ".join(plan.warnings) + "]"
    return line
