"""Slugs, page URLs and output paths: the only module that knows where a page lives.

Every URL here is relative to the site root ("articles/x.html"); templates turn them into
links relative to the current page with `relative()`, so a site works under any subpath and from disk.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_LETTERS = str.maketrans({"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe",
                                "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
                                "þ": "th", "Þ": "th", "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l"})


def slugify(text: str, max_length: int | None = 80) -> str:
    """Lowercase words joined by hyphens. Latin letters lose their accents and no letter is dropped
    ("Straße in Köln" -> "strasse-in-koln", "Ærøskøbing" -> "aeroskobing"); other scripts keep their
    letters ("Владимир Путин" -> "владимир-путин", "تهران" stays), as browsers show them."""
    if text.isascii():
        folded = text
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_LETTERS))
        folded = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    slug = _NON_WORD.sub("-", folded.lower().replace("&", " and ").replace("_", " ")).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def root_path(base_url: str) -> str:
    """ "/archive/" for "https://example.org/archive", "/" without a base_url."""
    from urllib.parse import urlsplit
    path = urlsplit(base_url).path if base_url else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


HOME = "index.html"
SEARCH = "search.html"
NOT_FOUND = "404.html"
TAGS = "tags/index.html"
SOURCES = "sources/index.html"
ARCHIVE = "archive/index.html"
ENTITIES = "entities/index.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ENTITIES_JSON = "entities.json"
ROBOTS = "robots.txt"


def article(slug: str) -> str:
    return f"articles/{slug}.html"


def _paged(base: str, page: int) -> str:
    return f"{base}.html" if page <= 1 else f"{base}-page-{page}.html"


def tag(tag_slug: str, page: int = 1) -> str:
    return _paged(f"tags/{tag_slug}", page)


def tag_feed(tag_slug: str) -> str:
    return f"tags/{tag_slug}.xml"


def entity_feed(entity_id: str) -> str:
    return f"entities/{entity_id}.xml"


def source(source_slug: str, page: int = 1) -> str:
    return _paged(f"sources/{source_slug}", page)


def year(y: int, page: int = 1) -> str:
    return _paged(f"archive/{y:04d}", page)


def month(y: int, m: int, page: int = 1) -> str:
    return _paged(f"archive/{y:04d}-{m:02d}", page)


def entity_kind(kind: str, page: int = 1) -> str:
    """Every entity of one kind, a page at a time: "entities/all/person.html" (no entity id holds a slash)."""
    return f"entities/all/{kind}.html" if page <= 1 else f"entities/all/{kind}-{page}.html"


def entity(entity_id: str) -> str:
    return f"entities/{entity_id}.html"


def relative(from_url: str, to_url: str) -> str:
    """The link from page `from_url` to `to_url` (both root-relative, normalised); keeps any #fragment.

    Called for every link of every page, so it works on strings instead of posixpath.relpath,
    which resolves both paths against the working folder first, and remembers its answers per
    folder: the pages of one folder link to the same places (the sidebar, the same entities).
    """
    target, hash_, fragment = to_url.partition("#")
    if not target:
        target = from_url
    return _relative(from_url[:from_url.rfind("/") + 1], target) + (hash_ + fragment if hash_ else "")


@functools.lru_cache(maxsize=1 << 16)
def _relative(from_folder: str, target: str) -> str:
    from_parts = from_folder.split("/")[:-1]
    to_parts = target.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "../" * (len(from_parts) - common) + "/".join(to_parts[common:])


def root_prefix(from_url: str) -> str:
    """The relative path from a page to the site root: "" or "../"."""
    depth = from_url.count("/")
    return "../" * depth


def absolute(base_url: str, url: str) -> str:
    """An absolute URL for canonical links and feeds; empty when no base_url is set."""
    if not base_url:
        return ""
    return base_url.rstrip("/") + "/" + url.lstrip("/")


def asset(content_path: str) -> str:
    """Where a file referenced from content (an image) is copied in the output."""
    return f"media/{content_path}"


def alias(old_url: str) -> str:
    """The output path of a redirect page for an old URL: "old/page/" becomes "old/page/index.html"."""
    path = old_url.strip().lstrip("/")
    if path.endswith("/") or not path:
        return path + "index.html"
    if not path.endswith((".html", ".htm")):
        return path + "/index.html"
    return path
