"""Entity files: content/entities/<id>.md with name, type, aliases and same_as, and a Markdown description."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..content import urls
from ..content.articles import ENTITY_FOLDER, _string_list, display_name, read_source
from ..content.errors import Problem, error
from ..content.front_matter import load_yaml, split_front_matter
from .discovery import ENTITY_TYPES, EntitySpec

ENTITY_FIELDS = ("name", "type", "aliases", "weak_aliases", "only_with", "same_as")


def parse_entity_file(path: str, text: str, *, display_path: str | None = None
                      ) -> tuple[EntitySpec | None, dict[str, int], list[Problem]]:
    """Parse one entity file (pure): the spec, the line of each front matter key, and any problems.

    The id is the file name's stem, as a slug."""
    shown = display_path or path
    try:
        front, body, _ = split_front_matter(text)
    except ValueError as exc:
        return None, {}, [error(shown, 1, str(exc))]
    if front is None:
        return None, {}, [error(shown, 1, "no front matter: an entity file starts with '---', a YAML block with at least a name, and '---'")]
    data, lines, problems = load_yaml(front, shown)
    if data is None:
        return None, {}, problems
    for key in data:
        if key not in ENTITY_FIELDS:
            problems.append(error(shown, lines.get(key, 1), f"unknown key {key!r} in an entity file; valid keys are: {', '.join(ENTITY_FIELDS)}"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(error(shown, lines.get("name", 1), "missing name"))
    kind = data.get("type", "other")
    if kind not in ENTITY_TYPES:
        problems.append(error(shown, lines.get("type", 1), f"type {kind!r} must be one of: {', '.join(ENTITY_TYPES)}"))
    lists = {}
    for key in ("aliases", "weak_aliases", "only_with", "same_as"):
        values = _string_list(data[key]) if data.get(key) is not None else ()
        if values is None:
            problems.append(error(shown, lines.get(key, 1), f"{key} must be a string or a list of strings"))
        lists[key] = values or ()
    for url in lists["same_as"]:
        if not re.match(r"https?://\S+$", url):
            problems.append(error(shown, lines.get("same_as", 1), f'same_as "{url}" must be an http or https address'))
    entity_id = urls.slugify(Path(path).stem)
    if not entity_id:
        problems.append(error(shown, None, "the file name cannot make an entity id"))
    if problems:
        return None, lines, problems
    spec = EntitySpec(id=entity_id, name=name.strip(), type=kind, aliases=tuple(lists["aliases"]),
                      same_as=tuple(lists["same_as"]), description=body.strip(), path=shown,
                      weak_aliases=tuple(lists["weak_aliases"]), only_with=tuple(lists["only_with"]))
    return spec, lines, []


def entity_problem_line(lines: dict[str, int], kind: str) -> int:
    """The line to blame for a problem found after parsing: the aliases for a conflict, else the name."""
    if kind == "alias-conflict":
        return lines.get("aliases", lines.get("name", 1))
    return lines.get("name", 1)


def load_entity_specs(content_dir: Path) -> tuple[list[EntitySpec], dict[str, dict[str, int]], list[Problem]]:
    """Read content/entities/*.md in a stable order: specs, key lines by display path, problems."""
    folder = content_dir / ENTITY_FOLDER
    specs: list[EntitySpec] = []
    lines: dict[str, dict[str, int]] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return specs, lines, problems
    files: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(error(display_name(Path(exc.filename), None), None,
                              f"cannot read this folder ({exc.strerror}), so its entity files would be missing"))

    for root, _, names in os.walk(folder, onerror=unreadable):
        files += [Path(root) / name for name in names if name.endswith(".md")]
    for file in sorted(files):
        shown = f"{display_name(file.parent, None)}/{file.name}"   # a link by its own name, not its target's
        text, found = read_source(str(file), shown)
        if text is None:
            problems.extend(found)
            continue
        spec, lines[shown], found = parse_entity_file(file.relative_to(content_dir).as_posix(), text, display_path=shown)
        problems.extend(found)
        if spec is not None:
            specs.append(spec)
    return specs, lines, problems
