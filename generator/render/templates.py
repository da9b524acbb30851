"""Jinja environment and the page builders: each returns (url, html) for one page of the site.

Template context: every template gets `site` (SiteView), `page` (PageInfo), `link(url)` to make a
root-relative URL relative to the current page, `navigation`, `header` and `footer` (the rendered
_nav.html, _header.html and _footer.html, made once per folder depth), plus the names its builder
documents below.
"""

from __future__ import annotations

import json
import math
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import jinja2
import jinja2.runtime
from markupsafe import Markup

from ..content import urls
from ..content.config import SiteConfig, ThemeConfig, default_theme, language_of
from ..content.errors import UsageError
from ..content.site import Site
from ..core.cache import digest
from .outputs import Output
from .views import ArticleSummary, Link, PageInfo, group_links, page_info, pagination

NAV_SOURCES = 10
NAV_TAGS = 15


@dataclass(frozen=True)
class SiteView:
    title: str
    description: str
    language: str
    direction: str                   # "ltr" or "rtl", from the language
    base_url: str
    root_path: str                   # the site's root on its host: base_url's path, or "/"
    theme: ThemeConfig               # logo, brand colour, footer, extra links, CSS and JS
    search: bool
    # The sidebar is on every page, so it holds nothing that a single edit is likely to change: no
    # counts, and the biggest few sources and tags in name order. A new article, tag or entity then
    # leaves every other page as it is, and an incremental build renders only the pages it touches.
    years: tuple[Link, ...]          # every year with articles: bounded by the archive's span, not its size
    sources: tuple[Link, ...]        # the biggest few, by name
    tags: tuple[Link, ...]           # the biggest few, by name
    more_sources: bool               # there are more than the sidebar shows
    more_tags: bool
    has_entities: bool
    generator: str
    built: str               # "" unless SOURCE_DATE_EPOCH is set: reproducible builds carry no clock time
    pages: tuple[Link, ...] = ()     # standalone pages linked from the sidebar


def make_environment(config: SiteConfig, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """Site templates override the default theme's file of the same name.

    With `bytecode_dir` (in the build cache), Jinja keeps its compiled templates there, checked
    against each template's source, so a build does not compile them again.
    """
    search_path = [str(p) for p in (config.path(config.templates_dir),) if p.is_dir() and p != default_theme()]
    env = _Environment(
        # A site's template of a theme template's name replaces it; to change only some blocks, it
        # extends the theme's under the "theme/" prefix: {% extends "theme/base.html" %}.
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader([*search_path, str(default_theme())]),
                                    jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(str(default_theme()))})]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build, so templates never change under it: no stat() of every
        # template file on every page to see whether it did.
        auto_reload=False,
        bytecode_cache=_bytecode_cache(bytecode_dir),
    )
    env.context_class = _Context
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
    # The theme's words in the site's language: {{ _("Search") }}, {{ _n("{count} article", "{count} articles", n) }}.
    lang = language_of(config)
    env.globals.update(_=lang.gettext, _n=lang.ngettext, plural_forms=lang.plural_forms, lang=lang)
    return env


class _Environment(jinja2.Environment):
    """Jinja's environment, except that a template's globals are a plain dict, not a ChainMap over the
    environment's: every page copies them into its context, and copying a ChainMap walks it key by key.
    Dossier sets its globals before any template is loaded and never changes them."""

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


_PLAIN = (types.FunctionType, types.MethodType, types.BuiltinFunctionType, types.BuiltinMethodType)


