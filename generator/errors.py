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
