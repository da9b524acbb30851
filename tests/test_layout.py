"""The package's layout shows the pipeline: stage subpackages in layers that import only downwards.

core < content < entities < render | output | search < engine < cli, serve (the top-level modules).
Render, output and search are one layer and do not import each other. Imports under
`if TYPE_CHECKING:` count too: a layer that needs another's types for its annotations is
reaching up all the same. And every module stays short enough to read in one sitting.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
LAYERS = {"core": 0, "content": 1, "entities": 2, "render": 3, "output": 3, "search": 3, "engine": 4, "": 5}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Modules of this package that a module imports, anywhere in it (lazy imports included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [f"{target}.{alias.name}" for alias in node.names] + [target]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            if candidate in known and candidate != "generator":
                found.add(candidate)
                break
    return found - {name}


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 else ""


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items() if name != "generator"}


def test_every_module_sits_in_a_known_layer():
    strays = [name for name in graph() if layer(name) not in LAYERS]
    assert not strays


def test_layers_import_only_downwards():
    upward = []
    for name, targets in graph().items():
        for target in targets:
            mine, theirs = layer(name), layer(target)
            if LAYERS[theirs] > LAYERS[mine] or (LAYERS[theirs] == LAYERS[mine] and theirs != mine):
                upward.append(f"{name} imports {target}")
    assert not upward, "\n".join(sorted(upward))


def test_no_import_circles():
    edges = graph()
    circles = set()

    def visit(name: str, trail: list[str]) -> None:
        for target in sorted(edges.get(name, ())):
            if target in trail:
                circle = trail[trail.index(target):]
                start = circle.index(min(circle))
                circles.add(" -> ".join(circle[start:] + circle[:start]))
            elif target not in done:
                visit(target, trail + [target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(edges):
        if name not in done:
            visit(name, [name])
    assert not circles, "\n".join(sorted(circles))


def test_every_package_and_module_opens_with_its_job():
    silent = [name for name, path in modules().items()
              if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert not silent


MAX_LINES = 420


def test_every_module_is_at_most_420_lines():
    """Modules small enough to read in one sitting: one job each, split by responsibility (issue 14)."""
    long = [f"{name}: {count} lines" for name, path in modules().items()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, "\n".join(long)
