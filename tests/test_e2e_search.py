"""End to end: build the sample site with the real Pagefind, serve it on loopback, search in real Chromium."""

from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def built_sample(sample_site, monkeypatch) -> Path:
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    return sample_site / "site"


def unique_word_and_article(content: Path) -> tuple[str, str]:
    """A word that occurs in exactly one sample article, so the test follows the content, not a fixed string."""
    texts = {p.stem: p.read_text(encoding="utf-8").lower() for p in sorted(content.glob("*.md"))}
    for candidate in ("velayati", "bushehr", "patrushev", "larijani"):
        holders = [slug for slug, text in texts.items() if candidate in text]
        if len(holders) == 1:
            return candidate, holders[0]
    pytest.fail("no word found that occurs in exactly one sample article")


def test_header_search_finds_the_only_article_with_a_word_and_opens_it(built_sample, sample_site, chromium, serve):
    word, slug = unique_word_and_article(sample_site / "content")
    base = serve(built_sample)
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "index.html")
    page.fill("#search-input", word)
    results = page.locator("#search-results .search-results__item")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs == [f"articles/{slug}.html"]
    assert word in results.first.inner_text().lower()
    results.first.click()
    page.wait_for_url(f"**/articles/{slug}.html")
    assert word in page.locator("article").inner_text().lower()
    assert errors == []
    page.close()


def test_enter_opens_the_search_page_with_filters(built_sample, chromium, serve):
    base = serve(built_sample)
    page = chromium.new_page()
    page.goto(base + "articles/" + next((built_sample / "articles").glob("*.html")).name)
    page.fill("#search-input", "Moscow")
    page.press("#search-input", "Enter")
    page.wait_for_url("**/search.html?q=Moscow")
    page.locator(".result").first.wait_for(timeout=15000)
    # Both articles, and the entity page of Moscow.
    page.wait_for_function("document.querySelectorAll('.result').length === 3")
    assert page.locator(".result .result__kind").all_inner_texts() == ["ENTITY"] or \
        [t.lower() for t in page.locator(".result .result__kind").all_inner_texts()] == ["entity"]
    legends = [t.title() for t in page.locator(".filters legend").all_inner_texts()]
    assert {"Kind", "Entity", "Source", "Tag", "Year"} <= set(legends)
    # Narrow by a tag held by one article only.
    page.locator(".filters input[data-key=tag][value=Security]").check()
    page.wait_for_function("document.querySelectorAll('.result').length === 1")
    assert "Security" in page.url
    page.close()


def test_pages_fit_a_narrow_phone_screen(built_sample, chromium, serve):
    base = serve(built_sample)
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("index.html", "search.html", "articles/" + next((built_sample / "articles").glob("*.html")).name):
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at 360 px"
    page.click(".nav-toggle")
    assert page.locator("body.nav-open").count() == 1
    context.close()