class _Context(jinja2.runtime.Context):
    """Jinja's context, except that a plain Python function (link, _, _n: half a million calls on a
    large site) is called straight away, as Jinja's `call` ends up doing after four attribute lookups."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805  (Jinja's own signature)
        if type(__obj) not in _PLAIN or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


def preload(env: jinja2.Environment) -> None:
    """Compile every template now, before workers are forked, so that they share the compiled code
    instead of each compiling it again."""
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html") and not name.startswith(("theme/", "assets/"))):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass     # named, with its line, when a page uses it (render_text)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own file cache, except that a damaged file is a miss (compile again), never an error."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or altered file can fail in pickle or marshal
            bucket.reset()


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeCache(str(folder))


def site_view(config: SiteConfig, site: Site, *, search: bool, has_entities: bool = False) -> SiteView:
    from .. import __version__
    return SiteView(
        title=config.title, description=config.description, language=config.language,
        direction=language_of(config).direction,
        root_path=urls.root_path(config.base_url), theme=config.theme,
        pages=tuple(Link(p.title, p.url) for p in site.pages if p.nav),
        base_url=config.base_url, search=search,
        years=nav_links(site.years, lambda k: urls.year(int(k))),
        sources=nav_links(site.sources, urls.source, NAV_SOURCES),
        tags=nav_links(site.tags, urls.tag, NAV_TAGS),
        more_sources=len(site.sources) > NAV_SOURCES, more_tags=len(site.tags) > NAV_TAGS, has_entities=has_entities,
        generator=f"Dossier {__version__}",
        built=build_time().strftime("%Y-%m-%d") if build_time() else "",
    )


def nav_links(groups, url_for, limit: int | None = None) -> tuple[Link, ...]:
    """The sidebar's links to groups: the biggest `limit` in name order, without their counts."""
    chosen = group_links(groups, url_for, limit)
    if limit is not None:
        chosen = tuple(sorted(chosen, key=lambda link: (link.name.casefold(), link.name)))
    return tuple(Link(link.name, link.url) for link in chosen)


def build_time():
    """The build time from SOURCE_DATE_EPOCH, or None: without it, output never depends on the clock."""
    import datetime as dt
    import os
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}") from None


