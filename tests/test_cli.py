"""The command line: exit codes, options, the atomic swap of the output folder, and the summary line."""

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site_dir(tmp_path, monkeypatch):
    write(tmp_path / "content" / "one.md", "---\ntitle: One\ndate: 2020-01-01\ntags: [Alpha]\n---\n\nFirst article.\n")
    write(tmp_path / "content" / "two.md", "---\ntitle: Two\ndate: 2020-02-01\nsource: Wire\n---\n\nSecond article.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_is_the_default_command_and_ends_with_a_summary(site_dir, capsys):
    assert main(["--no-search"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Built 2 articles, ")
    assert "warnings" in out and "render" in out and "write" in out
    assert (site_dir / "site" / "articles" / "one.html").exists()


def test_quiet_prints_nothing_on_success(site_dir, capsys):
    assert main(["build", "--no-search", "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_missing_content_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--content", "nowhere"]) == 2
    assert "content folder not found: nowhere" in capsys.readouterr().err


def test_unknown_config_key_is_an_error_listing_the_valid_keys(site_dir, capsys):
    write(site_dir / "dossier.yml", "title: Mine\ntitel: typo\n")
    assert main(["build", "--no-search"]) == 2
    err = capsys.readouterr().err
    assert "dossier.yml: unknown key 'titel'; valid keys are: title, description, language, base_url" in err


def test_config_sets_title_and_folders(site_dir):
    write(site_dir / "dossier.yml", "title: The Archive\noutput_dir: public\n")
    assert main(["build", "--no-search", "-q"]) == 0
    assert "<title>The Archive</title>" in (site_dir / "public" / "index.html").read_text()


def test_broken_article_exits_1_and_leaves_the_previous_site_untouched(site_dir, capsys):
    assert main(["build", "-q"]) == 0   # with search, so the old site has a Pagefind index too
    before = {p.relative_to(site_dir / "site"): p.read_bytes() for p in (site_dir / "site").rglob("*") if p.is_file()}
    write(site_dir / "content" / "bad.md", "---\ntitle: Bad\ndate: 2016-13-01\n---\nx\n")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert 'content/bad.md:3: date "2016-13-01" is not a valid date' in err
    after = {p.relative_to(site_dir / "site"): p.read_bytes() for p in (site_dir / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in site_dir.iterdir() if p.name.startswith(".site.")], "staging folders must be cleaned up"


def test_drafts_are_left_out_unless_asked_for(site_dir):
    write(site_dir / "content" / "draft.md", "---\ntitle: Secret\ndate: 2020-03-01\ndraft: true\n---\nx\n")
    assert main(["build", "--no-search", "-q"]) == 0
    assert not (site_dir / "site" / "articles" / "draft.html").exists()
    assert main(["build", "--no-search", "-q", "--drafts"]) == 0
    assert (site_dir / "site" / "articles" / "draft.html").exists()


def test_strict_turns_warnings_into_errors(site_dir, capsys):
    write(site_dir / "content" / "undated.md", "---\ntitle: Undated\n---\nx\n")
    assert main(["build", "--no-search", "-q"]) == 0
    assert main(["build", "--no-search", "--strict"]) == 1
    assert "content/undated.md:1: no date; the article is listed as undated" in capsys.readouterr().err


def test_out_and_content_options(site_dir):
    assert main(["build", "--no-search", "-q", "--content", "content", "--out", "elsewhere/out"]) == 0
    assert (site_dir / "elsewhere" / "out" / "index.html").exists()


def test_output_folder_that_holds_the_content_is_refused(site_dir, capsys):
    assert main(["build", "--no-search", "--out", "."]) == 2
    assert "choose another --out" in capsys.readouterr().err
    assert (site_dir / "content" / "one.md").exists()


def test_base_url_must_be_http(site_dir, capsys):
    assert main(["build", "--no-search", "--base-url", "example.org"]) == 2
    assert "base_url must start with http:// or https://" in capsys.readouterr().err


def test_check_validates_and_writes_nothing(site_dir, capsys):
    assert main(["check"]) == 0
    assert not (site_dir / "site").exists()
    write(site_dir / "content" / "bad.md", "---\ndate: 2020-01-01\n---\nx\n")
    assert main(["check"]) == 1
    assert "content/bad.md:1: missing title" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["import"]])
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, "build.py", *command, "--help"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0
    assert "usage:" in result.stdout


def test_installed_console_script_matches_build_py(site_dir):
    result = subprocess.run(["dossier", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("dossier ")


def test_unknown_option_is_a_usage_error(site_dir):
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr


def test_sigterm_mid_build_exits_143_without_traceback_and_keeps_the_old_site(tmp_path):
    """A cancelled CI job sends SIGTERM: the staged folder goes, the previous site stays, no worker complains."""
    import signal
    import time

    content = tmp_path / "content"
    content.mkdir()
    for number in range(900):
        (content / f"a{number:04d}.md").write_text(
            f"---\ntitle: Article {number}\ndate: 2020-01-{1 + number % 28:02d}\ntags: [t{number % 7}]\n---\n\n"
            + "Vladimir Putin met Angela Merkel in Berlin. The Bank of England said so. " * 40,
            encoding="utf-8")
    build = [sys.executable, str(REPO / "build.py"), "--content", "content", "--out", "site", "--no-search", "-q"]
    subprocess.run(build, cwd=tmp_path, check=True)
    index = (tmp_path / "site" / "index.html").read_bytes()
    process = subprocess.Popen([*build, "--no-cache"], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site.build-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143
    assert "Traceback" not in stderr
    assert "interrupted; the previous output was left as it was" in stderr
    assert not list(tmp_path.glob(".site.*")), "the staged folder must be removed"
    assert (tmp_path / "site" / "index.html").read_bytes() == index
