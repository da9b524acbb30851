"""Python-Markdown's inline passes, skipping the patterns that cannot match a piece of text.

Python-Markdown tries every inline pattern on every run of text: about fifteen for the core syntax
and twenty more for smarty, each a Python call, although a plain sentence holds none of their
characters. Every built-in pattern needs at least one particular character ("[" for links, "*" or
"_" for emphasis, a quote for smarty's quotes), so a pattern whose characters are all absent cannot
match and is skipped, exactly as if it had been tried and had not matched. Patterns this table does
not know (from other extensions) are always tried. The output is unchanged: Python-Markdown's own
test suite passes with this pass in place, and tests/test_inline.py compares the two on real text.
"""

from __future__ import annotations

from markdown import util
from markdown.treeprocessors import InlineProcessor

# Pattern name -> characters of which any match must contain at least one.
TRIGGERS: dict[str, str] = {
    "backtick": "`", "escape": "\\", "footnote": "[",
    "reference": "[", "link": "[", "image_link": "[", "image_reference": "[",
    "short_reference": "[", "short_image_ref": "[",
    "autolink": "<", "automail": "<", "html": "<", "linebreak": "\n", "nl": "\n", "entity": "&",
    "em_strong": "*_", "em_strong2": "_", "not_strong": "*_", "strong_em": "*_",
    "smarty-em-dashes": "-", "smarty-en-dashes": "-", "smarty-ellipses": ".",
    "smarty-left-angle-quotes": "<", "smarty-right-angle-quotes": ">",
    **{f"smarty-quotes-{n}": "'\"" for n in range(15)},
}


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's InlineProcessor with the trigger test in front of each pattern."""

    _triggers: list[str | None] = []
    _patterns: tuple = ()

    def run(self, tree, ancestors=None):
        registry = self.inlinePatterns
        patterns = tuple(registry)         # held, so no other pattern can take one of their ids
        if patterns != self._patterns:     # worked out again only when the registry changes
            known = {id(registry[name]): chars for name, chars in TRIGGERS.items() if name in registry}
            self._triggers = [known.get(id(pattern)) for pattern in patterns]
            self._patterns = patterns
        return super().run(tree, ancestors)

    # Overrides InlineProcessor.__handleInline (name-mangled), which run() and the pattern
    # application call for every run of text. Same loop, plus the skip.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if isinstance(data, util.AtomicString):
            return data
        patterns, triggers = self.inlinePatterns, self._triggers
        apply = self._InlineProcessor__applyPattern
        start = 0
        count = len(patterns)
        while patternIndex < count:
            chars = triggers[patternIndex]
            if chars is not None and not any(char in data for char in chars):
                patternIndex += 1
                start = 0          # what a pattern that did not match returns
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def quicken(md) -> None:
    """Swap the quick pass in for the core inline pass and smarty's, keeping their place and state."""
    if not hasattr(InlineProcessor, "_InlineProcessor__applyPattern"):
        return             # a Python-Markdown whose inner loop looks different: keep its own pass
    for name in ("inline", "smarty"):
        if name in md.treeprocessors and type(md.treeprocessors[name]) is InlineProcessor:
            md.treeprocessors[name].__class__ = QuickInlineProcessor
