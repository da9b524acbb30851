"""Parsing and validation of articles, fed inline strings."""

import datetime as dt

from generator.content import parse_article, split_front_matter


def parse(text, path="x.md"):
    return parse_article(path, text, display_path=f"content/{path}")


def messages(text):
    return [str(p) for p in parse(text)[1]]


def test_full_front_matter_is_parsed_into_typed_fields():
    article, problems = parse(
        "---\ntitle: Iran and Russia\ndate: 2016-02-02\nsummary: Short.\nsource: Fars News Agency\n"
        "publisher: MESOP NEWS\nurl: https://example.org/a\nauthor: [A. Writer, B. Writer]\nplace: Tehran\n"
        "tags: [Iran, Russia]\nentities: [Vladimir Putin]\ndraft: false\nslug: iran-russia\n"
        "aliases: [old/iran.html]\nlang: en\nmood: calm\n---\n\nBody text.\n")
    assert problems == []
    assert article.title == "Iran and Russia"
    assert article.date == dt.date(2016, 2, 2)
    assert article.authors == ("A. Writer", "B. Writer")
    assert article.tags == ("Iran", "Russia")
    assert article.entities == ("Vladimir Putin",)
    assert article.slug == "iran-russia"
    assert article.aliases == ("old/iran.html",)
    assert article.extra == {"mood": "calm"}
    assert article.body.strip() == "Body text."
    assert article.page_url == "articles/iran-russia.html"


def test_author_may_be_a_single_string():
    article, _ = parse("---\ntitle: T\ndate: 2020-01-01\nauthor: Jane Doe\n---\nx")
    assert article.authors == ("Jane Doe",)


def test_slug_defaults_to_the_file_stem():
    article, _ = parse("---\ntitle: T\ndate: 2020-01-01\n---\nx", path="sub/My Story.md")
    assert article.slug == "my-story"


def test_datetime_is_accepted_and_keeps_the_day():
    article, _ = parse("---\ntitle: T\ndate: 2016-02-02T10:30:00+03:30\n---\nx")
    assert article.date == dt.date(2016, 2, 2)
    assert article.datetime.hour == 10


def test_invalid_date_names_the_file_and_the_line_of_the_key():
    assert messages("---\ntitle: T\ndate: 2016-13-01\n---\nx") == [
        'content/x.md:3: date "2016-13-01" is not a valid date']


def test_missing_title_is_an_error():
    assert messages("---\ndate: 2016-01-01\n---\nx") == ["content/x.md:1: missing title"]


def test_missing_date_is_only_a_warning():
    article, problems = parse("---\ntitle: T\n---\nx")
    assert article is not None
    assert [str(p) for p in problems] == ["content/x.md:1: warning: no date; the article is listed as undated (write `date:` empty if none is known)"]


def test_yaml_error_line_is_offset_by_the_opening_marker():
    # The broken flow sequence is on file line 3 (YAML line 2).
    assert messages("---\ntitle: ok\ntags: [a, b\ndate: 2016-01-01\n---\nx")[0].startswith("content/x.md:4: invalid front matter")


def test_url_must_be_http_or_https():
    assert messages("---\ntitle: T\ndate: 2020-01-01\nurl: javascript:alert(1)\n---\nx") == [
        'content/x.md:4: url "javascript:alert(1)" must be an http or https address']


def test_several_problems_are_reported_together():
    found = messages("---\ndate: nope\ntags: {a: 1}\n---\nx")
    assert found == [
        "content/x.md:1: missing title",
        'content/x.md:2: date "nope" is not a valid date',
        "content/x.md:3: tags must be a string or a list of strings",
    ]


def test_unclosed_front_matter_is_an_error_not_body_text():
    assert messages("---\ntitle: T\n\nBody") == ["content/x.md:1: front matter starts with '---' on line 1 but is never closed"]


def test_body_line_points_after_the_closing_marker():
    front, body, line = split_front_matter("---\ntitle: T\n---\nfirst body line\n")
    assert front == "title: T" and body.startswith("first body line") and line == 4


def test_draft_must_be_a_boolean():
    assert messages("---\ntitle: T\ndate: 2020-01-01\ndraft: maybe\n---\nx") == ["content/x.md:4: draft must be true or false"]


def test_alias_outside_the_site_is_refused():
    assert messages("---\ntitle: T\ndate: 2020-01-01\naliases: [../../etc/passwd]\n---\nx") == [
        'content/x.md:4: alias "../../etc/passwd" must be a path on this site, like old/page.html']


def test_an_empty_date_means_knowingly_undated_without_a_warning():
    article, problems = parse("---\ntitle: T\ndate:\n---\nx")
    assert article is not None and article.date is None
    assert problems == []
