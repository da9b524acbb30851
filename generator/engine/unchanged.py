"""Whether a build would only make the last build again: answered from the files' stats and the cache's
record of the last build, with none of the stages imported (they take half a second to import)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..content.config import SiteConfig, default_theme
from ..core.cache import BuildCache, input_state
from .options import BuildOptions, BuildResult, Stopwatch, finish_problems

QUICK_STAGED_PREFIX = "quick.new-"   # the quick edit records of a build until it succeeds; a killed build's are swept


def build_inputs(options: BuildOptions, cache: BuildCache) -> tuple[str, list]:
    """(digest, entries) of everything a build reads: content, templates, static files, the options."""
    if not cache.enabled:
        return "", []
    config = options.config
    return input_state([options.content_dir, *template_folders(config), config.path(config.static_dir)], [],
                       (replace(options, verbosity=0, jobs=0, strict=False), os.environ.get("SOURCE_DATE_EPOCH")))


def already_built(options: BuildOptions, cache: BuildCache, inputs: str, result: BuildResult, clock: Stopwatch) -> bool:
    """No input file and no option changed since the last build, whose output is intact: it is this build."""
    if not (inputs and inputs == cache.inputs and cache.outcome and cache.output_intact(options.out_dir)):
        return False
    result.articles, result.pages, problems = cache.outcome
    result.problems = finish_problems(list(problems), options.strict)
    clock.lap("check")
    return True


def template_folders(config: SiteConfig) -> list[Path]:
    return [config.path(config.templates_dir), default_theme()]
