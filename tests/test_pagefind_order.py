"""Pagefind's bundle, canonicalized, is byte-identical across runs and still searches and filters right.

Runs the real Pagefind binary several times over identical copies of a synthetic site in two
languages, with several filters of many values, non-ASCII values and two sort keys, and drives
headless Chromium against the canonical bundle. Nothing the product uses is mocked.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pagefind_bin import get_executable

from generator.search.order import (
    canonical_filter_chunk,
    canonicalize_pagefind,
    decode_cbor,
    encode_cbor,
    encode_meta,
    pagefind_hash,
    parse_meta,
    unpack_payload,
)

RUNS = 5
PAGE_COUNT = 120
TAGS = ["red", "green", "blue", "yellow", "Ünïcode", "日本"]


def page_lang(i: int) -> str:
    return "fr" if i % 6 == 5 else "en"


def page_tags(i: int) -> list[str]:
    return sorted({TAGS[i % 6], TAGS[(i * 7 + 1) % 6], TAGS[(i // 6) % 6]})


def page_section(i: int) -> str:
    return f"s{i % 9}"


def page_rank(i: int) -> int:
    # 37 is coprime with 1000, so every page has its own rank and the sort has no ties.
    return (i * 37) % 1000


def page_words(i: int) -> list[str]:
    words = [f"filler{(i * j) % 50}" for j in range(30)]
    if i % 5 in (0, 1):
        words.append("quokka")
    if i % 4 == 0:
        words.append("zeppelin")
    return words


def page_url(i: int) -> str:
    return f"/d{i % 7}/p{i}.html"


def page_html(i: int) -> str:
    filters = "".join(f'<span data-pagefind-filter="tag:{tag}"></span>' for tag in page_tags(i))
    filters += f'<span data-pagefind-filter="section:{page_section(i)}"></span>'
    filters += f'<span data-pagefind-ignore data-pagefind-filter="author">Author {i % 11}</span>'
    sorts = (f'<span data-pagefind-sort="rank:{page_rank(i)}"></span>'
             f'<span data-pagefind-sort="date:20{i % 30:02d}-01-01"></span>')
    return (f'<!DOCTYPE html><html lang="{page_lang(i)}"><head><meta charset="utf-8"><title>Page {i}</title></head>'
            f"<body><main data-pagefind-body><h1>Page {i}</h1>{filters}{sorts}"
            f"<p>{' '.join(page_words(i))}</p></main></body></html>")


def write_site(site: Path) -> None:
    for i in range(PAGE_COUNT):
        path = site / page_url(i).lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(i), encoding="utf-8")


def run_pagefind(site: Path) -> None:
    subprocess.run([get_executable(), "--site", str(site), "--keep-index-url", "--silent"],
                   check=True, capture_output=True)


def tree_bytes(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> list[tuple[Path, Path]]:
    """(Pagefind's own bundle, the canonicalized site) for each of RUNS runs over identical copies."""
    root = tmp_path_factory.mktemp("pagefind_order")
    write_site(root / "source")
    result = []
    for run in range(RUNS):
        site = root / f"site{run}"
        shutil.copytree(root / "source", site)
        run_pagefind(site)
        raw = root / f"raw{run}"
        shutil.copytree(site / "pagefind", raw)
        canonicalize_pagefind(site / "pagefind")
        result.append((raw, site))
    return result


def bundle_files(bundle: Path) -> tuple[dict, dict, dict[str, bytes]]:
    """(entry, language -> parsed meta, filter chunk name -> CBOR) of a bundle."""
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    metas = {}
    for language, info in entry["languages"].items():
        path = bundle / f"pagefind.{info['hash']}.pf_meta"
        metas[language] = parse_meta(language, unpack_payload(path.read_bytes(), path.name))
    filters = {path.stem: unpack_payload(path.read_bytes(), path.name)
               for path in (bundle / "filter").glob("*.pf_filter")}
    return entry, metas, filters


# --- Byte identity ------------------------------------------------------------------------

def test_pagefind_runs_canonicalize_to_byte_identical_bundles(builds):
    trees = [tree_bytes(site / "pagefind") for _, site in builds]
    for run, tree in enumerate(trees[1:], start=1):
        differing = sorted(path for path in tree.keys() | trees[0].keys() if tree.get(path) != trees[0].get(path))
        assert differing == [], f"run {run} differs from run 0"


def test_canonicalize_leaves_the_files_that_pagefind_writes_stably_alone(builds):
    raw, site = builds[0]
    before, after = tree_bytes(raw), tree_bytes(site / "pagefind")
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert all(path.startswith("filter/") or path.endswith(".pf_meta") or path == "pagefind-entry.json"
               for path in changed)
    assert any(path.startswith("fragment/") for path in after)


def test_canonicalizing_twice_changes_nothing(builds, tmp_path):
    _, site = builds[0]
    again = tmp_path / "pagefind"
    shutil.copytree(site / "pagefind", again)
    canonicalize_pagefind(again)
    assert tree_bytes(again) == tree_bytes(site / "pagefind")


# --- Names and references -----------------------------------------------------------------

def test_pagefind_names_its_chunks_with_unpadded_hex_sha1_of_the_cbor(builds):
    raw, _ = builds[0]
    for folder, suffix in (("index", ".pf_index"), ("filter", ".pf_filter")):
        for path in (raw / folder).glob(f"*{suffix}"):
            language, _, short = path.stem.partition("_")
            assert pagefind_hash(unpack_payload(path.read_bytes(), path.name)).startswith(short), path.name


def test_canonical_names_are_the_hashes_of_the_canonical_content(builds):
    _, site = builds[0]
    entry, metas, filters = bundle_files(site / "pagefind")
    for language, meta in metas.items():
        meta_path = site / "pagefind" / f"pagefind.{entry['languages'][language]['hash']}.pf_meta"
        cbor = unpack_payload(meta_path.read_bytes(), meta_path.name)
        assert entry["languages"][language]["hash"] == f"{language}_{pagefind_hash(cbor)[:len(language) + 8]}"
        for _, chunk in meta.filters:
            assert chunk.startswith(f"{language}_")
            assert pagefind_hash(filters[chunk]).startswith(chunk.removeprefix(f"{language}_"))
    listed = {chunk for meta in metas.values() for _, chunk in meta.filters}
    assert listed == set(filters), "every filter chunk is listed once and none is left over"


def test_canonical_meta_lists_filters_sorts_and_values_in_name_order(builds):
    _, site = builds[0]
    entry, metas, filters = bundle_files(site / "pagefind")
    assert list(entry["languages"]) == sorted(entry["languages"])
    for meta in metas.values():
        assert [name for name, _ in meta.filters] == ["author", "section", "tag"]
        assert [name for name, _ in meta.sorts] == ["date", "rank"]
    for cbor in filters.values():
        values = [value for value, _ in decode_cbor(cbor)[1]]
        assert values == sorted(values)


def test_entry_file_keeps_pagefinds_compact_formatting(builds):
    raw, site = builds[0]
    assert b" " not in (site / "pagefind" / "pagefind-entry.json").read_bytes()
    raw_entry = json.loads((raw / "pagefind-entry.json").read_bytes())
    new_entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_bytes())
    for language in raw_entry["languages"]:
        raw_entry["languages"][language]["hash"] = new_entry["languages"][language]["hash"]
    assert new_entry == raw_entry


