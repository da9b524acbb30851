"""`dossier serve`: build, serve the output on loopback, rebuild on change and reload the open pages.

Live reload is added to HTML responses as they are sent, never to the files on disk.
"""

from __future__ import annotations

import argparse
import errno
import os
import queue
import sys
import threading
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from .content.config import default_theme
from .content.errors import BuildFailed, Problem, UsageError, report_lines
from .core.progress import Progress
from .engine.options import BuildOptions
from .engine.pipeline import build
from .options import CACHE_DIR, build_options
from .options import site_options as add_site_options
from .serve_http import DevServer, LiveState

SEARCH_DELAY = 1.0     # seconds without edits before the search index is brought up to date


def is_editor_litter(name: str) -> bool:
    """Dot-files, backups and the temporary files editors write while saving."""
    return (name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".swo", ".tmp", ".part"))
            or name == "4913")  # vim probes a folder with this name before writing


def source_filter(roots: list[Path], ignored: list[Path]):
    """The watchfiles filter: source files under `roots`, not the output, the cache or editor litter."""
    def accept(change, path: str) -> bool:
        file = Path(path)
        if any(file == p or p in file.parents for p in ignored):
            return False
        for root in roots:
            if file == root or root in file.parents:
                return not any(is_editor_litter(part) or part == "__pycache__" for part in file.relative_to(root).parts)
        return False
    return accept


@dataclass(frozen=True)
class WatchTargets:
    folders: tuple[Path, ...]     # watched recursively
    config_file: Path             # watched through its folder, which is not watched recursively
    config_siblings: tuple[Path, ...]  # source folders that may appear beside the config later
    ignored: tuple[Path, ...]


def watch_targets(args: argparse.Namespace, options: BuildOptions) -> WatchTargets:
    config = options.config
    config_file = Path(args.config or "dossier.yml").resolve()
    folders = [options.content_dir, config.path(config.templates_dir), config.path(config.static_dir)]
    theme = default_theme()
    if theme != Path(__file__).resolve().parent / "theme":  # a checkout: the theme may be under edit
        folders.append(theme)
    existing = sorted({f.resolve() for f in folders if f.is_dir()})
    # Drop folders inside other watched folders, so one change is not reported twice.
    outermost = tuple(f for f in existing if not any(other in f.parents for other in existing))
    ignored = (options.out_dir.resolve(), config.path(CACHE_DIR), Path(CACHE_DIR).resolve())
    return WatchTargets(outermost, config_file, tuple(f.resolve() for f in folders), ignored)


def start_watchers(targets: WatchTargets, changes: queue.Queue, stop: threading.Event) -> None:
    import watchfiles  # imported here: only `serve` needs it, not every command that loads cli

    def run(paths, recursive: bool, accept) -> None:
        for batch in watchfiles.watch(*paths, watch_filter=accept, stop_event=stop, recursive=recursive,
                                      step=100, raise_interrupt=False, ignore_permission_denied=True):
            changes.put({path for _, path in batch})

    def accept_config(change, path: str) -> bool:
        return Path(path) in (targets.config_file, *targets.config_siblings)

    jobs = [((targets.config_file.parent,), False, accept_config)]
    if targets.folders:
        jobs.append((targets.folders, True, source_filter(list(targets.folders), list(targets.ignored))))
    for job in jobs:
        threading.Thread(target=run, args=job, daemon=True, name="dossier-watch").start()


class Rebuilder:
    """Runs one build at a time and publishes its outcome; the previous site stays up on failure."""

    def __init__(self, args: argparse.Namespace, state: LiveState, options: BuildOptions):
        self.args, self.state = args, state
        self.options = options  # of the last build whose config could be read

    def build(self, reason: str = "", *, defer_search: bool = False) -> bool:
        """One build; True when it went out with the previous search index, which index() then renews."""
        quiet = self.args.quiet
        if reason and not quiet:
            print(f"Rebuilding: {reason}", flush=True)
        try:
            self.options = site_options(self.args)  # reread: the config may be what changed
            result = build(replace(self.options, defer_search=defer_search))
        except BuildFailed as failed:
            errors = sum(p.level == "error" for p in failed.problems)
            return self._failed(failed.problems, f"build failed: {errors} error(s)")
        except UsageError as exc:
            return self._failed([str(exc)], "build failed")
        except Exception as exc:  # a dev server outlives a bug in one build; the trace still shows
            traceback.print_exc()
            return self._failed([f"{type(exc).__name__}: {exc}"], "build crashed")
        for line in report_lines(result.problems, verbose=self.args.verbose, quiet=quiet):
            print(line, file=sys.stderr)
        if not quiet:
            print(f"Built {result.summary_line()}", flush=True)
        self.state.succeeded(self.options.out_dir)
        return result.search_pending

    def index(self) -> None:
        """Re-run Pagefind over the pages already served; open pages are not reloaded for it."""
        if not self.args.quiet:
            print("Updating the search index", flush=True)
        try:
            result = build(site_options(self.args))
        except (BuildFailed, UsageError):
            return  # content or config changed meanwhile: the next build reports it
        except Exception:
            traceback.print_exc()
            return
        if not self.args.quiet:
            print(f"Search index updated: {result.summary_line()}", flush=True)

    def _failed(self, problems: list, headline: str) -> bool:
        """`problems` are Problems or, for usage errors and crashes, plain messages. False: no search is
        pending, as the last good site is still served as it was."""
        found = [p for p in problems if isinstance(p, Problem)]
        for line in report_lines(found, verbose=self.args.verbose, quiet=self.args.quiet) + \
                [p for p in problems if not isinstance(p, Problem)]:
            print(line, file=sys.stderr)
        print(f"{headline}; still serving the last good build", file=sys.stderr, flush=True)
        self.state.failed([str(p) for p in problems])
        return False


