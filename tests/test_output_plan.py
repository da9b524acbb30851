"""The output plan: no page is written over another, and every collision is a path:line error, exit 1.

Each case builds a small real site in a temporary folder: a good build first, then the build with the
colliding input, which must fail with the message naming both makers and leave the first site as it was.
"""

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content import urls
from generator.content.config import load_config
from generator.engine.options import BuildOptions, BuildResult, Stopwatch
from generator.engine.plan import plan_claims
from generator.engine.stages import copied_sources, prepare

FIXTURE = Path(__file__).parent / "fixtures" / "site"

OTHER = "---\ntitle: Other\ndate: 2020-01-01\ntags: [Harbour]\nsource: Harbour Times\n---\nAnn Lee met Bob Stone in Portsmouth.\n"


def article(front: str) -> str:
    return f"---\ntitle: A\ndate: 2020-01-02\n{front}\n---\nAnn Lee met Bob Stone in Portsmouth.\n"


def site_with(tmp_path, monkeypatch, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    for rel, text in {"other.md": OTHER, **files}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return content


def fails_with(capsys, message: str, command: str = "build") -> None:
    assert main([command, *(["--no-search", "--no-cache"] if command == "build" else []), "-j", "1"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "two files want" not in err
    assert message in err.splitlines(), err


@pytest.mark.parametrize("alias", ["articles/other.html", "./articles/other.html", "articles//other.html",
                                   "/articles/x/../other.html"])
def test_an_alias_onto_another_article_is_refused_however_it_is_spelt(alias, tmp_path, monkeypatch, capsys):
    content = site_with(tmp_path, monkeypatch, {"a.md": article("")})
    assert main(["build", "--no-search", "-q"]) == 0
    before = (tmp_path / "site" / "articles" / "other.html").read_bytes()
    (content / "a.md").write_text(article(f'aliases: ["{alias}"]'), encoding="utf-8")
    fails_with(capsys, f'content/a.md:4: alias "{alias}" makes articles/other.html, '
                       "which is already the page of content/other.md:1")
    assert (tmp_path / "site" / "articles" / "other.html").read_bytes() == before


@pytest.mark.parametrize("alias", [".", "./index.html", "/", "index.html", "x/.."])
def test_an_alias_onto_the_home_page_is_refused(alias, tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article(f'aliases: ["{alias}"]')})
    fails_with(capsys, f'content/a.md:4: alias "{alias}" makes index.html, which is already the home page')
    fails_with(capsys, f'content/a.md:4: alias "{alias}" makes index.html, which is already the home page', "check")


@pytest.mark.parametrize("alias, message", [
    ("feed.xml", "makes feed.xml/index.html, which needs feed.xml to be a folder, but feed.xml is the site feed"),
    ("sitemap.xml", "makes sitemap.xml/index.html, which needs sitemap.xml to be a folder, but sitemap.xml is the sitemap"),
    ("articles/other.html/index.html", "makes articles/other.html/index.html, which needs articles/other.html to be "
                                       "a folder, but articles/other.html is the page of content/other.md:1"),
    ("articles/a.html", "makes articles/a.html, which is this article’s own page"),
    ("search.html", "makes search.html, which is already the search page"),
    ("tags/harbour.html", 'makes tags/harbour.html, which is already the page of tag "Harbour" (content/other.md:4)'),
    ("tags/harbour.xml/", 'makes tags/harbour.xml/index.html, which needs tags/harbour.xml to be a folder, '
                          'but tags/harbour.xml is the feed of tag "Harbour" (content/other.md:4)'),
    ("sources/harbour-times.html", 'makes sources/harbour-times.html, which is already the page of source '
                                   '"Harbour Times" (content/other.md:5)'),
    ("archive/2020.html", "makes archive/2020.html, which is already the page of the year 2020 (content/a.md:3)"),
    ("entities/portsmouth.html", 'makes entities/portsmouth.html, which is already the page of entity "Portsmouth" '
                                 '(content/entities/portsmouth.md:1)'),
    ("pagefind/pagefind.js", "makes pagefind/pagefind.js/index.html, but pagefind is the search index's folder"),
])
def test_an_alias_onto_a_generated_file_names_both_makers(alias, message, tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article(f'aliases: ["{alias}"]'),
                                      "entities/portsmouth.md": "---\nname: Portsmouth\ntype: place\n---\n"})
    fails_with(capsys, f'content/a.md:4: alias "{alias}" {message}')


def test_two_aliases_of_two_articles_on_one_path_name_both(tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article('aliases: ["old/page.html"]'),
                                      "b.md": article('slug: b\naliases: ["./old//page.html"]')})
    fails_with(capsys, 'content/b.md:5: alias "./old//page.html" makes old/page.html, '
                       'which is already alias "old/page.html" (content/a.md:4)')


