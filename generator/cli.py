"""The `dossier` command line (also `python build.py`): argument parsing, messages and exit codes.

Exit codes: 0 success, 1 content errors, 2 usage or config errors, 130 after Ctrl-C, 143 after SIGTERM.
The build's modules are imported only once SIGTERM is handled: importing them takes a moment, and
a SIGTERM in it must end the command with 143 like any other.
"""

from __future__ import annotations

import argparse
import difflib
import json
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .content.errors import BuildFailed, UsageError, report_lines
from .options import build_options, site_options

if TYPE_CHECKING:
    from .engine.options import BuildResult

COMMANDS = ("build", "check", "import", "entities", "serve", "bundle", "new")


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `command`, the options of `serve` and `import` are added only when it is
    one of them, which spares every build importing the server and the importer."""
    parser = argparse.ArgumentParser(
        prog="dossier",
        description="Build a cross-linked, searchable static site from a folder of articles. "
                    "With no command, runs `build`.",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("build", help="build the site (the default)", description="Build the site into the output folder.")
    site_options(p)
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    p.add_argument("--report", metavar="FILE", help="write a JSON build report (counts, problems, timings), also when the build fails")

    p = commands.add_parser("check", help="validate content and config, write nothing",
                            description="Check every article and the config; print all problems; write nothing.")
    site_options(p, writes=False)

    p = commands.add_parser("serve", help="build, serve on localhost, rebuild and reload on every change",
                            description="Build the site, serve it on localhost, watch content, templates and config, "
                                        "and rebuild and reload the open page on every change.")
    if command in (None, "serve"):
        from . import serve
        serve.configure_parser(p)

    p = commands.add_parser("entities", help="list the entities found, to curate them",
                            description="List the people, organisations and places found in the articles, with "
                                        "type, aliases and article count, so you can curate them with entity files.")
    site_options(p, writes=False, renders=False)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--min-articles", type=int, metavar="N", help="only names found in at least N articles (default: 2, or entities.min_articles)")
    p.add_argument("--suggest", action="store_true",
                   help="list likely merges and splits with their evidence, and the entity file that applies each")

    p = commands.add_parser("bundle", help="build the site and pack it as one zip for offline use",
                            description="Build the site, then write it as one zip. Unzipped anywhere, its index.html "
                                        "works from disk, search included.")
    site_options(p)
    p.add_argument("--zip", metavar="FILE", help="the zip to write (default: site.zip beside the output folder)")
    p.add_argument("--site-out", dest="out", help=argparse.SUPPRESS)  # the output folder's old name here

    p = commands.add_parser("new", help="write a minimal site to start from",
                            description="Write a small working site into DIR: dossier.yml with every key explained, "
                                        "two example articles and an entity file. Refuses to overwrite a file.")
    p.add_argument("folder", metavar="DIR", help="the folder to create (or an empty one)")

    p = commands.add_parser("import", help="convert raw text articles into Markdown articles",
                            description="Convert raw text articles (files or folders) into Markdown articles with front matter.")
    if command in (None, "import"):
        from .content import importer
        importer.configure_parser(p)
    p.add_argument("--config", metavar="FILE", help="the site config (default: dossier.yml if present)")
    p.add_argument("-q", "--quiet", action="store_true", help="print the summary only")
    parser.commands = commands.choices  # name -> its parser, for suggestions
    return parser


def _report(problems, args: argparse.Namespace) -> None:
    for line in report_lines(list(problems), verbose=args.verbose, quiet=args.quiet):
        print(line, file=sys.stderr)


def write_report(path: str | None, status: str, result: "BuildResult | None", problems, message: str = "") -> None:
    """The JSON build report for CI: written on success and on failure alike."""
    if not path:
        return
    problems = list(problems)
    report = {
        "dossier": __version__,
        "status": status,
        "articles": result.articles if result else 0,
        "pages": result.pages if result else 0,
        "warnings": [str(p) for p in problems if p.level == "warning"],
        "errors": [str(p) for p in problems if p.level == "error"] + ([message] if message else []),
        "timings": {k: round(v, 4) for k, v in (result.timings.items() if result else ())},
        "quick_edit_pages": result.quick if result else None,
        # The search index's shards and those Pagefind indexed anew; null when it did not run (no search,
        # or the last build's index was still this build's).
        "search_shards": {"all": list(result.search_shards), "reindexed": list(result.search_reindexed)}
        if result and result.search_shards else None,
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def cmd_build(args: argparse.Namespace, *, write: bool = True) -> int:
    from .engine.pipeline import Progress, build
    report = getattr(args, "report", None)
    try:
        options = build_options(args, write=write)
        Progress.enabled = options.verbosity > 0
        result = build(options)
    except BuildFailed as failed:
        write_report(report, "failed", failed.result, failed.problems)
        _report(failed.problems, args)
        errors = sum(p.level == "error" for p in failed.problems)
        print(f"build failed: {errors} error(s); the previous output was left as it was" if write
              else f"check failed: {errors} error(s)", file=sys.stderr)
        return 1
    except UsageError as exc:
        write_report(report, "error", None, (), str(exc))
        raise
    write_report(report, "ok", result, result.problems)
    _report(result.problems, args)
    if not args.quiet:
        verb = "Built" if write else "Checked"
        where = f" into {options.out_dir}" if write else ""
        # The sitemap protocol takes absolute addresses only: without a base_url there is none (as in MkDocs).
        sitemap = "; no sitemap.xml without a base_url (set base_url or pass --base-url)" \
            if write and not options.config.base_url else ""
        print(f"{verb} {result.summary_line()}{where}{sitemap}")
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    from .core.progress import Progress
    from .engine.options import BuildResult, Stopwatch, finish_problems
    from .engine.stages import prepare
    options = build_options(args, write=False)
    if args.min_articles is not None:
        if args.min_articles < 1:
            raise UsageError("--min-articles must be at least 1")
        entities_config = replace(options.config.entities, min_articles=args.min_articles)
        options = replace(options, config=replace(options.config, entities=entities_config))
    Progress.enabled = options.verbosity > 0
    gathered = prepare(options, Stopwatch(BuildResult()))
    problems = finish_problems(gathered.problems, args.strict)
    _report(problems, args)
    weave = gathered.weave
    if args.suggest:
        return _print_suggestions(weave, options.content_dir, args.json, problems)
    rows = sorted(weave.entities.values(), key=lambda e: (-len(weave.entity_articles.get(e.id, ())), e.name.casefold(), e.id))
    if args.json:
        print(json.dumps([{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                           "articles": len(weave.entity_articles.get(e.id, ())),
                           "source": e.path or "discovered"} for e in rows], ensure_ascii=False, indent=1))
    else:
        width = max([len(e.name) for e in rows] + [6])
        print(f"{'ARTICLES':>8}  {'TYPE':<12}  {'NAME':<{width}}  ALIASES")
        for e in rows:
            marker = "" if e.path is None else "  [file]"
            print(f"{len(weave.entity_articles.get(e.id, ())):>8}  {e.type:<12}  {e.name:<{width}}  {', '.join(e.aliases)}{marker}")
        if not args.quiet:
            print(f"{len(rows)} entities; write content/entities/<id>.md to rename, retype or merge one")
    return 1 if any(p.level == "error" for p in problems) else 0


def _print_suggestions(weave, content_dir, as_json: bool, problems) -> int:
    from .entities.suggest import suggest
    found = suggest(weave.entities, weave.entity_articles)
    try:
        content_dir = content_dir.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        pass  # outside the working folder: shown in full
    if as_json:
        print(json.dumps([{"kind": s.kind, "entities": list(s.entity_ids), "evidence": s.evidence,
                           "file": (content_dir / s.path).as_posix(), "text": s.text} for s in found],
                         ensure_ascii=False, indent=1))
    else:
        for s in found:
            print(f"{s.kind}: {s.evidence}")
            print(f"  write {(content_dir / s.path).as_posix()}:")
            print("".join(f"    {line}\n" for line in s.text.splitlines()), end="")
        print(f"{len(found)} suggestions; an entity file applies one, and always wins over discovery")
    return 1 if any(p.level == "error" for p in problems) else 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from .output.bundle import write_bundle
    if args.out and args.out.lower().endswith(".zip"):
        raise UsageError(f"--out is the output folder in every command; to name the zip, write --zip {args.out}")
    args.no_search = False
    status = cmd_build(args)
    if status != 0:
        return status
    options = build_options(args, write=True)
    zip_path = Path(args.zip) if args.zip else options.out_dir.parent / f"{options.out_dir.name}.zip"
    count = write_bundle(options.out_dir, zip_path, folder=options.out_dir.name)
    if not args.quiet:
        print(f"Bundled {count} files into {zip_path}; unzip it and open {options.out_dir.name}/index.html")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .content.config import load_config
    config = load_config(Path(args.config) if args.config else None, required=bool(args.config))
    into = Path(args.into) if args.into else config.path(config.content_dir)
    out = (lambda line: None) if args.quiet else print
    from .content import importer
    summary = importer.run_import([Path(p) for p in args.paths], into, dry_run=args.dry_run, force=args.force,
                                  source=args.source, metadata=args.metadata, out=out)
    if args.quiet:
        print(summary.line(args.dry_run))
    return 1 if summary.errors else 0


def cmd_new(args: argparse.Namespace) -> int:
    from .content.scaffold import new_site
    folder = Path(args.folder)
    written = new_site(folder)
    for path in written:
        print(f"wrote {path.as_posix()}")
    print(f"Next: cd {folder.as_posix()} && dossier serve  (or: dossier build, then open site/index.html)")
    return 0


def unknown_command(word: str) -> str:
    """The message for `dossier biuld`: the closest command, or the list of them."""
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"the commands are: {', '.join(COMMANDS)}"
    return f"dossier: unknown command {word!r}; {hint} (dossier --help lists them)"


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """parse_args, but an unknown option gets the nearest one this command offers as a suggestion."""
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        flags = {name: [flag for action in command._actions for flag in action.option_strings]
                 for name, command in parser.commands.items()}
        word = unknown[0].split("=", 1)[0]
        close = difflib.get_close_matches(word, flags[args.command], n=1, cutoff=0.75) if word.startswith("--") else []
        if close:
            hint = f"; did you mean {close[0]!r}?"
        elif any(word in offered for offered in flags.values()):
            hint = f"; {word} is not an option of {args.command!r}, as it would do nothing there"
        else:
            hint = ""
        parser.commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}{hint}")
    return args


def main(argv: list[str] | None = None) -> int:
    previous = _stop_on_sigterm()   # first: everything after may take a while
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        print(unknown_command(argv[0]), file=sys.stderr)
        return 2
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")
    try:
        parser = make_parser(argv[0] if argv[0] in COMMANDS else None)
        args = _parse(parser, argv)
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            return cmd_build(args, write=False)
        if args.command == "serve":
            from . import serve
            return serve.run_serve(args)
        if args.command == "entities":
            return cmd_entities(args)
        if args.command == "bundle":
            return cmd_bundle(args)
        if args.command == "import":
            return cmd_import(args)
        if args.command == "new":
            return cmd_new(args)
        parser.error(f"unknown command {args.command!r}")
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:
        print("interrupted; the previous output was left as it was", file=sys.stderr)
        return 143 if isinstance(stop, Terminated) else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, a container stopped) ends a build the way Ctrl-C does."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def _stop_on_sigterm():
    """Make SIGTERM unwind like Ctrl-C, so the staged folder is removed; the old handler, to restore."""
    try:
        return signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread
        return None


if __name__ == "__main__":
    sys.exit(main())
