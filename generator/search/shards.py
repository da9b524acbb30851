"""Which search shard each page goes to, and the manifest that tells browsers and the next build about the shards.

Each shard is an ordinary Pagefind bundle under `pagefind/<shard>/`; the browser loads them all as one
with Pagefind's multisite `mergeIndex` (templates/assets/search-loader.js). Sharding bounds Pagefind's
memory and lets a build re-index only the shards whose pages changed.

The rule (`plan_shards`) looks at each indexable page alone, then at counts, with one limit L
(`search.shard_pages` in the site config, SHARD_PAGES by default):

1. A site of at most L indexable pages is one shard, `all`.
2. Otherwise the dated pages (a `date` sort value that starts with an ISO date: articles) are cut by
   calendar, coarse to fine: decade (`2000s`), year (`2004`), quarter (`2004-q1`), month (`2004-01`),
   week of the month (`2004-01-w1`: days 1-7, 8-14, 15-21, 22-31), day (`2004-01-05`), then hex
   digits of the URL's hash, down to buckets of at most L x (dated pages / all pages). When a
   bucket splits, its children are taken in order and consecutive ones are packed together while
   their sum stays within that size (a packed shard is named `first_last`, e.g. `2004-q1_2004-q2`);
   a child over it splits again by the next level. A dated part that fits is one shard, `dated`.
3. Every other page (entity pages, undated articles, standalone pages) joins one of those shards,
   or, where they would hold more than L pages on average, one of the extra shards `pages-1`,
   `pages-2`, …: the shard whose name, hashed with the page's URL, scores highest (rendezvous
   hashing), so that each shard gets its share and a new shard takes pages from all the others
   without moving the rest.

Why entity pages are mixed in rather than given shards of their own: Pagefind weighs a word by how
rare it is in its own index. In a shard of entity pages a word such as "election" is rare, so on the
BBC corpus the entity pages that mention it outranked every article (bench/search_ranking.py); in
shards that sample the whole site a word is about as rare as in one index.

So shards hold about L pages at most, a page's shard changes only when a bucket on its path crosses
its limit or the shards are added or removed, and an edit touches one shard (an edit of one entity
page, its shard). Dated shards cover disjoint date ranges, which is what lets the browser sort by date
across shards: it asks each shard that holds dated results in turn, newest or oldest range first.

Everything here is a pure function of page bytes and URLs; search.py does the file work.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zlib
from dataclasses import dataclass
from typing import Iterable

FORMAT = 2                  # the manifest's and the shards' layout; a change re-indexes every shard once
MANIFEST = "shards.json"    # read by the next build
MANIFEST_SCRIPT = "shards.js"  # loaded by the browser with a <script> tag, which works from file:// too
MANIFEST_CALL = "DossierSearch._offline.shards"
DIRECTORY_FOLDER = "directory"   # pagefind/directory/: no shard is named so (the rule below names none so)
TOTALS_FILE = "filters.js"       # pagefind/filters.js
SORT_KEY = "date"           # the sort key shards are cut along
HASH_DIGITS = 4

_ATTR = r"""\s{name}\s*=\s*("[^"]*"|'[^']*')"""
_SORT_ATTR = re.compile(r"""\sdata-pagefind-sort\s*=\s*("[^"]*"|'[^']*')""")
_SORT_SPEC = re.compile(r"^\s*([^:\[\]]+?)\s*(?::(.*)|\[([^\]]+)\])?\s*$", re.S)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PageFacts:
    """What sharding needs to know of one written page."""

    url: str               # relative to the site root, e.g. "articles/a.html"
    digest: str            # of the file's bytes
    has_body: bool         # carries data-pagefind-body
    date: str | None       # its `date` sort value, as Pagefind reads it


@dataclass(frozen=True)
class Shard:
    name: str
    urls: tuple[str, ...]                      # sorted
    digest: str                                # of the settings and every page's URL and bytes
    sorts: tuple[tuple[str, str, str], ...]    # (sort key, lowest value, highest value)

    def manifest_entry(self) -> dict:
        return {"name": self.name, "pages": len(self.urls), "digest": self.digest,
                "sorts": {key: [low, high] for key, low, high in self.sorts}}


