"""Front matter: split it from the body and load its YAML into a dict with the line of each key (pure).

Anything YAML or a page cannot hold (a control character, a lone surrogate, nesting too deep for
the stages after this one) becomes a problem on its line here, never an exception further on.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem, error

# libyaml's parser is several times faster than the pure-Python one and gives the same marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """A safe loader that leaves dates as strings, so we validate them and report the line ourselves."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _PureLoader(yaml.SafeLoader):
    """The pure-Python loader: slower, but its error messages and marks are the clearer ones, and
    where libyaml's C recursion could overflow the stack it raises RecursionError instead."""


_PureLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

MAX_DEPTH = 32          # lists and mappings inside each other; later stages (digests, pickles) recurse
_MAY_BE_DEEP = 100      # more possible openers than this, and only the pure-Python loader reads it

# What YAML's reader refuses (yaml.reader.Reader.NON_PRINTABLE), plus the lone surrogates a
# double-quoted "\ud800" makes, which no UTF-8 page can hold.
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_OPENERS = re.compile(r"[\[{]|(?:^|\s)[-?](?=\s)")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter YAML or None, body, line number where the body starts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    raise ValueError("front matter starts with '---' on line 1 but is never closed")


def describe_character(char: str) -> str:
    """'U+000B (a control character)': how messages name a character the reader cannot see."""
    code = ord(char)
    kind = ("half of a surrogate pair" if 0xD800 <= code <= 0xDFFF else
            "a noncharacter" if code in (0xFFFE, 0xFFFF) else "a control character")
    return f"U+{code:04X} ({kind})"


def unprintable(text: str) -> str | None:
    """The first character of `text` that YAML or a UTF-8 page cannot hold, or None."""
    found = _UNPRINTABLE.search(text)
    return found.group() if found else None


def load_yaml(front: str, path: str) -> tuple[dict | None, dict[str, int], list[Problem]]:
    """Parse front matter; line numbers are offset by 1 for the opening '---'."""
    bad = _UNPRINTABLE.search(front)
    if bad:
        line = front.count("\n", 0, bad.start()) + 2
        return None, {}, [error(path, line, f"front matter holds the character {describe_character(bad.group())}, "
                                            "which YAML does not allow; delete it")]
    # libyaml nests in C: input nested deeply enough overflows its stack and kills the process.
    # Only the pure-Python loader, whose recursion Python bounds, reads what may nest that deep.
    loader_class = _PureLoader if len(_OPENERS.findall(front)) > _MAY_BE_DEEP else _Loader
    data, lines, problems = _load(front, path, loader_class)
    if problems and loader_class is not _PureLoader:
        return _load(front, path, _PureLoader)  # its messages are clearer
    return data, lines, problems


def _load(front: str, path: str, loader_class: type) -> tuple[dict | None, dict[str, int], list[Problem]]:
    loader = None
    try:
        loader = loader_class(front)
        node = loader.get_single_node()
        if node is None:
            return {}, {}, []
        if not isinstance(node, yaml.MappingNode):
            return None, {}, [error(path, node.start_mark.line + 2, "front matter must be a mapping of keys to values")]
        too_deep = _too_deep(node)
        if too_deep is not None:
            return None, {}, [error(path, too_deep.start_mark.line + 2,
                                    f"front matter nests lists or mappings more than {MAX_DEPTH} deep, or inside themselves")]
        lines = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault(key_node.value, key_node.start_mark.line + 2)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        return None, {}, [error(path, _error_line(exc, front), f"invalid front matter: {_error_text(exc)}")]
    except RecursionError:
        return None, {}, [error(path, _deep_line(front), f"front matter nests lists or mappings more than {MAX_DEPTH} deep")]
    finally:
        if loader is not None:
            loader.dispose()
    problems = _unprintable_values(data, lines, path)
    return (None if problems else data), lines, problems


def _error_line(exc: yaml.YAMLError, front: str) -> int:
    """The file line of a YAML error. When the text ends inside something never closed (a quote, a
    bracket), the place it was opened is the line to fix, not the end of the front matter."""
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if problem is not None and context is not None and problem.index >= len(front):
        return context.line + 2
    if problem is not None:
        return problem.line + 2
    return context.line + 2 if context is not None else 1


def _deep_line(front: str) -> int:
    """The file line where brackets or dashes first open more than MAX_DEPTH levels (roughly: quotes
    are not read), for input too deep to parse at all."""
    depth = 0
    for number, line in enumerate(front.split("\n")):
        dashes = len(re.match(r"(?:\s*[-?](?=\s))*", line).group().split())
        if dashes > MAX_DEPTH:
            return number + 2
        for bracket in re.findall(r"[\[\]{}]", line):
            depth += 1 if bracket in "[{" else -1
            if depth > MAX_DEPTH:
                return number + 2
    return 2


def _error_text(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem and "end of stream" in problem and context and "quoted scalar" in context:
        return "a quoted value starts here and is never closed"
    return problem or str(exc).splitlines()[0]


def _too_deep(mapping: yaml.MappingNode) -> yaml.Node | None:
    """The first top-level key whose value nests more than MAX_DEPTH deep, or inside itself (a YAML
    anchor used within its own value); None when there is none.

    Iterative, so it never recurses itself, and each node is measured once: values that an anchor
    shares a thousand times over cost no more than one.
    """
    height: dict[int, int] = {}
    for key_node, value_node in mapping.value:
        for top in (key_node, value_node):
            if _height(top, height) > MAX_DEPTH:
                return key_node
    return None


def _height(root: yaml.Node, height: dict[int, int]) -> int:
    """How deep lists and mappings nest below `root`; more than MAX_DEPTH for a node inside itself."""
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in height:
            continue
        children = [] if isinstance(node, yaml.ScalarNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
        if children_done:
            open_nodes.discard(id(node))
            height[id(node)] = 1 + max((height[id(c)] for c in children), default=-1)
            continue
        if id(node) in open_nodes:
            return MAX_DEPTH + 1       # reached again before it was measured: it holds itself
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in children:
            if id(child) in open_nodes:
                return MAX_DEPTH + 1
            stack.append((child, False))
        if len(open_nodes) > MAX_DEPTH + 1:
            return MAX_DEPTH + 1
    return height[id(root)]


def _unprintable_values(data: dict, lines: dict[str, int], path: str) -> list[Problem]:
    """Characters that an escape in a double-quoted value let through ("\\0", "\\ud800"), on the
    line of the top-level key that holds them."""
    problems = []
    seen: set[int] = set()
    for key, value in data.items():
        stack = [key, value]
        while stack:
            item = stack.pop()
            if isinstance(item, (dict, list, tuple)):
                if id(item) in seen:
                    continue
                seen.add(id(item))
            if isinstance(item, str):
                bad = unprintable(item)
                if bad:
                    line = lines.get(key, 1) if isinstance(key, str) else 1
                    problems.append(error(path, line, f"{key if isinstance(key, str) else 'a key'} holds the character "
                                                      f"{describe_character(bad)}, which no page can hold; remove it"))
                    break
            elif isinstance(item, dict):
                stack.extend(k for pair in item.items() for k in pair)
            elif isinstance(item, (list, tuple)):
                stack.extend(item)
    return problems
