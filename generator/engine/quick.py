"""The quick edit: when only the text of a few articles changed, re-render just their pages.

A full build records, for every article, what other pages know of it (its front matter, list
summary, entity mentions, its images, and its text, from which discovery's reading is redone) and
the context its page was rendered with. A later build whose only changed inputs are article files compares each edited
article with its record. When nothing another page shows has changed, the rest of the site is
exactly what a full build would make again, so only the edited pages are rendered and written, in
place, and Pagefind (when on) indexes the result. Anything else (a changed title, a new link to
another page, a new entity name, an added or deleted file, a template) goes the full way.

Records live in `.dossier-cache/quick/`, tied to the last build's record of its inputs: a full
build rewrites them all, and a record from any other build is never trusted.
"""

from __future__ import annotations

import os
import posixpath
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.articles import Article, _read_and_parse, display_name
from ..content.config import default_theme
from ..core import cache as _cache
from ..core import lifetime
from ..core.cache import BuildCache
from ..entities import gazetteer
from ..entities.edits import (
    Declined,
    apply_edits,
    check_discovery,
    discovery_record,
    read_names,
)
from ..entities.mentions import MentionMatcher
from ..output.linkcheck import (
    LinkPlan,
    check_scanned,
    own_templates,
    resolve_link,
    scan_page,
)
from ..output.write import remove_tree, safe_output_path
from .publish import (
    SEARCH_FOLDER,
    SEARCH_MEMO,
    intact_index,
    interrupts_deferred,
    old_index,
    search_files,
    search_key_for,
)
from .records import (
    EDITS,
    FOLDER,
    PLACES,
    STATE,
    article_fact,
    chunk_of,
    options_key,
    read_chunk,
    word_lists_key,
)

if TYPE_CHECKING:
    from .options import BuildOptions, BuildResult, Stopwatch

MAX_EDITS = 20          # more changed files than this: a full build is about as quick


def _use_cached_places(cache: BuildCache) -> None:
    if gazetteer._places is not None and gazetteer.GIVEN_NAMES.loaded is not None:
        return
    stored = _cache.load_pickle(cache.folder / PLACES) or {}
    if stored.get("key") == word_lists_key():
        gazetteer.use_place_names(stored["names"])
        gazetteer.GIVEN_NAMES.loaded = stored["people"]


def quick_build(options: "BuildOptions", cache: BuildCache, inputs: str, entries: list,
                result: "BuildResult", clock: "Stopwatch") -> bool:
    """Build by re-rendering only edited article pages; False (having changed nothing) when that
    cannot be shown to give the same site as a full build."""
    try:
        plan = _plan(options, cache, entries)
        clock.lap("check")
        pages = [_render(options, plan, record, article) for record, article in plan.edits]
        clock.lap("render")
        _check_links(cache, pages, plan.problems, options.out_dir)
    except Declined as reason:
        if options.verbosity > 1:
            print(f"full build: {reason}", file=sys.stderr)
        return False
    clock.lap("links")
    _publish(options, cache, plan, pages, inputs, result, clock)
    return True


@dataclass
class _Plan:
    """What a quick build found it may do, and what it needs to do it."""
    state: dict                              # the last full build's state, with the quick edits since
    stats: dict                              # every input file's (size, mtime) now
    edits: list                              # (record, Article) of each edited article
    chunks: dict[str, dict[str, dict]]       # the record files read, to write back changed
    problems: list                           # the last build's problems, to report again
    deltas: Counter                          # lower-case word counts this edit changes
    added: dict                              # thresholds for sentence-start runs the edit adds
    files: dict                              # the last build's output record
    jinja: Path                              # Jinja's compiled templates
    tools: tuple | None = None               # (body renderer, linker, page renderer), made once


