"""Check that every local href and src that users wrote reaches a file, and every #fragment an id.

It runs before anything is swapped in, so `--strict` can still refuse the build. What the default theme
makes from the URL module is not scanned (a test checks every link of whole built sites): only article
bodies, entity descriptions, standalone pages, HTML from static/, the home page (which carries every
link the config adds) and, when a site has templates of its own, every page.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from ..content import urls

# Dossier writes these attributes itself (Jinja and Python-Markdown quote them), so a scan is exact
# for our output; a parser would cost seconds on a large archive for the same answer.
_ATTR = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
# Scripts hold no links to check; a <base> (the 404 page's) names the site root on the host, which
# the page's own links are relative to, as they are to the root folder it is written in.
_SCRIPT = re.compile(r"<script\b.*?</script>|<base\b[^>]*>", re.I | re.S)

Scan = tuple[frozenset[str] | None, tuple[str, ...]]   # (ids or None when not read, links to check)
GENERATED: Scan = (None, ())    # a page made by the theme alone: no link to check, ids read only if linked to


@dataclass(frozen=True)
class BrokenLink:
    page: str       # root-relative URL of the page holding the link
    target: str     # the link as written


def _scan(text: str) -> tuple[set[str], list[str]]:
    ids: set[str] = set()
    links: list[str] = []
    for name, double, single in _ATTR.findall(_SCRIPT.sub("", text)):
        value = html.unescape(double if double or not single else single)
        if name.lower() == "id":
            ids.add(value)
        else:
            links.append(value)
    return ids, links


def scan_page(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The ids a page defines and the links it holds; kept in the build cache for unchanged pages.

    Pages repeat each other's links (the sidebar, the same entities), so the strings are interned:
    pickled once per worker's results and once in the cache, not once per page.
    """
    ids, links = _scan(text)
    return frozenset(ids), tuple(map(sys.intern, links))


def scan_parts(parts: tuple[str, ...]) -> Scan:
    """The links of only the parts of a page that a user wrote; its ids are read if a link needs them."""
    return None, tuple(sys.intern(link) for part in parts for link in _scan(part)[1])


@dataclass(frozen=True)
class LinkPlan:
    """Which pages hold links a user wrote: url -> the HTML parts to scan (None: the whole page).
    Pages not listed are the theme's alone; with `whole_site` (a site's own templates) every page is scanned."""

    parts: Mapping[str, tuple[str, ...] | None]
    whole_site: bool = False

    def scan(self, url: str, text: str) -> Scan:
        if self.whole_site or url == urls.HOME:
            return scan_page(text)
        parts = self.parts.get(url, ())
        if parts is None:
            return scan_page(text)
        return scan_parts(parts) if parts else GENERATED


def own_templates(templates: Path, theme: Path) -> bool:
    """Whether a site's templates folder holds templates (not only assets), whose links are the user's."""
    return templates.is_dir() and templates != theme and any(
        p.is_file() and p.relative_to(templates).parts[0] != "assets" for p in templates.rglob("*"))


def check_links(pages: Iterable[tuple[str, str]], other_files: Iterable[str]) -> list[BrokenLink]:
    """pages: (url, html) of every HTML page; other_files: every other file written (assets, feeds)."""
    html_pages: Mapping[str, str] = {url: text for url, text in pages if url.endswith((".html", ".htm"))}
    return check_scanned({url: scan_page(text) for url, text in html_pages.items()}, set(other_files))


def check_scanned(scanned: Mapping[str, Scan], other_files: set[str],
                  ids_of: Callable[[str], frozenset[str]] = lambda url: frozenset()) -> list[BrokenLink]:
    """Like check_links, from each page's (ids, links); `ids_of(url)` reads the ids of a page scanned without them.

    Pages in one folder share most links (the sidebar, the header, the same articles), so each distinct
    link is resolved once per folder; only links to a #fragment of the page itself are checked per page.
    """
    files = other_files | set(scanned)

    def known_ids(url: str) -> frozenset[str]:
        ids = scanned[url][0]
        return ids if ids is not None else ids_of(url)
    by_folder: dict[str, set[str]] = {}
    for url, (_, links) in scanned.items():
        by_folder.setdefault(posixpath.dirname(url), set()).update(links)
    broken_in: dict[str, set[str]] = {}       # folder -> links that are broken from every page there
    own_fragment: dict[str, dict[str, str]] = {}  # folder -> {"#id" link: "id"}, checked against each page
    for folder, links in by_folder.items():
        for link in links:
            found = resolve_link(folder, link)
            if found is None:
                continue
            target, fragment = found
            if not target:
                if fragment:
                    own_fragment.setdefault(folder, {})[link] = fragment
            elif target.startswith("../") or target not in files:
                broken_in.setdefault(folder, set()).add(link)
            elif fragment and target in scanned and fragment not in known_ids(target):
                broken_in.setdefault(folder, set()).add(link)
    broken: list[BrokenLink] = []
    for url in sorted(scanned):
        folder = posixpath.dirname(url)
        links = scanned[url][1]
        own = own_fragment.get(folder, {})
        bad = broken_in.get(folder, set()).intersection(links)
        bad.update(link for link in own.keys() & set(links) if own[link] not in known_ids(url))
        if bad:
            broken += [BrokenLink(url, link) for link in links if link in bad]
    return broken


def resolve_link(folder: str, link: str) -> tuple[str, str] | None:
    """(root-relative target, fragment) of a local link, "" for the page itself; None for other sites."""
    if not link or urls.is_external(link):
        return None
    parts = urlsplit(link)
    if not parts.path:
        return "", unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if link.endswith("/") or parts.path in (".", "./"):
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, unquote(parts.fragment)
