"""Output files as values: each carries the digest of what made it, so an unchanged one can be reused."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Output:
    url: str                     # root-relative path in the output folder
    key: str                     # digest of everything the file was made from
    text: str | None = None      # the content; None when the previous build's file is reused unchanged
    source: Path | None = None   # a file copied as is (theme assets, images, static files)
    written: bool = False        # already written into the staged output by the worker that rendered it
    scan: tuple | None = None    # for a page rendered this build: (ids, links), for the link check

    @property
    def reused(self) -> bool:
        """The renderer found the previous build's file unchanged and intact (it checked its stat)."""
        return self.text is None and self.source is None and not self.written

    @property
    def is_page(self) -> bool:
        return self.url.endswith((".html", ".htm"))


def text_output(url: str, text: str) -> Output:
    """A generated file whose content is cheap to make: keyed by the content itself."""
    return Output(url, hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest(), text)


def copied_output(url: str, source: Path) -> Output:
    return Output(url, hashlib.blake2b(source.read_bytes(), digest_size=20).hexdigest(), None, source)