def page_facts(url: str, data: bytes) -> PageFacts:
    """Read one page's facts from its HTML: attributes inside tags only, so escaped text never counts."""
    has_body = any(name.endswith((b" ", b"\t", b"\n", b"=", b">", b"/")) for _, _, name in _tags_with(data, b"data-pagefind-body"))
    return PageFacts(url, hashlib.sha1(data).hexdigest(), has_body, sort_value(data, SORT_KEY))


def _tags_with(data: bytes, attribute: bytes):
    """(tag start, tag end, the attribute name and the byte after it) for each tag holding `attribute`.

    A plain find, then a look back for the tag's `<`: far quicker on whole pages than a regular
    expression tried at every `<`.
    """
    at = data.find(attribute)
    while at >= 0:
        start = data.rfind(b"<", 0, at)
        end = data.find(b">", at)
        if start >= 0 and end >= 0 and data.find(b">", start, at) < 0 and data[at - 1:at].isspace():
            yield start, end + 1, data[at:at + len(attribute) + 1]
        at = data.find(attribute, at + len(attribute))


def sort_value(data: bytes, key: str) -> str | None:
    """The page's value for sort key `key`, from `data-pagefind-sort="key:value"`, `"key[attr]"` or
    `"key"` (the element's text up to its first tag), the first one given, as Pagefind takes it."""
    for start, end, _ in _tags_with(data, b"data-pagefind-sort"):
        text = data[start:end].decode("utf-8", "replace")
        found = _SORT_ATTR.search(text)
        if found is None:
            continue
        specs = html.unescape(found.group(1)[1:-1])
        for spec in specs.split(","):
            parsed = _SORT_SPEC.match(spec)
            if parsed is None or parsed.group(1) != key:
                continue
            inline, attribute = parsed.group(2), parsed.group(3)
            if inline is not None:
                return inline.strip()
            if attribute is not None:
                found = re.search(_ATTR.format(name=re.escape(attribute.strip())), text)
                return html.unescape(found.group(1)[1:-1]).strip() if found else None
            rest = data[end:].split(b"<", 1)[0]
            return html.unescape(rest.decode("utf-8", "replace")).strip()
    return None


def indexed_pages(pages: Iterable[PageFacts]) -> list[PageFacts]:
    """The pages Pagefind indexes: those with data-pagefind-body, or every page where none has it."""
    pages = list(pages)
    marked = [page for page in pages if page.has_body]
    return marked if marked else pages


# --- the rule -------------------------------------------------------------------------------------------

def _date_parts(date: str) -> tuple[int, int, int]:
    found = _ISO_DATE.match(date)
    year, month, day = found.group(1), found.group(2), found.group(3)
    return int(year), min(max(int(month or 1), 1), 12), min(max(int(day or 1), 1), 31)


# Calendar buckets, coarse to fine, named from (year, month, day).
_CALENDAR = (
    lambda y, m, d: f"{y // 10}0s",
    lambda y, m, d: f"{y:04d}",
    lambda y, m, d: f"{y:04d}-q{(m - 1) // 3 + 1}",
    lambda y, m, d: f"{y:04d}-{m:02d}",
    lambda y, m, d: f"{y:04d}-{m:02d}-w{min((d - 1) // 7, 3) + 1}",
    lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
)


def _calendar_level(name_of):
    return lambda page, _parent: name_of(*_date_parts(page.date))


