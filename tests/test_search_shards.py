"""The sharded search index: the rule, and whole sites built with the real Pagefind and searched in real Chromium.

A site of 18 articles over six years and a few entities, with `search.shard_pages: 6`, gets one
shard per year, which the entity pages join. Search must find pages in several shards at once, over http
and from file://, with filters, counts and date order across shards the same as one index gives;
an edit re-indexes only its shard, and the result is byte for byte a cold build's.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.search.directory import chunk_words
from generator.search.merge import MARK, PagefindMergeError, merged_search_script
from generator.search.order import encode_cbor
from generator.search.shards import (
    PageFacts,
    indexed_pages,
    page_facts,
    partition,
    sort_value,
)

# --- the rule, on values ------------------------------------------------------------------------------


def facts(url: str, date: str | None = None) -> PageFacts:
    return PageFacts(url, "digest", True, date)


def test_a_small_site_is_one_shard():
    pages = [facts(f"articles/{i}.html", "2016-01-02") for i in range(5)] + [facts("entities/x.html")]
    assert [name for name, _ in partition(pages, 6)] == ["all"]


def test_years_split_and_small_neighbours_are_packed_within_the_limit():
    pages = ([facts(f"articles/a{i}.html", "2014-05-01") for i in range(2)]
             + [facts(f"articles/b{i}.html", "2015-05-01") for i in range(2)]
             + [facts(f"articles/c{i}.html", "2016-05-01") for i in range(3)]
             + [facts(f"articles/d{i}.html", f"2017-{m:02d}-01") for i, m in enumerate((1, 2, 4, 5, 7))])
    shards = dict(partition(pages, 4))
    assert sorted(shards) == ["2014_2015", "2016", "2017-q1_2017-q2", "2017-q3"]
    assert all(len(members) <= 4 for members in shards.values())


def test_undated_pages_join_the_dated_shards_or_extra_ones_by_rendezvous_hash():
    entities = [facts(f"entities/e{i}.html") for i in range(40)]
    alone = dict(partition(entities + [facts(f"about-{i}.html") for i in range(3)], 8))
    assert sorted(alone) == [f"pages-{k}" for k in range(1, 7)]
    assert all(len(members) <= 16 for members in alone.values())

    dated = [facts(f"articles/{y}.html", f"{y}-06-01") for y in range(2000, 2040)]
    mixed = dict(partition(dated + entities, 16))
    assert all(any(p.date for p in members) for members in mixed.values()), "no shard of entity pages alone"
    assert sum(len(m) for m in mixed.values()) == 80
    # A new shard takes pages from the others and moves none between them.
    more = dict(partition(entities + [facts(f"about-{i}.html") for i in range(13)], 8))
    assert sorted(more) == [f"pages-{k}" for k in range(1, 8)]
    was = {p.url: name for name, members in alone.items() for p in members}
    now = {p.url: name for name, members in more.items() for p in members}
    assert {now[url] for url in was if now[url] != was[url]} == {"pages-7"}


def test_dated_shards_cover_disjoint_date_ranges():
    pages = [facts(f"articles/{i}.html", f"{2000 + i % 7}-{i % 12 + 1:02d}-{i % 28 + 1:02d}") for i in range(300)]
    ranges = sorted((min(p.date for p in m), max(p.date for p in m)) for _, m in partition(pages, 20))
    assert all(earlier[1] < later[0] for earlier, later in zip(ranges, ranges[1:]))


@pytest.mark.parametrize("html, value", [
    ('<span data-pagefind-sort="date[data-value]" data-value="2016-02-02"></span>', "2016-02-02"),
    ('<i data-pagefind-sort="weight:3, date:2001-01-01"></i>', "2001-01-01"),
    ('<b data-pagefind-sort="date">2019-07-08</b>', "2019-07-08"),
    ('<p>data-pagefind-sort="date:1999"</p>', None),
    ('<span data-pagefind-sort="title[data-t]" data-t="x"></span>', None),
])
def test_sort_value_reads_pagefinds_three_forms(html, value):
    assert sort_value(html.encode(), "date") == value


def test_only_pages_with_a_body_are_indexed_unless_none_has_one():
    marked = page_facts("a.html", b'<main data-pagefind-body><h1>A</h1></main>')
    plain = page_facts("b.html", b"<main><h1>B</h1><p>&lt;x data-pagefind-body&gt;</p></main>")
    assert indexed_pages([marked, plain]) == [marked]
    assert indexed_pages([plain]) == [plain]


def test_the_merged_search_rewrite_refuses_a_script_it_does_not_know_and_runs_once():
    source = ("class P{async search(term,o={}){let s=await Promise.all(this.instances.map((i)=>i.search(term,o)));"
              "return s}}")
    once = merged_search_script(source, "pagefind.js")
    assert "await dossierAsOneIndex(this.instances,term,o);" in once and once.startswith(MARK)
    assert merged_search_script(once, "pagefind.js") == once
    with pytest.raises(PagefindMergeError):
        merged_search_script("class P{async search(term){return []}}", "pagefind-worker.js")


def test_the_words_of_an_index_chunk_are_read_past_every_kind_of_page_list():
    many = list(range(30))   # 24 or more locations: the regular expression stops, skip_items goes on
    chunk = [[["alpha", [[0, [1]], [1, many], [1, [2, -26, 300, 70000]]], []],
              ["beta", [[2, [-1, 5], [-2, 0, 3]], [400, [5]]], [["béta", [[0, [1]]]]]],
              ["gamma", [[0, many, many]], []]]]
    assert chunk_words(encode_cbor(chunk), "t") == ["alpha", "beta", "gamma"]


# --- whole sites ---------------------------------------------------------------------------------------

NAMES = ("Ingrid Holm", "Pavel Orlov", "Maren Dahl")


def article_text(i: int, year: int) -> tuple[str, str, str]:
    """(slug, date, Markdown) of fixture article i: 'harbour' in two of every three, names in turn."""
    date = f"{year}-{(i % 3) * 4 + 1:02d}-{i % 3 + 10}"
    words = "harbour " if i % 3 != 2 else "lighthouse "
    body = (f"{NAMES[i % 3]} spoke about the {words.strip()} on day {i}. "
            f"{NAMES[(i + 1) % 3]} answered. The {words.strip()} stays open, said the council.")
    if i == 4:   # a word no other shard has, whose start ("harbour") every shard has
        body += " The harbourmaster retired."
    tags = "[ports]" if i % 2 == 0 else "[weather]"
    front = f"---\ntitle: Report {i} of {year}\ndate: {date}\nsource: Test Wire\ntags: {tags}\n---\n\n"
    return f"report-{i}", date, front + body + "\n"


ARTICLES = {slug: (date, text) for slug, date, text in
            (article_text(i, 2014 + i // 3) for i in range(18))}


def write_site(work: Path, shard_pages: int) -> Path:
    for slug, (_, text) in ARTICLES.items():
        path = work / "content" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (work / "dossier.yml").write_text(f"search:\n  shard_pages: {shard_pages}\n", encoding="utf-8")
    return work


def build(work: Path) -> Path:
    here = os.getcwd()
    os.chdir(work)
    try:
        assert main(["build", "-q", "--report", "report.json"]) == 0
    finally:
        os.chdir(here)
    return work / "site"


def reindexed(work: Path) -> list[str]:
    """The shards the last build's report says Pagefind indexed anew."""
    return json.loads((work / "report.json").read_text(encoding="utf-8"))["search_shards"]["reindexed"]


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def manifest(site: Path) -> dict:
    return json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))


