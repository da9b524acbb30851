"""The fixture site builds into exactly the golden tree. Run `pytest --regen-golden` to rewrite it, then review the diff."""

import shutil
from pathlib import Path

from generator.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden" / "site"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith("assets/")}


def build_fixture(tmp_path, monkeypatch) -> Path:
    work = tmp_path / "fixture"
    shutil.copytree(FIXTURE, work)
    monkeypatch.chdir(work)
    assert main(["build", "--no-search", "-q"]) == 0
    return work / "site"


def test_fixture_site_matches_the_golden_tree(tmp_path, monkeypatch, request):
    built = tree(build_fixture(tmp_path, monkeypatch))
    if request.config.getoption("--regen-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in built.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    golden = tree(GOLDEN)
    assert sorted(built) == sorted(golden)
    for rel in golden:
        assert built[rel].decode() == golden[rel].decode(), f"{rel} differs from the golden file"


def test_fixture_site_has_the_expected_pages(tmp_path, monkeypatch):
    site = build_fixture(tmp_path, monkeypatch)
    assert (site / "articles" / "first-report.html").exists()
    assert (site / "articles" / "second-report.html").exists()
    assert not (site / "articles" / "draft-story.html").exists()
    assert (site / "media" / "images" / "harbour.svg").exists()
    assert "Lost at sea" in (site / "404.html").read_text()
    redirect = (site / "old" / "first.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../articles/first-report.html"' in redirect
    assert '<link rel="canonical" href="https://example.org/notes/articles/first-report.html">' in redirect
    first = (site / "articles" / "first-report.html").read_text()
    assert 'href="second-report.html#details"' in first
    assert 'src="../media/images/harbour.svg"' in first
    assert '<code>code stays code</code>' in first
    assert 'class="admonition note"' in first
    assert '<link rel="canonical" href="https://example.org/notes/articles/first-report.html">' in first
