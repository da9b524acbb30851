"""Publishing: feeds, sitemap and JSON-LD that parse, reproducible output, the link check, reports and bundles."""

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from generator.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def json_ld_blocks(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.fixture
def published(sample_site, monkeypatch) -> Path:
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q", "--base-url", "https://example.org/archive/"]) == 0
    return sample_site / "site"


def test_feed_is_valid_atom_with_absolute_links(published):
    feed = ET.parse(published / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    dated = [p for p in (published / "articles").glob("*.html") if "article:published_time" in p.read_text(encoding="utf-8")]
    assert len(entries) == len(dated) >= 1   # an undated article has no time to give a feed reader
    for entry in entries:
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}id").text.startswith("https://example.org/archive/articles/")
        assert entry.find(f"{ATOM}link").get("href").startswith("https://example.org/archive/articles/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", entry.find(f"{ATOM}updated").text)
    assert feed.find(f"{ATOM}updated").text == "2016-02-02T00:00:00Z"


def test_every_tag_has_a_feed(published):
    for page in (published / "tags").glob("*.html"):
        if page.name == "index.html":
            continue
        feed = ET.parse(page.with_suffix(".xml")).getroot()
        assert feed.find(f"{ATOM}title").text.startswith("Dossier: ")


def test_sitemap_lists_pages_with_absolute_urls_and_robots_points_at_it(published):
    root = ET.parse(published / "sitemap.xml").getroot()
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    assert "https://example.org/archive/" in locs
    assert all(loc.startswith("https://example.org/archive/") for loc in locs)
    assert not any(loc.endswith("404.html") for loc in locs)
    for article in (published / "articles").glob("*.html"):
        assert f"https://example.org/archive/articles/{article.name}" in locs
    assert "Sitemap: https://example.org/archive/sitemap.xml" in (published / "robots.txt").read_text()


def test_every_page_has_title_description_canonical_and_social_tags(published):
    for page in published.rglob("*.html"):
        rel = page.relative_to(published).as_posix()
        if rel.startswith("pagefind/"):
            continue
        html = page.read_text(encoding="utf-8")
        assert re.search(r"<title>[^<]+</title>", html), rel
        assert '<link rel="canonical" href="https://example.org/archive/' in html, rel
        if 'http-equiv="refresh"' in html:
            continue
        assert re.search(r'<meta name="description" content="[^"]+">', html), rel
        for prop in ("og:title", "og:description", "og:type", "og:url"):
            assert f'<meta property="{prop}"' in html, (rel, prop)
        assert '<meta name="twitter:card"' in html, rel


def test_articles_carry_news_article_json_ld(published):
    page = published / "articles" / "iran-russia-tightening-security-cooperation.html"
    blocks = json_ld_blocks(page.read_text(encoding="utf-8"))
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Iran, Russia Tightening Security Cooperation"
    assert data["datePublished"] == "2016-02-02"
    assert data["publisher"] == {"@type": "Organization", "name": "MESOP NEWS"}
    assert data["author"][0]["name"] == "Fars News Agency"
    assert data["url"] == "https://example.org/archive/articles/iran-russia-tightening-security-cooperation.html"


def test_two_builds_of_the_same_input_are_byte_identical(sample_site, tmp_path, monkeypatch):
    other = tmp_path / "other"
    shutil.copytree(sample_site, other)
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    monkeypatch.chdir(other)
    assert main(["build", "-q"]) == 0
    first, second = tree_hashes(sample_site / "site"), tree_hashes(other / "site")
    assert any(name.startswith("pagefind/") for name in first), "the search index is part of the comparison"
    assert first == second


def test_no_clock_time_unless_source_date_epoch_is_set(sample_site, monkeypatch):
    monkeypatch.chdir(sample_site)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["build", "-q", "--no-search"]) == 0
    assert " on 20" not in (sample_site / "site" / "index.html").read_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["build", "-q", "--no-search"]) == 0
    assert "built with Dossier 0.1.0 on 2023-11-14" in (sample_site / "site" / "index.html").read_text()