def _plan(options: "BuildOptions", cache: BuildCache, entries: list) -> _Plan:
    from .options import finish_problems
    if not cache.enabled or not options.write or not cache.outcome:
        raise Declined("no record of a previous build")
    state = _read_state(cache.folder / FOLDER)
    if not state or state.get("build") != cache.inputs or state.get("options") != options_key(options):
        raise Declined("the last build left no records for these options")
    problems = finish_problems(list(cache.outcome[2]), options.strict)
    if any(p.level == "error" for p in problems):
        raise Declined("the last build had errors")
    old, new = state["stats"], {path: (size, mtime) for path, size, mtime in entries}
    if old.keys() != new.keys():
        raise Declined("a file was added or removed")
    changed = sorted(path for path, stat in new.items() if old[path] != stat)
    if len(changed) > MAX_EDITS:
        raise Declined(f"{len(changed)} files changed")
    # The pages only: the search index is checked where it is kept (_publish), and a new one replaces it.
    if not cache.output_intact(options.out_dir, lambda url: not url.startswith(SEARCH_FOLDER)):
        raise Declined("the output folder was changed by something else")
    content = str(options.content_dir)
    prefix = display_name(options.content_dir, None)
    chunks: dict[str, dict[str, dict]] = {}
    edits, discovery = [], []
    for file in changed:
        rel = os.path.relpath(file, content).replace(os.sep, "/")
        if rel.startswith("../") or not rel.endswith(".md") or any(part.startswith(".") for part in rel.split("/")):
            raise Declined(f"{file} is not an article")
        chunk = chunk_of(rel)
        if chunk not in chunks:
            chunks[chunk] = read_chunk(cache.folder / FOLDER, chunk)
            if chunks[chunk] is None:
                raise Declined(f"the records of {rel} are damaged")
        record = chunks[chunk].get(rel)
        shown = rel if prefix in ("", ".") else f"{prefix}/{rel}"
        if record is None or shown in state["problem_paths"]:
            raise Declined(f"{shown} was not a clean article last time")
        article, found = _read_and_parse(file, rel, shown)
        if article is None or found:
            raise Declined(f"{shown} has problems")
        if article_fact(article) != record["fact"]:
            raise Declined(f"{shown}: its front matter changed")
        looked_up = state["consulted"]
        if looked_up is not None:
            _use_cached_places(cache)
            before, after = (discovery_record(read_names(text), looked_up.wanted) for text in (record["body"], article.body))
            discovery.append((shown, before, after))
        edits.append((record, article))
    deltas, added = check_discovery(discovery, state["consulted"]) if discovery else (Counter(), {})
    return _Plan(state, new, edits, chunks, problems, deltas, added, cache.files, cache.folder / "jinja")


def _read_state(folder: Path) -> dict | None:
    """The last full build's state with the quick builds since applied to it."""
    state = _cache.load_pickle(folder / STATE)
    if not state:
        return None
    edits = _cache.load_pickle(folder / EDITS) or {}
    if edits.get("base") != state["build"]:
        edits = {"base": state["build"], "build": state["build"], "stats": {}, "lower": {}, "thresholds": {}}
    looked_up = state["consulted"]
    if looked_up is not None:
        looked_up = apply_edits(looked_up, edits["lower"], edits["thresholds"])
    return dict(state, build=edits["build"], base_stats=state["stats"], stats={**state["stats"], **edits["stats"]},
                consulted=looked_up, edits=edits)


