"""Every kind of single edit a writer makes gives, with the cache, exactly the site a --no-cache build makes.

Issue 14 lists them: body text, a title, a date, tags, an entity file, a new article, a deleted
article. The site is small and made up; each edit follows a cached build of it, and a second
cached build after the edit must leave the output as it is.
"""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main

PEOPLE = ["Maria Keller", "Tomas Brandt", "Ines Varga", "Paolo Renzi", "Hana Sato"]
PLACES = ["Lisbon", "Tallinn", "Valletta"]


def article(number: int) -> str:
    a, b = PEOPLE[number % 5], PEOPLE[(number + 2) % 5]
    place = PLACES[number % 3]
    return (f"---\ntitle: Report number {number}\ndate: 2021-{1 + number % 12:02d}-{1 + number % 27:02d}\n"
            f"source: Test Wire\ntags: [t{number % 4}]\n---\n\n"
            f"{a} met {b} in {place} on Monday, officials of the Harbour Authority said.\n\n"
            f"## Talks\n\n{a} told reporters that {place} would host the next round. "
            f"Mr {b.split()[1]} said the talks went well.\n")


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(folder: Path, monkeypatch, *args: str) -> None:
    monkeypatch.chdir(folder)
    assert main(["build", "-q", "--no-search", *args]) == 0


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "body": lambda c: replace_in(c / "a07.md", "went well.", "went well, and Hana Sato agreed."),
    "title": lambda c: replace_in(c / "a07.md", "title: Report number 7", "title: Talks in Lisbon resume"),
    "date": lambda c: replace_in(c / "a07.md", "date: 2021-08-08", "date: 2019-03-05"),
    "tags": lambda c: replace_in(c / "a07.md", "tags: [t3]", "tags: [t3, harbours]"),
    "entity file": lambda c: ((c / "entities").mkdir(exist_ok=True), (c / "entities" / "maria-keller.md").write_text(
        "---\nname: Maria Keller\ntype: person\naliases: [Keller]\n---\nA negotiator.\n", encoding="utf-8")),
    "new article": lambda c: (c / "a99.md").write_text(article(99).replace("Report number 99", "A new report"),
                                                        encoding="utf-8"),
    "deleted article": lambda c: (c / "a05.md").unlink(),
}


@pytest.fixture
def site(tmp_path) -> Path:
    work = tmp_path / "work"
    (work / "content").mkdir(parents=True)
    for number in range(24):
        (work / "content" / f"a{number:02d}.md").write_text(article(number), encoding="utf-8")
    return work


@pytest.mark.parametrize("kind", list(EDITS))
def test_every_kind_of_edit_gives_the_site_a_clean_build_gives(site, tmp_path, monkeypatch, kind):
    build(site, monkeypatch)
    before = tree(site / "site")
    EDITS[kind](site / "content")
    build(site, monkeypatch)
    after = tree(site / "site")
    assert after != before, "the edit must show in the site"
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("site", ".dossier-cache"))
    build(fresh, monkeypatch, "--no-cache")
    assert after == tree(fresh / "site")
    build(site, monkeypatch)
    assert tree(site / "site") == after


@pytest.mark.parametrize("kind", ["title", "deleted article"])
def test_a_small_edit_changes_the_output_folder_in_place(site, monkeypatch, kind):
    """The output folder stays the same folder (no whole tree swapped in); a file that is not the
    build's still makes the build swap in a whole tree, as a clean build would leave it out."""
    build(site, monkeypatch)
    folder = (site / "site").stat().st_ino
    EDITS[kind](site / "content")
    build(site, monkeypatch)
    assert (site / "site").stat().st_ino == folder
    (site / "site" / "stray.txt").write_text("not the build's", encoding="utf-8")
    replace_in(site / "content" / "a02.md", "title: Report number 2", "title: Report two")
    build(site, monkeypatch)
    assert not (site / "site" / "stray.txt").exists()


def test_a_page_kept_by_a_full_build_keeps_its_quick_edit_record(site, tmp_path, monkeypatch):
    """A full build keeps the article pages whose facts did not change, without making their context;
    their quick-edit records come from the last build, so a later text edit to one takes the quick path."""
    build(site, monkeypatch)
    EDITS["title"](site / "content")
    build(site, monkeypatch)
    replace_in(site / "content" / "a03.md", "went well.", "went well, they said.")
    report = tmp_path / "report.json"
    build(site, monkeypatch, "--report", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["quick_edit_pages"] == 1
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("site", ".dossier-cache"))
    build(fresh, monkeypatch, "--no-cache")
    assert tree(site / "site") == tree(fresh / "site")
