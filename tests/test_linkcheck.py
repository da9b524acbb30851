"""The built-in link check: every local href/src reaches a file, every #fragment an id."""

import json

from generator.cli import main
from generator.output.linkcheck import (
    GENERATED,
    BrokenLink,
    LinkPlan,
    check_links,
    check_scanned,
    scan_page,
)

PAGES = [
    ("index.html", '<a href="#main">skip</a><main id="main"><a href="articles/a.html#top">a</a>'
                   '<a href="articles/a.html#nowhere">x</a><img src="assets/logo.svg"><a href="https://e.com/">e</a>'),
    ("articles/a.html", '<h2 id="top">A</h2><a href="#top">t</a><a href="#gone">g</a><a href="../index.html">h</a>'
                        "<a href='../missing.html'>m</a><a href=\"b.html\">b</a><a HREF=\"../../outside.html\">o</a>"),
    ("articles/b.html", '<h2 id="other">B</h2><a href="#top">t</a><a href="a.html">a</a><a href="../">root</a>'
                        '<a href="../missing.html">m</a><a href="mailto:x@e.com">mail</a><a href="#gone">g</a>'),
]


def test_every_broken_link_is_named_with_its_page_in_page_order():
    assert check_links(PAGES, ["assets/logo.svg"]) == [
        BrokenLink("articles/a.html", "#gone"),
        BrokenLink("articles/a.html", "../missing.html"),
        BrokenLink("articles/a.html", "../../outside.html"),
        BrokenLink("articles/b.html", "#top"),          # b has no id "top", though a does
        BrokenLink("articles/b.html", "../missing.html"),
        BrokenLink("articles/b.html", "#gone"),
        BrokenLink("index.html", "articles/a.html#nowhere"),
    ]


def test_a_missing_asset_is_broken_and_a_whole_site_of_good_links_is_clean():
    assert check_links(PAGES[:1], []) == [BrokenLink("index.html", "articles/a.html#top"),
                                          BrokenLink("index.html", "articles/a.html#nowhere"),
                                          BrokenLink("index.html", "assets/logo.svg")]
    good = [("index.html", '<a href="#x" id="x">x</a><a href="a/b.html">b</a>'), ("a/b.html", '<a href="../">up</a>')]
    assert check_links(good, []) == []


# --- The build checks what users wrote, not the theme's own links (issue 14) ---


def test_only_pages_a_user_wrote_on_are_scanned_for_links_and_ids_wait_until_a_link_needs_them():
    page = '<a href="../entities/x.html">x</a><div class="prose"><a href="b.html#h" id="i">b</a></div>'
    plan = LinkPlan({"articles/a.html": ('<a href="b.html#h" id="i">b</a>',), "pages/about.html": None})
    assert plan.scan("articles/a.html", page) == (None, ("b.html#h",))
    assert plan.scan("pages/about.html", page) == scan_page(page)
    assert plan.scan("index.html", page) == scan_page(page)           # the config's links are on it
    assert plan.scan("entities/x.html", page) == GENERATED
    assert LinkPlan({}, whole_site=True).scan("entities/x.html", page) == scan_page(page)
    read = []
    pages = {"articles/a.html": (None, ("#i", "#gone", "b.html#h", "b.html#nope")), "articles/b.html": GENERATED}
    ids = {"articles/a.html": frozenset({"i"}), "articles/b.html": frozenset({"h"})}
    assert check_scanned(pages, set(), lambda url: read.append(url) or ids[url]) == [
        BrokenLink("articles/a.html", "#gone"), BrokenLink("articles/a.html", "b.html#nope")]
    assert sorted(set(read)) == ["articles/a.html", "articles/b.html"]


def build_warnings(root, monkeypatch, *extra) -> list[str]:
    monkeypatch.chdir(root)
    assert main(["build", "--no-search", "-q", "--report", "report.json", *extra]) == 0
    return json.loads((root / "report.json").read_text())["warnings"]


def write(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_what_users_wrote_is_still_checked_everywhere_it_can_be(tmp_path, monkeypatch):
    write(tmp_path, {
        "content/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n\n[top](#main) and [skip](#nowhere) "
                        "and [tags](../tags/index.html#no-such-id) and <a href=\"../gone.html\">raw</a>. Acme.\n",
        "content/b.md": "---\ntitle: B\ndate: 2020-01-02\n---\n\nAcme said [fine](../tags/index.html) and [a](a.md#main).\n",
        "content/pages/about.md": "---\ntitle: About\n---\n\nSee [the missing page](../nowhere.html).\n",
        "content/entities/acme.md": "---\nname: Acme\ntype: organization\n---\n\nRead [the lost page](lost.html).\n",
        "static/old.html": '<p><a href="gone-too.html">x</a></p>',
        "dossier.yml": "theme:\n  nav:\n    - Tips: tips.html\n",
    })
    # The same as when every page was scanned, except that the sidebar's broken config link is named on the
    # home page and the pages scanned whole, not on every page of the site.
    assert build_warnings(tmp_path, monkeypatch) == [
        "about.html: warning: broken link: ../nowhere.html",
        "about.html: warning: broken link: tips.html",
        "content/a.md:6: warning: broken link: #nowhere (on articles/a.html)",
        "content/a.md:6: warning: broken link: ../gone.html (on articles/a.html)",
        "content/a.md:6: warning: broken link: ../tags/index.html#no-such-id (on articles/a.html)",
        "entities/acme.html: warning: broken link: ../tips.html",
        "entities/acme.html: warning: broken link: lost.html",
        "index.html: warning: broken link: tips.html",
        "old.html: warning: broken link: gone-too.html",
    ]


def test_a_sites_own_templates_have_every_page_checked(tmp_path, monkeypatch):
    write(tmp_path, {"content/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n\nText.\n",
                     "templates/article.html": '{% extends "theme/article.html" %}'
                                               '{% block article_extras %}<a href="{{ link(\'x.html\') }}">x</a>{% endblock %}'})
    assert build_warnings(tmp_path, monkeypatch) == ["content/a.md:5: warning: broken link: ../x.html (on articles/a.html)"]
