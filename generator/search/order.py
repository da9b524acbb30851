"""Rewrite Pagefind's filter chunks, meta files and entry file so the bundle depends only on the content.

Pagefind 1.5.2 writes in hash-map order, which changes from run to run: the values inside each
filter chunk, the filter list and the sort list in each meta file, and the languages in
pagefind-entry.json. The order leaks into the chunks' content-hashed names, so into the meta
file that lists them, its own hashed name and the entry file. Fragments, index chunks, the
sorts' page lists and everything else were checked to be stable over repeated runs (they do
follow the file system's directory order, which this module cannot see; see
canonicalize_pagefind).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

ENTRY_FILE = "pagefind-entry.json"
# Pagefind prefixes every compressed payload with this, inside the gzip stream.
SIGNATURE = b"pagefind_dcd"
# Fixed gzip header: no name, mtime 0, "max compression", OS unknown. Written by hand because
# gzip.compress picks a different OS byte depending on the Python version.
GZIP_HEADER = bytes.fromhex("1f8b08000000000002ff")
# Positions in Pagefind 1.5's CBOR arrays (minicbor `#[n(i)]` structs encode as arrays):
# meta = [version, pages, index chunks, filters, sorts, meta fields]; filter = [name, values].
META_FILTERS, META_SORTS = 3, 4
TEXT, ARRAY = 3, 4


class PagefindBundleError(ValueError):
    """The bundle is not laid out the way Pagefind 1.5 lays it out."""


@dataclass(frozen=True)
class MetaIndex:
    """A meta file cut where this module edits it; everything else stays as Pagefind's bytes."""

    head: bytes                                # array head, version, pages, index chunks
    filters: tuple[tuple[str, str], ...]       # (filter, chunk name)
    sorts: tuple[tuple[str, bytes], ...]       # (sort key, that sort's encoded entry)
    tail: bytes                                # meta fields and anything a later version adds


@dataclass(frozen=True)
class CanonicalLanguage:
    """One language's rewritten files: its meta (name and bytes) and its filter chunks."""

    meta_hash: str
    meta_file: bytes
    filter_files: tuple[tuple[str, bytes], ...]


# --- CBOR: the subset minicbor emits for Pagefind's structs -------------------------------
# Only the small parts that change are decoded; the rest is walked over and copied as bytes,
# which keeps a 10,000-page bundle well under the time budget.

def _read_head(data: bytes, pos: int) -> tuple[int, int, int]:
    """(major type, argument, position after the head) for the head at pos."""
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    if info < 24:
        return major, info, pos + 1
    if info == 24:
        return major, data[pos + 1], pos + 2
    if info == 25:
        return major, struct.unpack_from(">H", data, pos + 1)[0], pos + 3
    if info == 26:
        return major, struct.unpack_from(">I", data, pos + 1)[0], pos + 5
    if info == 27:
        return major, struct.unpack_from(">Q", data, pos + 1)[0], pos + 9
    raise PagefindBundleError(f"CBOR: indefinite lengths and floats are not expected (byte {pos})")


def skip_items(data: bytes, pos: int, count: int = 1) -> int:
    """Position just after `count` CBOR items starting at pos.

    The hot loop of this module (a meta file holds every page): a flat loop with the common
    one-byte heads handled inline, not recursion through _read_head.
    """
    while count:
        initial = data[pos]
        count -= 1
        if initial & 0x1F < 24:
            arg, pos = initial & 0x1F, pos + 1
        else:
            _, arg, pos = _read_head(data, pos)
        major = initial >> 5
        if major == 2 or major == TEXT:
            pos += arg
        elif major == ARRAY:
            count += arg
        elif major == 5:
            count += 2 * arg
    if pos > len(data):
        raise PagefindBundleError("CBOR: truncated")
    return pos


def decode_cbor(data: bytes) -> object:
    """Decode one CBOR item that fills `data`: unsigned and negative ints, text, bytes, arrays."""
    item, end = _decode_item(data, 0)
    if end != len(data):
        raise PagefindBundleError(f"CBOR: {len(data) - end} stray bytes after the item")
    return item


def _decode_item(data: bytes, pos: int) -> tuple[object, int]:
    major, arg, pos = _read_head(data, pos)
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return bytes(data[pos:pos + arg]), pos + arg
    if major == TEXT:
        return data[pos:pos + arg].decode("utf-8"), pos + arg
    if major == ARRAY:
        items = []
        for _ in range(arg):
            item, pos = _decode_item(data, pos)
            items.append(item)
        return items, pos
    raise PagefindBundleError(f"CBOR: unexpected item (major type {major}) at byte {pos}")


def encode_cbor(item: object) -> bytes:
    """Encode with shortest-form heads and definite lengths, as minicbor does."""
    if isinstance(item, int) and not isinstance(item, bool):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _head(TEXT, len(raw)) + raw
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, list):
        return _head(ARRAY, len(item)) + b"".join(encode_cbor(element) for element in item)
    raise TypeError(f"cannot encode {type(item).__name__} as CBOR")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes((major << 5 | arg,))
    if arg < 0x100:
        return bytes((major << 5 | 24, arg))
    if arg < 0x10000:
        return bytes((major << 5 | 25,)) + struct.pack(">H", arg)
    if arg < 0x100000000:
        return bytes((major << 5 | 26,)) + struct.pack(">I", arg)
    return bytes((major << 5 | 27,)) + struct.pack(">Q", arg)


