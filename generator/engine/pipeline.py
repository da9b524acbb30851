"""The build: gather everything, check it, then write the site and index it. `build()` reads as the recipe."""

from __future__ import annotations

from pathlib import Path

from ..content.errors import BuildFailed
from ..core.cache import BuildCache
from ..core.progress import Progress  # noqa: F401  (cli and serve switch it on)
from ..output.write import check_output_folder, staged_output, sweep_leftovers
from .options import BuildOptions, BuildResult, Stopwatch, finish_problems
from .unchanged import QUICK_STAGED_PREFIX, already_built, build_inputs


def build(options: BuildOptions) -> BuildResult:
    """Load, check, render, write, index. Raises BuildFailed with every problem when content is broken."""
    result = BuildResult()
    clock = Stopwatch(result)
    config = options.config
    cache = BuildCache.open(options.cache_dir if options.write else None, options.out_dir)
    if options.write:
        sweep_leftovers(options.out_dir, cache.folder, (QUICK_STAGED_PREFIX,))
    inputs, entries = build_inputs(options, cache)
    if already_built(options, cache, inputs, result, clock):
        return finished(result)
    # There is work to do: only now are the stages imported, which takes longer than the check above.
    from . import quick
    from .publish import publish
    from .records import (
        carry_records,
        discard_staging,
        last_state,
        save_records,
        staging_folder,
    )
    from .stages import (
        copied_files,
        jobs_for,
        page_site_key,
        prepare,
        quick_state,
        render_pages,
    )
    if options.write and quick.quick_build(options, cache, inputs, entries, result, clock):
        return finished(result)
    cache.load()
    gathered = prepare(options, clock, cache)
    site, bodies, weave, problems = gathered.site, gathered.bodies, gathered.weave, gathered.problems
    result.problems = finish_problems(problems, options.strict)
    result.articles = len(site.articles)
    finished(result)   # raises with every problem when there are errors: nothing is written then
    if not options.write:
        result.pages = sum(o.is_page for o in render_pages(config, site, bodies, weave, search=options.search,
                                                           jobs=jobs_for(options)))
        clock.lap("render")
        return result
    check_output_folder(options.out_dir, [options.content_dir, config.root, Path.cwd()])
    records = staging_folder(cache)
    previous = last_state(cache, options) if records else None
    view_key = page_site_key(config, site, weave, options.search)
    try:
        with staged_output(options.out_dir) as tree:
            # Workers write the pages they render straight into the staged tree: the HTML of a large site
            # never has to sit in this process or travel back to it.
            outputs = render_pages(config, site, bodies, weave, search=options.search, jobs=jobs_for(options),
                                   cache=cache, out_dir=options.out_dir, staging=str(tree.root), records=records,
                                   view_key=view_key, keep_articles=records is None or previous is not None)
            if previous is not None:
                kept = {o.url for o in outputs if not (o.written or o.text is not None)}
                carry_records(cache, records, previous, {a.path for a in site.articles if a.page_url in kept})
            outputs += copied_files(config, options.content_dir, bodies)
            result.pages = sum(o.is_page for o in outputs)
            clock.lap("render")
            state = quick_state(options, site, gathered.index, inputs, entries, view_key)
            publish(options, site, outputs, problems, result, clock, cache, tree, inputs,
                    lambda outcome: save_records(cache, records, state, outcome))
    finally:
        discard_staging(records)
    return result


def finished(result: BuildResult) -> BuildResult:
    """The result, unless it holds errors: then the build fails with all of them."""
    if result.errors:
        raise BuildFailed(result.problems, result)
    return result
