"""The options of the commands that read a site, shared by `dossier` and `dossier serve`, and the
BuildOptions they make."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .content.errors import UsageError

if TYPE_CHECKING:
    from .engine.options import BuildOptions

CACHE_DIR = ".dossier-cache"


def site_options(parser: argparse.ArgumentParser, *, writes: bool = True, renders: bool = True) -> None:
    """The options of the commands that read a site. `writes`: it writes the output folder and the cache;
    `renders`: it renders pages, which the base URL changes. A command is offered only what it uses."""
    parser.add_argument("--content", metavar="DIR", help="the articles folder (default: content, or content_dir in the config)")
    if writes:
        parser.add_argument("--out", metavar="DIR", help="the output folder (default: site, or output_dir in the config)")
    parser.add_argument("--config", metavar="FILE", help="the site config (default: dossier.yml if present)")
    if renders:
        parser.add_argument("--base-url", metavar="URL", help="the address the site is published at, for canonical links and feeds")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                        help="worker processes for parsing and rendering (default: one per core)")
    if writes:
        parser.add_argument("--no-cache", action="store_true",
                            help="ignore and do not write the build cache in .dossier-cache/")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every warning instead of counting repeated ones; show Pagefind's output")


def build_options(args: argparse.Namespace, *, write: bool) -> "BuildOptions":
    from .content.config import config_from_dict, load_config
    from .engine.options import BuildOptions
    config = load_config(Path(args.config) if args.config else None, required=bool(args.config))
    base_url = getattr(args, "base_url", None)
    if base_url is not None:
        config_from_dict({"base_url": base_url}, "--base-url")  # the same validation as the file
        config = replace(config, base_url=base_url)
    content = Path(args.content) if args.content else config.path(config.content_dir)
    out = Path(args.out) if getattr(args, "out", None) else config.path(config.output_dir)
    return BuildOptions(
        config=config, content_dir=content, out_dir=out, drafts=args.drafts, strict=args.strict,
        search=config.search.enabled and not getattr(args, "no_search", False) and write,
        verbosity=0 if args.quiet else (2 if args.verbose else 1), write=write, jobs=_jobs(args.jobs),
        cache_dir=None if getattr(args, "no_cache", False) else Path(CACHE_DIR),
    )


def _jobs(value: int) -> int:
    if value < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    return value
