"""Entities in the built site: pages, links, entities.json, strict checks, and a click in a real browser."""

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.entities.files import parse_entity_file

GOLDEN = Path(__file__).parent / "golden" / "sample-entities"
REQUIRED = ["iran", "russia", "tehran", "moscow", "vladimir-putin", "ali-khamenei", "united-states"]


@pytest.fixture
def built(sample_site, monkeypatch) -> Path:
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    return sample_site / "site"


def test_sample_entity_pages_match_the_golden_files(built, request):
    produced = {p.relative_to(built).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted((built / "entities").glob("*")) if p.is_file()}
    produced["entities.json"] = (built / "entities.json").read_text(encoding="utf-8")
    if request.config.getoption("--regen-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in produced.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(produced) == sorted(golden)
    for rel, text in golden.items():
        assert produced[rel] == text, f"{rel} differs from the golden file"


def test_required_entities_link_both_sample_articles(built):
    export = json.loads((built / "entities.json").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in export["entities"]}
    articles = sorted(a["url"] for a in export["articles"])
    for entity_id in REQUIRED:
        assert sorted(by_id[entity_id]["articles"]) == articles, entity_id
        for url in articles:
            html = (built / url).read_text(encoding="utf-8")
            assert f'href="../entities/{entity_id}.html"' in html, (entity_id, url)
    assert {"Putin"} <= set(by_id["vladimir-putin"]["aliases"])
    names = {e["name"].lower() for e in export["entities"]}
    for junk in ("during", "according", "he", "tuesday", "last december"):
        assert junk not in names


def test_entities_json_has_exactly_the_documented_form(built):
    export = json.loads((built / "entities.json").read_text(encoding="utf-8"))
    assert list(export) == ["entities", "articles"]
    for entity in export["entities"]:
        assert list(entity) == ["id", "name", "type", "aliases", "same_as", "url", "articles"]
        assert entity["url"] == f"entities/{entity['id']}.html" and (built / entity["url"]).exists()
        assert entity["type"] in ("person", "organization", "place", "other")
        assert all((built / a).exists() for a in entity["articles"])
    for article in export["articles"]:
        assert list(article) == ["url", "path", "title", "date", "entities"]
        assert (built.parent / "content" / article["path"]).exists()
    ids = [e["id"] for e in export["entities"]]
    assert ids == sorted(ids)


def test_entity_pages_are_searchable_and_articles_carry_entity_filters(built):
    putin = (built / "entities" / "vladimir-putin.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body' in putin and 'data-pagefind-filter="type[data-value]" data-value="entity"' in putin
    article = (built / "articles" / "iran-russia-tightening-security-cooperation.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="entity[data-value]" data-value="Vladimir Putin"' in article
    assert 'data-pagefind-filter="type[data-value]" data-value="article"' in article
    assert "In this article" in article and "Related articles" in article


def test_entity_page_carries_json_ld_for_its_entity(built):
    from test_publishing import json_ld_blocks
    data = json_ld_blocks((built / "entities" / "vladimir-putin.html").read_text(encoding="utf-8"))[0]
    assert data["@type"] == "Person" and data["name"] == "Vladimir Putin"
    place = json_ld_blocks((built / "entities" / "tehran.html").read_text(encoding="utf-8"))[0]
    assert place["@type"] == "Place"


def test_entity_file_overrides_and_enriches_a_discovered_entity(sample_site, monkeypatch):
    folder = sample_site / "content" / "entities"
    folder.mkdir()
    (folder / "vladimir-putin.md").write_text(
        "---\nname: Vladimir Putin\ntype: person\naliases: [President Putin, Mr. Putin]\n"
        "same_as: [https://www.wikidata.org/wiki/Q7747]\n---\n\nPresident of **Russia**.\n", encoding="utf-8")
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q", "--no-search", "--strict"]) == 0
    page = (sample_site / "site" / "entities" / "vladimir-putin.html").read_text(encoding="utf-8")
    assert "President of <strong>Russia</strong>." in page
    assert 'href="https://www.wikidata.org/wiki/Q7747"' in page
    from test_publishing import json_ld_blocks
    article = json_ld_blocks((sample_site / "site" / "articles" / "iran-russia-tightening-security-cooperation.html").read_text())[0]
    putin = [m for m in article["mentions"] if m["name"] == "Vladimir Putin"][0]
    assert putin == {"@type": "Person", "name": "Vladimir Putin", "alternateName": ["Mr. Putin", "President Putin", "Putin"],
                     "sameAs": ["https://www.wikidata.org/wiki/Q7747"]} or putin["sameAs"] == ["https://www.wikidata.org/wiki/Q7747"]


def write_strict_site(root: Path) -> None:
    (root / "content" / "entities").mkdir(parents=True)
    (root / "content" / "a.md").write_text(
        "---\ntitle: A\ndate: 2020-01-01\nentities: [Nobody Known]\n---\n\nVladimir Putin met Angela Merkel in Berlin.\n")
    (root / "content" / "b.md").write_text("---\ntitle: B\ndate: 2020-01-02\n---\n\nPutin and Merkel spoke in Berlin again.\n")
    (root / "content" / "entities" / "merkel.md").write_text(
        "---\nname: Angela Merkel\ntype: person\naliases: [Merkel, The Chancellor]\n---\n")
    (root / "content" / "entities" / "chancellor.md").write_text(
        "---\nname: Chancellor of Germany\ntype: other\naliases: [The Chancellor]\n---\n")
    (root / "content" / "entities" / "unused.md").write_text("---\nname: Zebulon Quux\ntype: person\n---\nNobody.\n")


def test_entity_problems_are_warnings_and_errors_under_strict(tmp_path, monkeypatch, capsys):
    write_strict_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-search", "-q"]) == 0
    assert main(["build", "--no-search", "--strict"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "content/a.md:4: entities: name 'Nobody Known' matches nothing" in err
    assert "content/entities/merkel.md:4: alias 'The Chancellor' of entity 'merkel' is already a name of entity 'chancellor'" in err
    assert "content/entities/unused.md:2: entity 'unused' is not mentioned by any article" in err


def test_entities_command_lists_names_for_curation(sample_site, monkeypatch, capsys):
    monkeypatch.chdir(sample_site)
    assert main(["entities"]) == 0
    out = capsys.readouterr().out
    assert "Vladimir Putin" in out and "Putin" in out and "person" in out
    assert main(["entities", "--json", "--min-articles", "2"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} >= set(REQUIRED)
    assert all(set(r) == {"id", "name", "type", "aliases", "articles", "source"} for r in rows)
    assert not (sample_site / "site").exists()


def test_entity_file_errors_name_the_line():
    spec, lines, problems = parse_entity_file("entities/x.md", "---\nname: X\ntype: robot\nsame_as: [ftp://x]\n---\n",
                                              display_path="content/entities/x.md")
    assert spec is None
    assert [str(p) for p in problems] == [
        "content/entities/x.md:3: type 'robot' must be one of: person, organization, place, other",
        'content/entities/x.md:4: same_as "ftp://x" must be an http or https address',
    ]


def test_clicking_a_mention_opens_the_entity_page_which_lists_both_articles(built, chromium, serve):
    base = serve(built)
    page = chromium.new_page()
    page.goto(base + "articles/iran-russia-tightening-security-cooperation.html")
    mention = page.locator('.prose a.entity[data-entity="vladimir-putin"]')
    assert mention.count() == 1 and mention.inner_text() in ("Vladimir Putin", "Putin", "President Putin")
    mention.click()
    page.wait_for_url("**/entities/vladimir-putin.html")
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    titles = page.locator(".mentions .card__title a").all_inner_texts()
    assert sorted(titles) == ["Iran, Russia Tightening Security Cooperation", "Iran-Russia Cooperation Hinders US Unilateralism"]
    page.locator(".mentions .card__title a").first.click()
    page.wait_for_url("**/articles/*.html")
    page.close()


def test_only_the_first_page_of_an_entity_is_indexed_by_pagefind(sample_site, monkeypatch):
    """Later pages of a long entity list repeat its header: indexed, search would list the entity once per page."""
    (sample_site / "dossier.yml").write_text("list_page_size: 1\n", encoding="utf-8")
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    site = sample_site / "site"
    first, second = site / "entities" / "vladimir-putin.html", site / "entities" / "vladimir-putin-page-2.html"
    assert "data-pagefind-body" in first.read_text(encoding="utf-8")
    assert second.is_file() and "data-pagefind-body" not in second.read_text(encoding="utf-8")
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "pagefind").glob("*/pagefind-entry.json")]
    pages = sum(language["page_count"] for entry in entries for language in entry["languages"].values())
    indexed = sum("data-pagefind-body" in p.read_text(encoding="utf-8") for p in site.rglob("*.html")
                  if "pagefind" not in p.parts)
    assert pages == indexed, "Pagefind indexes exactly the pages that carry data-pagefind-body"


def test_the_entities_index_is_bounded_and_every_name_is_on_its_kinds_pages(sample_site, monkeypatch):
    from generator.cli import main
    from generator.render import entity_pages
    monkeypatch.setattr(entity_pages, "INDEX_SHOWS", 2)
    monkeypatch.setattr(entity_pages, "KIND_PAGE", 2)
    monkeypatch.chdir(sample_site)
    assert main(["build", "--no-search", "-q", "--no-cache"]) == 0
    site = sample_site / "site"
    index = (site / "entities" / "index.html").read_text(encoding="utf-8")
    assert index.count('class="entity-chip entity-chip--place"') == 2   # the two in most articles
    assert 'href="all/place.html">Show all 5' in index
    listed = []
    for page in ("place.html", "place-2.html", "place-3.html"):
        html = (site / "entities" / "all" / page).read_text(encoding="utf-8")
        listed += re.findall(r'entity-chip--place" href="../([^"]+)"', html)
    assert len(listed) == len(set(listed)) == 5 and all((site / "entities" / name).exists() for name in listed)
