"""The stages a build runs once it has work to do: gather (read, discover, render bodies, relate) and render pages."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from .. import __version__
from ..content import urls
from ..content.articles import Article, display_name, load_articles
from ..content.config import SiteConfig, default_theme, language_of
from ..content.errors import Problem, UsageError, warning
from ..content.site import Site, assemble
from ..content.standalone import load_pages
from ..core.cache import BuildCache, FormFinder, digest, tree_digest
from ..core.parallel import default_jobs, merge_in_order, run_sharded
from ..core.progress import Progress
from ..entities.discovery import EntityIndex, EntitySpec
from ..entities.files import load_entity_specs
from ..entities.mentions import MentionMatcher, MentionStat
from ..entities.weave import Weave, index_entities, relate
from ..output.linkcheck import LinkPlan, own_templates
from ..output.write import write_page
from ..render.entity_pages import entities_json, entity_page_url, entity_pages
from ..render.feeds import robots, sitemap
from ..render.markup import BodyRenderer, RenderedBody, body_renderer
from ..render.outputs import Output, copied_output, text_output
from ..render.pages import build_pages, sitemap_pages
from ..render.templates import (
    Renderer,
    display_summary,
    make_environment,
    preload,
    site_view,
)
from ..render.views import article_summary
from .options import BuildOptions, Stopwatch
from .plan import output_problems
from .publish import page_scan
from .records import RecordWriter, make_record, options_key
from .unchanged import template_folders


@dataclass(frozen=True)
class Gathered:
    """Everything read and resolved before the first page is rendered."""

    site: Site
    bodies: dict[str, RenderedBody]
    weave: Weave
    problems: list[Problem]
    index: EntityIndex


def prepare(options: BuildOptions, clock: Stopwatch, cache: BuildCache | None = None) -> Gathered:
    """Read every article and entity file, link the mentions, relate everything. Writes nothing."""
    config = options.config
    articles, specs, spec_lines, problems = gather(options, cache)
    site, found = assemble(articles)
    problems += found
    pages, found = load_pages(options.content_dir, display_name(options.content_dir, None))
    site = replace(site, pages=tuple(p for p in pages if options.drafts or not p.draft))
    problems += found
    clock.lap("load")
    jobs = options.jobs or default_jobs()
    index, matcher = index_entities(site.articles, specs, config.entities, cache, jobs)
    clock.lap("entities")
    bodies, mentions, found = render_bodies(config, site, options.content_dir, matcher, jobs,
                                            cache or BuildCache(None))
    problems += found
    weave, found, relations = relate(index, matcher, site.articles, mentions, spec_lines, jobs=jobs,
                                     previous=cache.relations if cache else None)
    if cache:
        cache.relations = relations
    problems += found + output_problems(site, weave, config.list_page_size, bodies,
                                        copied_sources(config, options.content_dir, bodies))
    clock.lap("markdown")
    return Gathered(site, bodies, weave, problems, index)


def quick_state(options: BuildOptions, site: Site, index: EntityIndex, inputs: str, entries: list,
                view_key: tuple) -> dict:
    """What the quick edit path needs beside the article records (see quick.py)."""
    view, site_key = view_key
    return {"build": inputs, "options": options_key(options),
            "stats": {path: (size, mtime) for path, size, mtime in entries},
            "site_key": site_key, "view": view,
            "surface_forms": index.surface_forms, "local_forms": index.local_forms, "consulted": index.consulted,
            "by_path": site.by_path}


def page_site_key(config: SiteConfig, site: Site, weave: Weave, search: bool) -> tuple:
    """The SiteView every page shows, and the digest every page key starts from."""
    view = site_view(config, site, search=search, has_entities=bool(weave.entities))
    return view, digest(__version__, config, view, tree_digest(template_folders(config)))


def jobs_for(options: BuildOptions) -> int:
    return options.jobs or default_jobs()


def gather(options: BuildOptions, cache: BuildCache | None = None
           ) -> tuple[list[Article], list[EntitySpec], dict[str, dict[str, int]], list[Problem]]:
    if not options.content_dir.is_dir():
        raise UsageError(f"content folder not found: {options.content_dir}")
    articles, problems = load_articles(options.content_dir, parsed=cache.parsed if cache and cache.enabled else None)
    specs, spec_lines, found = load_entity_specs(options.content_dir)
    if not options.drafts:
        articles = [a for a in articles if not a.draft]
    return articles, specs, spec_lines, problems + found


def body_key(config: SiteConfig, article: Article, finder: FormFinder, links_key: str,
             known: dict[str, str | None], local_forms: dict[str, str] | None = None) -> tuple[str, str | None]:
    """(text key, body key): the body key covers everything an article's HTML depends on; None for
    bodies with images, whose files may come and go.

    Finding the entity names a body could hold means scanning it, so the result is remembered per
    text key: `known` holds the last build's answers, valid while the set of names is the same.
    """
    if "![" in article.body or "<img" in article.body:
        return "", None
    plain = digest(config.markdown, config.entities.link, article.path, article.body,
                   links_key if ".md" in article.body else "", sorted((local_forms or {}).items()))
    return plain, known.get(plain) or digest(plain, finder.signature(article.body))


def render_bodies(config: SiteConfig, site: Site, content_dir: Path, matcher: MentionMatcher, jobs: int,
                  cache: BuildCache) -> tuple[dict[str, RenderedBody], dict[str, dict[str, MentionStat]], list[Problem]]:
    """Markdown to HTML for every article, linking entity mentions on the way; collects the mentions.

    Workers key each body (which means scanning it for entity names) and render it unless the cache
    holds that key; cached bodies stay in this process and only fresh ones travel back.
    """
    articles = site.articles
    keying = cache.enabled
    if keying:
        finder = FormFinder(matcher.all_forms())
        links_key = digest(sorted(site.by_path.items()))
        forms_key = digest(sorted(matcher.surface_forms.items()), sorted(matcher.local_forms.items()))
        known = cache.body_keys.get("keys", {}) if cache.body_keys.get("forms") == forms_key else {}
    progress = Progress("rendering articles", len(articles))

    def shard(index: int, count: int) -> list[tuple[int, tuple[str, str | None, tuple | None]]]:
        renderer, linker = body_renderer(config, site.by_path, content_dir, matcher)
        done = []
        for position in range(index, len(articles), count):
            article = articles[position]
            plain, key = body_key(config, article, finder, links_key, known,
                                  matcher.local_forms.get(article.slug)) if keying else ("", None)
            if key is not None and key in cache.bodies:
                done.append((position, (plain, key, None)))
            else:
                linker.article = article.slug
                body = renderer.render(article.body, source_path=article.path, page_url=article.page_url)
                done.append((position, (plain, key, (body, dict(linker.mentions)))))
            if index == 0:
                progress.step(count)
        return done

    results = merge_in_order(run_sharded(shard, jobs, items=len(articles)))
    progress.done()
    bodies: dict[str, RenderedBody] = {}
    mentions: dict[str, dict[str, MentionStat]] = {}
    problems: list[Problem] = []
    seen: dict[str, str | None] = {}
    live: set[str] = set()
    for article, (plain, key, fresh) in zip(articles, results):
        body, found = fresh or cache.bodies[key]
        bodies[article.slug] = body
        mentions[article.slug] = found
        if plain:
            seen[plain] = key
        if key is not None:
            cache.bodies[key] = (body, found)
            live.add(key)
        for kind, target in body.broken:
            what = "links to a missing article" if kind == "link" else "shows a missing image"
            problems.append(warning(article.display_path, article.line_of(target), f"{what}: {target}"))
    if keying:
        cache.body_keys = {"forms": forms_key, "keys": seen}
    # Keep only this build's entries, so the cache does not grow with every edit.
    for key in [k for k in cache.bodies if k not in live]:
        del cache.bodies[key]
    return bodies, mentions, problems


def render_pages(config: SiteConfig, site: Site, bodies: dict[str, RenderedBody], weave: Weave, *,
                 search: bool, jobs: int = 1, cache: BuildCache | None = None, out_dir: Path | None = None,
                 staging: str | None = None, records: str | None = None, view_key: tuple | None = None,
                 keep_articles: bool = True) -> list[Output]:
    """Every generated file. Worker i renders every i-th page of the one deterministic sequence.

    With `staging`, each rendered file is written there by its worker and comes back without its text.
    With `records`, workers also write there what the quick edit path needs of each article page they
    render; an article page kept from the last build has its record carried over (carry_records), unless
    `keep_articles` is False: then every article page is made, and recorded.
    """
    env = make_environment(config, cache.folder / "jinja" if cache and cache.enabled else None)
    preload(env)
    view, site_key = view_key or page_site_key(config, site, weave, search)
    lang = language_of(config)
    summaries = {a.slug: article_summary(a, display_summary(a, bodies[a.slug].first_paragraph), lang)
                 for a in site.articles}
    reuse = (lambda url, key: cache.reusable(url, key, out_dir)) if cache and cache.enabled and out_dir else None
    progress = Progress("rendering pages", len(site.articles) + len(weave.entities))
    article_at = {a.page_url: a for a in site.articles} if records else {}
    links = link_plan(config, site, bodies, weave)

    def shard(index: int, count: int) -> list[tuple[int, Output]]:
        renderer = Renderer(config, env, view, shard=index, shards=count, site_key=site_key, reuse=reuse)
        writer = RecordWriter(records, index) if records else None
        if writer:
            renderer.contexts = {}
        sequence = chain(build_pages(renderer, site, bodies, summaries, weave, keep_articles=keep_articles),
                         entity_pages(renderer, site, weave, summaries, BodyRenderer(config.markdown)))
        done = []
        for position, (url, made) in enumerate(sequence):
            if made is None:
                continue
            output = made if isinstance(made, Output) else text_output(url, made)
            if not isinstance(made, Output) and reuse and reuse(url, output.key):
                output = Output(url, output.key)   # a feed the same as the last build's: keep its file
            if staging is not None and output.text is not None:
                write_page(staging, url, output.text)
                scan = links.scan(url, output.text) if output.is_page else None
                output = replace(output, text=None, written=True, scan=scan)
            done.append((position, output))
            if writer and url in article_at and url in renderer.contexts:
                article = article_at[url]
                writer.add(article, make_record(
                    article, summaries[article.slug], weave.mentions.get(article.slug, {}),
                    bodies[article.slug].assets, renderer.contexts[url], output.key, page_scan(output, cache, out_dir)))
            if writer:
                renderer.contexts.clear()
            if index == 0 and url.endswith(".html"):
                progress.step(count)
        if writer:
            writer.close()
        return done

    outputs = merge_in_order(run_sharded(shard, jobs, items=len(site.articles) + len(weave.entities)))
    progress.done()
    outputs.append(text_output(urls.ENTITIES_JSON, entities_json(site, weave)))
    if config.base_url:
        outputs.append(text_output(urls.SITEMAP, sitemap(config.base_url, sitemap_pages(site, [o.url for o in outputs]))))
    outputs.append(text_output(urls.ROBOTS, robots(config.base_url)))
    return outputs


def link_plan(config: SiteConfig, site: Site, bodies: dict[str, RenderedBody], weave: Weave) -> LinkPlan:
    """The pages that hold links a user wrote, and which parts of them (see linkcheck.LinkPlan)."""
    # On an article page, the body (its original `url` is always another site's address).
    parts: dict[str, tuple[str, ...] | None] = {a.page_url: (bodies[a.slug].html,) for a in site.articles}
    parts.update((page.url, None) for page in site.pages)
    for entity in weave.entities.values():
        if entity.description:       # from its entity file
            count = max(1, -(-len(weave.entity_articles.get(entity.id, ())) // config.list_page_size))
            parts.update((entity_page_url(entity.id, n), None) for n in range(1, count + 1))
    return LinkPlan(parts, whole_site=own_templates(config.path(config.templates_dir), default_theme()))


def copied_files(config: SiteConfig, content_dir: Path, bodies: dict[str, RenderedBody]) -> list[Output]:
    """Theme assets, the site's static folder and the images articles show, copied as they are."""
    return [copied_output(url, path) for url, path, _ in copied_sources(config, content_dir, bodies)]


def copied_sources(config: SiteConfig, content_dir: Path, bodies: dict[str, RenderedBody]
                   ) -> list[tuple[str, Path, str]]:
    """(url, file, kind) of each file copied as it is; kind is "theme", "static" or "image".

    Layers, each over the one before, as in MkDocs: the default theme's assets, the site's
    templates/assets/, then its static/ folder ("static/assets/dossier.css" replaces the theme's).
    """
    layered: dict[str, tuple[Path, str]] = {}
    for folder, prefix, kind in ((default_theme() / "assets", "assets/", "theme"),
                                 (config.path(config.templates_dir) / "assets", "assets/", "theme"),
                                 (config.path(config.static_dir), "", "static")):
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts):
                    layered[prefix + p.relative_to(folder).as_posix()] = (p, kind)
    files = [(url, path, kind) for url, (path, kind) in sorted(layered.items())]
    for asset in sorted({a for body in bodies.values() for a in body.assets}):
        files.append((urls.asset(asset), content_dir / asset, "image"))
    return files
