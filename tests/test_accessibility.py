"""Accessibility checked by axe-core in a real Chromium, on every kind of page, light and dark, wide and
narrow, and on a right-to-left site; plus the search combobox's keyboard highlight."""

from pathlib import Path

import pytest

from generator.cli import main

PAGES = ("index.html", "articles/iran-russia-tightening-security-cooperation.html", "entities/vladimir-putin.html",
         "entities/index.html", "entities/all/place.html", "archive/index.html", "archive/2016.html",
         "sources/index.html", "search.html", "404.html")


@pytest.fixture
def site(sample_site, monkeypatch) -> Path:
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    return sample_site / "site"


def violations(page) -> list[str]:
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    found = axe.Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in found
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 375)])
def test_no_page_has_a_serious_accessibility_error(site, chromium, serve, scheme, width):
    base = serve(site)
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    found = {}
    for url in PAGES:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        if found_here := violations(page):
            found[url] = found_here
    page.close()
    assert found == {}


def test_a_right_to_left_site_has_no_serious_accessibility_error(sample_site, monkeypatch, chromium, serve):
    (sample_site / "dossier.yml").write_text("language: fa\n", encoding="utf-8")
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q", "--no-search"]) == 0
    base = serve(sample_site / "site")
    page = chromium.new_page()
    for url in ("index.html", "entities/vladimir-putin.html"):
        page.goto(base + url)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert violations(page) == [], url
    page.close()


def test_the_search_suggestions_tell_screen_readers_which_one_is_highlighted(site, chromium, serve):
    page = chromium.new_page()
    page.goto(serve(site) + "index.html")
    box = page.locator("#search-input")
    box.fill("Velayati")
    page.locator("#search-results .search-results__item").first.wait_for(timeout=15000)
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and box.get_attribute("aria-activedescendant") is None
    page.close()