def shard_of_date(site: Path, date: str) -> str:
    [name] = [s["name"] for s in manifest(site)["shards"]
              if "date" in s["sorts"] and s["sorts"]["date"][0] <= date <= s["sorts"]["date"][1]]
    return name


@pytest.fixture(scope="module")
def sharded(tmp_path_factory) -> Path:
    return build(write_site(tmp_path_factory.mktemp("sharded"), 6))


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    return build(write_site(tmp_path_factory.mktemp("single"), 1000))


def test_the_site_is_cut_into_year_shards_that_entity_pages_join(sharded, single):
    shards = manifest(sharded)["shards"]
    assert [s["name"] for s in shards] == [str(year) for year in range(2014, 2020)]
    assert all(s["pages"] <= 6 for s in shards)
    entity_pages = len(list((sharded / "entities").glob("*.html"))) - 1   # not the register, entities/index.html
    assert sum(s["pages"] for s in shards) == 18 + entity_pages > 18
    assert [s["name"] for s in manifest(single)["shards"]] == ["all"]
    for shard in shards:   # each an ordinary Pagefind bundle with its copy for file://
        assert (sharded / "pagefind" / shard["name"] / "pagefind-entry.json").is_file()
        assert (sharded / "pagefind" / shard["name"] / "offline" / "pagefind-entry.json.js").is_file()


