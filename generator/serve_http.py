"""The dev server's HTTP side: serve the last good build from loopback, add live reload to HTML responses as
they are sent (never to the files on disk), and tell open pages when a new build is in place."""


from __future__ import annotations

import http.server
import json
import socket
import stat
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

EVENTS_URL = "/__dossier__/events"
SCRIPT_URL = "/__dossier__/livereload.js"
KEEPALIVE_SECONDS = 15
IDLE_SECONDS = 20      # a connection that sends or takes nothing for this long is closed, freeing its thread
MAX_URL = 4096         # characters in a request's URL; a longer one is answered 414
BACKLOG = 1024         # connections the system queues while every thread is busy (the kernel may cap it)

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
