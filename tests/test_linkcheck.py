"""The built-in link check: every local href/src reaches a file, every #fragment an id."""

from generator.output.linkcheck import BrokenLink, check_links

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
