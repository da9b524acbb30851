"""Atom feeds from values: an entry's time, the feed's `updated`, and undated articles."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.cli import main
from generator.content.articles import parse_article
from generator.render.feeds import atom_feed, newest_time

ATOM = "{http://www.w3.org/2005/Atom}"


def article(name: str, date: str | None) -> object:
    front = f"date: {date}\n" if date is not None else "date:\n"
    parsed, problems = parse_article(f"{name}.md", f"---\ntitle: {name}\n{front}---\n\nText.\n")
    assert parsed is not None, problems
    return parsed


def feed_of(articles) -> ET.Element:
    ordered = sorted(articles, key=lambda a: a.sort_key)
    text = atom_feed(title="T", feed_url="feed.xml", page_url="index.html", base_url="", articles=ordered,
                     summaries={}, generator="g", built=newest_time(ordered))
    return ET.fromstring(text)


def instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_feed_is_updated_no_earlier_than_its_newest_entry():
    feed = feed_of([article("morning", "2020-05-01T09:30:00+00:00"), article("evening", "2020-05-01T23:10:00+02:00"),
                    article("day", "2020-05-01"), article("older", "2020-04-30T23:59:00")])
    updated = instant(feed.find(f"{ATOM}updated").text)
    entries = [instant(e.find(f"{ATOM}updated").text) for e in feed.iter(f"{ATOM}entry")]
    assert updated == max(entries) == dt.datetime(2020, 5, 1, 21, 10, tzinfo=dt.timezone.utc)


def test_a_time_without_a_timezone_is_published_as_utc():
    feed = feed_of([article("a", "2020-05-01T09:30:00")])
    assert feed.find(f"{ATOM}entry/{ATOM}updated").text == "2020-05-01T09:30:00+00:00"


def test_undated_articles_are_left_out_of_feeds_and_never_dated_1970():
    feed = feed_of([article("dated", "2019-03-04"), article("undated", None)])
    assert [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")] == ["dated"]
    assert "1970" not in ET.tostring(feed, encoding="unicode")


def test_a_tag_of_undated_articles_gets_a_feed_dated_by_the_site_not_1970(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: A\ndate: 2021-06-07\n---\n\nText.\n", encoding="utf-8")
    (content / "b.md").write_text("---\ntitle: B\ndate:\ntags: [Lost]\n---\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--no-search", "-q"]) == 0
    feeds = [p for p in (tmp_path / "site").rglob("*.xml") if ET.parse(p).getroot().tag == f"{ATOM}feed"]
    assert len(feeds) >= 2
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        assert "1970" not in text, path
        assert ">B<" not in text, path
    tag_feed = next(p for p in feeds if "lost" in p.as_posix())
    assert instant(ET.parse(tag_feed).getroot().find(f"{ATOM}updated").text) == dt.datetime(2021, 6, 7, tzinfo=dt.timezone.utc)
