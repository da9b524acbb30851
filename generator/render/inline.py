"""Python-Markdown's inline passes, skipping the patterns that cannot match a piece of text.

Python-Markdown tries every inline pattern on every run of text: about fifteen for the core syntax
and twenty more for smarty, each a Python call, although a plain sentence holds none of their
characters. Every built-in pattern needs at least one particular character ("[" for links, "*" or
"_" for emphasis, a quote for smarty's quotes), so a pattern whose characters are all absent cannot
match and is skipped, exactly as if it had been tried and had not matched. Patterns this table does
not know (from other extensions) are always tried. The output is unchanged: Python-Markdown's own
test suite passes with this pass in place, and tests/test_inline.py compares the two on real text.

Smarty's typography gets a pass of its own (SmartyPass): its own patterns, in its order, over the same
text, without the inline machinery around them (which was 57% of Markdown's time on news text).
"""

from __future__ import annotations

import re

from markdown import util
from markdown.treeprocessors import InlineProcessor, Treeprocessor

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


class SmartyPass(Treeprocessor):
    """Smarty's pass, the same text for the same tree: each of its patterns in turn, over every text
    and tail below the root that is not an AtomicString (code), each match replaced before the next
    search, as InlineProcessor does.

    There a replacement becomes an opaque placeholder, STX ... ETX, that later patterns cannot see into
    (a space an opening quote took is no longer a space). Here it is STX STX, a number, ETX: the same
    characters at its edges, which are all that smarty's patterns can look at, and no quote, dash,
    dot, space or "&" inside, so every pattern matches exactly where it would have.
    """

    def __init__(self, md, patterns):
        super().__init__(md)
        self.inlinePatterns = patterns    # smarty's Registry of SubstituteTextPattern (its name there)

    def run(self, root):
        ordered = list(self.inlinePatterns)     # sorts the registry by priority, as its _priority list
        patterns = [(p.compiled_re, p.replace, _finder(p.compiled_re, *STARTS[item.name]) if item.name in STARTS else None)
                    for p, item in zip(ordered, self.inlinePatterns._priority)]
        stash, pieces = self.md.htmlStash, []

        def replaced(match, replace) -> str:
            pieces.append("".join(match.group(part) if isinstance(part, int) else stash.store(part) for part in replace))
            return f"\x02\x02{len(pieces) - 1}\x03"

        def educate(text: str) -> str:
            if isinstance(text, util.AtomicString) or not any(c in text for c in "'\"-.<>"):
                return text
            pieces.clear()
            for regex, replace, find in patterns:
                find = find or regex.search
                match = find(text, 0)
                while match:
                    mark = replaced(match, replace)
                    text = text[:match.start()] + mark + text[match.end():]
                    match = find(text, match.start() + len(mark))
            return _MARK.sub(lambda m: pieces[int(m.group(1))], text) if pieces else text

        for element in root.iter():
            if element is not root and element.text:
                element.text = educate(element.text)
            if element is not root and element.tail:
                element.tail = educate(element.tail)


# Where each of smarty's patterns can match: (a text every match holds, how far before it a match may
# start). An opening quote takes the space, dash or "&#8211;" before it (up to 7 characters); the two
# "^" patterns match only at the start. A pattern not listed is searched for everywhere.
STARTS: dict[str, tuple[str, int]] = {
    "smarty-em-dashes": ("---", 0), "smarty-en-dashes": ("--", 0), "smarty-ellipses": ("...", 0),
    "smarty-left-angle-quotes": ("<<", 0), "smarty-right-angle-quotes": (">>", 0),
    "smarty-quotes-0": ("'", -1), "smarty-quotes-1": ('"', -1), "smarty-quotes-2": ("\"'", 0),
    "smarty-quotes-3": ("'\"", 0), "smarty-quotes-4": ("'\"", 0), "smarty-quotes-5": ("\"'", 0),
    "smarty-quotes-6": ("'", 0), "smarty-quotes-7": ("'", 7), "smarty-quotes-8": ("'", 0),
    "smarty-quotes-9": ("'", 0), "smarty-quotes-10": ("'", 0), "smarty-quotes-11": ('"', 7),
    "smarty-quotes-12": ('"', 0), "smarty-quotes-13": ('"', 0), "smarty-quotes-14": ('"', 0),
}


def _finder(regex: re.Pattern, needle: str, lead: int):
    """regex.search(text, pos) for a pattern whose every match holds `needle` at most `lead` characters
    from its start (lead -1: only at the start of the text), tried only there instead of everywhere."""
    if lead < 0:
        return lambda text, pos: regex.match(text) if pos == 0 else None

    def find(text: str, pos: int):
        tried = pos
        at = text.find(needle, pos)
        while at >= 0:
            for start in range(max(tried, at - lead), at + 1):
                match = regex.match(text, start)
                if match:
                    return match
            tried = at + 1
            at = text.find(needle, tried)
        return None
    return find


_MARK = re.compile("\x02\x02(\\d+)\x03")   # Markdown's own placeholders never start with two STX


def quicken(md) -> None:
    """Swap the quick pass in for the core inline pass and smarty's, keeping their place and state."""
    if not hasattr(InlineProcessor, "_InlineProcessor__applyPattern"):
        return             # a Python-Markdown whose inner loop looks different: keep its own pass
    for name in ("inline", "smarty"):
        if name in md.treeprocessors and type(md.treeprocessors[name]) is InlineProcessor:
            md.treeprocessors[name].__class__ = QuickInlineProcessor
    if "smarty" in md.treeprocessors and type(md.treeprocessors["smarty"]) is QuickInlineProcessor and \
            all(type(p).__name__ == "SubstituteTextPattern" for p in md.treeprocessors["smarty"].inlinePatterns):
        priority = next(item.priority for item in md.treeprocessors._priority if item.name == "smarty")
        md.treeprocessors.register(SmartyPass(md, md.treeprocessors["smarty"].inlinePatterns), "smarty", priority)