class Renderer:
    """Renders templates for one site; holds the environment and the shared SiteView."""

    def __init__(self, config: SiteConfig, env: jinja2.Environment, view: SiteView, *, shard: int = 0, shards: int = 1,
                 site_key: str = "", reuse: Callable[[str, str], bool] | None = None):
        self.config = config
        self.env = env
        self.view = view
        self.lang = language_of(config)
        # A page whose inputs (this key plus its template and context) match the previous build's is not
        # rendered again: `reuse(url, key)` says whether that build's file can be kept. Without `reuse`
        # (no cache) no page has a key: nothing would ever compare it.
        self.site_key = site_key or digest(config, view)
        self.reuse = reuse
        # Worker `shard` of `shards` renders every shards-th page and returns None for the others;
        # all workers walk the same page sequence, so positions line up when the results are merged.
        self.shard, self.shards, self._position = shard, shards, -1
        self.built = build_time()
        self._shared: dict[tuple[str, str], Markup] = {}
        # When a dict, every page rendered (or reused) leaves its (template, page, context) here.
        self.contexts: dict[str, tuple] | None = None
        self._facts: dict[int, tuple[object, str]] = {}
        self._macros: dict[str, object] = {}
        self._fragments: dict[tuple, Markup] = {}

    def navigation(self, root: str) -> Markup:
        """The sidebar, rendered once per folder depth: it is the same on every page at that depth.

        The current page is marked in the browser (dossier.js), which keeps this shared.
        """
        return self.shared("_nav.html", root)

    def shared(self, template: str, root: str) -> Markup:
        """A part of every page that depends on the folder depth alone (_nav.html, _header.html, _footer.html),
        rendered once per depth."""
        html = self._shared.get((template, root))
        if html is None:
            depth = root.count("../")
            neutral = PageInfo(url="d/" * depth + "index.html", kind="", title="", description="", canonical="",
                               root=root, breadcrumbs=())
            html = self._shared[template, root] = Markup(self.env.get_template(template).render(
                site=self.view, page=neutral, link=urls.page_link(neutral.url)))
        return html

    def fragment(self, page_url: str, macro: str, *args, key: object = None, **kwargs) -> Markup:
        """The theme's `macro` from _macros.html, as pages in page_url's folder show it, made once per arguments:
        a chip that hundreds of pages show is rendered once, not once per page. Arguments must be hashable, or
        `key` must stand for them (a cheaper value that differs whenever they do)."""
        folder = page_url[:page_url.rfind("/") + 1]
        key = (folder, macro, args, tuple(kwargs.items())) if key is None else (folder, macro, key)
        html = self._fragments.get(key)
        if html is None:
            module = self._macros.get(folder)
            if module is None:
                try:
                    module = self._macros[folder] = self.env.get_template("_macros.html").make_module(
                        {"link": urls.page_link(folder + "index.html")})
                except jinja2.TemplateError as exc:
                    raise UsageError(f"_macros.html: template error: {exc}") from None
            if not hasattr(module, macro):
                raise UsageError(f"_macros.html: the theme needs a macro named {macro}")
            html = self._fragments[key] = Markup(getattr(module, macro)(*args, **kwargs))
        return html

    def fragments(self, page_url: str, macro: str, items, options=None, key=None) -> Markup:
        """fragment() for each (args) of `items`, with `options(*args)` as keyword arguments and `key(*args)` as
        its key, one a line."""
        return Markup("\n    ".join(
            self.fragment(page_url, macro, *args, key=key(*args) if key else None, **(options(*args) if options else {}))
            for args in items))

    def mine(self) -> bool:
        """Whether the next page in the sequence is this worker's to render."""
        self._position += 1
        return self._position % self.shards == self.shard

    def claim(self, count: int) -> list[bool]:
        """Which of the next `count` pages are this worker's: lets a builder skip work on the others."""
        return [self.mine() for _ in range(count)]

    def render(self, template: str, page: PageInfo, **context) -> Output | None:
        """The page as an Output; None when another worker renders it; text None when it is unchanged."""
        if not self.mine():
            return None
        return self.render_claimed(template, page, **context)

    def render_claimed(self, template: str, page: PageInfo, *, facts_key: str = "", **context) -> Output:
        """render() for a page already claimed with claim(). With `facts_key` (see page_key), the page is
        keyed by the facts its builder says it reads, instead of by its whole context."""
        key = (facts_key or digest(self.site_key, template, page, sorted(context.items()))) if self.reuse else ""
        if self.contexts is not None:
            self.contexts[page.url] = (template, page, context)
        if self.reuse and self.reuse(page.url, key):
            return Output(page.url, key)
        return Output(page.url, key, self.render_text(template, page, **context))

    def fact(self, value: object) -> str:
        """The digest of a frozen value that many pages show (an article's summary, an entity), made once
        per value: pages are keyed by these instead of pickling the value again for each of them."""
        memo = self._facts.get(id(value))
        if memo is None or memo[0] is not value:
            memo = self._facts[id(value)] = (value, digest(value))
        return memo[1]

    def page_key(self, template: str, url: str, facts: object) -> str:
        """A page's key from the facts its builder reads (which must be everything its context is made
        from): when it matches the last build's, the page is reused without making its context at all.
        "" without the cache."""
        return digest(self.site_key, template, url, facts) if self.reuse else ""

    def unchanged(self, url: str, key: str) -> Output | None:
        """The last build's page, when its key is this one and its file is intact."""
        return Output(url, key) if key and self.reuse and self.reuse(url, key) else None

    def render_text(self, template: str, page: PageInfo, **context) -> str:
        try:
            tpl = self.env.get_template(template)
            return tpl.render(site=self.view, page=page, link=urls.page_link(page.url),
                              navigation=self.navigation(page.root), header=self.shared("_header.html", page.root),
                              footer=self.shared("_footer.html", page.root), **context)
        except jinja2.TemplateSyntaxError as exc:
            raise UsageError(f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            raise UsageError(f"template {template}: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise UsageError(f"template not found: {exc.name}") from None


def list_pages(renderer: Renderer, *, kind: str, title: str, description: str, crumbs: tuple[Link, ...],
               summaries: list[ArticleSummary], url_for_page, size: int, **context) -> Iterator[tuple[str, str]]:
    """A list of articles split into pages of `size`, so no page grows with the archive.

    Context: `articles` (this page's ArticleSummary list), `total`, `pagination`, and anything passed in.
    """
    pages = max(1, math.ceil(len(summaries) / size))
    for number in range(1, pages + 1):
        url = url_for_page(number)
        heading = title if number == 1 else renderer.lang.gettext("{title} (page {number})", title=title, number=number)
        info = page_info(renderer.config, url, kind, heading, description, crumbs)
        chunk = summaries[(number - 1) * size: number * size]
        yield url, renderer.render("list.html", info, articles=chunk, total=len(summaries),
                                   pagination=pagination(url_for_page, number, pages), **context)


def display_summary(article, first_paragraph: str) -> str:
    from .markup import shorten
    return shorten(article.summary or first_paragraph, 240)