# --- Pure parts ---------------------------------------------------------------------------

def test_pagefind_hash_writes_each_byte_without_a_leading_zero():
    digest = hashlib.sha1(b"dossier").digest()
    assert pagefind_hash(b"dossier") == "".join(f"{byte:x}" for byte in digest)
    assert any(byte < 16 for byte in digest) is (len(pagefind_hash(b"dossier")) < 40)


@pytest.mark.parametrize("item", [
    0, 23, 24, 255, 256, 65535, 65536, 2**32, -1, -25, "", "é日本", b"\x00\x01",
    [], [1, [2, "three"]], [[1] * 300, "x" * 70000],
])
def test_cbor_round_trips_the_subset_pagefind_writes(item):
    assert decode_cbor(encode_cbor(item)) == item


def test_meta_is_cut_and_rejoined_without_changing_a_byte(builds):
    raw, _ = builds[0]
    for path in raw.glob("*.pf_meta"):
        cbor = unpack_payload(path.read_bytes(), path.name)
        language = path.name.removeprefix("pagefind.").partition("_")[0]
        assert encode_meta(parse_meta(language, cbor)) == cbor


def test_filter_chunk_values_are_sorted_by_text_and_keep_their_pages():
    chunk = encode_cbor(["tag", [["zebra", [0, 4]], ["日本", [2]], ["apple", [1, 3]], ["Zed", [5]]]])
    name, canonical = canonical_filter_chunk(chunk, "test chunk")
    assert name == "tag"
    assert decode_cbor(canonical) == ["tag", [["Zed", [5]], ["apple", [1, 3]], ["zebra", [0, 4]], ["日本", [2]]]]