def describe_changes(paths: set[str]) -> str:
    shown = sorted(p if os.path.relpath(p).startswith("..") else os.path.relpath(p) for p in paths)
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")


class Watcher:
    """The watcher threads and the queue they fill; restarted when the config moves a folder."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.changes: queue.Queue[set[str]] = queue.Queue()
        self.targets: WatchTargets | None = None
        self.stop = threading.Event()

    def follow(self, options: BuildOptions) -> None:
        wanted = watch_targets(self.args, options)
        if wanted != self.targets:
            self.stop.set()
            self.targets, self.stop = wanted, threading.Event()
            start_watchers(wanted, self.changes, self.stop)

    def next_batch(self, timeout: float | None = None) -> set[str]:
        """Blocks for a change, then takes everything else already waiting, for one build; empty on timeout."""
        try:
            changed = self.changes.get(timeout=timeout)
        except queue.Empty:
            return set()
        while True:
            try:
                changed |= self.changes.get_nowait()
            except queue.Empty:
                return changed


# -- the command -----------------------------------------------------------------------------------

def site_options(args: argparse.Namespace) -> BuildOptions:
    return build_options(args, write=True)


def configure_parser(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--port", type=int, default=8000, help="the port to listen on; 0 picks a free one (default: 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this machine only)")


def open_server(host: str, port: int, state: LiveState, verbose: bool) -> DevServer:
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {port}")
    try:
        return DevServer(host, port, state, verbose=verbose)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} is in use; try --port {port + 1}") from None
        if exc.errno == errno.EACCES:
            raise UsageError(f"no permission to listen on port {port}; try --port 8000") from None
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def server_url(server: DevServer, host: str) -> str:
    port = server.server_address[1]
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def run_serve(args: argparse.Namespace) -> int:
    """Build, serve and rebuild until Ctrl-C, which ends the command with exit code 0."""
    options = site_options(args)  # a broken config at start is a usage error: exit 2
    Progress.enabled = options.verbosity > 0
    state = LiveState(options.out_dir)
    server = open_server(args.host, args.port, state, verbose=options.verbosity > 1)
    rebuilder = Rebuilder(args, state, options)
    http_thread = threading.Thread(target=server.serve_forever, daemon=True, name="dossier-http")
    try:
        # The URL is the first line on stdout, so scripts can read it. The socket already listens:
        # a browser opening it now waits in the backlog until the first build is done.
        print(f"Serving {options.out_dir} at {server_url(server, args.host)} (Ctrl-C to stop)", flush=True)
        if args.host not in ("127.0.0.1", "::1", "localhost"):
            print(f"warning: listening on {args.host}: other machines may reach this server", file=sys.stderr)
        watcher = Watcher(args)
        watcher.follow(options)  # before the first build, so edits made during it are not lost
        rebuilder.build()
        http_thread.start()
        # After an edit the pages go out at once with the previous search index; Pagefind runs once
        # the edits pause for SEARCH_DELAY seconds, so a burst of saves costs one indexing, not one each.
        search_pending = False
        while True:
            watcher.follow(rebuilder.options)
            changed = watcher.next_batch(SEARCH_DELAY if search_pending else None)
            if changed:
                search_pending = rebuilder.build(describe_changes(changed), defer_search=True)
            elif search_pending:
                rebuilder.index()
                search_pending = False
    except KeyboardInterrupt:
        if not args.quiet:
            print("Stopped.", flush=True)
    finally:
        state.close()  # ends the event streams
        if http_thread.is_alive():
            server.shutdown()
        server.server_close()
    return 0
