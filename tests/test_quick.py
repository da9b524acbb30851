"""The quick edit path (generator/quick.py): an edit to an article's text alone re-renders only its page,
and the site it leaves is byte for byte what a clean build makes, Pagefind's index included."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import generator.search.pagefind
from generator.cli import main

ARTICLE = "iran-russia-cooperation-hinders-us-unilateralism.md"
OTHER = "iran-russia-tightening-security-cooperation.md"


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run(folder: Path, monkeypatch, *args: str) -> dict:
    """Build with the CLI; returns its JSON report."""
    monkeypatch.chdir(folder)
    report = folder.parent / f"{folder.name}-report.json"
    assert main(["build", "-q", "--report", str(report), *args]) == 0
    return json.loads(report.read_text(encoding="utf-8"))


def assert_clean_build_equals(folder: Path, tmp_path: Path, monkeypatch, *args: str) -> None:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(folder, fresh, ignore=shutil.ignore_patterns("site", ".dossier-cache"))
    run(fresh, monkeypatch, "--no-cache", *args)
    assert tree(folder / "site") == tree(fresh / "site")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def built(sample_site, monkeypatch) -> Path:
    assert (sample_site / "content" / ARTICLE).is_file() and (sample_site / "content" / OTHER).is_file()
    report = run(sample_site, monkeypatch)
    assert report["quick_edit_pages"] is None
    return sample_site


def test_a_new_sentence_rerenders_one_page_and_equals_a_clean_build_with_its_index(built, tmp_path, monkeypatch):
    page = built / "site" / "articles" / ARTICLE.replace(".md", ".html")
    untouched = {p: p.stat().st_mtime_ns for p in (built / "site").rglob("*.html") if p != page}
    append(built / "content" / ARTICLE, "\nThis sentence was added to the article by an editor.\n")

    report = run(built, monkeypatch)

    assert report["quick_edit_pages"] == 1
    assert "load" not in report["timings"] and "search" in report["timings"]
    assert "added to the article by an editor" in page.read_text(encoding="utf-8")
    assert {p: p.stat().st_mtime_ns for p in untouched} == untouched
    assert_clean_build_equals(built, tmp_path, monkeypatch)


def test_two_quick_edits_in_a_row_still_equal_a_clean_build(built, tmp_path, monkeypatch):
    append(built / "content" / ARTICLE, "\nOne more line of plain text.\n")
    assert run(built, monkeypatch, "--no-search")["quick_edit_pages"] is None   # the options changed
    append(built / "content" / ARTICLE, "\nAnd yet another.\n")
    assert run(built, monkeypatch, "--no-search")["quick_edit_pages"] == 1
    append(built / "content" / OTHER, "\nA line in the other article.\n")
    assert run(built, monkeypatch, "--no-search")["quick_edit_pages"] == 1
    assert_clean_build_equals(built, tmp_path, monkeypatch, "--no-search")


@pytest.mark.parametrize("change, quick", [
    pytest.param(lambda text: text.replace("title: ", "title: Edited ", 1), None, id="title"),
    pytest.param(lambda text: text + "\nLater that week Olaf Scholz spoke, and Olaf Scholz agreed.\n", None,
                 id="new-entity-name"),
    pytest.param(lambda text: text.replace("Moscow", "the Russian capital"), None, id="fewer-mentions"),
    pytest.param(lambda text: text + "\nSee [the other story](iran-russia-tightening-security-cooperation.md).\n", 2,
                 id="new-article-link"),
    pytest.param(lambda text: text + "\n## A new heading\n\nWith a paragraph under it.\n", 2, id="new-heading"),
])
def test_an_edit_to_two_articles_rebuilds_what_it_affects(built, tmp_path, monkeypatch, change, quick):
    """The quick path takes what changes only the edited pages, and the result equals a clean build either way."""
    for name in (ARTICLE, OTHER):
        path = built / "content" / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    report = run(built, monkeypatch)
    assert report["quick_edit_pages"] == quick
    assert_clean_build_equals(built, tmp_path, monkeypatch)


def test_a_new_broken_link_is_reported_by_the_full_build(built, monkeypatch, capsys):
    append(built / "content" / ARTICLE, "\nSee [nothing](missing-story.md).\n")
    report = run(built, monkeypatch)
    assert report["quick_edit_pages"] is None
    assert any("missing-story.md" in w and ARTICLE in w for w in report["warnings"]), report["warnings"]


def test_a_new_file_or_a_template_change_takes_the_full_build(built, monkeypatch):
    shutil.copy(built / "content" / ARTICLE, built / "content" / "a-copy.md")
    edit(built / "content" / "a-copy.md", "title: ", "title: Copy of ")
    assert run(built, monkeypatch)["quick_edit_pages"] is None
    append(built / "content" / ARTICLE, "\nThis is plain text again.\n")
    assert run(built, monkeypatch)["quick_edit_pages"] == 1
    append(built / "content" / ARTICLE, "\nThis is plain text again.\n")
    (built / "templates").mkdir(exist_ok=True)
    shutil.copy(Path(__file__).resolve().parent.parent / "templates" / "article.html", built / "templates" / "article.html")
    append(built / "templates" / "article.html", "\n")
    assert run(built, monkeypatch)["quick_edit_pages"] is None


def test_a_damaged_record_is_never_trusted(built, tmp_path, monkeypatch):
    for record in (built / ".dossier-cache" / "quick").glob("*-*.pickle"):
        data = record.read_bytes()
        record.write_bytes(data[:-10] + b"x" * 10)
    append(built / "content" / ARTICLE, "\nPlain words again.\n")
    assert run(built, monkeypatch)["quick_edit_pages"] is None
    assert_clean_build_equals(built, tmp_path, monkeypatch)


def test_an_interrupted_index_puts_the_old_page_back(built, monkeypatch):
    site = built / "site"
    before = tree(site)
    real = generator.search.pagefind.run_pagefind

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)       # the real Pagefind runs, then Ctrl-C arrives
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.search.pagefind, "run_pagefind", interrupted)
    append(built / "content" / ARTICLE, "\nThis sentence is never published.\n")
    monkeypatch.chdir(built)
    assert main(["build", "-q"]) == 130
    assert tree(site) == before
    assert not [p for p in built.iterdir() if p.name.startswith(".site.")], "no work folder is left behind"

    monkeypatch.setattr(generator.search.pagefind, "run_pagefind", real)
    report = run(built, monkeypatch)
    assert report["quick_edit_pages"] == 1
    assert "never published" in (site / "articles" / ARTICLE.replace(".md", ".html")).read_text(encoding="utf-8")


def test_serve_defers_the_index_and_the_catch_up_build_only_reindexes(built, tmp_path, monkeypatch):
    from generator.content.config import load_config
    from generator.engine.options import BuildOptions
    from generator.engine.pipeline import build
    monkeypatch.chdir(built)
    config = load_config(None)
    options = BuildOptions(config=config, content_dir=config.path(config.content_dir),
                           out_dir=config.path(config.output_dir), cache_dir=Path(".dossier-cache"), defer_search=True)
    index_before = {k: v for k, v in tree(built / "site").items() if k.startswith("pagefind/")}
    append(built / "content" / ARTICLE, "\nA word for the deferred index.\n")

    deferred = build(options)
    assert deferred.quick == 1 and deferred.search_pending
    assert {k: v for k, v in tree(built / "site").items() if k.startswith("pagefind/")} == index_before

    catch_up = build(BuildOptions(**{**options.__dict__, "defer_search": False}))
    assert catch_up.quick == 0 and not catch_up.search_pending and "search" in catch_up.timings
    assert_clean_build_equals(built, tmp_path, monkeypatch)


def small_site(root: Path, texts: dict[str, str]) -> Path:
    for name, text in texts.items():
        path = root / "content" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {name.title()}\ndate: 2024-05-0{len(name) % 9 + 1}\n---\n\n{text}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("added, quick", [
    pytest.param("Some said the velmora was slow.", 1, id="lower-count-below-the-capitalised-count"),
    pytest.param("The velmora, the velmora and the velmora again.", None, id="lower-count-crosses-it"),
])
def test_lower_case_words_matter_only_where_they_cross_a_capitalised_count(tmp_path, monkeypatch, added, quick):
    """"Velmora" written mid-sentence twice is a name until "velmora" is written as often in lower case."""
    site = small_site(tmp_path / "work", {
        "alpha": "Use of the Velmora website grew fast among farmers.",
        "bravo": "Many people used the Velmora website at home.",
        "charlie": "Nothing much happened that week.",
    })
    run(site, monkeypatch)
    assert (site / "site" / "entities" / "velmora.html").is_file()
    append(site / "content" / "charlie.md", f"\n{added}\n")
    assert run(site, monkeypatch)["quick_edit_pages"] == quick
    assert_clean_build_equals(site, tmp_path, monkeypatch)
    assert (site / "site" / "entities" / "velmora.html").is_file() == (quick is not None)


def test_lower_case_counts_add_up_across_quick_edits(tmp_path, monkeypatch):
    site = small_site(tmp_path / "work", {
        "alpha": "Use of the Velmora website grew fast among farmers.",
        "bravo": "Many people used the Velmora website at home.",
        "charlie": "Nothing much happened that week.",
    })
    run(site, monkeypatch)
    append(site / "content" / "charlie.md", "\nSome said the velmora was slow.\n")
    assert run(site, monkeypatch)["quick_edit_pages"] == 1
    append(site / "content" / "alpha.md", "\nOthers said the velmora was fast.\n")
    assert run(site, monkeypatch)["quick_edit_pages"] is None, "two lower-case uses now match the two capitalised ones"
    assert not (site / "site" / "entities" / "velmora.html").exists()
    assert_clean_build_equals(site, tmp_path, monkeypatch)


def test_a_tampered_index_is_not_kept_even_when_serve_defers_search(built, tmp_path, monkeypatch):
    from generator.content.config import load_config
    from generator.engine.options import BuildOptions
    from generator.engine.pipeline import build
    monkeypatch.chdir(built)
    config = load_config(None)
    entry = built / "site" / "pagefind" / "all" / "pagefind-entry.json"
    entry.write_text(entry.read_text(encoding="utf-8") + " ", encoding="utf-8")
    append(built / "content" / ARTICLE, "\nA word for the next index.\n")
    result = build(BuildOptions(config=config, content_dir=config.path(config.content_dir),
                                out_dir=config.path(config.output_dir), cache_dir=Path(".dossier-cache"),
                                defer_search=True))
    assert result.quick == 1 and not result.search_pending, "the damaged index is rebuilt, not served"
    assert_clean_build_equals(built, tmp_path, monkeypatch)


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_records_from_any_number_of_workers_serve_the_quick_path(sample_site, tmp_path, monkeypatch, jobs):
    run(sample_site, monkeypatch, "--jobs", jobs)
    append(sample_site / "content" / OTHER, "\nThis is one more plain sentence.\n")
    assert run(sample_site, monkeypatch, "--jobs", jobs)["quick_edit_pages"] == 1
    assert_clean_build_equals(sample_site, tmp_path, monkeypatch)


def test_a_new_heading_that_mends_another_pages_link_clears_its_warning(built, monkeypatch):
    append(built / "content" / OTHER, f"\nSee [the background]({ARTICLE}#the-background).\n")
    report = run(built, monkeypatch)
    assert any("#the-background" in warning for warning in report["warnings"]), report["warnings"]
    append(built / "content" / ARTICLE, "\n## The background\n\nSome words under it.\n")
    report = run(built, monkeypatch)
    assert report["warnings"] == [], "the link now reaches the new heading"
