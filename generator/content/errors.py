"""Build problems: one type for every content error or warning, and the one place that formats them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in a user's file. `line` is 1-based, or None when the whole file is meant."""

    path: str
    line: int | None
    message: str
    level: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{_one_line(self.path)}:{self.line}" if self.line else _one_line(self.path)
        prefix = "warning: " if self.level == "warning" else ""
        return f"{where}: {prefix}{_one_line(self.message)}"


def _one_line(text: str) -> str:
    """A file name or value with a line break or terminal escape in it, escaped: one problem, one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)


def error(path: str, line: int | None, message: str) -> Problem:
    return Problem(path, line, message, "error")


def warning(path: str, line: int | None, message: str) -> Problem:
    return Problem(path, line, message, "warning")



class UsageError(Exception):
    """A mistake in how Dossier was called or configured: exit code 2, no traceback."""


class BuildFailed(Exception):
    """Raised when content errors stop a build; carries every problem found so far."""

    def __init__(self, problems: list[Problem], result=None):
        super().__init__(f"{sum(p.level == 'error' for p in problems)} error(s)")
        self.problems = problems
        self.result = result  # the partial BuildResult, for --report


# Problems that many files can share, told by how their message starts, with the words for a count of them.
_KINDS = {
    "no date;": "articles have no date and are listed as undated",
    "links to a missing article:": "links point to missing articles",
    "shows a missing image:": "images are missing",
    "broken link:": "links are broken",
}
GROUP_FROM = 3  # this many problems of one kind print as one line with a count, unless -v


def _kind(message: str) -> str:
    return next((start for start in _KINDS if message.startswith(start)), message)


def report_lines(problems: list[Problem], *, verbose: bool = False, quiet: bool = False) -> list[str]:
    """The lines to print for `problems` (sorted): each as `path:line: message`, except that a kind of
    problem many files share is one line with a count; `verbose` lists every one, `quiet` only errors."""
    shown = [p for p in problems if p.level == "error" or not quiet]
    if verbose:
        return [str(p) for p in shown]
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in shown:
        groups.setdefault((problem.level, _kind(problem.message)), []).append(problem)
    lines, done = [], set()
    for problem in shown:
        key = (problem.level, _kind(problem.message))
        members = groups[key]
        if len(members) < GROUP_FROM:
            lines.append(str(problem))
        elif key not in done:
            done.add(key)
            what = f"{len(members)} {_KINDS[key[1]]}" if key[1] in _KINDS else f"{len(members)} times: {key[1]}"
            lines.append(f"{problem.level}: {what} (first: {problem.path}; run with -v to list them)")
    return lines