# --- The canonical bundle still works in a browser ----------------------------------------

@pytest.fixture
def canonical_tab(chromium, serve, builds):
    """A Chromium page on an English page of the canonical site, served over loopback http."""
    _, site = builds[0]
    base = serve(site)
    context = chromium.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda res: problems.append(f"{res.status} {res.url}") if res.status >= 400 else None)
    page.base = base
    yield page, problems
    context.close()


SEARCH = """async ([query, options]) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({});
    const response = await pf.search(query, options);
    const data = await Promise.all(response.results.map((r) => r.data()));
    return data.map((d) => d.url);
}"""
FILTERS = """async () => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({});
    return await pf.filters();
}"""


def pages_in(lang: str) -> list[int]:
    return [i for i in range(PAGE_COUNT) if page_lang(i) == lang]


def test_search_with_a_filter_finds_exactly_the_matching_pages(canonical_tab):
    page, problems = canonical_tab
    page.goto(page.base + page_url(0).lstrip("/"))
    for tag in ("red", "日本", "Ünïcode"):
        found = page.evaluate(SEARCH, ["quokka", {"filters": {"tag": tag}}])
        expected = {page_url(i) for i in pages_in("en") if "quokka" in page_words(i) and tag in page_tags(i)}
        assert expected and set(found) == expected, tag
    both = page.evaluate(SEARCH, ["zeppelin", {"filters": {"tag": "green", "section": "s8"}}])
    expected = {page_url(i) for i in pages_in("en")
                if "zeppelin" in page_words(i) and "green" in page_tags(i) and page_section(i) == "s8"}
    assert expected and set(both) == expected
    assert problems == []


def test_filter_counts_match_the_site(canonical_tab):
    page, problems = canonical_tab
    page.goto(page.base + page_url(0).lstrip("/"))
    counts = page.evaluate(FILTERS)
    english = pages_in("en")
    assert counts["tag"] == {tag: sum(tag in page_tags(i) for i in english)
                             for tag in TAGS if any(tag in page_tags(i) for i in english)}
    assert counts["section"] == {f"s{k}": sum(page_section(i) == f"s{k}" for i in english) for k in range(9)}
    assert counts["author"] == {f"Author {k}": sum(i % 11 == k for i in english) for k in range(11)}
    assert problems == []


def test_sorted_filter_only_search_follows_the_sort_key(canonical_tab):
    page, problems = canonical_tab
    page.goto(page.base + page_url(0).lstrip("/"))
    found = page.evaluate(SEARCH, [None, {"filters": {"tag": "blue"}, "sort": {"rank": "asc"}}])
    expected = sorted((i for i in pages_in("en") if "blue" in page_tags(i)), key=page_rank)
    assert found == [page_url(i) for i in expected]
    assert problems == []


def test_second_language_searches_its_own_canonical_index(canonical_tab):
    page, problems = canonical_tab
    french = pages_in("fr")
    page.goto(page.base + page_url(french[0]).lstrip("/"))
    found = page.evaluate(SEARCH, ["quokka", {"filters": {"tag": "yellow"}}])
    expected = {page_url(i) for i in french if "quokka" in page_words(i) and "yellow" in page_tags(i)}
    assert expected and set(found) == expected
    assert page.evaluate(FILTERS)["section"] == {
        f"s{k}": n for k in range(9) if (n := sum(page_section(i) == f"s{k}" for i in french))}
    assert problems == []
