"""The quick inline pass and the smarty pass give exactly Python-Markdown's own output."""

import re

import markdown
import pytest
from conftest import require_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from generator.content.config import MarkdownConfig
from generator.render.inline import (
    STARTS,
    TRIGGERS,
    QuickInlineProcessor,
    SmartyPass,
    quicken,
)
from generator.render.markup import BodyRenderer

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
    assert type(md.treeprocessors["smarty"]) is SmartyPass
    assert [type(p).__name__.replace("Quick", "").replace("SmartyPass", "InlineProcessor")
            for p in md.treeprocessors] == order
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


# Smarty's own test cases are in these; the rest are the places its patterns look at: the start of a
# text, what comes before and after a quote, placeholders of escapes, entities and raw HTML beside it.
SMARTY_SAMPLES = [
    "'Quoted' and \\'escaped\\' and \\\"escaped double\\\" and 'tis and '80s and 1980's",
    "\"'Nested at start,' she said,\" and '\"the other way\"' and \"'\" and '\"' alone",
    "End of a sentence.' Then 'a quote' -- and 'another'... and '...' and \"...\"",
    "&nbsp;'after nbsp' &mdash;\"after entity\" &#8211;'after decimal' --'after dashes' ---\"em\"",
    "----four and ---three-- two-- -one and ... and .... and . . . and ..",
    "*'em'* and **\"strong\"** and `'code'` and <b>'raw'</b> and <i>\"raw\"</i> 'x",
    "'[link](u)' and \"[link 'in' it](u)\" and ![alt 'q'](a.png) and <http://x.org/'q'>",
    "Mr. O'Neil's \"rock 'n' roll\" of the '60s, the dogs' bowls, 'twas 'em",
    "# 'Heading' -- \"quotes\"\n\n> 'Quoted' block...\n\n* 'item'\n* \"item\" --",
    "Text\n'next line' and \"next\"\nline's end'",
]


def smarty_pair():
    stock = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    fast = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    quicken(fast)
    return stock, fast


@pytest.mark.parametrize("text", SMARTY_SAMPLES)
def test_smarty_pass_equals_smarty(text):
    stock, fast = smarty_pair()
    assert fast.convert(text) == stock.convert(text)
    assert "&rsquo;" in stock.convert(text) or "&ndash;" in stock.convert(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="'\"-. \n\tab1s*_`<>&;\\[]()!#:", max_size=60))
def test_smarty_pass_equals_smarty_on_any_text_of_its_characters(text):
    stock, fast = smarty_pair()
    assert fast.convert(text) == stock.convert(text)


def test_the_smarty_pass_does_not_change_the_corpus_markup():
    """The default Markdown of a build, smarty's own pass against ours, on real articles."""
    bbc = require_shared("corpus", "bbc-news-nc")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(bbc.glob("*/*.txt"))[1::4]]
    stock = markdown.Markdown(extensions=list(MarkdownConfig().extensions), extension_configs={"smarty": {}})
    fast = markdown.Markdown(extensions=list(MarkdownConfig().extensions), extension_configs={"smarty": {}})
    quicken(fast)
    assert isinstance(fast.treeprocessors["smarty"], SmartyPass)
    for text in texts:
        stock.reset()
        fast.reset()
        assert fast.convert(text) == stock.convert(text)


def test_each_smarty_pattern_is_tried_where_its_matches_can_start():
    """STARTS says where each of smarty's patterns can match; a smarty that changes a pattern shows here."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    registry = md.treeprocessors["smarty"].inlinePatterns
    assert set(STARTS) == {item.name for item in registry._priority}
    for name, (needle, lead) in STARTS.items():
        source = registry[name].compiled_re.pattern
        body = re.sub(r"^(\^|\(\?<[=!][^)]*\)|\(\?<[=!]\[[^]]*\]\))*", "", source)   # anchors and lookbehinds
        literal = re.sub(r"\\(.)", r"\1", body)
        if lead == 0:
            assert literal.startswith(needle) or literal.startswith(f"{needle[0]}{{{len(needle)}}}"), (name, source)
        elif lead < 0:
            assert source.startswith("^" + re.escape(needle)[:1]) or source.startswith("^" + needle), (name, source)
        else:
            assert re.search(r"\)" + re.escape(needle), literal) and "&#8211;" in literal, (name, source)
