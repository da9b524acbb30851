"""Search from disk (file://) and over http under a subpath, end to end.

Builds a small site, indexes it as a build does (run_pagefind: the real Pagefind binary, then
make_offline_search, into pagefind/all/, the one shard of a small site), and drives headless
Chromium against it. Nothing the product uses is mocked.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.search.offline import (
    OfflineSearchError,
    classic_pagefind_script,
    make_offline_search,
)
from generator.search.pagefind import run_pagefind

playwright_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parent.parent
LOADER = REPO / "templates" / "assets" / "search-loader.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SUBPATH = "some/sub/path"
SHARD = "pagefind/all"     # the one shard of a site this small

# path -> (root, title, filters, sort date, body)
PAGES = {
    "index.html": ("", "Dossier home", {"kind": "home"}, None, "<p>Welcome to the archive.</p>"),
    "articles/a.html": (
        "../",
        "Marsupials of Rottnest",
        {"kind": "article", "topic": "Science"},
        "2020-01-02",
        '<p>Field notes on the quokka.</p><h2 id="habitat">Habitat</h2>'
        "<p>The quokka lives in scrubland on the island.</p>",
    ),
    "articles/deep/b.html": (
        "../../",
        "Airships",
        {"kind": "article", "topic": "History"},
        "2021-05-06",
        "<p>The zeppelin crossed the ocean.</p>",
    ),
    "entities/x.html": (
        "../",
        "Xavier Quill",
        {"kind": "entity", "topic": "Science"},
        None,
        "<p>Xavier studied the quokka as well.</p>",
    ),
    "entities/index.html": (
        "../",
        "Entity register",
        {"kind": "entity"},
        None,
        "<p>The register lists every marmalade maker.</p>",
    ),
}
FIXTURE_FILTERS = {
    "kind": {"article": 2, "entity": 2, "home": 1},
    "topic": {"History": 1, "Science": 2},
}


def page_html(root: str, title: str, filters: dict[str, str], date: str | None, body: str) -> str:
    filter_tags = "".join(
        f'<span data-pagefind-ignore data-pagefind-filter="{key}">{value}</span>'
        for key, value in filters.items()
    )
    sort_tag = f'<span data-pagefind-sort="date:{date}"></span>' if date else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="icon" href="data:,">'
        f"<title>{title}</title>"
        f'<script src="{root}assets/search-loader.js"></script></head>'
        f"<body><nav><a href=\"{root}index.html\">Home</a></nav>"
        f'<main data-pagefind-body><h1>{title}</h1>'
        f'<span data-pagefind-meta="author:Ann Example"></span>{filter_tags}{sort_tag}'
        f"{body}</main></body></html>"
    )


def build_site(site: Path, *pagefind_args: str) -> None:
    """Write the fixture pages, then index them as a build does."""
    for rel, (root, title, filters, date, body) in PAGES.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_html(root, title, filters, date, body), encoding="utf-8")
    (site / "assets").mkdir(exist_ok=True)
    shutil.copyfile(LOADER, site / "assets" / "search-loader.js")
    run_pagefind(site, tuple(pagefind_args))


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def www(tmp_path_factory) -> Path:
    """A web root whose site lives under SUBPATH, built once for the module."""
    www = tmp_path_factory.mktemp("www")
    build_site(www / SUBPATH)
    return www


@pytest.fixture(scope="module")
def site(www) -> Path:
    return www / SUBPATH


@pytest.fixture(scope="module")
def http_site(www):
    """Base URL of the site served by http.server on 127.0.0.1 under /some/sub/path/."""

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(request):
    # Playwright's sync API allows one running instance per thread, so share the session's
    # browser when the suite's conftest provides one; launch our own only when it does not.
    try:
        shared = request.getfixturevalue("chromium")
    except pytest.FixtureLookupError:
        shared = None
    if shared is not None:
        yield shared
        return
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A browser page that records console problems and requested URLs."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda msg: self.problems.append(f"{msg.type}: {msg.text}")
            if msg.type in ("error", "warning")
            else None,
        )
        self.page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        self.page.on("requestfailed", lambda req: self.problems.append(f"failed: {req.url}"))
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on(
            "response",
            lambda res: self.problems.append(f"{res.status}: {res.url}") if res.status >= 400 else None,
        )

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("() => window.DossierSearch !== undefined")

    def search(self, root: str, query: str, options: dict | None = None) -> list[dict]:
        return self.page.evaluate(
            """async ([root, query, options]) => {
                const search = await window.DossierSearch.load(root);
                const response = await search.search(query, options);
                const results = await Promise.all(response.results.map((r) => r.data()));
                return results.map((d) => ({
                    url: d.url,
                    title: d.meta.title,
                    author: d.meta.author,
                    excerpt: d.excerpt,
                    sub_urls: d.sub_results.map((s) => s.url),
                }));
            }""",
            [root, query, options or {}],
        )

    def filters(self, root: str) -> dict:
        return self.page.evaluate(
            "async (root) => (await window.DossierSearch.load(root)).filters()", root
        )

    def follow(self, root: str, url: str) -> str:
        """Click a link to root + url, as the search UI renders it; return the new page's h1."""
        self.page.evaluate(
            """([root, url]) => {
                const link = document.createElement("a");
                link.id = "result-link";
                link.href = root + url;
                link.textContent = "result";
                document.body.append(link);
            }""",
            [root, url],
        )
        with self.page.expect_navigation():
            self.page.click("#result-link")
        return self.page.inner_text("h1")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser):
    tab = Tab(browser)
    yield tab
    tab.close()


