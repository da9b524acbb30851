"""What the content folder may hold besides articles: links to nowhere or in a loop, named pipes,
folders that cannot be read, and dates at the ends of the calendar. A problem on a path, or a page;
never a traceback, a hang, or articles silently missing."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "---\ntitle: {title}\ndate: {date}\n---\nAnn Lee met Bob Stone in Portsmouth.\n"


@pytest.fixture
def content(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "ok.md").write_text(ARTICLE.format(title="Fine", date="2020-01-01"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def build(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["build", "--no-search", "-j", "1", *args])   # with the cache: it reads the folder first
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def build_in_subprocess(cwd: Path, *, drop_privileges: bool = False) -> subprocess.CompletedProcess:
    """A build that may hang (a named pipe) or needs a user for whom permissions count, bounded in time."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--no-search", "-j", "1"]
    if drop_privileges and os.geteuid() == 0:
        # root reads any folder; without these capabilities, permission bits bind it too.
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: an unreadable folder cannot be made")
        command = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--", *command]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_a_link_to_nowhere_is_an_error_on_its_path(content, capsys):
    (content / "gone.md").symlink_to("nowhere.md")
    assert build(capsys) == (1, ["content/gone.md: cannot read: a symbolic link to nowhere.md, which does not exist",
                                 "build failed: 1 error(s); the previous output was left as it was"])


def test_a_link_in_a_loop_is_an_error_on_its_path(content, capsys):
    (content / "loop.md").symlink_to("loop.md")
    code, err = build(capsys)
    assert code == 1 and "content/loop.md: cannot read: a symbolic link that leads back to itself" in err


def test_a_link_to_nowhere_among_entity_files_is_named_by_the_link(content, capsys):
    (content / "entities").mkdir()
    (content / "entities" / "gone.md").symlink_to("nowhere.md")
    code, err = build(capsys)
    assert code == 1 and "content/entities/gone.md: cannot read: a symbolic link to nowhere.md, which does not exist" in err


def test_a_linked_folder_of_articles_is_not_left_out_silently(content, capsys):
    (content / "loop").symlink_to(".")
    code, err = build(capsys)
    assert code == 0
    assert "content/loop: warning: a link to a folder, which Dossier does not follow: the articles in it are left out" in err


@pytest.mark.parametrize("where", ["x.md", "entities/x.md"])
def test_a_named_pipe_named_like_an_article_is_skipped_with_a_warning_not_read(where, content, tmp_path):
    (content / where).parent.mkdir(exist_ok=True)
    os.mkfifo(content / where)
    done = build_in_subprocess(tmp_path)   # it hung forever, waiting for a writer
    assert done.returncode == 0, done.stderr
    assert f"content/{where}: warning: skipped: a named pipe, not a file Dossier can read" in done.stderr.splitlines()
    assert (tmp_path / "site" / "articles" / "ok.html").exists()


def test_an_unreadable_folder_of_articles_is_an_error(content, tmp_path):
    (content / "locked").mkdir()
    (content / "locked" / "story.md").write_text(ARTICLE.format(title="Locked", date="2020-01-02"), encoding="utf-8")
    (content / "locked").chmod(0)
    try:
        done = build_in_subprocess(tmp_path, drop_privileges=True)
    finally:
        (content / "locked").chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert "content/locked: cannot read this folder (Permission denied), so its articles would be missing" \
        in done.stderr.splitlines()
    assert "Traceback" not in done.stderr and not (tmp_path / "site").exists()


def test_articles_at_the_end_of_the_calendar_share_an_entity(content, capsys, tmp_path):
    (content / "ok.md").unlink()
    for name in ("a", "b"):
        (content / f"{name}.md").write_text(ARTICLE.format(title=name.upper(), date=f"9999-12-0{ord(name) - 96}"),
                                            encoding="utf-8")
    code, err = build(capsys)   # the timeline padded into the year 10000 and raised IndexError
    assert code == 0, err
    assert "December 9999: 2 articles" in (tmp_path / "site" / "entities" / "ann-lee.html").read_text(encoding="utf-8")


def test_dates_millennia_apart_make_a_small_entity_page(content, capsys, tmp_path):
    (content / "ok.md").unlink()
    (content / "a.md").write_text(ARTICLE.format(title="A", date="0001-01-01"), encoding="utf-8")
    (content / "b.md").write_text(ARTICLE.format(title="B", date="9999-12-01"), encoding="utf-8")
    assert build(capsys)[0] == 0
    page = (tmp_path / "site" / "entities" / "ann-lee.html").read_text(encoding="utf-8")
    assert len(page) < 30_000 and re.search(r"Articles per \d+ years", page)   # it was 800 KB of monthly bars


def test_a_file_name_with_a_line_break_or_terminal_escape_gives_one_escaped_line(content, capsys):
    (content / "bad\x1b[31m\nname.md").write_text("---\ndate: 2020-01-01\n---\nx\n", encoding="utf-8")
    code, err = build(capsys)
    assert code == 1 and "content/bad\\x1b[31m\\nname.md:1: missing title" in err
