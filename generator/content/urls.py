"""Slugs, page URLs and output paths: the only module that knows where a page lives.

Every URL here is relative to the site root ("articles/x.html"); templates turn them into
links relative to the current page with `relative()`, so a site works under any subpath and from disk.
"""

from __future__ import annotations

import functools
import posixpath
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
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        # Non-Latin letters take two to four bytes each, and file systems count bytes.
        cut = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore")
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def root_path(base_url: str) -> str:
    """ "/archive/" for "https://example.org/archive", "/" without a base_url."""
    from urllib.parse import urlsplit
    path = urlsplit(base_url).path if base_url else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


MAX_NAME_BYTES = 255    # the longest file name that common file systems (ext4, APFS, NTFS) allow
MAX_SLUG_BYTES = 200    # room left for "-page-12.html" after a slug
MAX_PATH_BYTES = 1024   # well inside every system's limit on a whole path, staging folder included


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
SEARCH_INDEX = "pagefind"   # the folder Pagefind writes its index into, after the pages


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


_EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.I)


def is_external(url: str) -> bool:
    """ "https://...", "//cdn...", "mailto:...": an address on another site or of another scheme."""
    return _EXTERNAL.match(url) is not None


def page_link(from_url: str):
    """The `link(url)` templates get on page `from_url`: a site-root URL made relative to the page;
    an external address (a configured logo, stylesheet or sidebar link) as it is.

    Every page of a folder makes the same links (the sidebar, the same entities): each answer is
    remembered per folder. Only a bare "#fragment" depends on the page itself."""
    folder = from_url[:from_url.rfind("/") + 1]
    return lambda url: _link_from(folder, url) if url[:1] not in ("#", "") else relative(from_url, url)


@functools.lru_cache(maxsize=1 << 17)
def _link_from(folder: str, url: str) -> str:
    return url if is_external(url) else relative(folder + "x", url)


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
    """The output path of a redirect page for an old URL, normalised as a browser would: "old/page/"
    becomes "old/page/index.html", "./a//b.html" becomes "a/b.html", and "." the home page.

    A path that climbs out of the site stays inside it here; `alias_problem` refuses it first.
    """
    text = old_url.strip()
    path = posixpath.normpath("/" + text).lstrip("/")
    if not path:
        return HOME
    if text.endswith("/") or not path.endswith((".html", ".htm")):
        return path + "/index.html"
    return path


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def alias_problem(old_url: str) -> str | None:
    """Why an alias cannot be a page of this site, or None when it can (whether another page already
    sits there is the output plan's question)."""
    text = old_url.strip()
    shown = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if "://" in text or text.startswith("//") or posixpath.normpath(text.lstrip("/") or ".").split("/")[0] == "..":
        return f'alias "{shown}" must be a path on this site, like old/page.html'
    if _UNSAFE.search(text):
        what = "a backslash" if "\\" in text else "a control character"
        return f'alias "{shown}" holds {what}, which a path on a web site cannot hold'
    if text.endswith("/") and text.rstrip("/").endswith((".html", ".htm")):
        return f'alias "{shown}" names a page and a folder at once; leave out the final /'
    target = alias(text)
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in target.split("/")) or \
            len(target.encode("utf-8")) > MAX_PATH_BYTES:
        return f'alias "{shown}" is too long: a file name holds at most {MAX_NAME_BYTES} bytes, a path {MAX_PATH_BYTES} here'
    return None