def base_urls(site: Path, http_site: str) -> dict[str, str]:
    return {"file": site.as_uri() + "/", "http": http_site}


@pytest.mark.parametrize("scheme", ["file", "http"])
@pytest.mark.parametrize(
    ("page", "root"), [("index.html", ""), ("articles/a.html", "../"), ("articles/deep/b.html", "../../")]
)
def test_search_finds_page_with_site_relative_url(tab, site, http_site, scheme, page, root):
    tab.open(base_urls(site, http_site)[scheme] + page)

    results = tab.search(root, "rottnest")

    assert [r["url"] for r in results] == ["articles/a.html"]
    assert results[0]["title"] == "Marsupials of Rottnest"
    assert results[0]["author"] == "Ann Example"
    assert "<mark>" in results[0]["excerpt"]
    assert tab.problems == []


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_result_link_opens_the_found_page(tab, site, http_site, scheme):
    base = base_urls(site, http_site)[scheme]
    tab.open(base + "entities/x.html")

    [result] = tab.search("../", "zeppelin")
    heading = tab.follow("../", result["url"])

    assert heading == "Airships"
    assert tab.page.url == base + "articles/deep/b.html"
    assert tab.problems == []


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_sub_results_and_folder_urls_are_site_relative(tab, site, http_site, scheme):
    base = base_urls(site, http_site)[scheme]
    tab.open(base + "articles/a.html")

    quokka = tab.search("../", "quokka", {"sort": {"date": "asc"}})
    [register] = tab.search("../", "marmalade")

    assert [r["url"] for r in quokka] == ["articles/a.html"]
    assert "articles/a.html#habitat" in quokka[0]["sub_urls"]
    assert register["url"] == "entities/index.html"
    assert tab.follow("../", register["url"]) == "Entity register"
    assert tab.problems == []


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_filters_list_the_fixture_filters(tab, site, http_site, scheme):
    tab.open(base_urls(site, http_site)[scheme] + "index.html")

    assert tab.filters("") == FIXTURE_FILTERS
    filtered = tab.search("", None, {"filters": {"topic": "Science"}})
    assert sorted(r["url"] for r in filtered) == ["articles/a.html", "entities/x.html"]
    assert tab.problems == []


def test_http_uses_pagefinds_own_files_only(tab, http_site):
    tab.open(http_site + "index.html")

    tab.search("", "quokka")

    assert any(url.endswith(f"/{SHARD}/pagefind.js") for url in tab.requests)
    assert not [url for url in tab.requests if "/pagefind/offline/" in url]


def test_file_loads_only_the_chunks_a_query_needs(tab, site):
    tab.open(site.as_uri() + "/index.html")

    results = tab.search("", "zeppelin")

    fragments = [url for url in tab.requests if "/offline/fragment/" in url]
    assert len(results) == 1
    assert len(fragments) == 1
    assert len(list((site / SHARD / "offline" / "fragment").iterdir())) == len(PAGES)
    assert not [url for url in tab.requests if "/offline/wasm.unknown" in url]