def write_broken_link_site(root: Path) -> None:
    (root / "content").mkdir(parents=True)
    (root / "content" / "a.md").write_text(
        "---\ntitle: A\ndate: 2020-01-01\n---\n\nFine [b](b.md) and [gone](nowhere.html) and [bad](b.md#no-such-heading).\n")
    (root / "content" / "b.md").write_text("---\ntitle: B\ndate: 2020-01-02\n---\n\n## Real heading\n\nText.\n")


def test_broken_links_are_warnings_that_name_the_article(tmp_path, monkeypatch, capsys):
    write_broken_link_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-search"]) == 0
    err = capsys.readouterr().err
    assert "content/a.md:6: warning: broken link: nowhere.html (on articles/a.html)" in err
    assert "content/a.md:6: warning: broken link: b.html#no-such-heading (on articles/a.html)" in err


def test_strict_fails_on_a_broken_link_names_every_one_and_keeps_the_old_site(tmp_path, monkeypatch, capsys):
    write_broken_link_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\ndate: 2020-01-01\n---\n\nFine.\n")
    assert main(["build", "--no-search", "-q"]) == 0
    before = tree_hashes(tmp_path / "site")
    write_broken_link_site(tmp_path / "again")
    shutil.copy(tmp_path / "again" / "content" / "a.md", tmp_path / "content" / "a.md")
    assert main(["build", "--no-search", "--strict", "--report", "report.json"]) == 1
    err = capsys.readouterr().err
    assert "content/a.md:6: broken link: nowhere.html (on articles/a.html)" in err
    assert "content/a.md:6: broken link: b.html#no-such-heading (on articles/a.html)" in err
    assert tree_hashes(tmp_path / "site") == before
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["status"] == "failed"
    assert len(report["errors"]) == 2 and report["articles"] == 2
    assert "render" in report["timings"]


def test_report_on_success_has_counts_and_timings(sample_site, monkeypatch):
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q", "--no-search", "--report", "out/report.json"]) == 0
    report = json.loads((sample_site / "out" / "report.json").read_text())
    assert report["status"] == "ok" and report["errors"] == []
    assert report["articles"] == 2 and report["pages"] > 2
    assert {"load", "render", "write"} <= set(report["timings"])


def test_report_on_a_config_error(sample_site, monkeypatch):
    monkeypatch.chdir(sample_site)
    (sample_site / "dossier.yml").write_text("colour: blue\n")
    assert main(["build", "--report", "report.json"]) == 2
    report = json.loads((sample_site / "report.json").read_text())
    assert report["status"] == "error" and "unknown key 'colour'" in report["errors"][0]


def test_bundle_is_a_reproducible_zip_of_the_site(sample_site, monkeypatch):
    monkeypatch.chdir(sample_site)
    assert main(["bundle", "-q", "--zip", "one.zip"]) == 0
    assert main(["bundle", "-q", "--zip", "two.zip"]) == 0
    assert (sample_site / "one.zip").read_bytes() == (sample_site / "two.zip").read_bytes()
    names = zipfile.ZipFile(sample_site / "one.zip").namelist()
    assert "site/index.html" in names and "site/pagefind/all/pagefind.js" in names
    assert names == sorted(names)


def test_the_404_page_links_from_the_path_of_base_url(published):
    assert '<base href="/archive/">' in (published / "404.html").read_text(encoding="utf-8")


def test_without_base_url_no_sitemap_is_written_and_the_summary_says_why(sample_site, monkeypatch, capsys):
    monkeypatch.chdir(sample_site)
    assert main(["build", "--no-search"]) == 0
    assert not (sample_site / "site" / "sitemap.xml").exists()
    assert "Sitemap:" not in (sample_site / "site" / "robots.txt").read_text()
    assert "no sitemap.xml without a base_url" in capsys.readouterr().out
