"""`dossier import` with a metadata file beside the texts, and `imported_from` paths that do not depend on
the working folder."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.import_metadata import parse_metadata
from generator.content.importer import run_import

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-gum"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def dossier(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def texts(tmp_path):
    write(tmp_path / "inbox" / "a.txt", "Harbour bridge reopens\n\nThe bridge reopened on Sunday after repairs.\n")
    write(tmp_path / "inbox" / "sub" / "b.txt", "Lantern race held\n\nThursday, October 7, 2010\n\nThe race was run.\n")
    return tmp_path


# ---------------------------------------------------------------- parsing (pure)


def test_tsv_rows_give_every_field():
    rows, problems = parse_metadata(
        "file\tdate\turl\tauthor\tlicence\tsource\ttitle\ttags\n"
        "a.txt\t2016-02-02\thttps://example.org/a\tJane Doe; John Roe\tCC BY 4.0\tWire\tA title\tPorts; Bridges\n",
        "tsv", "metadata.tsv")
    assert problems == []
    row = rows["a.txt"]
    assert (row.line, row.date, row.url, row.authors, row.license, row.source, row.title, row.tags) == (
        2, dt.date(2016, 2, 2), "https://example.org/a", ("Jane Doe", "John Roe"), "CC BY 4.0", "Wire", "A title",
        ("Ports", "Bridges"))


def test_bad_rows_are_reported_with_their_line_and_all_together():
    rows, problems = parse_metadata(
        "file,date,url\n"
        "a.txt,2016-13-01,\n"
        ",2016-01-01,\n"
        "b.txt,2016-01-01,ftp://example.org\n"
        "c.txt,2016-01-01,,extra\n"
        "d.txt,,\n"
        "d.txt,2016-01-02,\n",
        "csv", "in/metadata.csv")
    assert [str(p) for p in problems] == [
        'in/metadata.csv:2: date "2016-13-01" is not a valid date (write YYYY-MM-DD)',
        "in/metadata.csv:3: no file named in this row",
        'in/metadata.csv:4: url "ftp://example.org" must be an http or https address',
        "in/metadata.csv:5: 4 cells, but the first line names 3 columns",
        'in/metadata.csv:7: "d.txt" is described twice (first on line 6)',
    ]
    assert list(rows) == ["d.txt"]


def test_a_table_without_a_file_column_and_unknown_columns_are_reported():
    _, problems = parse_metadata("name\tgenre\nx\ty\n", "tsv", "m.tsv")
    assert [str(p) for p in problems][:1] == ['m.tsv:1: no "file" column naming the input file of each row']
    assert "m.tsv:1: warning: column(s) 'name', 'genre' ignored; known: file, path" in str(problems[1])


def test_json_rows_are_objects_and_errors_name_their_line():
    text = '[\n  {"file": "a.txt", "date": "2016-02-02", "author": ["Jane Doe"]},\n  {"file": "b.txt",\n   "date": "soon"},\n  3\n]\n'
    rows, problems = parse_metadata(text, "json", "meta.json")
    assert rows["a.txt"].authors == ("Jane Doe",) and rows["a.txt"].line == 2
    assert [str(p) for p in problems] == ['meta.json:3: date "soon" is not a valid date (write YYYY-MM-DD)',
                                          'meta.json:5: each entry must be an object with a "file" key']
    _, broken = parse_metadata('[{"file": "a.txt",\n "date": }]', "json", "meta.json")
    assert [str(p) for p in broken] == ["meta.json:2: not valid JSON: Expecting value"]


# ---------------------------------------------------------------- the command


def test_a_folders_metadata_tsv_is_picked_up_and_wins_over_the_text(texts, monkeypatch):
    write(texts / "inbox" / "metadata.tsv",
          "file\tdate\turl\tauthor\tlicense\ttags\n"
          "a.txt\t2021-03-14\thttps://example.org/a\tJane Doe\tCC BY 2.5\tPorts; Bridges\n"
          "sub/b.txt\t2010-10-09\t\tJane Doe; John Roe\t\t\n")
    monkeypatch.chdir(texts)
    lines: list[str] = []
    summary = run_import([Path("inbox")], Path("content"), out=lines.append)
    assert (summary.imported, summary.errors, summary.warnings) == (2, 0, 0), lines
    bridge = front_matter(texts / "content" / "harbour-bridge-reopens.md")
    assert bridge == {"title": "Harbour bridge reopens", "date": dt.date(2021, 3, 14), "author": "Jane Doe",
                      "tags": ["Ports", "Bridges"], "url": "https://example.org/a", "license": "CC BY 2.5",
                      "imported_from": "inbox/a.txt", "sha256": bridge["sha256"]}
    race = front_matter(texts / "content" / "lantern-race-held.md")
    assert race["date"] == dt.date(2010, 10, 9) and race["author"] == ["Jane Doe", "John Roe"]
    assert race["imported_from"] == "inbox/sub/b.txt"


def test_imported_articles_with_metadata_build_without_warnings(texts):
    write(texts / "inbox" / "metadata.csv", "file,date,licence\na.txt,2021-03-14,CC BY 2.5\nsub/b.txt,2010-10-09,\n")
    assert dossier("import", "inbox", "--into", "content", cwd=texts).returncode == 0
    built = dossier("build", "--no-search", "--strict", cwd=texts)
    assert built.returncode == 0, built.stderr
    assert "0 warnings, 0 errors" in built.stdout and built.stderr == ""


def test_metadata_option_matches_by_relative_path_or_by_name(texts):
    write(texts / "meta" / "extra.json", json.dumps([{"file": "a.txt", "source": "Zorblat Wire"},
                                                     {"file": "b.txt", "date": "2011-01-01"}]))
    result = dossier("import", "inbox", "--into", "content", "--metadata", "meta/extra.json", cwd=texts)
    assert result.returncode == 0, result.stdout + result.stderr
    assert front_matter(texts / "content" / "harbour-bridge-reopens.md")["source"] == "Zorblat Wire"
    assert front_matter(texts / "content" / "lantern-race-held.md")["date"] == dt.date(2011, 1, 1)


def test_a_bad_metadata_file_stops_the_import_and_lists_every_problem(texts):
    write(texts / "inbox" / "metadata.tsv", "file\tdate\turl\na.txt\t14/03/2021\t\nsub/b.txt\t\twww.example.org\n")
    result = dossier("import", "inbox", "--into", "content", cwd=texts)
    assert result.returncode == 1
    assert 'inbox/metadata.tsv:2: date "14/03/2021" is not a valid date (write YYYY-MM-DD)' in result.stdout
    assert 'inbox/metadata.tsv:3: url "www.example.org" must be an http or https address' in result.stdout
    assert "nothing imported" in result.stdout and "Traceback" not in result.stderr
    assert not (texts / "content").exists()


def test_a_row_that_matches_no_file_of_the_folder_is_a_warning(texts, monkeypatch):
    write(texts / "inbox" / "metadata.tsv", "file\tdate\na.txt\t2021-03-14\nsub/typo.txt\t2010-10-09\n")
    monkeypatch.chdir(texts)
    lines: list[str] = []
    summary = run_import([Path("inbox")], Path("content"), out=lines.append)
    assert summary.imported == 2 and summary.warnings >= 1
    assert 'inbox/metadata.tsv:3: warning: "sub/typo.txt" matches no text file in the folder; the row was not used' in lines


def test_two_sidecars_in_one_folder_are_an_error(texts):
    write(texts / "inbox" / "metadata.tsv", "file\tdate\n")
    write(texts / "inbox" / "metadata.json", "[]")
    result = dossier("import", "inbox", "--into", "content", cwd=texts)
    assert result.returncode == 1 and "metadata.tsv and metadata.json both describe this folder" in result.stdout


def test_imported_from_is_the_same_from_any_working_folder_and_never_climbs(texts):
    elsewhere = texts / "work" / "deep"
    elsewhere.mkdir(parents=True)
    assert dossier("import", str(texts / "inbox"), "--into", "content", cwd=elsewhere).returncode == 0
    assert dossier("import", "inbox", "--into", "content", cwd=texts).returncode == 0
    far = sorted(front_matter(p)["imported_from"] for p in (elsewhere / "content").glob("*.md"))
    near = sorted(front_matter(p)["imported_from"] for p in (texts / "content").glob("*.md"))
    assert far == near == ["inbox/a.txt", "inbox/sub/b.txt"]


def test_articles_imported_with_the_old_paths_are_recognised(texts, monkeypatch):
    monkeypatch.chdir(texts)
    run_import([Path("inbox/a.txt")], Path("content"), out=lambda line: None)
    article = texts / "content" / "harbour-bridge-reopens.md"
    # Earlier versions stored the input as seen from the working folder, "../.." and all.
    article.write_text(article.read_text(encoding="utf-8").replace("imported_from: inbox/a.txt",
                                                                   "imported_from: ../../inbox/a.txt"), encoding="utf-8")
    (texts / "work" / "deep").mkdir(parents=True)
    monkeypatch.chdir(texts / "work" / "deep")
    lines: list[str] = []
    summary = run_import([Path("../../inbox/a.txt")], Path("../../content"), out=lines.append)
    assert (summary.imported, summary.skipped, summary.duplicates) == (0, 1, 0), lines
    assert "already imported as ../../content/harbour-bridge-reopens.md" in lines[0]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Wikinews corpus is not at {CORPUS}")
def test_wikinews_metadata_tsv_gives_every_article_its_date_url_and_licence(tmp_path):
    result = dossier("import", str(CORPUS), "--into", "content", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    with open(CORPUS / "metadata.tsv", encoding="utf-8", newline="") as handle:
        expected = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    found = {}
    for article in (tmp_path / "content").glob("*.md"):
        fields = front_matter(article)
        assert fields["imported_from"].startswith("wikinews-gum/GUM_")
        found[fields["imported_from"].split("/", 1)[1]] = fields
    assert sorted(found) == sorted(expected)
    for name, fields in found.items():
        row = expected[name]
        assert (fields["date"].isoformat(), fields["url"], fields["author"], fields["license"]) == (
            row["date"], row["source_url"], row["author"], row["license"]), name