def _text_at(data: bytes, pos: int, what: str) -> tuple[str, int]:
    major, length, pos = _read_head(data, pos)
    if major != TEXT:
        raise PagefindBundleError(f"{what}: expected text, found CBOR major type {major}")
    return data[pos:pos + length].decode("utf-8"), pos + length


def _array_at(data: bytes, pos: int, what: str) -> tuple[int, int]:
    major, count, pos = _read_head(data, pos)
    if major != ARRAY:
        raise PagefindBundleError(f"{what}: expected an array, found CBOR major type {major}")
    return count, pos


# --- Pagefind's container and names -------------------------------------------------------

def unpack_payload(compressed: bytes, name: str) -> bytes:
    """The CBOR inside one of Pagefind's gzipped, signed files."""
    raw = gzip.decompress(compressed)
    if not raw.startswith(SIGNATURE):
        raise PagefindBundleError(f"{name}: no Pagefind signature after decompressing")
    return raw[len(SIGNATURE):]


def pack_payload(cbor: bytes) -> bytes:
    """Signature + CBOR, gzipped with a fixed header so equal payloads give equal files."""
    raw = SIGNATURE + cbor
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    body = deflate.compress(raw) + deflate.flush()
    return GZIP_HEADER + body + struct.pack("<II", zlib.crc32(raw), len(raw) & 0xFFFFFFFF)


def pagefind_hash(data: bytes) -> str:
    """SHA-1 as Pagefind spells it: each byte in hex WITHOUT zero padding (Rust `{:x?}` per byte)."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def meta_hash_for(language: str, meta_cbor: bytes) -> str:
    """The meta file's name part: `<lang>_` then len(lang) + 8 hash characters, as Pagefind cuts it."""
    return f"{language}_{pagefind_hash(meta_cbor)[:len(language) + 8]}"


def filter_hashes_for(language: str, filter_cbors: dict[str, bytes]) -> dict[str, str]:
    """filter name -> chunk name, cut to 7 hash characters and lengthened on a clash, in name order."""
    taken: set[str] = set()
    names: dict[str, str] = {}
    for filter_name in sorted(filter_cbors):
        full = f"{language}_{pagefind_hash(filter_cbors[filter_name])}"
        length = len(language) + 8
        while full[:length] in taken and length < len(full):
            length += 1
        names[filter_name] = full[:length]
        taken.add(names[filter_name])
    return names


# --- The canonical form -------------------------------------------------------------------

def canonical_filter_chunk(cbor: bytes, name: str) -> tuple[str, bytes]:
    """(filter name, CBOR) with the values sorted by their text, the order a BTreeMap gives.

    Each value's entry is moved whole, so its page list keeps Pagefind's exact bytes.
    """
    fields, pos = _array_at(cbor, 0, name)
    if fields != 2:
        raise PagefindBundleError(f"{name}: not a Pagefind 1.5 filter chunk [filter, values]")
    filter_name, pos = _text_at(cbor, pos, name)
    count, values_start = _array_at(cbor, pos, name)
    entries = []
    pos = values_start
    for _ in range(count):
        _, after_head = _array_at(cbor, pos, name)
        value, _ = _text_at(cbor, after_head, name)
        end = skip_items(cbor, pos)
        entries.append((value, cbor[pos:end]))
        pos = end
    if pos != len(cbor):
        raise PagefindBundleError(f"{name}: {len(cbor) - pos} stray bytes after the filter chunk")
    # Python orders str by code point, which is the UTF-8 byte order Rust's String uses.
    entries.sort(key=lambda entry: entry[0])
    return filter_name, cbor[:values_start] + b"".join(raw for _, raw in entries)


def parse_meta(language: str, cbor: bytes) -> MetaIndex:
    """Cut a meta file around its filter and sort lists, checking both have the expected shape."""
    what = f"{language} meta"
    fields, pos = _array_at(cbor, 0, what)
    if fields <= META_SORTS:
        raise PagefindBundleError(f"{what}: {fields} fields, not a Pagefind 1.5 meta index")
    filters_start = skip_items(cbor, pos, META_FILTERS)
    filters_end = skip_items(cbor, filters_start)
    filters = decode_cbor(cbor[filters_start:filters_end])
    if not all(isinstance(entry, list) and len(entry) == 2 and all(isinstance(s, str) for s in entry)
               for entry in filters):
        raise PagefindBundleError(f"{what}: filter list is not [[filter, chunk name], ...]")
    count, pos = _array_at(cbor, filters_end, what)
    sorts = []
    for _ in range(count):
        entry_fields, after_head = _array_at(cbor, pos, what)
        key, _ = _text_at(cbor, after_head, what)
        end = skip_items(cbor, pos)
        if entry_fields != 2:
            raise PagefindBundleError(f"{what}: sort list is not [[sort key, pages], ...]")
        sorts.append((key, cbor[pos:end]))
        pos = end
    tail_end = skip_items(cbor, pos, fields - META_SORTS - 1)
    if tail_end != len(cbor):
        raise PagefindBundleError(f"{what}: {len(cbor) - tail_end} stray bytes after the meta index")
    return MetaIndex(
        head=cbor[:filters_start],
        filters=tuple((name, chunk) for name, chunk in filters),
        sorts=tuple(sorts),
        tail=cbor[pos:],
    )


