"""Progress on a terminal for the long stages: a one-line counter or a stage name, silent in CI and pipes."""

from __future__ import annotations

import sys


class Progress:
    """A one-line counter (`total` > 0) or the name of a running stage (`total` 0) on stderr.

    Shown only when the command switched it on (not -q) and stderr is a terminal, so CI logs, pipes
    and tests see nothing and output stays deterministic. Counters show only for long stages.
    """

    enabled = False

    def __init__(self, label: str, total: int = 0):
        self.label, self.total, self.count = label, total, 0
        self.show = Progress.enabled and (total == 0 or total >= 200) and sys.stderr.isatty()
        if self.show and total == 0:
            sys.stderr.write(f"\r\033[K{label}…")
            sys.stderr.flush()

    def step(self, by: int = 1) -> None:
        self.count = min(self.total, self.count + by)
        if self.show and self.total and (self.count % 100 < by or self.count == self.total):
            sys.stderr.write(f"\r{self.label} {self.count}/{self.total}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.show:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
