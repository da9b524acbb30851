"""Check that every local href and src in the built pages reaches a file, and every #fragment an id.

It runs on the pages in memory, before anything is swapped in, so `--strict` can still refuse the build.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Iterable, Mapping
from urllib.parse import unquote, urlsplit

# Dossier writes these attributes itself (Jinja and Python-Markdown quote them), so a scan is exact
# for our output; a parser would cost seconds on a large archive for the same answer.
_ATTR = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.I | re.S)
_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)


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
    """The ids a page defines and the links it holds; kept in the build cache for unchanged pages."""
    ids, links = _scan(text)
    return frozenset(ids), tuple(links)


def check_links(pages: Iterable[tuple[str, str]], other_files: Iterable[str]) -> list[BrokenLink]:
    """pages: (url, html) of every HTML page; other_files: every other file written (assets, feeds)."""
    html_pages: Mapping[str, str] = {url: text for url, text in pages if url.endswith((".html", ".htm"))}
    return check_scanned({url: scan_page(text) for url, text in html_pages.items()}, set(other_files))


def check_scanned(scanned: Mapping[str, tuple[frozenset[str], tuple[str, ...]]], other_files: set[str]) -> list[BrokenLink]:
    """Like check_links, from each page's (ids, links)."""
    files = other_files | set(scanned)
    broken: list[BrokenLink] = []
    # Pages in one folder share most links (the sidebar, the header), so resolve each once per folder.
    resolved: dict[tuple[str, str], tuple[str, str] | None] = {}
    for url in sorted(scanned):
        folder = posixpath.dirname(url)
        _, links = scanned[url]
        for link in links:
            key = (folder, link)
            if key not in resolved:
                resolved[key] = _resolve(folder, link)
            found = resolved[key]
            if found is None:
                continue
            target, fragment = found
            target = target or url
            if target.startswith("../") or target not in files:
                broken.append(BrokenLink(url, link))
            elif fragment and target in scanned and fragment not in scanned[target][0]:
                broken.append(BrokenLink(url, link))
    return broken


def _resolve(folder: str, link: str) -> tuple[str, str] | None:
    """(root-relative target, fragment) of a local link, "" for the page itself; None for other sites."""
    if not link or _EXTERNAL.match(link):
        return None
    parts = urlsplit(link)
    if not parts.path:
        return "", unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if link.endswith("/") or parts.path in (".", "./"):
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return target, unquote(parts.fragment)
