"""The quick inline pass gives exactly Python-Markdown's own output."""

import re

import markdown
import pytest
from markdown.treeprocessors import InlineProcessor

from generator.content.config import MarkdownConfig
from generator.render.inline import TRIGGERS, QuickInlineProcessor, quicken
from generator.render.markup import BodyRenderer

from conftest import require_shared

EXTENSIONS = ["extra", "toc", "admonition", "sane_lists", "smarty", "nl2br"]
CONFIGS = {"smarty": {"smart_angled_quotes": True}}

SAMPLES = [
    "Plain text with no markup at all, just words and a full stop.",
    "*em* and **strong** and ***both*** and _em_ and __strong__ and snake_case_word and 2*3*4",
    "A `code span with *stars* and [brackets]` and ``double `tick` span``.",
    "Escapes: \\*not em\\* and \\[not a link\\] and \\`not code\\` and \\\\ backslash.",
    "[inline](http://example.com \"Title\") [ref][1] [short] ![img](a.png) ![ref img][1] <http://auto.link> "
    "<me@example.com>\n\n[1]: http://example.com/ref\n[short]: /short",
    "Raw <span class=\"x\">*html*</span> and &amp; &copy; &#169; &#xA9; & lone ampersand < lone less-than",
    "Line  \nbreak with two spaces, and a soft\nnewline.",
    "Footnote here[^note] and [^missing].\n\n[^note]: The *note* text.",
    "\"Double\" and 'single' quotes, it's, the '90s, \"'nested'\" -- en --- em ... ellipsis .... four << angled >>",
    "# Heading with \"quotes\" -- and *em*\n\nText after [a *link* with 'quotes'](x.md).",
    "* item with **bold**\n* item with `code` and 'quote'\n\n1. one\n2. two -- dash",
    "| a | b |\n|---|---|\n| *x* | `y` |\n| 'q' | [l](u) |",
    "Term\n:   Definition with _em_ and \"quote\".",
    "!!! note \"Title\"\n    Admonition with *em* and 'quotes'...",
    "*unclosed emphasis and [unclosed bracket and `unclosed tick and <unclosed",
    "Abbr HTML here.\n\n*[HTML]: Hyper Text Markup Language",
    "A paragraph {: .cls } with attr_list\n{: #para-id }",
    "Mixed: **bold with [link](u) and `code`** then _em with 'quote'_ -- end...",
    "Non-Latin: Владимир Путин «цитата» and 東京 'quoted' -- 中文...",
]


def convert(text: str, quick: bool) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    if quick:
        quicken(md)
    return md.convert(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_quick_pass_output_equals_python_markdowns(text):
    assert convert(text, quick=True) == convert(text, quick=False)


def test_quicken_swaps_both_inline_passes_and_keeps_their_places():
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    order = [type(p).__name__ for p in md.treeprocessors]
    quicken(md)
    assert type(md.treeprocessors["inline"]) is QuickInlineProcessor
    assert type(md.treeprocessors["smarty"]) is QuickInlineProcessor
    assert [type(p).__name__.replace("Quick", "") for p in md.treeprocessors] == order
    renderer = BodyRenderer(MarkdownConfig())
    assert type(renderer.md.treeprocessors["inline"]) is QuickInlineProcessor


def test_every_default_pattern_has_triggers_that_its_regex_names():
    """A Python-Markdown that renames or rewrites a pattern shows up here, not as wrong output."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    registries = [md.inlinePatterns, md.treeprocessors["smarty"].inlinePatterns]
    for registry in registries:
        for name in TRIGGERS:
            if name not in registry:
                continue
            source = registry[name].compiled_re.pattern
            unescaped = re.sub(r"\\(.)", r"\1", source).replace("\\n", "\n")
            assert any(char in unescaped or (char == "\n" and "\\n" in source) for char in TRIGGERS[name]), name
        known = {id(registry[name]) for name in TRIGGERS if name in registry}
        unknown = [p for p in registry if id(p) not in known]
        assert not unknown, f"patterns without triggers are always tried: {unknown}"


def test_unknown_patterns_are_always_tried():
    class Wiki(markdown.Extension):
        def extendMarkdown(self, md):
            from markdown.inlinepatterns import SimpleTagInlineProcessor
            md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "strike", 65)

    md = markdown.Markdown(extensions=[Wiki()])
    quicken(md)
    assert md.convert("a ~~gone~~ b") == "<p>a <del>gone</del> b</p>"
    assert isinstance(md.treeprocessors["inline"], InlineProcessor)


def test_quick_pass_output_equals_python_markdowns_on_real_articles():
    folder = require_shared("corpus", "wikinews-gum")
    bbc = require_shared("corpus", "bbc-news-nc")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(bbc.glob("*/*.txt"))[::5]]
    assert len(texts) > 400
    stock = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    quick = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    quicken(quick)
    for text in texts:
        stock.reset()
        quick.reset()
        assert quick.convert(text) == stock.convert(text)
