"""`dossier serve`: build, serve the output on loopback, rebuild on change and reload the open pages.

Live reload is added to HTML responses as they are sent, never to the files on disk.
"""

from __future__ import annotations

import argparse
import errno
import http.server
import json
import os
import queue
import socket
import stat
import sys
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path

from .content.errors import BuildFailed, Problem, UsageError, report_lines
from .core.progress import Progress
from .engine.options import BuildOptions
from .engine.pipeline import build
from .content.config import default_theme
from .options import CACHE_DIR, build_options
from .options import site_options as add_site_options

EVENTS_URL = "/__dossier__/events"
SCRIPT_URL = "/__dossier__/livereload.js"
KEEPALIVE_SECONDS = 15
IDLE_SECONDS = 20      # a connection that sends or takes nothing for this long is closed, freeing its thread
MAX_URL = 4096         # characters in a request's URL; a longer one is answered 414
BACKLOG = 1024         # connections the system queues while every thread is busy (the kernel may cap it)
SEARCH_DELAY = 1.0     # seconds without edits before the search index is brought up to date

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm", ".pagefind": "application/octet-stream",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".woff": "font/woff", ".woff2": "font/woff2", ".zip": "application/zip",
}

# The page compares the build it was served from with the server's; any difference reloads it.
# Problems arrive as plain strings and are shown with textContent, so they are never parsed as HTML.
# location.reload() keeps the scroll position by itself (the browser restores it on reload).
LIVERELOAD_JS = r"""(function () {
  "use strict";
  var served = document.currentScript.getAttribute("data-build");
  function overlay(problems) {
    var box = document.getElementById("dossier-build-errors");
    if (!problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "dossier-build-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:60vh;" +
        "overflow:auto;margin:0;padding:1em 1.5em;background:#2b0a0a;color:#ffe4e4;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var close = document.createElement("button");
    close.textContent = "\u00d7";
    close.title = "Hide until the next build";
    close.style.cssText = "float:right;font-size:20px;background:none;color:inherit;border:0;cursor:pointer";
    close.onclick = function () { box.remove(); };
    var title = document.createElement("strong");
    title.textContent = "Build failed: showing the last good build. Fix these and save:";
    var list = document.createElement("ul");
    list.style.cssText = "margin:.5em 0 0;padding-left:1.2em;white-space:pre-wrap";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    box.append(close, title, list);
  }
  var events = null;
  function listen() {
    events = new EventSource("/__dossier__/events");
    events.onmessage = function (event) {
      var state = JSON.parse(event.data);
      if (state.build !== served) { events.close(); location.reload(); return; }
      overlay(state.problems);
    };
  }
  // Browsers allow six connections per host; hidden tabs give theirs back and catch up when shown.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && events) { events.close(); events = null; }
    else if (!document.hidden && !events) listen();
  });
  if (!document.hidden) listen();
})();
"""

NOT_FOUND_HTML = (b"<!doctype html><meta charset=utf-8><title>Not found</title><body>"
                  b"<p>Not found. (This site has no 404.html, or it has not been built yet.)</p></body>")


# -- the live state: which build is served, and what broke the last one -----------------------

@dataclass(frozen=True)
class Snapshot:
    version: int            # counts every build outcome, so listeners wake for failures too
    build: str              # names the last good build; pages reload when it changes
    problems: tuple[str, ...]


class LiveState:
    """What the event streams report, guarded by one condition so each build wakes every listener."""

    def __init__(self, root: Path):
        self.root = root
        self.closing = False
        # The start time in the id makes pages from an earlier server run reload too.
        self._prefix = f"{int(time.time())}-"
        self._count = 0
        self._snapshot = Snapshot(0, self._prefix + "0", ())
        self._changed = threading.Condition()

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def succeeded(self, root: Path) -> None:
        with self._changed:
            self.root = root
            self._count += 1
            self._publish(self._prefix + str(self._count), ())

    def failed(self, problems: list[str]) -> None:
        with self._changed:
            self._publish(self._snapshot.build, tuple(problems))

    def _publish(self, build_id: str, problems: tuple[str, ...]) -> None:
        self._snapshot = Snapshot(self._snapshot.version + 1, build_id, problems)
        self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> Snapshot:
        with self._changed:
            self._changed.wait_for(lambda: self.closing or self._snapshot.version != seen, timeout)
            return self._snapshot

    def close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()


