"""Run Pagefind over the written site, one shard at a time, reusing the last build's unchanged shards, and
make each shard usable from disk as well as over http.

The shards and their rule are shards.py's. Each shard's pages are hard-linked into a staging
folder in their sorted order and Pagefind runs over that folder alone, so a shard's bundle depends
only on its own pages: a shard whose pages are byte for byte the last build's (same digest in the last
manifest) is linked from the last output instead, and the result is the same bytes as a cold build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..content import urls
from ..content.config import SHARD_PAGES
from ..content.errors import UsageError
from ..core.cache import load_pickle, save_pickle
from ..core.lifetime import child_setup
from ..core.progress import Progress
from .directory import summarize_shard, write_directory
from .merge import PagefindMergeError, merge_as_one_index
from .offline import OfflineSearchError, make_offline_search
from .order import PagefindBundleError, canonicalize_pagefind
from .shards import (
    DIRECTORY_FOLDER,
    FORMAT,
    MANIFEST,
    MANIFEST_SCRIPT,
    Shard,
    manifest_json,
    manifest_script,
    page_facts,
    plan_shards,
    reusable_digests,
)

SEARCH_FOLDER = urls.SEARCH_INDEX
STAGE = ".stage-"   # a shard's pages while Pagefind reads them, inside the bundle folder


@dataclass(frozen=True)
class IndexReport:
    """What one indexing did: every shard, and those Pagefind ran for (the rest were reused)."""

    shards: tuple[str, ...]
    indexed: tuple[str, ...]


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise UsageError("search needs the pagefind-bin package: pip install pagefind-bin (or build with --no-search)") from None
    return str(get_executable())


def index_settings(extra_args: tuple[str, ...], shard_pages: int) -> str:
    """What every shard is made with besides its pages: a shard made otherwise is not reused."""
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = pagefind_executable()
    text = json.dumps([FORMAT, version, list(extra_args), shard_pages], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def run_pagefind(site_dir: Path, extra_args: tuple[str, ...] = (), *, verbose: bool = False,
                 bundle: Path | None = None, previous: Path | None = None,
                 shard_pages: int = SHARD_PAGES, memo: Path | None = None) -> IndexReport:
    """Index site_dir's pages into `bundle` (by default site_dir/pagefind), one folder per shard.

    `previous` is the last build's bundle, whose shards are reused where their pages are unchanged;
    it may be `bundle` itself. `memo` is a cache file of each page's facts by its file's identity
    (device, inode, size, mtime), so that the pages the build reused as links are not read again.
    --keep-index-url keeps result links on real files, which file:// browsing needs.
    """
    site_dir = Path(site_dir)
    bundle = Path(bundle or site_dir / SEARCH_FOLDER)
    settings = index_settings(extra_args, shard_pages)
    known = (load_pickle(memo) or {}).get("pages", {}) if memo else {}
    pages = _read_pages(site_dir, bundle, known)
    if memo:
        save_pickle(memo, {"pages": pages})
    shards = plan_shards((facts for _, facts in pages.values()), shard_pages, settings)
    aside = None
    if previous is not None and Path(previous).resolve() == bundle.resolve() and bundle.exists():
        aside = bundle.with_name(f".{bundle.name}.previous-{os.getpid()}")
        os.rename(bundle, aside)
        previous = aside
    try:
        old = reusable_digests(_read_text(previous / MANIFEST) if previous else None, settings)
        reused = [s for s in shards if old.get(s.name) == s.digest and (previous / s.name).is_dir()]
        if bundle.exists():
            shutil.rmtree(bundle)
        bundle.mkdir(parents=True)
        for shard in reused:
            _link_tree(previous / shard.name, bundle / shard.name)
        fresh = [shard for shard in shards if shard not in reused]
        # -v shows Pagefind's own output instead.
        stage = Progress("indexing for search (Pagefind)") if not verbose and fresh else None
        try:
            for shard in fresh:
                _index_shard(site_dir, bundle, shard, extra_args, verbose, _folder_in(previous, shard.name))
        finally:
            if stage:
                stage.done()
        _write_directory(bundle, [shard.name for shard in shards], _folder_in(previous, DIRECTORY_FOLDER))
        manifest = manifest_json(shards, settings)
        _write_text(bundle / MANIFEST, manifest + "\n")
        _write_text(bundle / MANIFEST_SCRIPT, manifest_script(manifest))
    except BaseException:
        if aside is not None:   # the bundle as it was, not half a new one
            shutil.rmtree(bundle, ignore_errors=True)
            os.rename(aside, bundle)
            aside = None
        raise
    finally:
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
    return IndexReport(tuple(s.name for s in shards), tuple(s.name for s in fresh))


def _read_pages(site_dir: Path, bundle: Path, known: dict) -> dict:
    """url -> (file identity, PageFacts) for every HTML page under site_dir but the search folders.

    A page whose file is the one `known` describes is not read again.
    """
    skip = {site_dir / SEARCH_FOLDER, bundle}
    urls = []
    for folder, subfolders, names in os.walk(site_dir):
        subfolders[:] = [name for name in subfolders if Path(folder, name) not in skip]
        relative = os.path.relpath(folder, site_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        urls += [prefix + name for name in names if name.endswith(".html")]
    pages = {}
    for url in sorted(urls):
        path = os.path.join(site_dir, url)
        stat = os.stat(path)
        identity = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        seen = known.get(url)
        if seen is not None and seen[0] == identity:
            pages[url] = seen
            continue
        with open(path, "rb") as page:
            pages[url] = (identity, page_facts(url, page.read()))
    return pages


def _folder_in(previous: Path | None, name: str) -> Path | None:
    """The last build's folder of that name in its bundle, if it has one."""
    return previous / name if previous is not None and (previous / name).is_dir() else None


