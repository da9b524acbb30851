"""The word directory: a small Pagefind bundle whose pages are the search shards, so that a query loads only
the shards that can answer it, and the filter totals of the whole site, so that the filter panel loads no shard.

Without it the browser merged every shard before the first query: at 100,000 articles that was 48 shards'
entry, meta and filter files, 398 requests and 6.3 MB, however rare the word. With it:

- Each shard, once indexed, gets a summary (`dossier-shard.json`): per language, the words of its Pagefind
  index (every key of its index chunks: stems, as Pagefind stores them, from text and meta alike) and how
  many of its pages carry each filter value. A reused shard keeps its summary with its other files.
- `pagefind/directory/` is then written from the summaries: an ordinary Pagefind bundle (entry, meta,
  index chunks, and the WASM and scripts copied from a shard) with one page per shard, named after it,
  whose words are that shard's words. The browser loads it as Pagefind's primary index and asks it the
  query first: Pagefind's own code stems the query, takes each word's extensions or, where no shard has
  one, the longest word the stem starts with, and intersects the words; the pages it answers are the
  shards that hold every query word. Only those are merged and searched (templates/assets/search-loader.js).
  Its filter chunks list, for each filter value, the shards with a page that carries it, so that filters
  narrow the shards as words do.
- `pagefind/filters.js` holds the filter totals, summed over the shards, for the filter panel.

The directory is a pure function of the shards' summaries, and they of Pagefind's output: same shards in,
same bytes out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zlib
from pathlib import Path

from .order import (
    ARRAY,
    ENTRY_FILE,
    TEXT,
    PagefindBundleError,
    _array_at,
    _head,
    _text_at,
    encode_cbor,
    filter_hashes_for,
    meta_hash_for,
    pack_payload,
    skip_items,
    unpack_payload,
)
from .shards import DIRECTORY_FOLDER, TOTALS_FILE

SUMMARY = "dossier-shard.json"       # in each shard's folder
TOTALS_CALL = "DossierSearch._offline.totals"
SCRIPTS = ("pagefind.js", "pagefind-worker.js")
CHUNK_POSTINGS = 6000                # (word, shard) pairs per directory chunk: about 10 KB gzipped


# --- reading one shard ------------------------------------------------------------------------------------

def summarize_shard(bundle: Path) -> None:
    """Write bundle/SUMMARY: per language, the index's words and the page count of each filter value."""
    bundle = Path(bundle)
    entry = _read_entry(bundle)
    languages = {}
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        chunks, filters = _meta_lists(unpack_payload(meta_path.read_bytes(), meta_path.name), meta_path.name)
        words: list[str] = []
        for chunk in chunks:
            path = bundle / "index" / f"{chunk}.pf_index"
            words += chunk_words(unpack_payload(path.read_bytes(), path.name), path.name)
        counts = {}
        for name, chunk in filters:
            path = bundle / "filter" / f"{chunk}.pf_filter"
            counts[name] = filter_counts(unpack_payload(path.read_bytes(), path.name), path.name)
        languages[language] = {"words": sorted(set(words)), "filters": counts, "pages": int(info.get("page_count") or 0)}
    with open(bundle / SUMMARY, "w", encoding="utf-8", newline="\n") as out:
        json.dump({"languages": languages}, out, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _read_entry(bundle: Path) -> dict:
    path = bundle / ENTRY_FILE
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        entry["languages"].items()
        return entry
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise PagefindBundleError(f"{path}: not a Pagefind entry file ({error})") from error


def _meta_lists(cbor: bytes, name: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(index chunk names, (filter, chunk name) pairs) of a meta file: [version, pages, chunks, filters, ...]."""
    fields, pos = _array_at(cbor, 0, name)
    if fields < 4:
        raise PagefindBundleError(f"{name}: {fields} fields, not a Pagefind 1.5 meta index")
    pos = skip_items(cbor, pos, 2)
    count, pos = _array_at(cbor, pos, name)
    chunks = []
    for _ in range(count):
        _, pos = _array_at(cbor, pos, name)
        pos = skip_items(cbor, pos, 2)
        chunk, pos = _text_at(cbor, pos, name)
        chunks.append(chunk)
    count, pos = _array_at(cbor, pos, name)
    filters = []
    for _ in range(count):
        _, pos = _array_at(cbor, pos, name)
        filter_name, pos = _text_at(cbor, pos, name)
        chunk, pos = _text_at(cbor, pos, name)
        filters.append((filter_name, chunk))
    return chunks, filters


# A word's page list holds only integers and arrays of them: [[page delta, [locations], [meta locations]?], ...].
# One regular expression reads it at C speed: each alternative is chosen by its first byte, so it parses as
# CBOR does, and it cannot run on into what follows (a word entry or the variants, whose second byte is no
# integer). It stops early only at a page with 24 or more locations, which skip_items then reads.
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38][\x00-\xff]|[\x19\x39][\x00-\xff]{2}|[\x1a\x3a][\x00-\xff]{4}|[\x1b\x3b][\x00-\xff]{8})"
_INTS = b"(?:" + b"|".join(re.escape(bytes((0x80 + count,))) + b"(?:" + _INT + b"){%d}" % count for count in range(24)) + b")"
_PAGES = re.compile(b"(?:\x82" + _INT + _INTS + b"|\x83" + _INT + _INTS + _INTS + b")*")


def _after_pages(cbor: bytes, start: int, count: int) -> int:
    end = _PAGES.match(cbor, start).end()
    if end < len(cbor) - 1 and cbor[end] in (0x82, 0x83) and cbor[end + 1] < 0x40:
        return skip_items(cbor, start, count)   # a page the expression does not read
    return end


def chunk_words(cbor: bytes, name: str) -> list[str]:
    """The words of one index chunk: [[word, pages, variants?], ...] inside a one-field array."""
    _, pos = _array_at(cbor, 0, name)
    count, pos = _array_at(cbor, pos, name)
    words = []
    for _ in range(count):
        fields, pos = _array_at(cbor, pos, name)
        if cbor[pos] >> 5 != TEXT:
            raise PagefindBundleError(f"{name}: a word entry does not start with its word")
        word, pos = _text_at(cbor, pos, name)
        words.append(word)
        pages, start = _array_at(cbor, pos, name)
        pos = _after_pages(cbor, start, pages)
        pos = skip_items(cbor, pos, fields - 2)
    if pos != len(cbor):
        raise PagefindBundleError(f"{name}: {len(cbor) - pos} stray bytes after the index chunk")
    return words


def filter_counts(cbor: bytes, name: str) -> dict[str, int]:
    """value -> pages, of one filter chunk: [filter, [[value, [page, ...]], ...]]."""
    _, pos = _array_at(cbor, 0, name)
    _, pos = _text_at(cbor, pos, name)
    count, pos = _array_at(cbor, pos, name)
    counts = {}
    for _ in range(count):
        _, pos = _array_at(cbor, pos, name)
        value, pos = _text_at(cbor, pos, name)
        pages, pos = _array_at(cbor, pos, name)
        pos = skip_items(cbor, pos, pages)
        counts[value] = pages
    return counts


# --- the directory ----------------------------------------------------------------------------------------

def write_directory(root: Path, shards: list[str], last: Path | None = None) -> None:
    """Write root/DIRECTORY_FOLDER and root/TOTALS_FILE (a <script>, so it loads from file:// too) from the summaries of root/<shard> for each shard."""
    root = Path(root)
    summaries = []
    for shard in shards:
        try:
            summaries.append(json.loads((root / shard / SUMMARY).read_text(encoding="utf-8"))["languages"])
        except (OSError, ValueError, KeyError) as error:
            raise PagefindBundleError(f"{root / shard / SUMMARY}: cannot read the shard's summary ({error})") from error
    _write_totals(root / TOTALS_FILE, summaries)
    if len(shards) < 2:
        return
    out = root / DIRECTORY_FOLDER
    if out.exists():
        shutil.rmtree(out)
    (out / "index").mkdir(parents=True)
    first = root / shards[0]
    entry = _read_entry(first)
    version = _meta_version(first, entry)
    held: dict[str, tuple[str, dict, int]] = {}   # language -> (first shard with it, its entry there, pages)
    for shard in shards:
        for language, info in _read_entry(root / shard)["languages"].items():
            first_seen, seen_info, pages = held.get(language, (shard, info, 0))
            held[language] = (first_seen, seen_info, pages + int(info.get("page_count") or 0))
    languages = {}
    for language, (holder, info, pages) in sorted(held.items()):
        words: dict[str, list[int]] = {}
        values: dict[str, dict[str, list[int]]] = {}
        for number, summary in enumerate(summaries):
            facts = summary.get(language, {})
            for word in facts.get("words", ()):
                words.setdefault(word, []).append(number)
            for key, counts in facts.get("filters", {}).items():
                for value, pages in counts.items():
                    if pages:
                        values.setdefault(key, {}).setdefault(value, []).append(number)
        meta = _write_language(out, language, version, shards, words, _write_filters(out, language, values), last)
        languages[language] = {"hash": meta, "wasm": info.get("wasm"), "page_count": pages}
        if info.get("wasm"):
            name = f"wasm.{info['wasm']}.pagefind"
            _link(root / holder / name, out / name)
    for script in SCRIPTS:
        _link(first / script, out / script)
    text = json.dumps({**entry, "languages": languages}, ensure_ascii=False, separators=(",", ":"))
    (out / ENTRY_FILE).write_bytes(text.encode("utf-8"))


def _meta_version(bundle: Path, entry: dict) -> str:
    info = sorted(entry["languages"].items())[0][1]
    path = bundle / f"pagefind.{info['hash']}.pf_meta"
    cbor = unpack_payload(path.read_bytes(), path.name)
    _, pos = _array_at(cbor, 0, path.name)
    return _text_at(cbor, pos, path.name)[0]


def _write_filters(out: Path, language: str, values: dict[str, dict[str, list[int]]]) -> list[list[str]]:
    """One filter chunk per filter, whose pages are the shards with a page carrying each value, so that a
    search by filters alone asks only those shards; returns the meta's [[filter, chunk name], ...]."""
    cbors = {key: encode_cbor([key, [[value, numbers] for value, numbers in sorted(by_value.items())]])
             for key, by_value in values.items()}
    names = filter_hashes_for(language, cbors)
    if cbors:
        (out / "filter").mkdir(exist_ok=True)
    for key in sorted(cbors):
        (out / "filter" / f"{names[key]}.pf_filter").write_bytes(pack_payload(cbors[key]))
    return [[key, names[key]] for key in sorted(cbors)]


def _write_language(out: Path, language: str, version: str, shards: list[str], holders: dict[str, list[int]],
                    filters: list[list[str]], last: Path | None) -> str:
    """Write one language's index chunks and meta file; return the meta's hash name. A chunk that `last`
    (the last build's directory) holds with the same content is linked, not compressed again."""
    chunks: list[list[str]] = [[]]
    size = 0
    for word in sorted(holders):
        chunks[-1].append(word)
        size += 2 * len(holders[word])
        if size >= CHUNK_POSTINGS:
            chunks.append([])
            size = 0
    chunks = [chunk for chunk in chunks if chunk]
    ranges = [[chunk[0], chunk[-1]] for chunk in chunks]
    for left, right in zip(ranges, ranges[1:]):   # as Pagefind cuts its own boundaries (chunk_meta)
        common = len(os.path.commonprefix([left[1], right[0]]))
        if left[1][:common + 1] >= left[0]:
            left[1] = left[1][:common + 1]
        right[0] = right[0][:common + 1]
    listed = []
    taken: set[str] = set()
    for chunk, (low, high) in zip(chunks, ranges):
        cbor = _chunk_cbor(chunk, holders)
        full = f"{language}_{hashlib.sha1(cbor).hexdigest()}"
        name = full[:len(language) + 9]
        while name in taken and len(name) < len(full):
            name = full[:len(name) + 1]
        taken.add(name)
        if not _link_same_chunk(last, out, f"index/{name}.pf_index", cbor):
            (out / "index" / f"{name}.pf_index").write_bytes(pack_payload(cbor))
        listed.append([low, high, name])
    meta = encode_cbor([version, [[shard, 1] for shard in shards], listed, filters, [], []])
    meta_hash = meta_hash_for(language, meta)
    (out / f"pagefind.{meta_hash}.pf_meta").write_bytes(pack_payload(meta))
    return meta_hash


# A shard's posting in a directory chunk: [shard number's delta, [location 0]], the delta's head filled in.
_POSTING_TAIL = b"\x81\x00"


def _chunk_cbor(words: list[str], holders: dict[str, list[int]]) -> bytes:
    """encode_cbor([[[word, [[delta, [0]], ...]], ...]]), written out directly: the directory's hot loop."""
    parts = [_head(ARRAY, 1), _head(ARRAY, len(words))]
    heads: dict[int, bytes] = {}
    for word in words:
        raw = word.encode("utf-8")
        numbers = holders[word]
        parts += (b"\x82", _head(TEXT, len(raw)), raw, _head(ARRAY, len(numbers)))
        last = 0
        for number in numbers:
            delta = number - last
            last = number
            head = heads.get(delta)
            if head is None:
                head = heads[delta] = b"\x82" + _head(0, delta) + _POSTING_TAIL
            parts.append(head)
    return b"".join(parts)


def _write_totals(path: Path, summaries: list[dict]) -> None:
    """language -> {pages, filters: {filter: {value: pages}}}, summed over the shards."""
    totals: dict[str, dict] = {}
    for summary in summaries:
        for language, facts in summary.items():
            into = totals.setdefault(language, {"pages": 0, "filters": {}})
            into["pages"] += facts.get("pages", 0)
            for key, values in facts.get("filters", {}).items():
                counts = into["filters"].setdefault(key, {})
                for value, pages in values.items():
                    counts[value] = counts.get(value, 0) + pages
    text = json.dumps(totals, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"{TOTALS_CALL}({text});\n")


def _link_same_chunk(last: Path | None, out: Path, rel: str, cbor: bytes) -> bool:
    if last is None:
        return False
    try:
        if unpack_payload((last / rel).read_bytes(), rel) != cbor:
            return False
        os.link(last / rel, out / rel)
        return True
    except (OSError, ValueError, EOFError, zlib.error, PagefindBundleError):
        return False


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