def _render(options: "BuildOptions", plan: _Plan, record: dict, article: Article) -> tuple:
    from ..content.config import language_of
    from ..render.markup import body_renderer
    from ..render.pages import reading_minutes
    from ..render.templates import Renderer, display_summary, make_environment
    from ..render.views import article_summary
    state, config = plan.state, options.config
    if plan.tools is None:
        renderer, linker = body_renderer(config, state["by_path"], options.content_dir,
                                         MentionMatcher(state["surface_forms"], state["local_forms"]))
        pages = Renderer(config, make_environment(config, plan.jinja), state["view"], site_key=state["site_key"],
                         reuse=lambda url, key: False)   # keys wanted (they go into the cache), never a reuse
        plan.tools = (renderer, linker, pages)
    renderer, linker, pages = plan.tools
    linker.article = article.slug
    body = renderer.render(article.body, source_path=article.path, page_url=article.page_url)
    summary = article_summary(article, display_summary(article, body.first_paragraph), language_of(config))
    for change, what in ((body.broken, "a broken link or image"), (body.assets != record["assets"], "its images"),
                         (dict(linker.mentions) != record["mentions"], "its entity mentions"),
                         (summary != record["summary"], "its summary")):
        if change:
            raise Declined(f"{article.display_path}: {what} changed")
    context = dict(record["context"])
    context["article"] = replace(context["article"], body_html=body.html, toc=body.toc, words=body.words,
                                 minutes=reading_minutes(body.words))
    output = pages.render_claimed(record["template"], record["info"], **context)
    record["body"] = article.body    # saved only if the whole quick build succeeds
    if output.url not in plan.files:
        raise Declined(f"{output.url} is new")
    links = LinkPlan({output.url: (body.html,)},
                     whole_site=own_templates(config.path(config.templates_dir), default_theme()))
    return article, record, output, (scan_page(output.text)[0], links.scan(output.url, output.text)[1])


def _check_links(cache: BuildCache, pages: list, problems: list, out_dir: Path) -> None:
    """Every link the edit added reaches a file (or an id on its own page), and no id that other
    pages may link to went away. A new link to another page's #fragment takes the full build."""
    files = set(cache.files)
    for _, record, output, (ids, links) in pages:
        old_ids, old_links = record["scan"]
        if old_ids is None:     # the full build read no ids of it: the page it wrote has them
            old_ids = scan_page((out_dir / output.url).read_text(encoding="utf-8"))[0]
        if not old_ids <= ids:
            raise Declined(f"{output.url} lost ids other pages may link to")
        if ids != old_ids and problems:
            raise Declined(f"{output.url} has new ids, and a link the last build found broken may now reach one")
        known = set(old_links)
        added = tuple(link for link in links if link not in known)
        folder = posixpath.dirname(output.url)
        for link in added:
            found = resolve_link(folder, link)
            if found is not None and found[0] and found[1]:
                raise Declined(f"{output.url} has a new link to a part of another page")
        if check_scanned({output.url: (ids, added)}, files - {output.url}):
            raise Declined(f"{output.url} has a new broken link")


def _publish(options: "BuildOptions", cache: BuildCache, plan: _Plan, pages: list, inputs: str,
             result: "BuildResult", clock: "Stopwatch") -> None:
    out = options.out_dir.resolve()
    files = dict(cache.files)
    changed = [output for _, _, output, _ in pages if cache.files[output.url][0] != output.key]
    work = lifetime.new_locked_folder(out.parent, f".{out.name}.quick-")
    try:
        staged = []
        for output in changed:
            path = safe_output_path(str(work / "new"), output.url)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(output.text.encode("utf-8"))
            staged.append((output.url, path))
        index_current, kept = old_index(options, cache, out, not changed)
        current = not options.search or index_current
        if current or kept:
            with interrupts_deferred():
                _swap_in(out, staged, files)
                _record(cache, plan, pages, inputs, files, cache.search_key if current else "")
            result.search_pending = not current
            clock.lap("write")
        else:
            clock.lap("write")
            indexed = _index_and_swap(options, cache, plan, pages, inputs, files, staged, work, search_key_for(options))
            result.search_shards, result.search_reindexed = indexed.shards, indexed.indexed
            clock.lap("search")
    finally:
        remove_tree(work)
        lifetime.release(work)
    result.articles, result.pages = cache.outcome[0], cache.outcome[1]
    result.problems = plan.problems
    result.quick = len(pages)


