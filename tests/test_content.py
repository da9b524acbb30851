"""Parsing and validation of articles, fed inline strings."""

import datetime as dt

from generator.content.articles import parse_article, split_front_matter


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


# ---------------------------------------------------------------- hostile front matter: a line, never a traceback


import pytest  # noqa: E402


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1b", "\x7f", "\ufffe"])
def test_a_control_character_in_front_matter_is_an_error_on_its_line(char):
    found = messages(f"---\ntitle: T\ndate: 2020-01-01\nsummary: \"a{char}b\"\n---\nx")
    assert found == [f"content/x.md:4: front matter holds the character U+{ord(char):04X} "
                     f"({'a noncharacter' if char == chr(0xFFFE) else 'a control character'}), "
                     "which YAML does not allow; delete it"]


def test_an_escaped_nul_or_lone_surrogate_is_an_error_on_its_key():
    assert messages('---\ntitle: "a\\0b"\ndate: 2020-01-01\n---\nx') == [
        "content/x.md:2: title holds the character U+0000 (a control character), which no page can hold; remove it"]
    assert messages('---\ntitle: T\ndate: 2020-01-01\ntags: [ok, "x\\ud800"]\n---\nx') == [
        "content/x.md:4: tags holds the character U+D800 (half of a surrogate pair), which no page can hold; remove it"]


@pytest.mark.parametrize("nested, line", [("[" * 1000 + "]" * 1000, 4), ("[" * 100_000 + "]" * 100_000, 4),
                                          ("{a: " * 3000 + "1" + "}" * 3000, 4), ("\n" + "- " * 5000 + "x", 5)],
                         ids=["lists", "100k-lists", "mappings", "dashes"])
def test_front_matter_nested_too_deep_is_an_error_not_a_crash(nested, line):
    # 100,000 brackets once overflowed libyaml's C stack and killed the process.
    assert messages(f"---\ntitle: T\ndate: 2020-01-01\nx: {nested}\n---\nx") == [
        f"content/x.md:{line}: front matter nests lists or mappings more than 32 deep"]


def test_a_yaml_anchor_inside_itself_is_an_error():
    assert messages("---\ntitle: T\ndate: 2020-01-01\nloop: &a [*a]\n---\nx") == [
        "content/x.md:4: front matter nests lists or mappings more than 32 deep, or inside themselves"]


def test_an_anchor_shared_a_billion_times_is_read_quickly():
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9))
    article, problems = parse(f"---\ntitle: T\ndate: 2020-01-01\n{laughs}---\nx")
    assert article is not None and problems == []


def test_an_unclosed_quote_is_reported_where_it_opens():
    assert messages('---\ntitle: T\ndate: 2020-01-01\nsummary: "never closed\nplace: Here\nlang: en\n---\nx') == [
        "content/x.md:4: invalid front matter: a quoted value starts here and is never closed"]


@pytest.mark.parametrize("slug, page", [("../../tmp/x", "articles/tmp-x.html"), ("/etc/passwd", "articles/etc-passwd.html"),
                                        ("a\\\\b", "articles/a-b.html")])
def test_a_slug_written_as_a_path_is_rewritten_with_a_warning(slug, page):
    article, problems = parse(f'---\ntitle: T\ndate: 2020-01-01\nslug: "{slug}"\n---\nx')
    assert article.page_url == page
    assert [str(p) for p in problems] == [
        f'content/x.md:4: warning: slug "{slug.replace(chr(92) * 2, chr(92))}" is a path, but a slug names one page: the page is {page}']


def test_a_plain_slug_gives_no_warning():
    assert messages("---\ntitle: T\ndate: 2020-01-01\nslug: my-story\n---\nx") == []


@pytest.mark.parametrize("alias, reason", [  # the file would land outside the site, or no file system can make it
    ("../../etc/passwd", "must be a path on this site, like old/page.html"),
    ("a/../../x", "must be a path on this site, like old/page.html"),
    ("//evil.example/x", "must be a path on this site, like old/page.html"),
    ("a\\\\b.html", "holds a backslash, which a path on a web site cannot hold"),
    ("a\\tb.html", "holds a control character, which a path on a web site cannot hold"),
    ("index.html/", "names a page and a folder at once; leave out the final /"),
    ("x" * 300, "is too long: a file name holds at most 255 bytes, a path 1024 here"),
])
def test_an_alias_no_file_system_or_site_can_hold_is_refused(alias, reason):
    found = messages(f'---\ntitle: T\ndate: 2020-01-01\naliases: ["{alias}"]\n---\nx')
    assert len(found) == 1 and found[0].startswith("content/x.md:4: alias ") and found[0].endswith(reason)
