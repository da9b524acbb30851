"""HTML in an owner's Markdown: kept as written by default (as MkDocs does), escaped with
`markdown.raw_html: false`, which also drops links and images that would run script."""

from __future__ import annotations

import re

import pytest

from generator.cli import main
from generator.content.config import MarkdownConfig, config_from_dict
from generator.content.errors import UsageError
from generator.render.markup import BodyRenderer, runs_script

HOSTILE = """<script>alert(1)</script>

Text <img src=x onerror=alert(2)> and [a](javascript:alert(3)) and [b]( JaVa
Script:alert(4)) and [c](vbscript:msgbox) and [d](data:text/html,x) and [ok](https://example.org/a).

![photo](data:image/png;base64,iVBORw0KGgo=) ![drawing](data:image/svg+xml,x)
"""


def render(body: str, raw_html: bool) -> str:
    return BodyRenderer(MarkdownConfig(raw_html=raw_html)).render(body, source_path="a.md", page_url="articles/a.html").html


def test_raw_html_goes_out_as_written_by_default():
    assert MarkdownConfig().raw_html is True
    html = render(HOSTILE, True)
    assert "<script>alert(1)</script>" in html and "onerror=alert(2)" in html


def test_raw_html_false_escapes_html_and_drops_script_urls():
    html = render(HOSTILE, False)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img src=x" not in html
    for scheme in ("javascript", "JaVa", "vbscript", "data:text"):
        assert f'href="{scheme}' not in html, scheme
    assert "<a>a</a>" in html and '<a href="https://example.org/a">ok</a>' in html
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in html
    assert "svg" not in html


@pytest.mark.parametrize("url, image, expected", [
    ("javascript:alert(1)", False, True), (" \tJAVA\nSCRIPT:alert(1)", False, True), ("vbscript:x", False, True),
    ("data:text/html,<b>", False, True), ("data:image/png;base64,AA", True, False),
    ("data:image/svg+xml,<svg>", True, True), ("data:image/png;base64,AA", False, True),
    ("https://example.org/javascript:", False, False), ("../javascript.html", False, False), ("#top", False, False),
])
def test_urls_that_run_script(url, image, expected):
    assert runs_script(url, image=image) is expected


def test_the_config_switch_is_a_boolean():
    assert config_from_dict({"markdown": {"raw_html": False}}).markdown.raw_html is False
    with pytest.raises(UsageError, match="markdown.raw_html must be true or false"):
        config_from_dict({"markdown": {"raw_html": "no"}})


def test_a_site_built_with_raw_html_false_runs_no_script_from_its_articles(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\ndate: 2020-01-01\n---\n\n" + HOSTILE, encoding="utf-8")
    (tmp_path / "dossier.yml").write_text("markdown:\n  raw_html: false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--no-search", "-q"]) == 0
    page = (tmp_path / "site" / "articles" / "a.html").read_text(encoding="utf-8")
    # JSON-LD is data: the summary's text may hold "onerror=" there, as long as no "<" can open a tag.
    data = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert data and all("<" not in block for block in data)
    page = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    assert "alert(1)</script>" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "javascript:" not in page.lower().replace("\n", "")
