"""The command set: `dossier new`, suggestions for typos, options offered only where they work, and
`--out` meaning the output folder in every command."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from generator.content.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parents[1]


def dossier(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def small_site(tmp_path):
    (tmp_path / "content").mkdir()
    for name, day in (("one", "01"), ("two", "02")):
        (tmp_path / "content" / f"{name}.md").write_text(f"---\ntitle: {name}\ndate: 2020-01-{day}\n---\n\nText.\n",
                                                         encoding="utf-8")
    return tmp_path


def test_new_writes_a_site_that_builds_strictly_with_no_warnings(tmp_path):
    created = dossier("new", "mysite", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    site = tmp_path / "mysite"
    assert "wrote mysite/dossier.yml" in created.stdout and "cd mysite" in created.stdout
    assert len(list((site / "content").glob("*.md"))) == 2
    assert (site / "content" / "entities" / "mara-quist.md").is_file()
    built = dossier("build", "--strict", "--no-search", cwd=site)
    assert built.returncode == 0, built.stderr
    assert "2 articles" in built.stdout and "0 warnings, 0 errors" in built.stdout
    assert built.stderr == ""
    assert "no sitemap.xml without a base_url" in built.stdout  # base_url is still commented out
    entity = (site / "site" / "entities" / "mara-quist.html").read_text(encoding="utf-8")
    assert "Archivist of the Harbour Library" in entity
    listed = dossier("entities", "--strict", cwd=site)
    assert listed.returncode == 0 and "Mara Quist" in listed.stdout and listed.stderr == ""


def test_new_sites_config_sets_and_explains_every_key(tmp_path):
    assert dossier("new", "mysite", cwd=tmp_path).returncode == 0
    path = tmp_path / "mysite" / "dossier.yml"
    config = load_config(path, required=True)
    assert config.title == "My Archive"
    text = path.read_text(encoding="utf-8")
    keys = [f.name for f in dataclasses.fields(SiteConfig) if f.name != "root"]
    for key in keys:
        assert f"\n{key}:" in text or f"\n# {key}:" in text, f"dossier new does not show the key {key}"
    data = yaml.safe_load(text)
    assert set(data) <= set(keys)


def test_new_never_overwrites_a_file(tmp_path):
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "dossier.yml").write_text("title: Mine\n", encoding="utf-8")
    result = dossier("new", "mysite", cwd=tmp_path)
    assert result.returncode == 2
    assert "mysite/dossier.yml already exists" in result.stderr and "nothing was written" in result.stderr
    assert (tmp_path / "mysite" / "dossier.yml").read_text(encoding="utf-8") == "title: Mine\n"
    assert not (tmp_path / "mysite" / "content").exists()


@pytest.mark.parametrize("typo, meant", [("biuld", "build"), ("chek", "check"), ("entites", "entities"),
                                         ("bundel", "bundle"), ("serv", "serve")])
def test_a_mistyped_command_gets_a_suggestion_and_exit_2(tmp_path, typo, meant):
    result = dossier(typo, cwd=tmp_path)
    assert result.returncode == 2
    assert f"unknown command {typo!r}; did you mean {meant!r}?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_word_like_no_command_lists_the_commands(tmp_path):
    result = dossier("xyzzy", cwd=tmp_path)
    assert result.returncode == 2 and "the commands are: build, check" in result.stderr


def test_a_mistyped_option_gets_a_suggestion(tmp_path):
    result = dossier("build", "--strcit", cwd=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --strcit; did you mean '--strict'?" in result.stderr


@pytest.mark.parametrize("command, flag", [("check", "--out"), ("check", "--no-cache"), ("entities", "--out"),
                                           ("entities", "--no-cache"), ("entities", "--base-url")])
def test_check_and_entities_do_not_offer_options_that_would_do_nothing(small_site, command, flag):
    assert flag not in dossier(command, "--help", cwd=small_site).stdout
    result = dossier(command, flag, "x", cwd=small_site)
    assert result.returncode == 2
    assert f"{flag} is not an option of {command!r}, as it would do nothing there" in result.stderr


def test_every_option_check_and_entities_offer_changes_something(small_site):
    (small_site / "content" / "draft.md").write_text("---\ntitle: Draft\ndraft: true\n---\n\nText.\n", encoding="utf-8")
    plain, drafts = dossier("check", cwd=small_site), dossier("check", "--drafts", cwd=small_site)
    assert "2 articles" in plain.stdout and "3 articles" in drafts.stdout
    assert "no date" in drafts.stderr and dossier("check", "--drafts", "--strict", cwd=small_site).returncode == 1
    assert dossier("check", "--base-url", "nope", cwd=small_site).returncode == 2
    assert dossier("entities", "--drafts", "--strict", cwd=small_site).returncode == 1
    assert dossier("entities", "--drafts", "-q", cwd=small_site).stderr == ""
    assert "no date" in dossier("entities", "--drafts", cwd=small_site).stderr
    assert dossier("entities", "--jobs", "-1", cwd=small_site).returncode == 2


def test_bundle_out_is_the_output_folder_and_zip_names_the_zip(small_site):
    result = dossier("bundle", "--no-cache", "--out", "public", "--zip", "archive.zip", "-q", cwd=small_site)
    assert result.returncode == 0, result.stderr
    assert (small_site / "public" / "index.html").is_file() and not (small_site / "site").exists()
    with zipfile.ZipFile(small_site / "archive.zip") as archive:
        assert "public/index.html" in archive.namelist()


def test_bundle_out_with_a_zip_name_says_to_use_zip(small_site):
    result = dossier("bundle", "--out", "site.zip", cwd=small_site)
    assert result.returncode == 2
    assert "--out is the output folder in every command; to name the zip, write --zip site.zip" in result.stderr
    assert not (small_site / "site.zip").exists() and not (small_site / "site").exists()
