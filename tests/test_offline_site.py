"""The built sample site from disk (file://) and under a subpath over http: navigation, entities and search."""

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.output.linkcheck import check_links


@pytest.fixture
def built(sample_site, monkeypatch) -> Path:
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    return sample_site / "site"


def search_header(page, word: str) -> list[str]:
    page.fill("#search-input", word)
    items = page.locator("#search-results .search-results__item")
    items.first.wait_for(timeout=15000)
    return [items.nth(i).get_attribute("href") for i in range(items.count())]


def test_site_opened_from_disk_navigates_and_searches(built, chromium):
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(built.joinpath("index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).position") == "sticky", "styles load"
    # Navigation: home -> entities index -> an entity page -> an article.
    page.click("text=People, organisations and places")
    page.wait_for_url("**/entities/index.html")
    page.click(".entity-grid a[href='vladimir-putin.html']")
    page.wait_for_url("**/entities/vladimir-putin.html")
    page.locator(".mentions .card__title a").first.click()
    page.wait_for_url("**/articles/*.html")
    # Search from an article page one folder down: results link to real files on disk.
    hrefs = search_header(page, "Bushehr")
    assert hrefs == ["../articles/iran-russia-cooperation-hinders-us-unilateralism.html"]
    assert page.locator("#search-results .search-results__excerpt mark").first.inner_text().lower() == "bushehr"
    page.locator("#search-results .search-results__item").first.click()
    page.wait_for_url(built.joinpath("articles", "iran-russia-cooperation-hinders-us-unilateralism.html").as_uri())
    assert "Bushehr" in page.locator("article").inner_text()
    # Searching a name finds its entity page too.
    hrefs = search_header(page, "Khamenei")
    assert "../entities/ali-khamenei.html" in hrefs
    assert errors == []
    page.close()


def test_search_page_filters_work_from_disk(built, chromium):
    page = chromium.new_page()
    page.goto(built.joinpath("search.html").as_uri() + "?q=Moscow")
    page.locator(".result").first.wait_for(timeout=15000)
    page.locator(".filters input[data-key=type][value=article]").check()
    page.wait_for_function("document.querySelectorAll('.result').length === 2")
    page.locator(".filters input[data-key=entity][value='Vladimir Putin']").check()
    page.wait_for_function("document.querySelectorAll('.result').length === 2")
    page.close()


def test_unzipped_bundle_works_from_disk(sample_site, tmp_path, monkeypatch, chromium):
    import zipfile
    monkeypatch.chdir(sample_site)
    assert main(["bundle", "-q", "--zip", str(tmp_path / "dossier.zip")]) == 0
    target = tmp_path / "elsewhere" / "unpacked here"
    zipfile.ZipFile(tmp_path / "dossier.zip").extractall(target)
    page = chromium.new_page()
    page.goto((target / "site" / "index.html").as_uri())
    hrefs = search_header(page, "Velayati")
    assert hrefs == ["articles/iran-russia-tightening-security-cooperation.html"]
    page.close()


def test_site_served_under_a_subpath_keeps_links_and_search_working(built, tmp_path, chromium, serve):
    root = tmp_path / "host"
    shutil.copytree(built, root / "some" / "sub" / "path")
    base = serve(root) + "some/sub/path/"
    # Every local link of every page resolves within the subpath.
    pages = [(p.relative_to(built).as_posix(), p.read_text(encoding="utf-8")) for p in built.rglob("*.html")
             if not p.relative_to(built).as_posix().startswith("pagefind/")]
    others = [p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file() and p.suffix != ".html"]
    assert check_links(pages, others) == []
    page = chromium.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    # (Not 404.html: hosts serve it at any address, so it links from the site root, which only
    # base_url can tell it lies under a subpath; test_publishing checks that.)
    for url, _ in pages:
        if url != "404.html":
            page.goto(base + url)
    assert failed == []
    page.goto(base + "entities/moscow.html")
    hrefs = search_header(page, "Velayati")
    assert hrefs == ["../articles/iran-russia-tightening-security-cooperation.html"]
    page.locator("#search-results .search-results__item").first.click()
    page.wait_for_url(base + "articles/iran-russia-tightening-security-cooperation.html")
    page.close()
