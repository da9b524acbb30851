"""The build cache: correct first (an incremental build equals a clean one), fast second (unchanged work is skipped)."""

import hashlib
import shutil
from pathlib import Path

import pytest

from generator.cli import main


def tree(root: Path) -> dict[str, str]:
    # Pagefind's own files are compared in the reproducibility tests; here the pages are the point.
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "pagefind" not in p.parts}


def build(folder: Path, monkeypatch, *args: str) -> None:
    monkeypatch.chdir(folder)
    assert main(["build", "-q", "--no-search", *args]) == 0


def clean_build_equals(folder: Path, tmp_path: Path, monkeypatch) -> None:
    """The cached output in folder/site must equal a --no-cache build of the same content."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(folder, fresh, ignore=shutil.ignore_patterns("site", ".dossier-cache"))
    build(fresh, monkeypatch, "--no-cache")
    assert tree(folder / "site") == tree(fresh / "site")


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_rebuild_with_nothing_changed_leaves_the_output_alone(sample_site, monkeypatch, capsys):
    monkeypatch.chdir(sample_site)
    assert main(["build", "-q"]) == 0
    before = mtimes(sample_site / "site")
    assert main(["build"]) == 0
    summary = capsys.readouterr().out
    assert "search" not in summary.split("(", 1)[1], "Pagefind must not run when no page changed"
    assert mtimes(sample_site / "site") == before


def test_a_rebuild_with_nothing_changed_reads_only_the_output_record(sample_site, monkeypatch):
    """The bodies, articles and entity index are most of the cache's bytes; a no-op build needs none."""
    import generator.core.cache as cache_module
    build(sample_site, monkeypatch)
    read = []
    real_load = cache_module.load_pickle
    monkeypatch.setattr(cache_module, "load_pickle", lambda path: read.append(path.name) or real_load(path))
    build(sample_site, monkeypatch)
    assert read == ["output.pickle"]
    article = sample_site / "content" / "iran-russia-cooperation-hinders-us-unilateralism.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence more.\n", encoding="utf-8")
    build(sample_site, monkeypatch)
    big = {"articles-00.pickle", "bodies.pickle", "entities.pickle", "scans.pickle"}
    assert "state.pickle" in read and not big & set(read), "an edit to the text alone takes the quick path"
    read.clear()
    article.write_text(article.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    build(sample_site, monkeypatch)
    assert big < set(read), "a new title changes other pages: the full build reads the whole cache"


def test_editing_one_article_rerenders_it_and_keeps_the_rest(sample_site, tmp_path, monkeypatch):
    build(sample_site, monkeypatch)
    site = sample_site / "site"
    before = mtimes(site)
    article = sample_site / "content" / "iran-russia-tightening-security-cooperation.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA closing remark about the weather.\n", encoding="utf-8")
    build(sample_site, monkeypatch)
    after = mtimes(site)
    assert "A closing remark" in (site / "articles" / "iran-russia-tightening-security-cooperation.html").read_text()
    assert after["articles/iran-russia-tightening-security-cooperation.html"] != before["articles/iran-russia-tightening-security-cooperation.html"]
    assert after["assets/dossier.css"] == before["assets/dossier.css"], "unchanged files are reused, not rewritten"
    assert after["tags/energy.html"] == before["tags/energy.html"]
    clean_build_equals(sample_site, tmp_path, monkeypatch)