# -- HTTP ----------------------------------------------------------------------------------------

def resolve_request(root: Path, url_path: str) -> Path | None:
    """The path inside `root` a URL path names, or None when it would leave it (.., symlinks, NUL)."""
    path = urllib.parse.unquote(url_path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    root = root.resolve()
    try:
        target = root.joinpath(*parts).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    return target if target == root or root in target.parents else None


def _is_dir(path: Path) -> bool:
    """Whether a folder is there; False for names no file can have (too long, say) as for missing ones."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix.startswith(".pf_"):  # Pagefind's index chunks: gzip data its own code unpacks
        return "application/octet-stream"
    return CONTENT_TYPES.get(suffix, "application/octet-stream")


def inject_reload_script(html: bytes, build_id: str) -> bytes:
    tag = f'<script src="{SCRIPT_URL}" data-build="{build_id}"></script>'.encode()
    end = html.lower().rfind(b"</body>")
    return html + tag if end < 0 else html[:end] + tag + html[end:]


class DevServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_port = False  # two servers on one port must fail, not share it
    request_queue_size = BACKLOG   # socketserver's default of 5 refuses connections under load

    def __init__(self, host: str, port: int, state: LiveState, *, verbose: bool):
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.state = state
        self.verbose = verbose
        super().__init__((host, port), DevRequestHandler)

    def handle_error(self, request, client_address) -> None:
        """A client that hung up or went quiet is no error of the server's: no traceback for it."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class DevRequestHandler(http.server.BaseHTTPRequestHandler):
    server: DevServer
    server_version = "dossier-serve"
    timeout = IDLE_SECONDS    # on every read and write of the connection

    def do_GET(self) -> None:
        self.respond(body=True)

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def respond(self, *, body: bool) -> None:
        if len(self.path) > MAX_URL:
            return self.send(414, b"URI too long", "text/plain; charset=utf-8", body=body)
        try:
            url = urllib.parse.urlsplit(self.path)
        except ValueError:   # "http://[/", an unclosed IPv6 host
            return self.send(400, b"Bad request", "text/plain; charset=utf-8", body=body)
        if url.path == EVENTS_URL:
            return self.stream_events()
        if url.path == SCRIPT_URL:
            return self.send(200, LIVERELOAD_JS.encode(), "text/javascript; charset=utf-8", body=body)
        state = self.server.state
        build_id = state.snapshot().build  # read before the file: a page is never newer than its label
        root = state.root
        target = resolve_request(root, url.path)
        if target is not None and _is_dir(target):
            if not url.path.endswith("/"):  # relative links in index.html need the slash
                # One leading slash: "//host" would send the browser to another site.
                location = "/" + url.path.lstrip("/") + "/" + (f"?{url.query}" if url.query else "")
                return self.send(301, b"", "text/plain", body=body, extra={"Location": location})
            target = target / "index.html"
        status = 200
        if target is None or not _is_file(target):
            status, target = 404, resolve_request(root, "/404.html")
        try:
            data = target.read_bytes() if target is not None and _is_file(target) else None
        except OSError:  # swapped away by a rebuild between the check and the read
            data = None
        if data is None:
            status, data, target = 404, NOT_FOUND_HTML, Path("404.html")
        kind = content_type(target)
        if kind.startswith("text/html"):
            data = inject_reload_script(data, build_id)
        self.send(status, data, kind, body=body)

    def send(self, status: int, data: bytes, kind: str, *, body: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def stream_events(self) -> None:
        """Server-sent events: the state now, then after every build; comments keep proxies awake."""
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not state.closing:
                snapshot = state.wait(seen, KEEPALIVE_SECONDS)
                if state.closing:
                    break
                if snapshot.version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = snapshot.version
                    data = json.dumps({"build": snapshot.build, "problems": list(snapshot.problems)})
                    self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()
        except (ConnectionError, TimeoutError):
            pass  # the page went away, or stopped reading

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


# -- watching and rebuilding ---------------------------------------------------------------------

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
