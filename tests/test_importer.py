"""Tests for `build.py import`: headline, dateline and debris parsing on inline strings, then whole imports."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import os
import re
import time
from pathlib import Path

import pytest
import yaml

from generator.content import dateline
from generator.content.importer import configure_parser, run_import
from generator.content.news_text import (
    ImportSummary,
    RawArticle,
    drop_debris,
    escape_markdown,
    parse_raw_article,
    render_article,
    restore_sentence_spaces,
    split_headline,
)
from generator.content.text_decoding import NotText, decode_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def front_matter(md_text: str) -> dict:
    assert md_text.startswith("---\n")
    return yaml.safe_load(md_text.split("\n---\n", 1)[0][4:])


def body_of(md_text: str) -> str:
    return md_text.split("\n---\n\n", 1)[1]


# ---------------------------------------------------------------- headlines


@pytest.mark.parametrize("headline, title, publisher", [
    ("MESOP NEWS : Iran, Russia Tightening Security Cooperation", "Iran, Russia Tightening Security Cooperation", "MESOP NEWS"),
    ("GULF DAILY POST | Port traffic doubles", "Port traffic doubles", "GULF DAILY POST"),
    ("ZORBLAT NEWS: Mayor resigns", "Mayor resigns", "ZORBLAT NEWS"),
    ("Cold as ice: Wikinews interviews Marymegan Daly", "Cold as ice: Wikinews interviews Marymegan Daly", ""),
    ("UK: Blair backs plan", "UK: Blair backs plan", ""),
    ("EXCLUSIVE : Minister quits", "EXCLUSIVE : Minister quits", ""),
    ("FIFA World Cup 2018 day five: Sweden win", "FIFA World Cup 2018 day five: Sweden win", ""),
])
def test_republisher_prefix_moves_to_publisher(headline, title, publisher):
    assert dateline.split_publisher(headline) == (title, publisher)


def test_headline_is_first_line_and_paragraphs_are_joined_lines():
    headline, paragraphs = split_headline("Headline here\n\nFirst line\nwrapped here.\n\n\nSecond.\n")
    assert headline == "Headline here"
    assert paragraphs == ["First line wrapped here.", "Second."]


def test_text_without_blank_lines_keeps_one_paragraph_per_line():
    assert split_headline("Title\nOne.\nTwo.\n") == ("Title", ["One.", "Two."])


def test_overlong_first_line_is_not_a_headline():
    article = parse_raw_article("word " * 60 + "\n\nMore text.")
    assert article.title == ""
    assert "no title found" in article.warnings
    assert len(article.paragraphs) == 2


# ---------------------------------------------------------------- datelines and dates


@pytest.mark.parametrize("text, expected", [
    ("2 Feb 2016", dt.date(2016, 2, 2)),
    ("February 23, 2006", dt.date(2006, 2, 23)),
    ("Thursday, February 23, 2006", dt.date(2006, 2, 23)),
    ("Sept. 9, 2016", dt.date(2016, 9, 9)),
    ("23rd March 2004", dt.date(2004, 3, 23)),
    ("2016-02-02", dt.date(2016, 2, 2)),
    ("30 Feb 2016", None),
    ("Feb 2", None),
    ("last Tuesday", None),
])
def test_parse_date_reads_stated_dates_and_never_guesses(text, expected):
    assert dateline.parse_date(text) == expected


@pytest.mark.parametrize("paragraph, place, agency, date, rest", [
    ("TEHRAN (FNA)- 2 Feb 2016 \u2013 Iranian officials met.", "Tehran", "FNA", dt.date(2016, 2, 2), "Iranian officials met."),
    ("TEHRAN (Fars News Agency)- Supreme Leader spoke.", "Tehran", "Fars News Agency", None, "Supreme Leader spoke."),
    ("NEW YORK (AP) \u2014 The mayor spoke.", "New York", "AP", None, "The mayor spoke."),
    ("Tehran (IRNA) - 5 March 2019 - The talks ended.", "Tehran", "IRNA", dt.date(2019, 3, 5), "The talks ended."),
    ("WASHINGTON, March 3, 2004 (UPI) -- Senators voted.", "Washington", "UPI", dt.date(2004, 3, 3), "Senators voted."),
    ("BEIRUT, Lebanon (AFP) - A blast hit.", "Beirut", "AFP", None, "A blast hit."),
    ("BERLIN (dpa) - Trains stopped.", "Berlin", "dpa", None, "Trains stopped."),
    ("AL-QAIM (Zorblat Press Service): Roads closed.", "Al-Qaim", "Zorblat Press Service", None, "Roads closed."),
])
def test_agency_dateline_gives_place_agency_date_and_text(paragraph, place, agency, date, rest):
    found = dateline.parse_agency_dateline(paragraph)
    assert (found.place, found.agency, found.date, found.rest) == (place, agency, date, rest)


@pytest.mark.parametrize("paragraph", [
    "Ali Larijani (left) said the talks went well.",
    "Ali Larijani (left) - the speaker - arrived.",
    "The firm (which is now big) - said nothing.",
    "Iranian officials met on Tuesday.",
])
def test_ordinary_sentences_are_not_datelines(paragraph):
    assert dateline.parse_agency_dateline(paragraph) is None


@pytest.mark.parametrize("paragraph, date, rest", [
    ("Thursday, February 23, 2006", dt.date(2006, 2, 23), ""),
    ("Made-up town holds race Saturday, October 9, 2010", dt.date(2010, 10, 9), ""),
    ("Thursday, March 15, 2012 Wikinews interviewed a bar owner.", dt.date(2012, 3, 15), "Wikinews interviewed a bar owner."),
    ("February 23, 2006", dt.date(2006, 2, 23), ""),
    ("2 Feb 2016 \u2013 The council met.", dt.date(2016, 2, 2), "The council met."),
])
def test_wikinews_dateline_forms(paragraph, date, rest):
    found = dateline.parse_wikinews_dateline(paragraph, "Made-up town holds race")
    assert (found.date, found.rest) == (date, rest)


@pytest.mark.parametrize("paragraph", [
    "The meeting was held on Thursday, February 23, 2006 in Rome.",
    "Some other headline Thursday, February 23, 2006",
    "On February 23, 2006 the council met.",
])
def test_dates_inside_sentences_are_not_datelines(paragraph):
    assert dateline.parse_wikinews_dateline(paragraph, "Made-up town holds race") is None


def test_agency_expansion_from_table_and_from_the_text():
    assert dateline.agency_name("FNA") == "Fars News Agency"
    assert dateline.agency_name("dpa") == "Deutsche Presse-Agentur"
    learned = dateline.learn_agencies("officials told the Zorblat Press Service (ZPS) on Monday")
    assert learned == {"ZPS": "Zorblat Press Service"}
    assert dateline.agency_name("ZPS", learned) == "Zorblat Press Service"
    assert dateline.learn_agencies("said Islamic Republic News Agency (IRNA).") == {"IRNA": "Islamic Republic News Agency"}


def test_seed_style_article_parses_title_publisher_date_place_source():
    article = parse_raw_article(
        "MESOP NEWS : Iran, Russia Tightening Security Cooperation\n\n"
        "TEHRAN (FNA)- 2 Feb 2016 \u2013 Officials met in Moscow.\n\nThey met on November 23.During the meeting, more.\n"
    )
    assert (article.title, article.publisher, article.date, article.place, article.source) == (
        "Iran, Russia Tightening Security Cooperation", "MESOP NEWS", dt.date(2016, 2, 2), "Tehran", "Fars News Agency")
    assert article.paragraphs == ("Officials met in Moscow.", "They met on November 23. During the meeting, more.")
    assert article.warnings == ()


def test_glued_image_name_is_dropped_and_missing_date_warns():
    article = parse_raw_article("Iran-Russia Cooperation\n\nA00150997.jpgTEHRAN (Fars News Agency)- Supreme Leader spoke.\n")
    assert (article.place, article.source, article.date) == ("Tehran", "Fars News Agency", None)
    assert article.paragraphs == ("Supreme Leader spoke.",)
    assert article.warnings == ("no date found",)


def test_incomplete_dateline_date_is_left_out_with_a_warning():
    article = parse_raw_article("Oil rises\n\nLONDON, Feb. 2 (Reuters) - Oil rose.\n")
    assert article.date is None and article.source == "Reuters"
    assert article.warnings == ('dateline date "Feb. 2" is not a complete date; left out',)


def test_repeated_headline_above_wikinews_date_is_dropped():
    article = parse_raw_article(
        "Comet dust: help @ home\n\nComet dust: help@home\n\nSunday, May 28, 2006\n\nThe project began.\n")
    assert article.date == dt.date(2006, 5, 28)
    assert article.paragraphs == ("The project began.",)


def test_source_option_is_used_only_when_the_text_names_no_agency():
    assert parse_raw_article("T\n\nBody.", source="BBC News").source == "BBC News"
    assert parse_raw_article("T\n\nPARIS (AFP) - Body.", source="BBC News").source == "Agence France-Presse"


# ---------------------------------------------------------------- debris and spacing


def test_check_also_teaser_and_everything_after_it_is_dropped():
    paragraphs = ["Story one.", "Story two.", "Check Also", "Other headline", "Fragment of another\u2026"]
    assert drop_debris(paragraphs) == ["Story one.", "Story two."]
    assert drop_debris(["Story.", "check also:", "Teaser"]) == ["Story."]


@pytest.mark.parametrize("debris", [
    "Read more:", "Related:", "Share this:", "Related Articles", "You may also like", "See also",
])
def test_aggregator_markers_end_the_article(debris):
    assert drop_debris(["Story.", debris, "Some teaser headline", "Its fragment\u2026"]) == ["Story."]


def test_single_debris_paragraphs_are_dropped_but_the_story_stays():
    paragraphs = ["Check Also", "Story.", "photo_12.JPG", "Advertisement", "Read more: Another story entirely", "More story."]
    assert drop_debris(paragraphs) == ["Story.", "More story."]


def test_image_names_glued_to_text_are_removed_but_mentions_stay():
    assert drop_debris(["IMG_0042.jpg\u201cWe won,\u201d he said."]) == ["\u201cWe won,\u201d he said."]
    assert drop_debris(["He posted cat.jpg online."]) == ["He posted cat.jpg online."]


@pytest.mark.parametrize("before, after", [
    ("on November 23.During the meeting", "on November 23. During the meeting"),
    ("defused this policy.\u201dHe voiced", "defused this policy.\u201d He voiced"),
    ('a challenge."Earlier', 'a challenge." Earlier'),
    ("Ayatollah Khamenei warned.Iran-Russia ties", "Ayatollah Khamenei warned. Iran-Russia ties"),
    ("the Division.Those who", "the Division. Those who"),
    ("what a day!The end", "what a day! The end"),
])
def test_missing_space_after_a_sentence_is_restored(before, after):
    assert restore_sentence_spaces(before) == after


@pytest.mark.parametrize("text", [
    "the U.S. and the U.S.A team", "J.R.R.Tolkien wrote", "e.g.The", "L.A. Times", "Mr.Benn.", "rose 3.5%",
    "visit www.Example.com now", "see http://example.org/News.Today", "One.Tel collapsed", "Bagle.AT spread",
    "Halo.Bungie.Org, a fan site", "Yahoo!Mail users", "Mr. Putin",
])
def test_abbreviations_names_numbers_and_urls_keep_their_dots(text):
    assert restore_sentence_spaces(text) == text


# ---------------------------------------------------------------- Markdown escaping and rendering


HOSTILE = (
    "Plain <script>alert(1)</script> and [x](javascript:alert(1)) and <a href=\"javascript:x\">y</a>.",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "> not a quote",
    ": not a definition",
    "~~~",
    "!!! note \"not an admonition\"",
    "a | table | row",
    "*not em* and _not em_ and `not code` and {: .class} and [TOC] and [^1]",
    "&lt;script&gt; stays as typed, and so does &amp; and a\\backslash",
    "<http://example.org> is no autolink",
    "Ordinary text: \u201cquotes\u201d, it's \u00a3600m, 76% up, well-known (really), AT&T & M&S. Done.",
)


def rendered_html(markdown_text: str) -> str:
    markdown = pytest.importorskip("markdown")
    return markdown.markdown(markdown_text, extensions=["extra", "toc", "admonition", "sane_lists", "smarty"])


def test_escaped_text_never_becomes_live_html():
    html = rendered_html("\n\n".join(escape_markdown(p) for p in HOSTILE))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html and "<a " not in html
    for tag in ("<h1", "<ul", "<ol", "<li", "<blockquote", "<dl", "<pre", "<code", "<table", "<em", "<div", "<div class=\"admonition"):
        assert tag not in html
    assert "&amp;lt;script&amp;gt; stays as typed, and so does &amp;amp; and" in html
    assert "a\\backslash" in html


def test_ordinary_punctuation_survives_readably():
    html = rendered_html(escape_markdown(HOSTILE[-1]))
    for piece in ("quotes", "\u00a3600m", "76% up", "well-known", "(really)", "AT&amp;T &amp; M&amp;S", ". Done."):
        assert piece in html
    assert "it&rsquo;s" in html or "it's" in html


def test_rendered_article_front_matter_order_and_body():
    raw = RawArticle(title="Iran, Russia: Talks", publisher="MESOP NEWS", date=dt.date(2016, 2, 2), place="Tehran",
                     source="Fars News Agency", paragraphs=("One.", "Two."))
    text = render_article(raw, imported_from="seeds/a.txt", sha256="ab" * 32)
    keys = [line.split(":")[0] for line in text.split("\n---\n")[0].splitlines()[1:]]
    assert keys == ["title", "date", "source", "publisher", "place", "imported_from", "sha256"]
    assert front_matter(text) == {
        "title": "Iran, Russia: Talks", "date": dt.date(2016, 2, 2), "source": "Fars News Agency",
        "publisher": "MESOP NEWS", "place": "Tehran", "imported_from": "seeds/a.txt", "sha256": "ab" * 32}
    assert body_of(text) == "One.\n\nTwo.\n"


@pytest.mark.parametrize("title", [
    "No", "yes", "null", "123", "1e5", "3.5", "- dash start", "# hash", "a: b", "quote \"inside\"", "it's", "'quoted'",
    "tab\there", "trailing colon:", "Caf\u00e9 \u00a3 costs", "Ends with space ", "@at start", "%percent", "x #y",
])
def test_front_matter_titles_read_back_exactly(title):
    text = render_article(RawArticle(title=title, paragraphs=("x",)), imported_from="a.txt", sha256="0" * 63 + "1")
    assert front_matter(text)["title"] == title
    assert front_matter(text)["sha256"] == "0" * 63 + "1"


def test_article_without_title_is_named_after_its_file():
    text = render_article(RawArticle(title="", paragraphs=("x",)), imported_from="in/some_story-3.txt", sha256="a" * 64)
    assert front_matter(text)["title"] == "some story 3"


# ---------------------------------------------------------------- decoding


def test_decoding_falls_back_to_cp1252_then_latin1():
    text, warning = decode_text((FIXTURES / "cp1252_headline.txt").read_bytes())
    assert text.startswith("Caf\u00e9 owners protest \u201cnew\u201d rules") and "\u20ac500" in text
    assert "decoded as cp1252" in warning
    text, warning = decode_text((FIXTURES / "latin1_only_byte.txt").read_bytes())
    assert "\x81" in text and "decoded as latin-1" in warning
    assert decode_text("\ufeffBOM".encode("utf-8")) == ("BOM", "")
    assert decode_text("Hi\n".encode("utf-16")) == ("Hi\n", "")


@pytest.mark.parametrize("data, reason", [
    (b"\xff\xfe\x00\x01", "it starts like UTF-16 text but holds no space or line break"),
    (b"\xff\xfe\x00\x01\x02\x03\x04\x05\x06\x07", "it starts like UTF-16 text but holds no space or line break"),
    (b"\xff\xfe\x00\xd8\x41\x00", "it starts like UTF-16 text but is not UTF-16"),
    (b"\xff\xfe\x41", "it starts like UTF-16 text but is not UTF-16"),
    (b"Title\n\nBody \x00 text", "it holds NUL bytes"),
    (bytes(range(1, 256)) * 4, "236 of its 1020 characters are control, private or unassigned characters"),
    (b"x" * 60, "its 60 characters hold no space or line break"),
])
def test_bytes_that_are_no_text_are_refused_with_the_reason(data, reason):
    with pytest.raises(NotText) as refused:
        decode_text(data)
    assert str(refused.value) == reason


def test_a_binary_file_with_a_utf16_mark_is_refused_not_imported_with_a_garbage_title(inbox):
    (inbox / "in" / "binary_utf16_mark.txt").write_bytes((FIXTURES / "binary_utf16_mark.txt").read_bytes())
    summary, lines = run(["in/binary_utf16_mark.txt"], "content")
    assert (summary.imported, summary.errors) == (0, 1)
    assert lines[0] == ("error        in/binary_utf16_mark.txt: looks like a binary file, not text: "
                        "it starts like UTF-16 text but is not UTF-16; not imported")
    assert not (inbox / "content").exists() or not list((inbox / "content").iterdir())


def test_a_named_pipe_given_to_the_importer_is_refused_without_reading(inbox):
    os.mkfifo(inbox / "in" / "pipe.txt")
    summary, lines = run(["in/pipe.txt"], "content")
    assert summary.errors == 1 and lines[0] == "error        in/pipe.txt: not a regular file; not imported"


# ---------------------------------------------------------------- the command


def run(paths, into, **options) -> tuple[ImportSummary, list[str]]:
    lines: list[str] = []
    return run_import([Path(p) for p in paths], Path(into), out=lines.append, **options), lines


@pytest.fixture
def inbox(tmp_path, monkeypatch):
    """A working folder with made-up inputs in `in/` and an empty `content/`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Same Headline\n\nPARIS (AFP) - 3 May 2020 - First story.\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Same Headline\n\nA different story.\n", encoding="utf-8")
    (tmp_path / "in" / "sub").mkdir()
    (tmp_path / "in" / "sub" / "copy.txt").write_bytes((tmp_path / "in" / "a.txt").read_bytes())
    (tmp_path / "in" / "notes.md").write_text("not picked up from a folder\n", encoding="utf-8")
    (tmp_path / "in" / ".hidden").mkdir()
    (tmp_path / "in" / ".hidden" / "x.txt").write_text("Hidden\n\nNo.\n", encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def test_import_writes_unique_slugs_and_reports_every_file(inbox):
    summary, lines = run(["in"], "content")
    assert summary == ImportSummary(imported=2, skipped=0, duplicates=1, warnings=1, errors=0)
    assert sorted(snapshot(inbox / "content")) == ["same-headline-2.md", "same-headline.md"]
    assert len(lines) == 4 and lines[-1] == "imported 2, skipped 0, duplicates 1, warnings 1, errors 0"
    assert lines[0].startswith("imported") and "in/a.txt -> content/same-headline.md" in lines[0]
    assert "[warning: no date found]" in lines[1]
    assert lines[2].startswith("duplicate") and "in/sub/copy.txt" in lines[2] and "same text as in/a.txt" in lines[2]
    first = front_matter((inbox / "content" / "same-headline.md").read_text(encoding="utf-8"))
    assert first["imported_from"] == "in/a.txt"
    assert first["sha256"] == hashlib.sha256((inbox / "in" / "a.txt").read_bytes()).hexdigest()
    assert first["date"] == dt.date(2020, 5, 3) and first["source"] == "Agence France-Presse"


def test_reimport_changes_nothing_and_force_rewrites(inbox):
    run(["in"], "content")
    before = snapshot(inbox / "content")
    summary, lines = run(["in"], "content")
    assert summary == ImportSummary(imported=0, skipped=2, duplicates=1, warnings=0, errors=0)
    assert "already imported as content/same-headline.md" in lines[0]
    assert snapshot(inbox / "content") == before
    summary, lines = run(["in"], "content", force=True)
    assert summary == ImportSummary(imported=2, skipped=0, duplicates=1, warnings=1, errors=0)
    assert lines[0].startswith("rewrote") and snapshot(inbox / "content") == before


def test_force_rewrites_in_place(inbox):
    run(["in"], "content")
    (inbox / "content" / "same-headline-2.md").write_text(
        (inbox / "content" / "same-headline-2.md").read_text(encoding="utf-8").replace("A different story.", "Edited."),
        encoding="utf-8")
    summary, lines = run(["in/b.txt"], "content", force=True)
    assert summary.imported == 1 and lines[0].startswith("rewrote") and "content/same-headline-2.md" in lines[0]
    assert "A different story." in (inbox / "content" / "same-headline-2.md").read_text(encoding="utf-8")
    assert sorted(snapshot(inbox / "content")) == ["same-headline-2.md", "same-headline.md"]


def test_changed_input_is_skipped_with_a_warning_unless_forced(inbox):
    run(["in/b.txt"], "content")
    (inbox / "in" / "b.txt").write_text("Same Headline\n\nA corrected story.\n", encoding="utf-8")
    summary, lines = run(["in/b.txt"], "content")
    assert (summary.skipped, summary.warnings) == (1, 1) and "use --force" in lines[0]
    summary, _ = run(["in/b.txt"], "content", force=True)
    assert summary.imported == 1
    assert "A corrected story." in (inbox / "content" / "same-headline.md").read_text(encoding="utf-8")


def test_exact_duplicate_of_an_earlier_import_under_another_name_is_skipped(inbox):
    run(["in/a.txt"], "content")
    summary, lines = run(["in/sub/copy.txt"], "content", force=True)
    assert summary.duplicates == 1 and summary.imported == 0
    assert "same text as content/same-headline.md" in lines[0]
    assert sorted(snapshot(inbox / "content")) == ["same-headline.md"]


def test_dry_run_shows_what_would_be_written_and_writes_nothing(inbox):
    summary, lines = run(["in"], "content", dry_run=True)
    assert summary.imported == 2 and not (inbox / "content").exists()
    assert lines[0].startswith("would import") and "title 'Same Headline'" in lines[0] and "date 2020-05-03" in lines[0]
    assert lines[-1].endswith("(dry run: nothing written)")


def test_slugs_avoid_files_already_in_the_folder(inbox):
    (inbox / "content").mkdir()
    (inbox / "content" / "same-headline.md").write_text("---\ntitle: Hand-written\n---\n\nMine.\n", encoding="utf-8")
    run(["in/b.txt"], "content")
    assert sorted(snapshot(inbox / "content")) == ["same-headline-2.md", "same-headline.md"]
    assert "Mine." in (inbox / "content" / "same-headline.md").read_text(encoding="utf-8")


def test_broken_front_matter_in_the_target_folder_does_not_stop_an_import(inbox):
    (inbox / "content").mkdir()
    (inbox / "content" / "broken.md").write_text("---\ntitle: x\nimported_from: [oops\nsha256: {\n", encoding="utf-8")
    summary, _ = run(["in/b.txt"], "content")
    assert summary.imported == 1 and summary.errors == 0


def test_bad_inputs_are_reported_and_never_crash(inbox):
    for name in ("cp1252_headline.txt", "latin1_only_byte.txt", "binary_not_text.txt"):
        (inbox / "in" / name).write_bytes((FIXTURES / name).read_bytes())
    (inbox / "in" / "empty.txt").write_text("\n\n", encoding="utf-8")
    summary, lines = run(["in/cp1252_headline.txt", "in/latin1_only_byte.txt", "in/binary_not_text.txt",
                          "in/empty.txt", "in/missing.txt"], "content")
    assert (summary.imported, summary.skipped, summary.errors) == (2, 1, 2)
    assert "decoded as cp1252" in lines[0] and "decoded as latin-1" in lines[1]
    assert lines[2].startswith("error") and "binary" in lines[2]
    assert lines[3].startswith("skipped") and lines[4].startswith("error")
    cafe = (inbox / "content" / "cafe-owners-protest-new-rules.md").read_text(encoding="utf-8")
    assert front_matter(cafe)["title"] == "Caf\u00e9 owners protest \u201cnew\u201d rules"


def test_imported_from_is_relative_even_for_absolute_inputs(inbox):
    run([inbox / "in" / "b.txt"], inbox / "content")
    (article,) = snapshot(inbox / "content").values()
    assert front_matter(article)["imported_from"] == "in/b.txt"


def test_agency_acronym_is_expanded_from_another_file_of_the_batch(inbox):
    (inbox / "in" / "c.txt").write_text("One\n\nPORT ZORBLAT (Zorblat Press Service)- Text.\n", encoding="utf-8")
    (inbox / "in" / "d.txt").write_text("Two\n\nPORT ZORBLAT (ZPS)- Text.\n", encoding="utf-8")
    run(["in/c.txt", "in/d.txt"], "content")
    assert front_matter((inbox / "content" / "two.md").read_text(encoding="utf-8"))["source"] == "Zorblat Press Service"


def test_fixture_article_imports_cleanly(inbox):
    summary, _ = run([FIXTURES / "agency_dateline_with_teaser.txt", FIXTURES / "wikinews_style.txt"], "content")
    assert summary == ImportSummary(imported=2, skipped=0, duplicates=0, warnings=0, errors=0)
    harbour = (inbox / "content" / "harbour-bridge-reopens-after-repairs.md").read_text(encoding="utf-8")
    fields = front_matter(harbour)
    assert (fields["publisher"], fields["source"], fields["place"], fields["date"]) == (
        "ZORBLAT WIRE", "Zorblat Press Service", "Port Zorblat", dt.date(2021, 3, 14))
    assert body_of(harbour).split("\n\n") == [
        "The harbour bridge reopened on Sunday after six months of repairs, the city council said. The mayor thanked the engineers.",
        "\u201cWe kept every promise,\u201d the mayor said. \u201cTraffic will flow again.\u201d",
        "Officials in the U.S. and the E.U. were not consulted, e.g. about the 3.5 tonne limit.\n",
    ]
    race = front_matter((inbox / "content" / "made-up-town-holds-annual-lantern-race.md").read_text(encoding="utf-8"))
    assert race["date"] == dt.date(2010, 10, 9)


def test_parser_options_use_the_agreed_names():
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = parser.parse_args(["a.txt", "folder", "--dry-run", "--force", "--source", "BBC News"])
    assert (args.paths, args.into, args.dry_run, args.force, args.source) == (
        [Path("a.txt"), Path("folder")], None, True, True, "BBC News")
    assert parser.parse_args(["x", "--into", "out"]).into == Path("out")


# ---------------------------------------------------------------- the shared seeds and corpora


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared test data not found beside the checkout ({'/'.join(('..', 'shared') + parts)})")
    return path


def test_seed_articles(tmp_path):
    seeds = shared("seeds")
    summary, lines = run([seeds], tmp_path)
    assert (summary.imported, summary.errors) == (2, 0)
    by_title = {front_matter(t)["title"]: t for t in snapshot(tmp_path).values()}
    first = by_title["Iran, Russia Tightening Security Cooperation"]
    assert {k: v for k, v in front_matter(first).items() if k not in ("imported_from", "sha256")} == {
        "title": "Iran, Russia Tightening Security Cooperation", "date": dt.date(2016, 2, 2),
        "source": "Fars News Agency", "publisher": "MESOP NEWS", "place": "Tehran"}
    assert body_of(first).startswith("Iranian Supreme Leader\u2019s top adviser")
    assert "November 23. During" in first and "policy.\u201d He voiced" in first and "Mr. Putin" in first
    second = by_title["Iran-Russia Cooperation Hinders US Unilateralism"]
    fields = front_matter(second)
    assert "date" not in fields and (fields["place"], fields["source"]) == ("Tehran", "Fars News Agency")
    assert body_of(second).startswith("Supreme Leader of the Islamic Revolution")
    assert "jpg" not in second and "Check Also" not in second and "axis of resistance" not in second
    assert body_of(second).rstrip().endswith("desirable and promising.\u201d")
    assert "[warning: no date found]" in "".join(lines)


def test_bbc_corpus_imports_fast_with_exact_duplicates_skipped(tmp_path):
    corpus = shared("corpus", "bbc-news-nc")
    started = time.monotonic()
    summary, lines = run([corpus], tmp_path, source="BBC News")
    elapsed = time.monotonic() - started
    assert (summary.imported, summary.duplicates, summary.skipped, summary.errors) == (2127, 98, 0, 0)
    # One line per file, one for the columns of the corpus's metadata.tsv that Dossier does not use, the summary.
    assert len(lines) == 2225 + 2 and "metadata.tsv:1: warning: column(s) 'category', 'words'" in lines[0]
    assert elapsed < 30, f"import took {elapsed:.1f}s"
    with open(corpus / "metadata.tsv", encoding="utf-8", newline="") as handle:
        expected_duplicates = {row["file"] for row in csv.DictReader(handle, delimiter="\t") if row["exact_duplicate_of"]}
    reported = {re.search(r"bbc-news-nc/([^\s:]+)", line)[1] for line in lines if line.startswith("duplicate")}
    assert reported == expected_duplicates
    again, _ = run([corpus], tmp_path, source="BBC News")
    assert (again.imported, again.skipped, again.duplicates) == (0, 2127, 98)


def test_wikinews_datelines_give_dates(tmp_path):
    corpus = shared("corpus", "wikinews-gum")
    # The files one by one: a folder import would apply the corpus's metadata.tsv, whose dates win.
    summary, _ = run(sorted(corpus.glob("*.txt")), tmp_path)
    assert (summary.imported, summary.errors) == (43, 0)
    with open(corpus / "metadata.tsv", encoding="utf-8", newline="") as handle:
        metadata = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    undated = []
    for text in snapshot(tmp_path).values():
        fields = front_matter(text)
        name = fields["imported_from"].rsplit("/", 1)[1]
        opening = "\n".join((corpus / name).read_text(encoding="utf-8").split("\n")[:9])
        if "date" not in fields:
            undated.append(name)
            assert not re.search(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \w+ \d+, \d{4}", opening)
        elif fields["date"].isoformat() != metadata[name]["date"]:
            # The text's own dateline wins over the sidecar's dateCreated; it must really say so.
            written = f"{fields['date']:%B} {fields['date'].day}, {fields['date'].year}"
            assert written in opening, name
    # These four interviews have no dateline in their text; the importer must not invent one.
    assert sorted(undated) == ["GUM_interview_cyclone.txt", "GUM_interview_gaming.txt",
                               "GUM_interview_hill.txt", "GUM_interview_peres.txt"]
