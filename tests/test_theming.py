"""Theme extension in the MkDocs way: override one block, add CSS and JS, set a logo, a brand colour,
a footer and links in the config, and replace a theme asset from the site's folders."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def site_with(tmp_path: Path, config: str = "", files: dict[str, str] | None = None) -> Path:
    content = tmp_path / "content"
    content.mkdir(parents=True)
    for name, title in (("a", "Vladimir Putin in Tehran"), ("b", "Tehran talks")):
        (content / f"{name}.md").write_text(f"---\ntitle: {title}\ndate: 2016-02-0{len(name) + 1}\n---\n"
                                            "Vladimir Putin met officials in Tehran.\n", encoding="utf-8")
    for rel, text in (files or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    (tmp_path / "dossier.yml").write_text("title: Newsroom\n" + config, encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--no-search", "--strict"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_a_site_template_extends_the_themes_and_changes_one_block(tmp_path):
    site = site_with(tmp_path, files={
        "templates/base.html": '{% extends "theme/base.html" %}\n'
                               '{% block extra_head %}<meta name="x-newsroom" content="yes">{% endblock %}\n'
                               '{% block footer %}<footer class="site-footer">Our own footer</footer>{% endblock %}\n'})
    for page in ("index.html", "articles/a.html", "entities/vladimir-putin.html", "search.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert '<meta name="x-newsroom" content="yes">' in html and "Our own footer" in html, page
        assert 'class="site-header"' in html, page  # everything else is still the theme's


def test_the_config_sets_logo_colour_footer_links_css_and_js(tmp_path):
    site = site_with(tmp_path, config=(
        "theme:\n  logo: logo.svg\n  brand_color: '#7a1f5c'\n  footer: © The Newsroom\n"
        "  nav:\n    - About us: https://example.org/about\n    - Tips: tips.html\n"
        "  extra_css: [css/house.css]\n  extra_js: [js/house.js]\n"),
        files={"static/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "static/css/house.css": "body{}",
               "static/js/house.js": "", "static/tips.html": "<p>tips</p>"})
    html = (site / "articles" / "a.html").read_text(encoding="utf-8")
    assert '<img class="site-logo site-logo--image" src="../logo.svg"' in html
    assert "--accent:#7a1f5c" in html and "© The Newsroom" in html
    assert '<link rel="stylesheet" href="../css/house.css">' in html
    assert '<script src="../js/house.js" defer></script>' in html
    assert 'href="https://example.org/about">About us</a>' in html and 'href="../tips.html">Tips</a>' in html


def test_a_missing_extra_stylesheet_is_a_broken_link(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\ndate: 2016-01-01\n---\nText.\n", encoding="utf-8")
    (tmp_path / "dossier.yml").write_text("theme:\n  extra_css: [missing.css]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--no-search", "-v"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert "missing.css" in result.stderr


def test_a_bad_colour_or_nav_is_a_config_error(tmp_path):
    (tmp_path / "dossier.yml").write_text("theme:\n  brand_color: 'red; background: url(x)'\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert result.returncode == 2 and "theme.brand_color must be a CSS colour" in result.stderr


def test_the_sites_own_assets_replace_the_themes(tmp_path):
    site = site_with(tmp_path, files={"templates/assets/dossier.js": "/* ours */"})
    assert (site / "assets" / "dossier.js").read_text() == "/* ours */"
    site = site_with(tmp_path / "two", files={"static/assets/dossier.css": "/* static wins */"})
    assert (site / "assets" / "dossier.css").read_text() == "/* static wins */"


def test_standalone_pages_are_linked_searchable_and_in_no_list(tmp_path):
    site = site_with(tmp_path, files={
        "content/pages/about.md": "---\ntitle: About us\nweight: 1\n---\nWe are a *newsroom*.\n\n## Contact\n\nWrite.\n",
        "content/pages/method.md": "---\ntitle: Method\nslug: how-we-work\nweight: 2\n---\nHow we work.\n",
        "content/pages/hidden.md": "---\ntitle: Imprint\nnav: false\n---\nLegal text.\n"})
    about = (site / "about.html").read_text(encoding="utf-8")
    assert "<em>newsroom</em>" in about and "data-pagefind-body" in about and 'href="#contact"' in about
    assert (site / "how-we-work.html").exists() and (site / "hidden.html").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.index('href="about.html">About us') < home.index('href="how-we-work.html">Method')
    assert "hidden.html" not in home  # nav: false
    assert "About us" not in (site / "feed.xml").read_text(encoding="utf-8")
    assert not (site / "articles" / "about.html").exists()  # a page is no article


def test_a_page_on_a_generated_pages_address_is_an_error_naming_it(tmp_path):
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\ndate: 2016-01-01\n---\nText.\n", encoding="utf-8")
    (tmp_path / "content" / "pages" / "search.md").write_text("---\ntitle: Find\nextra: 1\n---\nx\n",
                                                               encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--no-search"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/pages/search.md:3: unknown key 'extra' for a page" in result.stderr
    (tmp_path / "content" / "pages" / "search.md").write_text("---\ntitle: Find\n---\nx\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "--no-search"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "search.html" in result.stderr and "content/pages/search.md" in result.stderr


def test_narrow_screens_get_the_contents_folded_under_the_title(tmp_path):
    site = site_with(tmp_path, files={"content/c.md": "---\ntitle: Parts\ndate: 2016-02-05\n---\nIntro.\n\n"
                                                      "## First part\n\nText.\n\n## Second part\n\nMore.\n"})
    html = (site / "articles" / "c.html").read_text(encoding="utf-8")
    fold = html[html.index('<details class="toc-fold"'):html.index("</details>")]
    assert 'href="#first-part"' in fold and 'href="#second-part"' in fold
    assert '<details class="toc-fold"' not in (site / "articles" / "a.html").read_text(encoding="utf-8")
