"""The build: gather everything, check it, then write the site and index it. `build()` reads as the recipe."""

from __future__ import annotations

import sys
import time
from itertools import chain
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import urls
from .config import SiteConfig
from .content import Article, load_articles
from .errors import BuildFailed, Problem, UsageError, warning
from .markup import BodyRenderer, RenderedBody
from .entities import EntitySpec
from .entity_files import load_entity_specs
from .entity_pages import entities_json, entity_pages
from .feeds import robots, sitemap
from .parallel import default_jobs, merge_in_order, run_sharded
from .mentions import MentionExtension, MentionMatcher, MentionStat
from .weave import Weave, index_entities, relate
from .linkcheck import check_links
from .pages import build_pages, sitemap_pages
from .render import Renderer, default_theme, display_summary, make_environment, site_view
from .search import run_pagefind
from .site import Site, assemble
from .views import article_summary
from .write import OutputTree, check_output_folder, staged_output


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
    jobs: int = 0               # worker processes; 0 means one per core


@dataclass
class BuildResult:
    articles: int = 0
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def summary_line(self) -> str:
        stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.timings.items())
        total = sum(self.timings.values())
        return (f"{self.articles} articles, {self.pages} pages, {len(self.warnings)} warnings, "
                f"{len(self.errors)} errors in {total:.2f} s ({stages})")


class Stopwatch:
    def __init__(self, result: BuildResult):
        self.result = result
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.result.timings[stage] = self.result.timings.get(stage, 0.0) + now - self.last
        self.last = now


@dataclass(frozen=True)
class Gathered:
    """Everything read and resolved before the first page is rendered."""

    site: Site
    bodies: dict[str, RenderedBody]
    weave: Weave
    problems: list[Problem]


def prepare(options: BuildOptions, clock: Stopwatch) -> Gathered:
    """Read every article and entity file, link the mentions, relate everything. Writes nothing."""
    config = options.config
    articles, specs, spec_lines, problems = gather(options)
    site, found = assemble(articles)
    problems += found
    clock.lap("load")
    index, matcher = index_entities(site.articles, specs, config.entities)
    clock.lap("entities")
    bodies, mentions, found = render_bodies(config, site, options.content_dir, matcher, options.jobs or default_jobs())
    problems += found
    weave, found = relate(index, matcher, site.articles, mentions, spec_lines)
    return Gathered(site, bodies, weave, problems + found)


def build(options: BuildOptions) -> BuildResult:
    """Load, check, render, write, index. Raises BuildFailed with every problem when content is broken."""
    result = BuildResult()
    clock = Stopwatch(result)
    config = options.config
    gathered = prepare(options, clock)
    site, bodies, weave, problems = gathered.site, gathered.bodies, gathered.weave, gathered.problems
    result.problems = finish_problems(problems, options.strict)
    result.articles = len(site.articles)
    if result.errors:
        raise BuildFailed(result.problems, result)
    pages = render_pages(config, site, bodies, weave, search=options.search, jobs=options.jobs or default_jobs())
    result.pages = sum(url.endswith(".html") for url, _ in pages)
    clock.lap("render")
    if not options.write:
        return result
    check_output_folder(options.out_dir, [options.content_dir, config.root, Path.cwd()])
    with staged_output(options.out_dir) as tree:
        write_site(tree, config, options.content_dir, pages, bodies)
        clock.lap("write")
        result.problems = finish_problems(problems + link_problems(site, pages, tree.written), options.strict)
        clock.lap("links")
        if result.errors:
            raise BuildFailed(result.problems, result)
        if options.search:
            run_pagefind(tree.root, config.search.pagefind_args, verbose=options.verbosity > 1)
            clock.lap("search")
    return result


def gather(options: BuildOptions) -> tuple[list[Article], list[EntitySpec], dict[str, dict[str, int]], list[Problem]]:
    if not options.content_dir.is_dir():
        raise UsageError(f"content folder not found: {options.content_dir}")
    articles, problems = load_articles(options.content_dir)
    specs, spec_lines, found = load_entity_specs(options.content_dir)
    if not options.drafts:
        articles = [a for a in articles if not a.draft]
    return articles, specs, spec_lines, problems + found


