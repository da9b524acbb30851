"""What a full build records for the quick edit path (quick.py): for every article, what other pages know
of it and the context its page was rendered with, staged while the build runs and put in place
only when it succeeds."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.articles import Article
from ..core import cache as _cache
from ..core import lifetime
from ..core.cache import CODE_VERSION, BuildCache, digest
from ..entities import gazetteer
from .unchanged import QUICK_STAGED_PREFIX

if TYPE_CHECKING:
    from .options import BuildOptions

FOLDER = "quick"
STATE = "state.pickle"     # written by a full build
EDITS = "edits.pickle"     # what quick builds changed since: small, so an edit rewrites little
PLACES = "places.pickle"


def options_key(options: "BuildOptions") -> str:
    """The build options that shape pages (not how many workers, how chatty, or how strict)."""
    return digest(CODE_VERSION, replace(options, verbosity=0, jobs=0, strict=False, defer_search=False),
                  os.environ.get("SOURCE_DATE_EPOCH"))


def article_fact(article: Article) -> str:
    """Everything about an article except its body text: what lists, feeds and entity pages show."""
    return digest(replace(article, body="", lines={}))


def chunk_of(path: str) -> str:
    return hashlib.blake2b(path.encode("utf-8"), digest_size=1).hexdigest()


class RecordWriter:
    """Collects one render worker's article records and writes them into the staged record folder."""

    def __init__(self, folder: str, shard: int):
        self.folder, self.shard = folder, shard
        self.chunks: dict[str, dict[str, dict]] = {}

    def add(self, article: Article, record: dict) -> None:
        self.chunks.setdefault(chunk_of(article.path), {})[article.path] = record

    def close(self) -> None:
        for chunk, records in self.chunks.items():
            _cache.save_pickle(Path(self.folder) / f"{chunk}-{self.shard}.pickle", {"records": records})


def make_record(article: Article, summary, mentions,
                assets: tuple[str, ...], page: tuple, key: str, scan) -> dict:
    template, info, context = page
    view = context["article"]
    # The body's own parts are left out: the quick path puts the new ones in.
    context = {**context, "article": replace(view, body_html="", toc=(), words=0, minutes=0)}
    # The body itself, not what discovery read from it: one string pickles in no time, and the quick
    # path reads the old names from it again only for the article edited.
    return {"fact": article_fact(article), "body": article.body, "summary": summary,
            "mentions": dict(mentions), "assets": assets, "template": template, "info": info,
            "context": context, "key": key, "scan": scan}


def last_state(cache: BuildCache, options: "BuildOptions") -> dict | None:
    """The last build's record state, when its records describe the output the cache says is there
    (quick builds since included) and were made with these options; else None."""
    if not cache.enabled or not cache.inputs:
        return None
    state = _cache.load_pickle(cache.folder / FOLDER / STATE)
    if not state or state.get("options") != options_key(options):
        return None
    edits = _cache.load_pickle(cache.folder / FOLDER / EDITS) or {}
    return state if (edits["build"] if edits.get("base") == state["build"] else state["build"]) == cache.inputs else None


def read_chunk(folder: Path, chunk: str) -> dict[str, dict] | None:
    """The records of one chunk, merged from its files in name order; None when one is damaged."""
    records: dict[str, dict] = {}
    for file in sorted(folder.glob(f"{chunk}-*.pickle")):
        part = _cache.load_pickle(file)
        if part is None:
            return None
        records.update(part["records"])
    return records


def carry_records(cache: BuildCache, staged: str, state: dict, kept: set[str]) -> None:
    """Records of the article pages this build kept from the last one (same facts, so the same record)
    go into the staged folder: a chunk the build left whole is linked, others are filtered."""
    old, new = cache.folder / FOLDER, Path(staged)
    before: dict[str, set[str]] = {}
    for path in state["by_path"]:
        before.setdefault(chunk_of(path), set()).add(path)
    wanted: dict[str, set[str]] = {}
    for path in kept:
        wanted.setdefault(chunk_of(path), set()).add(path)
    for chunk, paths in sorted(wanted.items()):
        files = sorted(old.glob(f"{chunk}-*.pickle"))
        if paths == before.get(chunk) and not any(new.glob(f"{chunk}-*.pickle")):
            for file in files:
                os.link(file, new / file.name)
            continue
        records = read_chunk(old, chunk)
        if records is not None:   # else the quick path finds no record of these, and takes the full build
            _cache.save_pickle(new / f"{chunk}-+kept.pickle",
                               {"records": {path: records[path] for path in sorted(paths) if path in records}})


def staging_folder(cache: BuildCache) -> str | None:
    """A fresh folder for this build's records, or None when there is no cache."""
    if not cache.enabled:
        return None
    cache.folder.mkdir(parents=True, exist_ok=True)
    return str(lifetime.new_locked_folder(cache.folder, QUICK_STAGED_PREFIX))


def save_records(cache: BuildCache, staged: str | None, state: dict | None, outcome: tuple) -> None:
    """After a full build saved the cache: its records (with the paths that had problems) replace the last ones."""
    if not cache.enabled:
        return
    if state is not None:
        state = dict(state, problem_paths=frozenset(p.path for p in outcome[2]))
    save_state(cache, staged, state)
    remember_places(cache)


def save_state(cache: BuildCache, staged: str | None, state: dict | None) -> None:
    """Put this build's records in place of the last build's; without them, drop the old ones."""
    if cache.folder is None:
        return
    current = cache.folder / FOLDER
    if current.exists():
        shutil.rmtree(current, ignore_errors=True)
    if staged is None or not os.path.isdir(staged):
        return
    if state is None:
        shutil.rmtree(staged, ignore_errors=True)
        return
    _cache.save_pickle(Path(staged) / STATE, state)
    os.rename(staged, current)


def discard_staging(staged: str | None) -> None:
    if staged and os.path.isdir(staged):
        shutil.rmtree(staged, ignore_errors=True)
    lifetime.release(staged)


def word_lists_key() -> str:
    return f"{gazetteer.place_names_key()}; {gazetteer.person_names_key()}"


def remember_places(cache: BuildCache) -> None:
    """Keep the gazetteer's place and person names in the cache once they were loaded, for the quick path."""
    people = gazetteer.GIVEN_NAMES.loaded
    if cache.folder is None or gazetteer._places is None or people is None:
        return
    key = word_lists_key()
    if (_cache.load_pickle(cache.folder / PLACES) or {}).get("key") != key:
        _cache.save_pickle(cache.folder / PLACES, {"key": key, "names": gazetteer._places, "people": people})
