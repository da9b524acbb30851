"""Quiet output: repeated warnings print as one counted line (-v lists them), and progress shows only on
a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content.errors import error, report_lines, warning

REPO = Path(__file__).resolve().parents[1]
UNDATED = "no date; the article is listed as undated (write `date:` empty if none is known)"


def dossier(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def undated_site(tmp_path):
    (tmp_path / "content").mkdir()
    for number in range(5):
        (tmp_path / "content" / f"a{number}.md").write_text(f"---\ntitle: Article {number}\n---\n\nText.\n",
                                                            encoding="utf-8")
    (tmp_path / "content" / "dated.md").write_text("---\ntitle: Dated\ndate: 2020-01-01\n---\n\n[x](gone.md)\n",
                                                   encoding="utf-8")
    return tmp_path


def test_repeated_warnings_are_one_line_with_a_count():
    problems = [warning(f"content/a{n}.md", 1, UNDATED) for n in range(4)] + [warning("content/b.md", 3, "odd")]
    assert report_lines(problems) == [
        "warning: 4 articles have no date and are listed as undated (first: content/a0.md; run with -v to list them)",
        "content/b.md:3: warning: odd",
    ]
    assert report_lines(problems, verbose=True) == [str(p) for p in problems]
    assert report_lines(problems, quiet=True) == []


def test_a_few_warnings_are_listed_one_by_one():
    problems = [warning("content/a.md", 1, UNDATED), warning("content/b.md", 1, UNDATED)]
    assert report_lines(problems) == [str(p) for p in problems]


def test_kinds_with_varying_details_group_and_unknown_kinds_group_by_message():
    links = [warning(f"content/a{n}.md", 4, f"links to a missing article: x{n}.md") for n in range(3)]
    same = [error(f"content/e{n}.md", None, "entity file names nobody") for n in range(3)]
    assert report_lines(links + same) == [
        "warning: 3 links point to missing articles (first: content/a0.md; run with -v to list them)",
        "error: 3 times: entity file names nobody (first: content/e0.md; run with -v to list them)",
    ]


def test_build_prints_one_line_for_many_undated_articles_and_v_lists_them(undated_site):
    built = dossier("build", "--no-search", "--no-cache", cwd=undated_site)
    assert built.returncode == 0
    lines = built.stderr.splitlines()
    assert lines[0] == ("warning: 5 articles have no date and are listed as undated "
                        "(first: content/a0.md; run with -v to list them)")
    assert [line for line in lines if "no date" in line] == lines[:1]
    assert "content/dated.md:6: warning: links to a missing article: gone.md" in lines  # a lone warning stays whole
    assert "7 warnings" in built.stdout  # every warning still counts
    verbose = dossier("build", "--no-search", "--no-cache", "-v", cwd=undated_site)
    assert [line for line in verbose.stderr.splitlines() if UNDATED in line] == [
        f"content/a{n}.md:1: warning: {UNDATED}" for n in range(5)]


def test_entities_groups_the_same_way(undated_site):
    listed = dossier("entities", cwd=undated_site)
    assert listed.returncode == 0
    assert listed.stderr.count("no date") == 1 and "5 articles have no date" in listed.stderr
    assert dossier("entities", "-v", cwd=undated_site).stderr.count("no date") == 5


def test_strict_still_fails_on_grouped_warnings_and_the_report_lists_every_one(undated_site):
    strict = dossier("build", "--no-search", "--no-cache", "--strict", "--report", "report.json", cwd=undated_site)
    assert strict.returncode == 1
    assert "error: 5 articles have no date and are listed as undated" in strict.stderr
    assert "build failed: 6 error(s)" in strict.stderr  # it stops before the link check
    report = json.loads((undated_site / "report.json").read_text(encoding="utf-8"))
    assert sorted(e for e in report["errors"] if UNDATED in e) == [
        f"content/a{n}.md:1: {UNDATED}" for n in range(5)]
    ok = dossier("build", "--no-search", "--no-cache", "--report", "ok.json", cwd=undated_site)
    assert ok.returncode == 0
    assert len(json.loads((undated_site / "ok.json").read_text(encoding="utf-8"))["warnings"]) == 7


def run_on_terminal(args: list[str], cwd: Path) -> str:
    """Run with stderr on a pseudo-terminal; what the terminal received."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=follower)
    os.close(follower)
    received = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    process.wait()
    os.close(leader)
    return received.decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_and_is_cleared(undated_site):
    shown = run_on_terminal(["build", "--no-cache"], undated_site)
    assert "\r\x1b[Kmerging entities…" in shown and "\r\x1b[Kindexing for search (Pagefind)…" in shown
    assert "\r\x1b[K" in shown


def test_no_progress_in_pipes_or_with_q(undated_site):
    piped = dossier("build", "--no-cache", cwd=undated_site)
    assert "\r" not in piped.stderr and "merging" not in piped.stderr
    assert "merging" not in run_on_terminal(["build", "--no-cache", "-q"], undated_site)