def _index_shard(site_dir: Path, bundle: Path, shard: Shard, extra_args: tuple[str, ...], verbose: bool,
                 last: Path | None) -> None:
    """Pagefind over this shard's pages alone, then its canonical order and its copy for file://, which
    reuses the scripts of `last` (the shard as the last build wrote it) where files are unchanged."""
    staged = bundle / f"{STAGE}{shard.name}"
    made: set[str] = set()
    for url in shard.urls:     # in URL order, so that Pagefind meets them in the same order every time
        folder = os.path.dirname(url)
        if folder not in made:
            os.makedirs(staged / folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(site_dir / url, staged / url)
        except OSError:
            shutil.copyfile(site_dir / url, staged / url)
    output = bundle / shard.name
    command = [pagefind_executable(), "--site", str(staged), "--output-path", str(output), "--keep-index-url",
               *extra_args]
    if not verbose:
        command.append("--silent")
    try:
        # Pagefind dies with the build: killed outright, it would go on indexing a folder nobody wants.
        result = subprocess.run(command, capture_output=not verbose, text=True, preexec_fn=child_setup())
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout or "").strip()
        raise UsageError(f"pagefind failed on search shard {shard.name} (exit {result.returncode}): {detail}")
    try:
        # Pagefind 1.5 writes some lists in hash-map order; sort them before anything copies the files.
        canonicalize_pagefind(output)
        summarize_shard(output)
    except PagefindBundleError as exc:
        raise UsageError(f"pagefind: {exc}") from None
    try:
        merge_as_one_index(output)
    except PagefindMergeError as exc:
        raise UsageError(f"search shards: {exc}") from None
    try:
        make_offline_search(output, key_prefix=f"{shard.name}/", previous=last)
    except OfflineSearchError as exc:
        raise UsageError(f"search from disk: {exc}") from None


def _write_directory(bundle: Path, names: list[str], last: Path | None) -> None:
    """The word directory and the filter totals over every shard, with the directory's copy for file://;
    `last` is the last build's directory, whose unchanged files are linked."""
    try:
        write_directory(bundle, names, last)
    except PagefindBundleError as exc:
        raise UsageError(f"search directory: {exc}") from None
    if len(names) > 1:
        try:
            make_offline_search(bundle / DIRECTORY_FOLDER, key_prefix=f"{DIRECTORY_FOLDER}/", previous=last)
        except OfflineSearchError as exc:
            raise UsageError(f"search from disk: {exc}") from None


def _link_tree(source: Path, target: Path) -> None:
    """Reuse a shard of the last output: hard links, or copies where links fail."""
    for folder, _, names in os.walk(source):
        into = target / os.path.relpath(folder, source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(os.path.join(folder, name), into / name)
            except OSError:
                shutil.copy2(os.path.join(folder, name), into / name)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