def _url_hash(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


def _hash_level(depth: int):
    def key(page: PageFacts, parent: str) -> str:
        return f"{parent}-{_url_hash(page.url)[:depth + 1]}" if depth == 0 else f"{parent}{_url_hash(page.url)[depth]}"
    return key


_HASH_LEVELS = tuple(_hash_level(depth) for depth in range(HASH_DIGITS))
_CALENDAR_LEVELS = tuple(_calendar_level(name_of) for name_of in _CALENDAR) + _HASH_LEVELS


def is_dated(page: PageFacts) -> bool:
    return page.date is not None and _ISO_DATE.match(page.date) is not None


def partition(pages: list[PageFacts], limit: int) -> list[tuple[str, list[PageFacts]]]:
    """(shard name, its pages) for the indexed pages, by the rule in this module's docstring."""
    if not pages:
        return []
    if len(pages) <= limit:
        return [("all", pages)]
    dated = [page for page in pages if is_dated(page)]
    others = [page for page in pages if not is_dated(page)]
    shards = _split("dated", dated, _CALENDAR_LEVELS, max(1, limit * len(dated) // len(pages))) if dated else []
    needed = -(-len(pages) // limit)
    shards += [(f"pages-{k}", []) for k in range(1, needed - len(shards) + 1)]
    buckets = {name: list(members) for name, members in shards}
    salts = [(name, name.encode("utf-8") + b"\0") for name in buckets]
    for page in others:
        url = page.url.encode("utf-8")
        buckets[max(salts, key=lambda salt: zlib.crc32(salt[1] + url))[0]].append(page)
    return [(name, members) for name, members in buckets.items() if members]


def _split(name: str, pages: list[PageFacts], levels: tuple, limit: int) -> list[tuple[str, list[PageFacts]]]:
    if len(pages) <= limit or not levels:
        return [(name, pages)]
    level, finer = levels[0], levels[1:]
    children: dict[str, list[PageFacts]] = {}
    for page in pages:
        children.setdefault(level(page, name), []).append(page)
    shards: list[tuple[str, list[PageFacts]]] = []
    packed: list[tuple[str, list[PageFacts]]] = []

    def close_pack() -> None:
        if packed:
            label = packed[0][0] if len(packed) == 1 else f"{packed[0][0]}_{packed[-1][0]}"
            shards.append((label, [page for _, members in packed for page in members]))
            packed.clear()

    for child in sorted(children):
        members = children[child]
        if len(members) > limit:
            close_pack()
            shards += _split(child, members, finer, limit)
        else:
            if sum(len(m) for _, m in packed) + len(members) > limit:
                close_pack()
            packed.append((child, members))
    close_pack()
    return shards


def plan_shards(pages: Iterable[PageFacts], limit: int, settings: str) -> list[Shard]:
    """The shards for a site's written pages, sorted by name."""
    shards = []
    for name, members in partition(indexed_pages(pages), limit):
        members = sorted(members, key=lambda page: page.url)
        lines = "".join(f"{page.url}\t{page.digest}\n" for page in members)
        dates = [page.date for page in members if page.date is not None]
        sorts = ((SORT_KEY, min(dates), max(dates)),) if dates else ()
        shards.append(Shard(name, tuple(page.url for page in members),
                            hashlib.sha256(f"{settings}\n{lines}".encode("utf-8")).hexdigest(), sorts))
    return sorted(shards, key=lambda shard: shard.name)


# --- the manifest ---------------------------------------------------------------------------------------

def manifest_json(shards: list[Shard], settings: str) -> str:
    """The manifest: the shards, the word directory's folder when there is more than one shard (see
    directory.py), and the script holding the whole site's filter counts."""
    return json.dumps({"format": FORMAT, "settings": settings, "shard_filter": SHARD_FILTER,
                       "directory": DIRECTORY_FOLDER if len(shards) > 1 else None, "totals": TOTALS_FILE,
                       "shards": [shard.manifest_entry() for shard in shards]},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# The filter each shard's pages carry in the browser (Pagefind's mergeFilter), so that a search can be
# asked of one shard; the loader hides it from the filters it reports.
SHARD_FILTER = "dossier-shard"


def manifest_script(manifest: str) -> str:
    return f"{MANIFEST_CALL}({manifest});\n"


def reusable_digests(manifest_text: str | None, settings: str) -> dict[str, str]:
    """shard name -> digest, from the previous build's manifest when it was made with the same settings."""
    if not manifest_text:
        return {}
    try:
        manifest = json.loads(manifest_text)
        if manifest.get("format") != FORMAT or manifest.get("settings") != settings:
            return {}
        return {entry["name"]: entry["digest"] for entry in manifest["shards"]}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}