def test_an_alias_that_differs_from_a_page_only_in_case_is_refused(tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article('aliases: ["Articles/Other.html"]')})
    fails_with(capsys, 'content/a.md:4: alias "Articles/Other.html" makes Articles/Other.html, which is already '
                       "the page of content/other.md:1 where case does not count (macOS, Windows)")


def test_one_article_may_spell_one_old_address_twice(tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article('aliases: ["old/page.html", "./old/page.html"]')})
    assert main(["build", "--no-search", "-q"]) == 0
    assert "articles/a.html" in (tmp_path / "site" / "old" / "page.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("front, message", [
    ("tags: [Index]", 'content/a.md:4: the page of tag "Index" makes tags/index.html, which is already the list of tags'),
    ("source: Index", 'content/a.md:4: the page of source "Index" makes sources/index.html, '
                      "which is already the list of sources"),
])
def test_a_tag_or_source_named_like_a_list_page_is_refused(front, message, tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article(front)})
    fails_with(capsys, message)


def test_a_tag_whose_page_is_another_tags_second_page_is_refused(tmp_path, monkeypatch, capsys):
    files = {f"n{i}.md": article(f"slug: n{i}\ntags: [News]") for i in range(3)}
    files["z.md"] = article("slug: z\ntags: [News page 2]")
    site_with(tmp_path, monkeypatch, files)
    (tmp_path / "dossier.yml").write_text("list_page_size: 2\n", encoding="utf-8")
    fails_with(capsys, 'content/z.md:5: the page of tag "News page 2" makes tags/news-page-2.html, '
                       'which is already the page of tag "News" (content/n0.md:5)')


def test_an_entity_file_named_index_is_refused_and_a_found_entity_named_index_moves_aside(tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article("entities: [Index]")})
    assert main(["build", "--no-search", "-q"]) == 0
    assert (tmp_path / "site" / "entities" / "index-2.html").exists()
    (tmp_path / "content" / "entities").mkdir()
    (tmp_path / "content" / "entities" / "index.md").write_text("---\nname: Index\n---\n", encoding="utf-8")
    fails_with(capsys, 'content/entities/index.md:1: the page of entity "Index" makes entities/index.html, '
                       "which is already the list of entities")


def test_a_static_file_on_a_generated_page_is_refused(tmp_path, monkeypatch, capsys):
    site_with(tmp_path, monkeypatch, {"a.md": article("")})
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "search.html").write_text("mine", encoding="utf-8")
    fails_with(capsys, "static/search.html: the static file static/search.html makes search.html, "
                       "which is already the search page")


def test_the_plan_names_exactly_the_files_a_build_writes(tmp_path, monkeypatch):
    work = tmp_path / "fixture"
    shutil.copytree(FIXTURE, work)
    monkeypatch.chdir(work)
    (work / "dossier.yml").write_text((FIXTURE / "dossier.yml").read_text() + "list_page_size: 1\n")
    assert main(["build", "--no-search", "-q", "--no-cache"]) == 0
    written = {p.relative_to(work / "site").as_posix() for p in (work / "site").rglob("*") if p.is_file()}
    config = load_config(None)
    options = BuildOptions(config=config, content_dir=work / "content", out_dir=work / "site", jobs=1)
    gathered = prepare(options, Stopwatch(BuildResult()))
    planned = {c.url for c in plan_claims(gathered.site, gathered.weave, config.list_page_size,
                                          [(u, "", None, None) for u, _, _ in
                                           copied_sources(config, options.content_dir, gathered.bodies)])}
    assert any("-page-2" in url for url in written)
    assert planned == written


def test_a_slug_too_long_in_bytes_for_a_file_name_is_cut_to_fit(tmp_path, monkeypatch):
    site_with(tmp_path, monkeypatch, {"a.md": article("slug: " + "ж" * 200)})
    assert main(["build", "--no-search", "-q"]) == 0
    (page,) = [p for p in (tmp_path / "site" / "articles").iterdir() if p.name.startswith("ж")]
    assert len(page.name.encode("utf-8")) <= urls.MAX_NAME_BYTES