def test_file_search_works_in_a_folder_with_spaces_and_non_ascii_and_kept_index_urls(tab, tmp_path):
    # run_pagefind passes --keep-index-url, as Dossier's build does; folder names come from the user.
    site = tmp_path / "my site ü"
    build_site(site)
    tab.open(site.as_uri() + "/entities/x.html")

    [article] = tab.search("../", "rottnest")
    [register] = tab.search("../", "marmalade")

    assert article["url"] == "articles/a.html"
    assert register["url"] == "entities/index.html"
    assert tab.follow("../", article["url"]) == "Marsupials of Rottnest"
    assert tab.problems == []


def test_load_rejects_with_clear_error_when_offline_bundle_is_missing(tab, tmp_path):
    (tmp_path / "index.html").write_text(page_html("", "Empty", {}, None, ""), encoding="utf-8")
    (tmp_path / "assets").mkdir()
    shutil.copyfile(LOADER, tmp_path / "assets" / "search-loader.js")
    tab.open(tmp_path.as_uri() + "/index.html")

    message = tab.page.evaluate(
        "() => window.DossierSearch.load('').then(() => 'loaded', (error) => error.message)"
    )

    assert message.startswith("Dossier search: the search index for reading from disk is missing")


def test_load_is_memoised_per_page(tab, site):
    tab.open(site.as_uri() + "/articles/a.html")

    same = tab.page.evaluate(
        "() => window.DossierSearch.load('../') === window.DossierSearch.load('..')"
    )

    assert same is True


# Pagefind 1.5.2 writes each filter's values in hash-map order, which changes from run to
# run. That changes the filter chunks, so their names, so the meta file that lists them,
# so the entry file that names the meta file. Nothing else varies.
PAGEFIND_UNSTABLE = re.compile(r"^pagefind/all/(offline/)?(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)(\.js)?$")


def test_two_builds_differ_only_where_pagefind_orders_filter_values_at_random(tmp_path):
    build_site(tmp_path / "one" / "site")
    build_site(tmp_path / "two" / "site")

    one = tree_hashes(tmp_path / "one" / "site")
    two = tree_hashes(tmp_path / "two" / "site")

    differing = {path for path in one.keys() | two.keys() if one.get(path) != two.get(path)}
    assert [path for path in sorted(differing) if not PAGEFIND_UNSTABLE.match(path)] == []
    assert any(path.startswith(f"{SHARD}/offline/fragment/") for path in one)


def test_two_builds_of_a_site_without_filters_are_byte_identical(tmp_path):
    for build in ("one", "two"):
        site = tmp_path / build / "site"
        for rel, (root, title, _filters, date, body) in PAGES.items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(page_html(root, title, {}, date, body), encoding="utf-8")
        run_pagefind(site)

    assert tree_hashes(tmp_path / "one" / "site") == tree_hashes(tmp_path / "two" / "site")


def test_offline_copy_is_byte_identical_for_the_same_pagefind_output(site, tmp_path):
    for copy in ("one", "two"):
        shutil.copytree(site / SHARD, tmp_path / copy / "all", ignore=shutil.ignore_patterns("offline"))
        make_offline_search(tmp_path / copy / "all", key_prefix="all/")

    one, two = tree_hashes(tmp_path / "one"), tree_hashes(tmp_path / "two")
    assert one == two
    assert one == {f"all/{path}": digest for path, digest in tree_hashes(site / SHARD).items()}


def test_running_again_replaces_the_offline_copy(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    stale = copy / SHARD / "offline" / "fragment" / "stale.pf_fragment.js"
    stale.write_text("stale", encoding="utf-8")

    make_offline_search(copy / SHARD, key_prefix="all/")

    assert not stale.exists()
    assert tree_hashes(copy) == tree_hashes(site)


def test_classic_script_returns_the_module_exports():
    module = 'const a=1;function b(){return typeof import.meta.url}export{a,b as c};\n'

    script = classic_pagefind_script(module)

    assert "import.meta" not in script
    assert script.endswith('return{"a":a,"c":b};});\n')
    assert script.startswith("/*")
    assert 'DossierSearch._offline.define(function(fetch){"use strict";' in script


@pytest.mark.parametrize(
    "module",
    [
        "const a=1;",
        'import x from "./x.js";const a=x;export{a};',
        "const a=import.meta.resolve('x');export{a};",
    ],
)
def test_classic_script_refuses_module_syntax_it_cannot_rewrite(module):
    with pytest.raises(OfflineSearchError):
        classic_pagefind_script(module)
