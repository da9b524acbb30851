"""Publishing a rendered build: check its links, then write it (reusing unchanged files), index it and swap it in."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..content import urls
from ..content.errors import BuildFailed, Problem, warning
from ..core.cache import BuildCache, digest
from ..output.linkcheck import check_scanned, scan_page
from ..output.write import OutputTree, apply_in_place, unknown_files
from ..render.outputs import Output
from ..search.pagefind import pagefind_executable, run_pagefind
from .options import BuildOptions, BuildResult, Stopwatch, finish_problems

if TYPE_CHECKING:
    from ..content.site import Site

SEARCH_FOLDER = f"{urls.SEARCH_INDEX}/"   # the prefix of the index's files
SEARCH_MEMO = "search-pages.pickle"   # in the cache folder: what search sharding read of each page


def publish(options: BuildOptions, site: "Site", outputs: list[Output], problems: list[Problem],
            result: BuildResult, clock: Stopwatch, cache: BuildCache, tree: OutputTree, inputs: str = "",
            after_save: Callable[[tuple], None] = lambda outcome: None) -> None:
    """Finish the staged tree (already holding the freshly rendered pages) and swap it in.

    `after_save(outcome)` runs once the cache is saved, still with interrupts held: it saves what
    depends on the cache (the quick edit records).
    """
    out_dir = options.out_dir.resolve()
    scans = {o.url: page_scan(o, cache, out_dir) for o in outputs if o.is_page}
    by_url = {o.url: o for o in outputs}
    problems = problems + link_problems(site, scans, set(by_url),
                                        lambda url: page_ids(by_url[url], tree.root, out_dir))
    result.problems = finish_problems(problems, options.strict)
    clock.lap("links")
    if result.errors:
        raise BuildFailed(result.problems, result)

    search_key = search_key_for(options)
    reusable = {o.url for o in outputs if o.reused or cache.reusable(o.url, o.key, out_dir)}
    previous = {url for url in cache.files if not url.startswith(SEARCH_FOLDER)}
    pages_same = previous == {o.url for o in outputs} and all(o.url in reusable for o in outputs if o.is_page)
    index_files = [url for url in cache.files if url.startswith(SEARCH_FOLDER)]
    index_same, index_kept = old_index(options, cache, out_dir, pages_same)
    outcome = (result.articles, result.pages, tuple(problems))
    if pages_same and len(reusable) == len(outputs) and (index_same or (not options.search and not index_files)):
        clock.lap("write")   # nothing changed: the output folder is already this build
        tree.discard()
        cache.save(cache.files, {o.key: scans[o.url] for o in outputs if o.is_page}, search_key, inputs, outcome)
        after_save(outcome)
        return

    stale = options.search and index_kept and not index_same
    if (index_same or stale or not options.search) and \
            in_place(options, cache, tree, outputs, reusable, scans, search_key, stale, inputs, outcome, after_save):
        clock.lap("write")
        result.search_pending = bool(stale)
        return

    keys = {o.url: o.key for o in outputs}
    old_root = str(out_dir)
    for output in outputs:
        if output.written:
            tree.claim(output.url)
        elif output.url in reusable:
            tree.link_file(os.path.join(old_root, output.url), output.url)
        elif output.text is not None:
            tree.write_text(output.url, output.text)
        else:
            tree.copy_file(output.source, output.url)
    clock.lap("write")
    if options.search:
        # With defer_search the old index goes out with the new pages, recorded as stale so that the
        # next build re-indexes.
        if index_same or stale:
            for url in sorted(index_files):
                tree.link_file(os.path.join(old_root, url), url)
        else:
            indexed = run_pagefind(tree.root, options.config.search.pagefind_args, verbose=options.verbosity > 1,
                                   previous=intact_index(cache, out_dir), shard_pages=options.config.search.shard_pages,
                                   memo=cache.folder / SEARCH_MEMO if cache.enabled else None)
            result.search_shards, result.search_reindexed = indexed.shards, indexed.indexed
        if stale:
            result.search_pending, search_key = True, ""
        for url in search_files(tree.root):
            keys[url] = "search"
        clock.lap("search")
    files = {}
    for url, key in keys.items():
        stat = (tree.root / url).stat()
        files[url] = (key, stat.st_size, stat.st_mtime_ns)
    with interrupts_deferred():
        tree.commit()
        cache.save(files, {keys[url]: scans[url] for url in scans}, search_key, inputs, outcome)
        after_save(outcome)


IN_PLACE_SHARE = 0.5   # changing more of the output than this, a whole new tree is swapped in


def in_place(options: BuildOptions, cache: BuildCache, tree: OutputTree, outputs: list[Output], reusable: set[str],
             scans: dict, search_key: str, stale: bool, inputs: str, outcome: tuple,
             after_save: Callable[[tuple], None]) -> bool:
    """Apply this build to the output folder file by file, when it changes a small part of the last build's
    output and that output is as the last build left it; False (having changed nothing) otherwise.

    The search index, when there is one, is the last build's, kept (or with serve's deferred search, kept
    stale): a build that re-indexes swaps in a whole tree."""
    out_dir = options.out_dir.resolve()
    if not cache.files or not out_dir.is_dir():
        return False
    urls_now = {o.url for o in outputs}
    index = [url for url in cache.files if url.startswith(SEARCH_FOLDER)]
    changed = [o for o in outputs if o.url not in reusable]
    gone = [url for url in cache.files if url not in urls_now and not (options.search and url in index)]
    if len(changed) + len(gone) > IN_PLACE_SHARE * len(outputs) or \
            unknown_files(out_dir, set(cache.files)) or not cache.output_intact(out_dir):
        return False
    for output in changed:
        if output.text is not None:
            tree.write_text(output.url, output.text)
        elif not output.written:
            tree.copy_file(output.source, output.url)
    apply_in_place(tree, [o.url for o in changed], gone, interrupts_deferred)
    files = {url: entry for url, entry in cache.files.items() if url in urls_now or (options.search and url in index)}
    for output in changed:
        stat = (out_dir / output.url).stat()
        files[output.url] = (output.key, stat.st_size, stat.st_mtime_ns)
    with interrupts_deferred():
        cache.save(files, {o.key: scans[o.url] for o in outputs if o.is_page}, "" if stale else search_key,
                   inputs, outcome)
        after_save(outcome)
    return True


def old_index(options: BuildOptions, cache: BuildCache, out_dir: Path, pages_same: bool) -> tuple[bool, bool]:
    """(current, kept): whether the last build's search index is this build's as it stands, and whether
    it may go out with this build at all, current or (serve's deferred search) stale.

    Its files are checked only when it would be kept: a build that re-indexes replaces them anyway.
    """
    same = pages_same and cache.search_key == search_key_for(options)
    kept = options.search and (same or options.defer_search) and \
        any(url.startswith(SEARCH_FOLDER) for url in cache.files) and \
        cache.output_intact(out_dir, lambda url: url.startswith(SEARCH_FOLDER))
    return bool(kept and same), bool(kept)


def intact_index(cache: BuildCache, out_dir: Path) -> Path | None:
    """The last build's search index, for its unchanged shards to be reused, if its files are as written."""
    in_index = lambda url: url.startswith(SEARCH_FOLDER)  # noqa: E731
    if any(in_index(url) for url in cache.files) and cache.output_intact(out_dir, in_index):
        return out_dir / SEARCH_FOLDER
    return None


def search_files(root: Path) -> list[str]:
    """The URLs of the search index's files under a site folder."""
    return [file.relative_to(root).as_posix() for file in sorted((root / SEARCH_FOLDER).rglob("*")) if file.is_file()]


def search_key_for(options: BuildOptions) -> str:
    """What a search index is made with, besides the pages."""
    search = options.config.search
    return digest(options.search, search.pagefind_args, search.shard_pages, pagefind_executable() if options.search else "")


def page_scan(output: Output, cache: BuildCache, out_dir: Path):
    """A page's ids and links: from its rendering, or for a reused page from the cache (or the file itself)."""
    if output.scan is not None:
        return output.scan
    if output.text is not None:
        return scan_page(output.text)
    if output.source is not None:  # an HTML file of the site's static folder, copied as it is
        return scan_page(output.source.read_text(encoding="utf-8", errors="replace"))
    known = cache.scans.get(output.key)
    if known is None:
        known = scan_page((out_dir / output.url).read_text(encoding="utf-8"))
    return known


def page_ids(output: Output, staged: Path, out_dir: Path) -> frozenset[str]:
    """The ids of a page scanned without them, which a link to one of its #fragments needs."""
    if output.text is not None:
        text = output.text
    else:
        file = staged / output.url if output.written else output.source or out_dir / output.url
        text = file.read_text(encoding="utf-8", errors="replace")
    return scan_page(text)[0]


def link_problems(site: "Site", scans, files: set[str], ids_of=lambda url: frozenset()) -> list[Problem]:
    """Broken local links as warnings on the article that holds them (or on the generated page)."""
    by_page = {a.page_url: a for a in site.articles}
    problems = []
    for broken in check_scanned(scans, files, ids_of):
        article = by_page.get(broken.page)
        if article is not None:
            path, _, fragment = broken.target.partition("#")
            problems.append(warning(article.display_path, article.line_of(path, "#" + fragment if fragment else ""),
                                    f"broken link: {broken.target} (on {broken.page})"))
        else:
            problems.append(warning(broken.page, None, f"broken link: {broken.target}"))
    return problems


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for the moment the new output is swapped in and the cache recorded,
    so they stay in step."""
    try:
        previous = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: nothing to defer
        yield
        return
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
