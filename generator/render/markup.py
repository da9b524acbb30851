"""Markdown to HTML for article bodies: one Python-Markdown instance per process, plus Dossier's tree passes.

The passes run on Python-Markdown's element tree (never regexes over HTML): they rewrite links to
other articles and to images so they stay relative to the page, and record the paragraph that summaries start from.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..content import urls
from ..content.config import MarkdownConfig, SiteConfig
from ..entities.mentions import MentionExtension, MentionMatcher
from ..entities.text import lead_paragraph
from .inline import quicken

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.I)
# Browsers drop these from a URL before reading its scheme: "java\tscript:" is "javascript:".
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")


def runs_script(url: str, *, image: bool = False) -> bool:
    """Whether following (or loading) a URL could run script: javascript:, vbscript: and data: URLs,
    except data: images, which a browser only draws."""
    plain = _IGNORED_IN_URL.sub("", url).lower()
    if image and plain.startswith("data:image/") and not plain.startswith("data:image/svg"):
        return False
    return plain.startswith(_SCRIPT_SCHEMES)


LEAD_PARAGRAPHS = 12  # how far into a body the summary's paragraph is looked for


@dataclass
class PageState:
    """What the tree passes need to know about the article being converted, and what they found."""

    source_path: str = ""                     # content-relative path of the Markdown file
    page_url: str = ""                        # root-relative URL of the page the HTML goes on
    first_paragraph: str = ""
    words: int = 0
    assets: list[str] = field(default_factory=list)          # content-relative files to copy
    broken: list[tuple[str, str]] = field(default_factory=list)  # (kind, target) that could not be resolved


class _LinkRewriter(Treeprocessor):
    """Point `.md` links at the article's page and images at their copy in the output, relative to the page."""

    def __init__(self, md, state: PageState, article_urls: Callable[[], Mapping[str, str]],
                 asset_exists: Callable[[str], bool], raw_html: bool = True):
        super().__init__(md)
        self.state = state
        self.article_urls = article_urls
        self.asset_exists = asset_exists
        self.raw_html = raw_html

    def run(self, root: etree.Element) -> None:
        # The summary's paragraph: the first that reads as prose, among the first few (captions,
        # headings written as paragraphs and interview labels are skipped).
        leading = [self._plain_text(p) for p in root.findall("p")[:LEAD_PARAGRAPHS]]
        self.state.first_paragraph = lead_paragraph([p for p in leading if p])
        # Counted here, once per body, so pages can show a reading time without re-reading the HTML.
        self.state.words = sum(len(text.split()) for text in root.itertext())
        for element in root.iter():
            if not self.raw_html:
                self._drop_script_urls(element)
            if element.tag == "a" and element.get("href"):
                self._rewrite_link(element)
            elif element.tag == "img" and element.get("src"):
                self._rewrite_image(element)

    @staticmethod
    def _drop_script_urls(element: etree.Element) -> None:
        """With raw HTML off, a Markdown link or image cannot run script either: its URL is dropped."""
        if element.tag == "a" and runs_script(element.get("href", "")):
            del element.attrib["href"]
        elif element.tag == "img" and runs_script(element.get("src", ""), image=True):
            del element.attrib["src"]

    def _plain_text(self, element: etree.Element) -> str:
        """Element text with Python-Markdown's stash placeholders (smarty quotes, raw HTML) resolved."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def unstash(match: re.Match) -> str:
            index = int(match.group(1))
            return html.unescape(str(stash[index])) if index < len(stash) else ""

        text = _PLACEHOLDER.sub(unstash, "".join(element.itertext()))
        return " ".join(html.unescape(text).split())

    def _resolve(self, target: str) -> str:
        base = posixpath.dirname(self.state.source_path)
        return posixpath.normpath(posixpath.join(base, unquote(target)))

    def _rewrite_link(self, element: etree.Element) -> None:
        href = element.get("href", "")
        if _EXTERNAL.match(href):
            return
        parts = urlsplit(href)
        if not parts.path.endswith(".md"):
            return
        target = self._resolve(parts.path)
        page = self.article_urls().get(target)
        if page is None:
            self.state.broken.append(("link", href))
            return
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        element.set("href", urls.relative(self.state.page_url, page + fragment))

    def _rewrite_image(self, element: etree.Element) -> None:
        src = element.get("src", "")
        if _EXTERNAL.match(src) or src.startswith("/"):
            return
        target = self._resolve(urlsplit(src).path)
        if target.startswith("../") or not self.asset_exists(target):
            self.state.broken.append(("image", src))
            return
        if target not in self.state.assets:
            self.state.assets.append(target)
        element.set("src", urls.relative(self.state.page_url, urls.asset(target)))
        element.set("loading", "lazy")


class DossierExtension(Extension):
    def __init__(self, state: PageState, article_urls, asset_exists, raw_html: bool = True):
        super().__init__()
        self.state = state
        self.article_urls = article_urls
        self.asset_exists = asset_exists
        self.raw_html = raw_html

    def extendMarkdown(self, md) -> None:
        # Priority 4: after inline parsing (20) and toc (5), so heading ids exist and links are final.
        md.treeprocessors.register(_LinkRewriter(md, self.state, self.article_urls, self.asset_exists, self.raw_html),
                                   "dossier-links", 4)
        # Listed after the user's extensions, so smarty's pass exists by now.
        quicken(md)


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: tuple[tuple[int, str, str], ...]      # (level, id, text) of each heading
    first_paragraph: str
    assets: tuple[str, ...]
    broken: tuple[tuple[str, str], ...]
    words: int = 0


def _flatten_toc(tokens) -> list[tuple[int, str, str]]:
    out = []
    for token in tokens:
        out.append((token["level"], token["id"], token["name"]))
        out.extend(_flatten_toc(token.get("children", [])))
    return out


class BodyRenderer:
    """Converts article bodies. Build one per process; `extra_extensions` carries the mention linker."""

    def __init__(self, config: MarkdownConfig, *, article_urls: Callable[[], Mapping[str, str]] = dict,
                 asset_exists: Callable[[str], bool] = lambda path: False, extra_extensions=()):
        self.state = PageState()
        configs = {
            "toc": {"permalink": "#", "permalink_title": "Link to this section", "toc_depth": "2-4"},
            "smarty": {"smart_angled_quotes": False},
        }
        for name, options in config.extension_configs.items():
            configs.setdefault(name, {}).update(options)
        names = list(config.extensions)
        try:
            self.md = markdown.Markdown(
                extensions=[*names, DossierExtension(self.state, article_urls, asset_exists, config.raw_html),
                            *extra_extensions],
                extension_configs={k: v for k, v in configs.items() if k in names},
                output_format="html",
            )
        except (ImportError, AttributeError, TypeError, ValueError) as exc:
            from ..content.errors import UsageError
            raise UsageError(f"markdown: cannot load extensions {names}: {exc}") from None
        if not config.raw_html:
            # Without these two passes, HTML in the text is text: the serializer escapes its "<".
            for registry, name in ((self.md.preprocessors, "html_block"), (self.md.inlinePatterns, "html")):
                if name in registry:
                    registry.deregister(name)

    def render(self, body: str, *, source_path: str, page_url: str) -> RenderedBody:
        self.md.reset()
        state = self.state
        state.source_path, state.page_url = source_path, page_url
        state.first_paragraph, state.assets, state.broken, state.words = "", [], [], 0
        html = self.md.convert(body)
        toc = _flatten_toc(getattr(self.md, "toc_tokens", []))
        return RenderedBody(html, tuple(toc), state.first_paragraph, tuple(state.assets), tuple(state.broken),
                            state.words)


def shorten(text: str, limit: int = 200) -> str:
    """Cut text at a word boundary and add an ellipsis when it is longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"


def body_renderer(config: SiteConfig, by_path: dict[str, str], content_dir: Path, matcher: MentionMatcher
                  ) -> tuple[BodyRenderer, MentionExtension]:
    """A Markdown renderer for article bodies with the mention linker, which collects each body's mentions."""
    # Every article page sits in articles/, so one relative prefix reaches every entity page.
    prefix = urls.relative(urls.article("x"), urls.entity("x"))[:-len("x.html")]
    linker = MentionExtension(matcher, lambda entity_id: f"{prefix}{entity_id}.html",
                              link_all=config.entities.link == "all")
    renderer = BodyRenderer(config.markdown, article_urls=lambda: by_path,
                            asset_exists=lambda path: (content_dir / path).is_file(), extra_extensions=[linker])
    return renderer, linker
