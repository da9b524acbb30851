"""Each broken article in fixtures/invalid gives exactly the message in its .expected file, and exit code 1."""

import shutil
from pathlib import Path

import pytest

from generator.cli import main

INVALID = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.md"))


@pytest.mark.parametrize("case", CASES)
def test_broken_article_gives_its_exact_message(case, tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(INVALID / f"{case}.md", content / f"{case}.md")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-search"]) == 1
    err = capsys.readouterr().err
    expected = (INVALID / f"{case}.expected").read_text(encoding="utf-8").strip()
    assert expected in err.splitlines()
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_every_fixture_has_an_expected_message():
    assert CASES, "no fixtures found"
    for case in CASES:
        assert (INVALID / f"{case}.expected").exists(), case


def test_all_broken_articles_are_reported_together(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    shutil.copytree(INVALID, content, ignore=shutil.ignore_patterns("*.expected"))
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-search"]) == 1
    err = capsys.readouterr().err.splitlines()
    for case in CASES:
        assert (INVALID / f"{case}.expected").read_text(encoding="utf-8").strip() in err


def test_two_articles_on_one_url_name_both_files(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    (content / "a").mkdir(parents=True)
    (content / "b").mkdir()
    (content / "a" / "story.md").write_text("---\ntitle: One\ndate: 2020-01-01\n---\nx\n")
    (content / "b" / "story.md").write_text("---\ntitle: Two\ndate: 2020-01-02\n---\ny\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "content/b/story.md:1: content/a/story.md and content/b/story.md both make the page articles/story.html" in err
