"""Random front matter, bodies and file names: the only outcomes are a page or a `path:line` problem.

CI runs a short, fixed-seed profile; `HYPOTHESIS_PROFILE=long pytest tests/test_property_input.py`
runs the 10,000 parser examples and 200 builds this was tuned with.
"""

import contextlib
import io
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content.articles import parse_article

settings.register_profile("ci", max_examples=300, derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=10_000, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
BUILDS = 200 if PROFILE == "long" else 12

# Characters that broke things once (controls, a noncharacter, a lone surrogate, path signs), and any others.
ODD = st.sampled_from(["\x00", "\x0b", "\x1b", "\x7f", "\ufffe", "\ud800", "/", "\\", "..", ".", ":", "\"", "'",
                       "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "-", "\n", " ", "é", "ж", "中"])
TEXT = st.lists(st.one_of(ODD, st.text(max_size=6)), max_size=12).map("".join)
KEYS = st.sampled_from(["title", "date", "summary", "source", "tags", "aliases", "slug", "entities", "draft",
                        "url", "place", "lang", "author", "extra"])
SCALAR = st.one_of(TEXT, st.sampled_from(["2020-01-01", "0001-01-01", "9999-12-31", "2016-13-01", "true", "null",
                                          "[a, b", '"open', "[" * 40 + "]" * 40, "&a [*a]", ".", "./index.html",
                                          "feed.xml", "../../x", "Index"]))
LINE = st.tuples(KEYS, SCALAR).map(lambda kv: f"{kv[0]}: {kv[1]}")
FRONT = st.lists(LINE, max_size=8).map("\n".join)
DOCUMENT = st.tuples(FRONT, TEXT).map(lambda fb: f"---\n{fb[0]}\n---\n{fb[1]}\n")
PROBLEM = re.compile(r"^content/[^\n]*?(:\d+)?: ")


@settings(settings.get_profile(PROFILE))
@given(DOCUMENT)
def test_any_front_matter_gives_an_article_or_problems_with_a_line(text):
    article, problems = parse_article("x.md", text, display_path="content/x.md")
    assert article is not None or any(p.level == "error" for p in problems)
    for problem in problems:
        assert problem.path == "content/x.md" and (problem.line is None or problem.line >= 1)


NAME = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00\n\r"),
               min_size=1, max_size=12)


@settings(settings.get_profile(PROFILE), max_examples=BUILDS)
@given(st.lists(st.tuples(NAME, DOCUMENT), min_size=1, max_size=4))
def test_any_small_site_builds_or_fails_with_path_line_problems(tmp_path_factory, files):
    work = tmp_path_factory.mktemp("site")
    content = work / "content"
    content.mkdir()
    for name, text in files:
        try:
            (content / f"{name}.md").write_bytes(text.encode("utf-8", "surrogatepass"))
        except OSError:
            continue   # a name this file system refuses: not Dossier's input
    previous = os.getcwd()
    os.chdir(work)
    try:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", "--no-search", "--no-cache", "-j", "1", "-q"])
    finally:
        os.chdir(previous)
    lines = err.getvalue().splitlines()
    assert code in (0, 1), lines
    if code == 1:
        assert lines[-1].startswith("build failed")
        problems = [line for line in lines[:-1] if not line.startswith(" ")]
        assert problems and all(PROBLEM.match(line) for line in problems), lines
        assert not (work / "site").exists()
    else:
        assert (work / "site" / "index.html").exists()
