"""How long until the first search results show, and how many bytes a query loads, on a built site.

Opens `search.html?q=WORD` in headless Chromium, over http (a local server) and from file://, with a
fresh browser profile each time (nothing cached), and reports the milliseconds from navigation start
until the first result is on the page, and the bytes of the search index files the page fetched.

    python bench/search_latency.py SITE_FOLDER [WORD ...]
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIRST_RESULT = ("document.querySelectorAll('.result').length > 0 || "
                "/No results|could not/.test(document.querySelector('[data-status]').textContent)")


def serve(folder: Path) -> str:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def measure(browser, base: str, word: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    sizes = []
    page.on("response", lambda r: sizes.append(r.url) if "/pagefind/" in r.url else None)
    page.goto(f"{base}search.html?q={word}")
    page.wait_for_function(FIRST_RESULT, timeout=60000)
    ms = page.evaluate("performance.now()")
    if not page.query_selector(".result"):
        raise SystemExit(f"no results for {word!r} on {base}")
    fetched = sorted(set(sizes))
    context.close()
    return {"ms": round(ms), "files": len(fetched), "urls": fetched}


def index_bytes(site: Path, urls: list[str]) -> int:
    total = 0
    for url in urls:
        rel = url.split("/pagefind/", 1)[1].split("?", 1)[0]
        path = site / "pagefind" / rel
        total += path.stat().st_size if path.is_file() else 0
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site")
    parser.add_argument("words", nargs="*", default=["market", "government", "football"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    site = Path(args.site).resolve()
    report = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for scheme, base in (("http", serve(site)), ("file", site.as_uri() + "/")):
            for word in args.words:
                runs = [measure(browser, base, word) for _ in range(args.runs)]
                report[f"{scheme} {word}"] = {
                    "median_ms": statistics.median(r["ms"] for r in runs),
                    "files": runs[0]["files"],
                    "index_kb": round(index_bytes(site, runs[0]["urls"]) / 1024),
                }
                print(f"{scheme:<5} {word:<12} first results after {report[f'{scheme} {word}']['median_ms']:>6.0f} ms "
                      f"(median of {args.runs}), {runs[0]['files']} index files, "
                      f"{report[f'{scheme} {word}']['index_kb']} KB")
        browser.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
