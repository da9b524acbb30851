"""What a build is asked to do (BuildOptions) and what it reports (BuildResult, with its stage times)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.config import SiteConfig
from ..content.errors import Problem


@dataclass(frozen=True)
class BuildOptions:
    config: SiteConfig
    content_dir: Path
    out_dir: Path
    drafts: bool = False
    strict: bool = False
    search: bool = True
    verbosity: int = 1          # 0 quiet, 1 normal, 2 verbose
    write: bool = True          # False for `check`: validate and write nothing
    cache_dir: Path | None = None   # .dossier-cache; None turns the cache off
    jobs: int = 0               # worker processes; 0 means one per core
    defer_search: bool = False  # serve: when pages changed, keep the last index for now (the caller re-indexes)


@dataclass
class BuildResult:
    articles: int = 0
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    search_pending: bool = False    # the site went out with the previous search index (defer_search)
    quick: int | None = None        # pages re-rendered by the quick edit path (quick.py); None for a full build
    search_shards: tuple[str, ...] = ()      # the search index's shards, when Pagefind ran this build
    search_reindexed: tuple[str, ...] = ()   # those it indexed anew (the others were the last build's)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def summary_line(self) -> str:
        stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.timings.items())
        total = sum(self.timings.values())
        how = "" if self.quick is None else \
            f"quick edit, {self.quick} page{'s' * (self.quick != 1)} re-rendered; " if self.quick else "pages unchanged; "
        return (f"{self.articles} articles, {self.pages} pages, {len(self.warnings)} warnings, "
                f"{len(self.errors)} errors in {total:.2f} s ({how}{stages})")


class Stopwatch:
    def __init__(self, result: BuildResult):
        self.result = result
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.result.timings[stage] = self.result.timings.get(stage, 0.0) + now - self.last
        self.last = now



def finish_problems(problems: list[Problem], strict: bool) -> list[Problem]:
    """Sorted for stable output; under --strict every warning becomes an error."""
    if strict:
        problems = [replace(p, level="error") for p in problems]
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