def render_bodies(config: SiteConfig, site: Site, content_dir: Path, matcher: MentionMatcher, jobs: int = 1
                  ) -> tuple[dict[str, RenderedBody], dict[str, dict[str, MentionStat]], list[Problem]]:
    """Markdown to HTML for every article, linking entity mentions on the way; collects the mentions."""
    articles = site.articles
    progress = Progress("rendering articles", len(articles))

    def shard(index: int, count: int) -> list[tuple[int, tuple[RenderedBody, dict[str, MentionStat]]]]:
        # Every article page sits in articles/, so one relative prefix reaches every entity page.
        prefix = urls.relative(urls.article("x"), urls.entity("x"))[:-len("x.html")]
        linker = MentionExtension(matcher, lambda entity_id: f"{prefix}{entity_id}.html",
                                  link_all=config.entities.link == "all")
        renderer = BodyRenderer(config.markdown, article_urls=lambda: site.by_path,
                                asset_exists=lambda path: (content_dir / path).is_file(), extra_extensions=[linker])
        done = []
        for position in range(index, len(articles), count):
            article = articles[position]
            body = renderer.render(article.body, source_path=article.path, page_url=article.page_url)
            done.append((position, (body, dict(linker.mentions))))
            if index == 0:
                progress.step(count)
        return done

    rendered = merge_in_order(run_sharded(shard, jobs, items=len(articles)))
    progress.done()
    bodies: dict[str, RenderedBody] = {}
    mentions: dict[str, dict[str, MentionStat]] = {}
    problems: list[Problem] = []
    for article, (body, found) in zip(articles, rendered):
        bodies[article.slug] = body
        mentions[article.slug] = found
        for kind, target in body.broken:
            what = "links to a missing article" if kind == "link" else "shows a missing image"
            problems.append(warning(article.display_path, _line_of(article, target), f"{what}: {target}"))
    return bodies, mentions, problems


def _line_of(article: Article, *needles: str) -> int:
    """The file line where the first of `needles` found appears in the body, for messages about it."""
    for needle in needles:
        index = article.body.find(needle) if needle else -1
        if index >= 0:
            return article.body_line + article.body[:index].count("\n")
    return article.body_line


def render_pages(config: SiteConfig, site: Site, bodies: dict[str, RenderedBody], weave: Weave, *,
                 search: bool, jobs: int = 1) -> list[tuple[str, str]]:
    """Every output page as (url, text). Worker i renders every i-th page of the one deterministic sequence."""
    env = make_environment(config)
    view = site_view(config, site, search=search, entity_count=len(weave.entities))
    summaries = {a.slug: article_summary(a, display_summary(a, bodies[a.slug].first_paragraph)) for a in site.articles}
    progress = Progress("rendering pages", len(site.articles) + len(weave.entities))

    def shard(index: int, count: int) -> list[tuple[int, tuple[str, str]]]:
        renderer = Renderer(config, env, view, shard=index, shards=count)
        sequence = chain(build_pages(renderer, site, bodies, summaries, weave),
                         entity_pages(renderer, site, weave, summaries, BodyRenderer(config.markdown)))
        done = []
        for position, (url, text) in enumerate(sequence):
            if text is not None:
                done.append((position, (url, text)))
                if index == 0 and url.endswith(".html"):
                    progress.step(count)
        return done

    pages = merge_in_order(run_sharded(shard, jobs, items=len(site.articles) + len(weave.entities)))
    progress.done()
    pages.append((urls.ENTITIES_JSON, entities_json(site, weave)))
    pages.append((urls.SITEMAP, sitemap(config.base_url, sitemap_pages(site, [u for u, _ in pages]))))
    pages.append((urls.ROBOTS, robots(config.base_url)))
    return pages


def write_site(tree: OutputTree, config: SiteConfig, content_dir: Path, pages, bodies: dict[str, RenderedBody]) -> None:
    for url, html in pages:
        tree.write_text(url, html)
    tree.copy_tree(default_theme() / "assets", "assets/")
    static = config.path(config.static_dir)
    if static.is_dir():
        tree.copy_tree(static)
    for asset in sorted({a for body in bodies.values() for a in body.assets}):
        tree.copy_file(content_dir / asset, urls.asset(asset))


def link_problems(site: Site, pages: list[tuple[str, str]], written) -> list[Problem]:
    """Broken local links as warnings on the article that holds them (or the generated page)."""
    by_page = {a.page_url: a for a in site.articles}
    problems = []
    for broken in check_links(pages, written):
        article = by_page.get(broken.page)
        if article is not None:
            path, _, fragment = broken.target.partition("#")
            problems.append(warning(article.display_path, _line_of(article, path, "#" + fragment if fragment else ""),
                                    f"broken link: {broken.target} (on {broken.page})"))
        else:
            problems.append(warning(broken.page, None, f"broken link: {broken.target}"))
    return problems


def finish_problems(problems: list[Problem], strict: bool) -> list[Problem]:
    """Sorted for stable output; under --strict every warning becomes an error."""
    if strict:
        problems = [replace(p, level="error") for p in problems]
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))


class Progress:
    """A one-line counter on a terminal for long stages; silent otherwise (CI logs stay clean)."""

    enabled = False

    def __init__(self, label: str, total: int):
        self.label, self.total, self.count = label, total, 0
        self.show = Progress.enabled and total >= 200 and sys.stderr.isatty()

    def step(self, by: int = 1) -> None:
        self.count = min(self.total, self.count + by)
        if self.show and (self.count % 100 < by or self.count == self.total):
            sys.stderr.write(f"\r{self.label} {self.count}/{self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.show:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
