"""Run Pagefind over the written site, and make its index usable from disk as well as over http."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..content.errors import UsageError
from ..core.lifetime import child_setup
from .offline import OfflineSearchError, make_offline_search
from ..core.progress import Progress
from .order import PagefindBundleError, canonicalize_pagefind


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise UsageError("search needs the pagefind-bin package: pip install pagefind-bin (or build with --no-search)") from None
    return str(get_executable())


def run_pagefind(site_dir: Path, extra_args: tuple[str, ...] = (), *, verbose: bool = False,
                 bundle: Path | None = None) -> None:
    """Index site_dir into `bundle` (by default site_dir/pagefind).

    --keep-index-url keeps result links on real files, which file:// browsing needs.
    """
    bundle = bundle or site_dir / "pagefind"
    command = [pagefind_executable(), "--site", str(site_dir), "--output-path", str(bundle), "--keep-index-url",
               *extra_args]
    if not verbose:
        command.append("--silent")
    stage = Progress("indexing for search (Pagefind)") if not verbose else None  # -v shows Pagefind's own output
    try:
        # Pagefind dies with the build: killed outright, it would go on indexing a folder nobody wants.
        result = subprocess.run(command, capture_output=not verbose, text=True, preexec_fn=child_setup())
    finally:
        if stage:
            stage.done()
    if result.returncode != 0:
        detail = (result.stderr or result.stdout or "").strip()
        raise UsageError(f"pagefind failed (exit {result.returncode}): {detail}")
    try:
        # Pagefind 1.5 writes some lists in hash-map order; sort them before anything copies the files.
        canonicalize_pagefind(bundle)
    except PagefindBundleError as exc:
        raise UsageError(f"pagefind: {exc}") from None
    try:
        make_offline_search(bundle)
    except OfflineSearchError as exc:
        raise UsageError(f"search from disk: {exc}") from None