def test_changing_a_template_rerenders_every_page_that_uses_it(sample_site, tmp_path, monkeypatch):
    build(sample_site, monkeypatch)
    theme = Path(__file__).resolve().parents[1] / "templates"
    override = (theme / "article.html").read_text(encoding="utf-8").replace(
        '<article class="article"', '<article class="article custom-article"')
    write(sample_site / "templates" / "article.html", override)
    build(sample_site, monkeypatch)
    for page in (sample_site / "site" / "articles").glob("*.html"):
        assert "custom-article" in page.read_text(encoding="utf-8")
    base = (theme / "base.html").read_text(encoding="utf-8").replace("<body ", "<body data-changed ")
    write(sample_site / "templates" / "base.html", base)
    build(sample_site, monkeypatch)
    for page in (sample_site / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in text and "pagefind" not in page.parts:
            assert "data-changed" in text, page
    clean_build_equals(sample_site, tmp_path, monkeypatch)


def test_changing_an_entity_file_rerenders_the_articles_that_mention_it(sample_site, tmp_path, monkeypatch):
    build(sample_site, monkeypatch)
    write(sample_site / "content" / "entities" / "vladimir-putin.md",
          "---\nname: Vladimir Putin\ntype: person\naliases: [President Putin]\n---\n\nPresident of Russia.\n")
    build(sample_site, monkeypatch)
    write(sample_site / "content" / "entities" / "vladimir-putin.md",
          "---\nname: Vladimir V. Putin\ntype: person\naliases: [Vladimir Putin, President Putin]\n---\n\nPresident of Russia.\n")
    build(sample_site, monkeypatch)
    for page in (sample_site / "site" / "articles").glob("*.html"):
        assert 'data-value="Vladimir V. Putin"' in page.read_text(encoding="utf-8"), page.name
    clean_build_equals(sample_site, tmp_path, monkeypatch)


def test_an_edit_that_adds_a_shared_entity_adds_its_page_and_updates_related_lists(sample_site, tmp_path, monkeypatch):
    build(sample_site, monkeypatch)
    assert not (sample_site / "site" / "entities" / "gerhard-schroeder.html").exists()
    for name in ("iran-russia-tightening-security-cooperation.md", "iran-russia-cooperation-hinders-us-unilateralism.md"):
        path = sample_site / "content" / name
        path.write_text(path.read_text(encoding="utf-8") + "\nGerhard Schroeder was also in town.\n", encoding="utf-8")
    build(sample_site, monkeypatch)
    entity = sample_site / "site" / "entities" / "gerhard-schroeder.html"
    assert entity.exists()
    article = (sample_site / "site" / "articles" / "iran-russia-tightening-security-cooperation.html").read_text()
    assert 'href="../entities/gerhard-schroeder.html"' in article.split("Related articles", 1)[1]
    clean_build_equals(sample_site, tmp_path, monkeypatch)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "foreign"])
def test_a_damaged_cache_is_detected_and_never_gives_a_wrong_site(sample_site, tmp_path, monkeypatch, damage):
    build(sample_site, monkeypatch)
    for file in (sample_site / ".dossier-cache").rglob("*"):
        if not file.is_file():
            continue
        data = file.read_bytes()
        if damage == "garbage":
            file.write_bytes(data[:40] + b"\x00garbage\xff" * 50)
        elif damage == "truncate":
            file.write_bytes(data[: len(data) // 2])
        else:
            file.write_bytes(b"not a dossier cache at all")
    article = sample_site / "content" / "iran-russia-cooperation-hinders-us-unilateralism.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Bushehr", "Bushehr (on the Gulf)"), encoding="utf-8")
    build(sample_site, monkeypatch)
    assert "Bushehr (on the Gulf)" in (sample_site / "site" / "articles" / "iran-russia-cooperation-hinders-us-unilateralism.html").read_text()
    clean_build_equals(sample_site, tmp_path, monkeypatch)


def test_a_hand_edited_output_file_is_rebuilt_not_trusted(sample_site, tmp_path, monkeypatch):
    build(sample_site, monkeypatch)
    page = sample_site / "site" / "index.html"
    page.write_text("tampered", encoding="utf-8")
    build(sample_site, monkeypatch)
    assert page.read_text(encoding="utf-8") != "tampered"
    clean_build_equals(sample_site, tmp_path, monkeypatch)


def test_no_cache_writes_no_cache_folder(sample_site, monkeypatch):
    build(sample_site, monkeypatch, "--no-cache")
    assert not (sample_site / ".dossier-cache").exists()


def test_output_is_the_same_whatever_the_number_of_jobs(sample_site, tmp_path, monkeypatch):
    other = tmp_path / "other"
    shutil.copytree(sample_site, other)
    build(sample_site, monkeypatch, "--jobs", "1", "--no-cache")
    build(other, monkeypatch, "--jobs", "2", "--no-cache")
    assert tree(sample_site / "site") == tree(other / "site")


def test_a_deferred_search_build_serves_the_old_index_and_the_next_build_renews_it(sample_site, monkeypatch):
    """What `serve` does after an edit: pages at once with the last index, then Pagefind once edits pause."""
    from dataclasses import replace

    from generator.cli import make_parser
    from generator.engine.pipeline import build as run_build
    from generator.options import build_options

    monkeypatch.chdir(sample_site)
    options = build_options(make_parser().parse_args(["build", "-q"]), write=True)
    assert not run_build(options).search_pending
    index = sample_site / "site" / "pagefind"

    def index_files() -> dict:
        return {p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*") if p.is_file()}

    before = index_files()
    source = sample_site / "content" / "iran-russia-cooperation-hinders-us-unilateralism.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Bushehr", "Bushehr zanzibarite"), encoding="utf-8")
    deferred = run_build(replace(options, defer_search=True))
    assert deferred.search_pending
    assert "zanzibarite" in (sample_site / "site" / "articles" / "iran-russia-cooperation-hinders-us-unilateralism.html").read_text()
    assert index_files() == before
    renewed = run_build(options)
    assert not renewed.search_pending
    renewed_files = index_files()
    assert renewed_files != before
    assert not run_build(options).search_pending
    assert index_files() == renewed_files      # nothing changed: Pagefind is not run again