SEARCH = """async ([query, options]) => {
    const search = await window.DossierSearch.load("");
    const filters = await search.filters();
    const response = await search.search(query, options);
    const data = await Promise.all(response.results.map((r) => r.data()));
    return {urls: data.map((d) => d.url), filters: response.filters, all: filters,
            count: response.unfilteredResultCount};
}"""


def ask(chromium, base: str, query, options=None) -> dict:
    page = chromium.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.goto(base + "index.html")
    answer = page.evaluate(SEARCH, [query, options or {}])
    page.close()
    assert problems == []
    return answer


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_results_filters_and_date_order_span_shards_as_one_index_gives(sharded, single, chromium, serve, scheme):
    bases = {site: serve(site) if scheme == "http" else site.as_uri() + "/" for site in (sharded, single)}
    harbour = [slug for slug, (_, text) in ARTICLES.items() if "harbour" in text.split("---")[2]]

    found = ask(chromium, bases[sharded], "harbour")
    one = ask(chromium, bases[single], "harbour")
    articles = [u for u in found["urls"] if u.startswith("articles/")]
    assert sorted(articles) == sorted(f"articles/{slug}.html" for slug in harbour)
    assert len({shard_of_date(sharded, ARTICLES[u[9:-5]][0]) for u in articles}) == 6, "results from every year's shard"
    assert sorted(found["urls"]) == sorted(one["urls"])
    assert found["filters"] == one["filters"] and found["count"] == one["count"]
    assert found["all"] == one["all"]
    assert found["all"]["year"] == {str(y): 3 for y in range(2014, 2020)}
    assert found["all"]["type"]["article"] == 18 and "dossier-shard" not in found["all"]

    for direction in ("desc", "asc"):
        ordered = ask(chromium, bases[sharded], "harbour", {"sort": {"date": direction}})
        expected = sorted(harbour, key=lambda slug: ARTICLES[slug][0], reverse=direction == "desc")
        assert ordered["urls"] == [f"articles/{slug}.html" for slug in expected]
        assert ordered["urls"] == ask(chromium, bases[single], "harbour", {"sort": {"date": direction}})["urls"]
        assert ordered["filters"] == one["filters"]

    # Pagefind falls back to a shorter word only where the whole site lacks the word, not per shard.
    rare = ask(chromium, bases[sharded], "harbourmaster")
    assert rare["urls"] == ["articles/report-4.html"] == ask(chromium, bases[single], "harbourmaster")["urls"]
    assert rare["count"] == 1 and rare["filters"]["type"] == {"article": 1, "entity": 0}
    for direction in ("desc", "asc"):
        assert ask(chromium, bases[sharded], "harbourmaster", {"sort": {"date": direction}})["urls"] == rare["urls"]

    filtered = ask(chromium, bases[sharded], None, {"filters": {"tag": "ports"}, "sort": {"date": "desc"}})
    ports = sorted((slug for slug, (_, text) in ARTICLES.items() if "[ports]" in text),
                   key=lambda slug: ARTICLES[slug][0], reverse=True)
    assert filtered["urls"] == [f"articles/{slug}.html" for slug in ports]


FAST = """async ([query]) => {
    const search = await window.DossierSearch.load("");
    const response = await search.search(query, {counts: false});
    const data = await Promise.all(response.results.map((r) => r.data()));
    return {urls: data.map((d) => d.url), filters: response.filters};
}"""


