"""Does a sharded search index rank like one index? Top 10 of fixed queries on the Wikinews and BBC sites.

Builds each corpus once with one search shard, links a copy of the site and indexes the copy again in
shards (a small `shard_pages`, so that even these sites split), then runs the same queries in real
Pagefind JS in headless Chromium over http (the site's own search loader, which merges the shards
with Pagefind's mergeIndex) and compares the two top 10 lists.

    python bench/search_ranking.py                       # both corpora, beside the repository
    python bench/search_ranking.py --corpus wikinews --shard-pages 12 --json ranking.json

Why lists differ: Pagefind scores a page with BM25 inside its own index. A shard's idea of how rare a
word is (its IDF, from the pages of that shard that hold the word) and of the average page length
are that shard's, not the site's. Where a word clusters in some shards (news of one year), it is
common there and rare in the others, and the shards' pages move against each other. The report
gives, for each query that differs, the share of pages that match it in each shard of the top 10.

The BBC corpus is non-commercial research material: read at run time, never copied into the repository.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generator.search import pagefind as search  # noqa: E402
from generator.search.shards import indexed_pages, partition  # noqa: E402

QUERIES = {
    "wikinews": ["interview", "scientology", "asylum seekers", "world cup", "church", "hong kong", "nasa",
                 "festival", "election", "president", "university", "war"],
    "bbc": ["election", "oil prices", "football", "blair", "iraq war", "mobile phone", "film award",
            "economic growth", "music", "tax", "chelsea", "microsoft", "interest rates", "olympic"],
}
DEFAULT_SHARD_PAGES = {"wikinews": 12, "bbc": 600}

SEARCH = """async (query) => {
    const search = await window.DossierSearch.load("");
    const response = await search.search(query, {});
    const top = response.results.slice(0, 10);
    const data = await Promise.all(top.map((r) => r.data()));
    const all = await Promise.all(response.results.map((r) => r.data()));
    return {top: data.map((d, i) => [d.url, top[i].score]), all: all.map((d) => d.url)};
}"""


def build_site(corpus: str, work: Path) -> Path:
    """The corpus laid out and built with one shard; returns the site folder."""
    root = work / corpus
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if corpus == "wikinews":
        subprocess.run([sys.executable, str(REPO / "build.py"), "import", str(SHARED / "wikinews-gum"), "--into",
                        "content", "--source", "Wikinews", "-q"], cwd=root, env=env, check=True, capture_output=True)
    else:
        import bench_sites
        bench_sites.lay_out(bench_sites.bbc_articles(1), ["dossier"], work / "bbc-layout")
        shutil.move(str(work / "bbc-layout" / "dossier" / "content"), root / "content")
    (root / "dossier.yml").write_text("search:\n  shard_pages: 1000000000\n", encoding="utf-8")
    subprocess.run([sys.executable, str(REPO / "build.py"), "-q"], cwd=root, env=env, check=True)
    return root / "site"


def sharded_copy(site: Path, shard_pages: int) -> Path:
    """The same pages (hard links), indexed again in shards."""
    copy = site.with_name("site-sharded")
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(site, copy, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    search.run_pagefind(copy, shard_pages=shard_pages)
    return copy


def shard_of_urls(site: Path, shard_pages: int) -> dict[str, str]:
    pages = indexed_pages(facts for _, facts in search._read_pages(site, site / "pagefind", {}).values())
    return {page.url: name for name, members in partition(pages, shard_pages) for page in members}


@functools.lru_cache(maxsize=None)
def serve(folder: str) -> str:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def run_queries(browser, site: Path, queries: list[str]) -> dict[str, dict]:
    page = browser.new_page()
    page.goto(serve(str(site)) + "index.html")
    answers = {query: page.evaluate(SEARCH, query) for query in queries}
    page.close()
    return answers


def compare(query: str, one: dict, sharded: dict, shards: dict[str, str], sizes: dict[str, int]) -> dict:
    a = [url for url, _ in one["top"]]
    b = [url for url, _ in sharded["top"]]
    first_difference = next((i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
    if first_difference is None and len(a) != len(b):
        first_difference = min(len(a), len(b)) + 1
    row = {"query": query, "results": len(one["all"]), "overlap@10": len(set(a) & set(b)),
           "of": min(10, len(a)), "same_top3": a[:3] == b[:3], "same_top10": a == b,
           "first_difference": first_difference, "same_result_set": sorted(one["all"]) == sorted(sharded["all"])}
    if a != b:
        # How common the query is in each shard of the top 10, against the whole site.
        matching: dict[str, int] = {}
        for url in one["all"]:
            matching[shards.get(url, "?")] = matching.get(shards.get(url, "?"), 0) + 1
        total = sum(sizes.values())
        row["site_share"] = round(len(one["all"]) / total, 3)
        row["shard_share"] = {name: f"{matching.get(name, 0)}/{sizes[name]}"
                              for name in sorted({shards.get(url, "?") for url in a + b}) if name in sizes}
        row["moved"] = [{"url": url, "shard": shards.get(url, "?"),
                         "rank_one": a.index(url) + 1 if url in a else None,
                         "rank_sharded": b.index(url) + 1 if url in b else None}
                        for url in dict.fromkeys(a + b) if (url in a) != (url in b) or a.index(url) != b.index(url)][:6]
    return row


def overlap_share(rows: list[dict]) -> float:
    return sum(r["overlap@10"] for r in rows) / max(1, sum(r["of"] for r in rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("wikinews", "bbc", "both"), default="both")
    parser.add_argument("--shard-pages", type=int, default=0, help="pages per shard (default: 12 Wikinews, 600 BBC)")
    parser.add_argument("--work", help="work folder (default: a temporary one, removed)")
    parser.add_argument("--json", help="write the rows here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="ranking-"))
    corpora = ["wikinews", "bbc"] if args.corpus == "both" else [args.corpus]
    report = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for corpus in corpora:
                shard_pages = args.shard_pages or DEFAULT_SHARD_PAGES[corpus]
                site = build_site(corpus, work)
                copy = sharded_copy(site, shard_pages)
                manifest = json.loads((copy / "pagefind" / "shards.json").read_text(encoding="utf-8"))
                sizes = {s["name"]: s["pages"] for s in manifest["shards"]}
                shards = shard_of_urls(copy, shard_pages)
                one = run_queries(browser, site, QUERIES[corpus])
                many = run_queries(browser, copy, QUERIES[corpus])
                rows = [compare(q, one[q], many[q], shards, sizes) for q in QUERIES[corpus]]
                report[corpus] = {"shard_pages": shard_pages, "shards": sizes, "rows": rows,
                                  "overlap@10": round(overlap_share(rows), 3),
                                  "same_top10": sum(r["same_top10"] for r in rows),
                                  "same_top3": sum(r["same_top3"] for r in rows),
                                  "same_result_sets": sum(r["same_result_set"] for r in rows)}
                print_report(corpus, report[corpus])
            browser.close()
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def print_report(corpus: str, data: dict) -> None:
    rows = data["rows"]
    print(f"\n{corpus}: {len(data['shards'])} shards at shard_pages {data['shard_pages']} "
          f"({', '.join(f'{k} {v}' for k, v in data['shards'].items())})")
    print(f"{'query':<18} {'results':>7} {'top10 overlap':>13} {'same top3':>9} {'same top10':>10} {'1st diff':>8}")
    for r in rows:
        print(f"{r['query']:<18} {r['results']:>7} {r['overlap@10']:>10}/{r['of']:<2} {str(r['same_top3']):>9} "
              f"{str(r['same_top10']):>10} {r['first_difference'] or '':>8}")
    print(f"overall: overlap {data['overlap@10']:.1%} of top-10 places; identical top 10 in {data['same_top10']}"
          f"/{len(rows)} queries, identical top 3 in {data['same_top3']}/{len(rows)}; same result set "
          f"in {data['same_result_sets']}/{len(rows)}")
    for r in rows:
        if not r["same_top10"]:
            print(f"  {r['query']}: matches {r['site_share']:.1%} of the site; per shard in the top 10: "
                  f"{r['shard_share']}")


if __name__ == "__main__":
    sys.exit(main())