def _swap_in(out: Path, staged: list[tuple[str, str]], files: dict, backup: Path | None = None,
             kept: list | None = None) -> None:
    """Move the staged pages over the old ones: each rename replaces one file whole. With `backup`,
    each old page is kept there first (a hard link) and listed in `kept`, to be put back."""
    for url, path in staged:
        target = os.path.join(out, url)
        if backup is not None:
            saved = os.path.join(backup, url)
            os.makedirs(os.path.dirname(saved), exist_ok=True)
            os.link(target, saved)
            kept.append((url, saved))
        os.replace(path, target)
        stat = os.stat(target)
        files[url] = (files[url][0], stat.st_size, stat.st_mtime_ns)


def _index_and_swap(options, cache, plan, pages, inputs, files, staged, work: Path, wanted_key: str):
    """Pagefind reads the site folder, so the new pages go in first and come out again if indexing
    fails or is interrupted; the new index replaces the old folder in one rename. Returns Pagefind's
    IndexReport."""
    from ..search import (
        pagefind as search,  # looked up when it runs, so that a test can stand in for Pagefind's failure
    )
    out = options.out_dir.resolve()
    kept: list[tuple[str, str]] = []
    try:
        with interrupts_deferred():
            _swap_in(out, staged, files, backup=work / "old", kept=kept)
        bundle = work / "pagefind"
        indexed = search.run_pagefind(out, options.config.search.pagefind_args, verbose=options.verbosity > 1,
                                      bundle=bundle, previous=intact_index(cache, out),
                                      shard_pages=options.config.search.shard_pages,
                                      memo=cache.folder / SEARCH_MEMO if cache.enabled else None)
    except BaseException:
        with interrupts_deferred():
            for url, saved in kept:
                os.replace(saved, os.path.join(out, url))
        raise
    old_bundle = work / "pagefind.old"
    with interrupts_deferred():
        for url in [u for u in files if u.startswith(SEARCH_FOLDER)]:
            del files[url]
        if (out / SEARCH_FOLDER).exists():
            os.rename(out / SEARCH_FOLDER, old_bundle)
        os.rename(bundle, out / SEARCH_FOLDER)
        for url in search_files(out):
            stat = os.stat(out / url)
            files[url] = ("search", stat.st_size, stat.st_mtime_ns)
        _record(cache, plan, pages, inputs, files, wanted_key)
    remove_tree(old_bundle)
    return indexed


def _record(cache: BuildCache, plan: _Plan, pages: list, inputs: str, files: dict, search_key: str) -> None:
    """Record the new pages: the output record first, then the quick records it vouches for."""
    for _, record, output, scan in pages:
        entry = files[output.url]
        files[output.url] = (output.key, entry[1], entry[2])
    cache.save_output(files, search_key, inputs, cache.outcome)
    folder = cache.folder / FOLDER
    touched = set()
    for article, record, output, scan in pages:
        record["key"], record["scan"] = output.key, scan
        touched.add(chunk_of(article.path))
    for chunk in sorted(touched):
        records = plan.chunks[chunk]
        for file in sorted(folder.glob(f"{chunk}-*.pickle")):
            os.unlink(file)
        _cache.save_pickle(folder / f"{chunk}-0.pickle", {"records": records})
    prior = plan.state["edits"]
    lower = Counter(prior["lower"])
    lower.update(plan.deltas)
    thresholds = {word: set(counts) for word, counts in prior["thresholds"].items()}
    for word, counts in plan.added.items():
        thresholds.setdefault(word, set()).update(counts)
    base = plan.state["base_stats"]
    _cache.save_pickle(folder / EDITS, {
        "base": prior["base"], "build": inputs,
        "stats": {path: stat for path, stat in plan.stats.items() if base.get(path) != stat},
        "lower": {word: delta for word, delta in lower.items() if delta},
        "thresholds": {word: tuple(sorted(counts)) for word, counts in thresholds.items()}})