FILTERED = """async ([filters]) => {
    const search = await window.DossierSearch.load("");
    const response = await search.search(null, {filters, sort: {date: "desc"}, counts: false});
    return (await Promise.all(response.results.map((r) => r.data()))).map((d) => d.url);
}"""


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_query_loads_only_the_shards_that_hold_its_words(sharded, chromium, serve, scheme):
    base = serve(sharded) if scheme == "http" else sharded.as_uri() + "/"
    page = chromium.new_page()
    loaded = []
    page.on("request", lambda request: loaded.append(request.url.split("/pagefind/", 1)[1])
            if "/pagefind/" in request.url else None)
    page.goto(base + "index.html")
    answer = page.evaluate(FAST, ["harbourmaster"])
    assert answer == {"urls": ["articles/report-4.html"], "filters": None}
    folders = {path.split("/")[0] for path in loaded if "/" in path}
    assert folders == {"directory", shard_of_date(sharded, ARTICLES["report-4"][0])}, \
        "the directory and the one shard with the word, nothing of the other five"
    assert not [path for path in loaded if "/filter/" in path], "no filter files without counts"

    loaded.clear()
    nowhere = page.evaluate(FAST, ["zzyzx"])
    assert nowhere["urls"] == [] and not [path for path in loaded if not path.startswith("directory/")]

    loaded.clear()
    by_year = page.evaluate(FILTERED, [{"year": {"any": ["2015"]}}])
    assert by_year == [f"articles/report-{i}.html" for i in (5, 4, 3)]
    assert {path.split("/")[0] for path in loaded if "/" in path} <= {"directory", "2015"}, \
        "a search by filters alone asks only the shards with the value"
    page.close()


def test_the_search_page_shows_results_from_several_shards(sharded, chromium, serve, tmp_path):
    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(serve(sharded) + "search.html?q=harbour&sort=date-desc")
    page.wait_for_function("document.querySelectorAll('.result').length >= 10")
    titles = page.locator(".result__title").all_inner_texts()
    assert titles[:3] == ["Report 16 of 2019", "Report 15 of 2019", "Report 13 of 2018"]
    assert "Report 17 of 2019" not in titles
    assert "12 results" in page.locator("[data-status]").inner_text()
    page.screenshot(path=str(tmp_path / "search.png"))
    page.close()


def test_an_edit_reindexes_only_its_shard_and_equals_a_cold_build(tmp_path):
    site = build(write_site(tmp_path / "work", 6))
    before = tree(site / "pagefind")
    inodes = {url: (site / "pagefind" / url).stat().st_ino for url in before}
    slug = "report-7"   # 2016
    with open(tmp_path / "work" / "content" / f"{slug}.md", "a", encoding="utf-8") as text:
        text.write("\nA quay of basalt was added.\n")

    build(tmp_path / "work")
    after = tree(site / "pagefind")
    changed = {url.split("/")[0] for url in before.keys() | after.keys() if before.get(url) != after.get(url)}
    assert changed == {"2016", "directory", "shards.json", "shards.js"}, "the directory learns 'quay' and 'basalt'"
    assert reindexed(tmp_path / "work") == ["2016"], "the build report names the one shard indexed anew"
    reused = [url for url in after if "/" in url and url.split("/")[0] not in changed]
    assert reused and all((site / "pagefind" / url).stat().st_ino == inodes[url] for url in reused), \
        "the other shards are the last build's files, not a new Pagefind run"
    kept = [url for url in after if url.startswith("2016/offline/fragment/") and before.get(url) == after[url]]
    assert kept and all((site / "pagefind" / url).stat().st_ino == inodes[url] for url in kept), \
        "the re-indexed shard's copy for file:// links the scripts of its unchanged pages"

    cold = tmp_path / "cold"
    cold.mkdir()
    (cold / "content").mkdir()
    for md in (tmp_path / "work" / "content").glob("*.md"):
        (cold / "content" / md.name).write_bytes(md.read_bytes())
    (cold / "dossier.yml").write_bytes((tmp_path / "work" / "dossier.yml").read_bytes())
    assert tree(build(cold)) == tree(site)


def test_a_new_article_reindexes_its_year_only_and_the_same_site_twice_is_identical(tmp_path):
    first = build(write_site(tmp_path / "one", 6))
    second = build(write_site(tmp_path / "two", 6))
    assert tree(first) == tree(second)

    before = tree(first / "pagefind")
    (tmp_path / "one" / "content" / "late-news.md").write_text(
        "---\ntitle: Late news\ndate: 2018-12-30\nsource: Test Wire\ntags: [weather]\n---\n\nSnow fell on the quay.\n",
        encoding="utf-8")
    build(tmp_path / "one")
    after = tree(first / "pagefind")
    changed = {url.split("/")[0] for url in before.keys() | after.keys() if before.get(url) != after.get(url)}
    assert changed == {"2018", "directory", "filters.js", "shards.json", "shards.js"}