def encode_meta(meta: MetaIndex) -> bytes:
    """The meta file's CBOR from its cut parts."""
    return (meta.head + encode_cbor([list(entry) for entry in meta.filters])
            + _head(ARRAY, len(meta.sorts)) + b"".join(raw for _, raw in meta.sorts) + meta.tail)


def canonical_language(language: str, meta: MetaIndex, filter_cbors: dict[str, bytes]) -> CanonicalLanguage:
    """Rebuild one language's meta and filter chunks from content alone.

    filter_cbors maps each chunk name the meta lists to that chunk's CBOR.
    """
    if sorted(chunk for _, chunk in meta.filters) != sorted(filter_cbors):
        raise PagefindBundleError(f"{language} meta: lists other filter chunks than were given")
    by_filter: dict[str, bytes] = {}
    for filter_name, old_chunk in meta.filters:
        chunk_filter, cbor = canonical_filter_chunk(filter_cbors[old_chunk], old_chunk)
        if chunk_filter != filter_name:
            raise PagefindBundleError(f"{old_chunk}: holds filter {chunk_filter!r}, meta says {filter_name!r}")
        by_filter[filter_name] = cbor
    new_chunks = filter_hashes_for(language, by_filter)

    # The filter and sort lists are in hash-map order too. Each sort's page list is left as it
    # is: it is the sort order itself, and it was checked to be stable.
    new_meta = encode_meta(MetaIndex(
        head=meta.head,
        filters=tuple((name, new_chunks[name]) for name in sorted(by_filter)),
        sorts=tuple(sorted(meta.sorts, key=lambda entry: entry[0])),
        tail=meta.tail,
    ))
    return CanonicalLanguage(
        meta_hash=meta_hash_for(language, new_meta),
        meta_file=pack_payload(new_meta),
        filter_files=tuple((new_chunks[name], pack_payload(by_filter[name])) for name in sorted(by_filter)),
    )


def canonical_entry(entry: dict, meta_hashes: dict[str, str]) -> str:
    """The entry file with the new meta hashes and its languages in name order (they come in hash-map order).

    Written compactly with raw non-ASCII, as serde_json writes it.
    """
    languages = {lang: {**info, "hash": meta_hashes[lang]} for lang, info in sorted(entry["languages"].items())}
    return json.dumps({**entry, "languages": languages}, ensure_ascii=False, separators=(",", ":"))


# --- The one function that touches files --------------------------------------------------

def canonicalize_pagefind(bundle_dir: Path) -> None:
    """Rewrite bundle_dir (a site's `pagefind/` folder) in place so equal content gives equal bytes.

    Call it right after Pagefind and before anything that copies or wraps the bundle. Pagefind
    numbers pages in the order it reads directories, so a site written to another file system
    (or, on tmpfs, in another order) can still index differently; that is upstream of here.
    """
    entry_path = bundle_dir / ENTRY_FILE
    try:
        entry = json.loads(entry_path.read_bytes().decode("utf-8"))
        languages = {lang: info["hash"] for lang, info in entry["languages"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise PagefindBundleError(f"{entry_path}: not a Pagefind entry file ({error})") from error

    meta_hashes: dict[str, str] = {}
    for language, old_meta_hash in sorted(languages.items()):
        if not old_meta_hash.startswith(f"{language}_"):
            raise PagefindBundleError(f"{entry_path}: meta hash {old_meta_hash!r} does not start with {language}_")
        old_meta_path = bundle_dir / f"pagefind.{old_meta_hash}.pf_meta"
        meta = parse_meta(language, unpack_payload(old_meta_path.read_bytes(), old_meta_path.name))
        old_filter_paths = {chunk: bundle_dir / "filter" / f"{chunk}.pf_filter" for _, chunk in meta.filters}
        filter_cbors = {h: unpack_payload(p.read_bytes(), p.name) for h, p in old_filter_paths.items()}

        result = canonical_language(language, meta, filter_cbors)

        for path in old_filter_paths.values():
            path.unlink()
        for chunk_hash, data in result.filter_files:
            (bundle_dir / "filter" / f"{chunk_hash}.pf_filter").write_bytes(data)
        old_meta_path.unlink()
        (bundle_dir / f"pagefind.{result.meta_hash}.pf_meta").write_bytes(result.meta_file)
        meta_hashes[language] = result.meta_hash

    entry_path.write_bytes(canonical_entry(entry, meta_hashes).encode("utf-8"))
