"""The dev server end to end: a real server process, real file edits, real Chromium and Pagefind."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.serve_http import content_type, inject_reload_script, resolve_request

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 15

# Until `serve` is wired into the command line, start it the way cli.main will.
HARNESS = """
import argparse, sys
from generator import serve
from generator.content.errors import UsageError
parser = argparse.ArgumentParser(prog="dossier serve")
serve.configure_parser(parser)
try:
    sys.exit(serve.run_serve(parser.parse_args(sys.argv[1:])))
except UsageError as exc:
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(2)
"""


def serve_command() -> list[str]:
    from generator.cli import make_parser
    try:
        make_parser().parse_args(["serve", "--port", "0"])
    except SystemExit:
        return [sys.executable, "-c", HARNESS]
    return [sys.executable, str(REPO / "build.py"), "serve"]


def article(title: str, date: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"


@pytest.fixture
def site(tmp_path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "alpha.md").write_text(article("Alpha story", "2020-01-02", "The original alpha text."), encoding="utf-8")
    (content / "beta.md").write_text(article("Beta story", "2020-01-03", "The beta text stays."), encoding="utf-8")
    return tmp_path


class ServerProcess:
    """`dossier serve` in a subprocess; its output lines are collected by a thread so reads never block."""

    def __init__(self, cwd: Path, *args: str):
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([*serve_command(), *args], cwd=cwd, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=lambda: [self.stdout.put(line) for line in self.proc.stdout], daemon=True).start()
        threading.Thread(target=lambda: [self.stderr.append(line) for line in self.proc.stderr], daemon=True).start()

    def url(self) -> str:
        first = self.stdout.get(timeout=TIMEOUT)
        found = re.search(r"http://\S+/", first)
        assert found, f"no URL on the first line: {first!r}; stderr: {''.join(self.stderr)}"
        return found.group(0)

    def interrupt(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=TIMEOUT)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def server(site):
    started = []

    def start(*args: str) -> ServerProcess:
        process = ServerProcess(site, "--port", "0", "-q", *args)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    context.set_default_timeout(TIMEOUT * 1000)
    page = context.new_page()
    yield page
    context.close()


def wait_for_text(page, text: str) -> None:
    page.wait_for_function("text => document.body && document.body.innerText.includes(text)", arg=text,
                           timeout=TIMEOUT * 1000)


def test_an_edited_article_reloads_in_the_open_page(site, server, page):
    url = server().url()
    page.goto(url + "articles/alpha.html")
    assert "The original alpha text." in page.inner_text("body")
    (site / "content" / "alpha.md").write_text(article("Alpha story", "2020-01-02", "Freshly edited alpha text."),
                                               encoding="utf-8")
    wait_for_text(page, "Freshly edited alpha text.")
    assert "The original alpha text." not in page.inner_text("body")
    assert "livereload" not in (site / "site" / "articles" / "alpha.html").read_text(encoding="utf-8")


def test_a_broken_article_shows_an_overlay_and_the_last_good_page_until_fixed(site, server, page):
    url = server().url()
    page.goto(url + "articles/alpha.html")
    source = site / "content" / "alpha.md"
    source.write_text(article("Alpha story", "<i>soon</i>", "Broken alpha text."), encoding="utf-8")
    overlay = page.locator("#dossier-build-errors li")
    overlay.first.wait_for()
    assert overlay.all_inner_texts() == ['content/alpha.md:3: date "<i>soon</i>" is not a valid date']
    assert page.locator("#dossier-build-errors i").count() == 0  # shown as text, never parsed as HTML
    assert "The original alpha text." in page.inner_text("article")
    page.reload()  # a fresh load still gets the last good site, with the overlay
    overlay.first.wait_for()
    assert "The original alpha text." in page.inner_text("article")

    source.write_text(article("Alpha story", "2020-01-02", "Mended alpha text."), encoding="utf-8")
    wait_for_text(page, "Mended alpha text.")
    page.wait_for_timeout(300)  # the reloaded page has heard the server's state by now
    assert page.locator("#dossier-build-errors").count() == 0


def test_search_finds_a_word_added_by_an_edit_once_the_edits_pause(site, server, page):
    """The edited page is served at once with the old index; Pagefind runs when the edits pause."""
    process = server()
    url = process.url()
    page.goto(url + "articles/alpha.html")
    (site / "content" / "alpha.md").write_text(article("Alpha story", "2020-01-02", "Now about zanzibarite ore."),
                                               encoding="utf-8")
    wait_for_text(page, "zanzibarite")
    query = """async () => {
        const search = await window.DossierSearch.load('../');
        const response = await search.search('zanzibarite');
        return Promise.all(response.results.map(r => r.data().then(d => d.url)));
    }"""
    deadline = time.monotonic() + TIMEOUT
    found = []
    while not found and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        page.reload()  # a fresh page loads the index as it is now
        try:
            found = page.evaluate(query)
        except Exception as error:  # Playwright's Error
            # A search that starts while serve swaps the new index in may read parts of both
            # ("WASM Error"); the next reload reads the new one whole. Any other error is a failure.
            if "Pagefind" not in str(error):
                raise
            found = []
    assert found == ["articles/alpha.html"]
    assert "zanzibarite" in page.inner_text("article")


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def raw_get(url: str, target: str) -> bytes:
    """A request line sent as written: clients would normalise the dots away."""
    host, port = re.match(r"http://([^:/]+):(\d+)/", url).groups()
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_paths_outside_the_output_folder_are_not_found(site, server):
    (site / "secret.txt").write_text("do not serve", encoding="utf-8")
    url = server().url()
    status, _, _ = fetch(url)  # waits for the first build
    assert status == 200
    (site / "site" / "escape").symlink_to(site / "secret.txt")
    for target in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fsecret.txt", "/../secret.txt",
                   "/escape", "/articles/..%5c..%5csecret.txt"):
        response = raw_get(url, target)
        assert response.startswith(b"HTTP/1.0 404"), target
        assert b"do not serve" not in response and b"root:" not in response, target
        assert b"Page not found" in response, target  # the site's own 404.html


def test_responses_have_types_no_caching_and_directory_indexes(site, server):
    url = server().url()
    status, headers, body = fetch(url + "articles/alpha.html")
    assert (status, headers["Content-Type"], headers["Cache-Control"]) == (200, "text/html; charset=utf-8", "no-store")
    assert b'src="/__dossier__/livereload.js"' in body
    wasm = next((site / "site" / "pagefind").glob("*/*.pagefind")).relative_to(site / "site" / "pagefind").as_posix()
    for path, kind in (("assets/dossier.css", "text/css; charset=utf-8"), ("feed.xml", "application/xml"),
                       ("entities.json", "application/json"), ("assets/favicon.svg", "image/svg+xml"),
                       (f"pagefind/{wasm}", "application/octet-stream")):
        status, headers, body = fetch(url + path)
        assert (status, headers["Content-Type"]) == (200, kind), path
        assert b"livereload" not in body, path
    status, _, body = fetch(url + "archive")  # redirected to archive/, which serves its index.html
    assert status == 200 and b"livereload" in body
    status, _, body = fetch(url)
    assert status == 200 and body == inject_reload_script((site / "site" / "index.html").read_bytes(),
                                                          re.search(rb'data-build="([^"]+)"', body).group(1).decode())


def test_a_busy_port_is_a_usage_error(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, PYTHONPATH=str(REPO))
        done = subprocess.run([*serve_command(), "--port", str(port)], cwd=site, env=env, text=True,
                              capture_output=True, timeout=TIMEOUT)
    assert done.returncode == 2
    assert f"port {port} is in use; try --port {port + 1}" in done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_c_stops_the_server_cleanly(site, server):
    process = server()
    url = process.url()
    assert fetch(url)[0] == 200
    assert process.interrupt() == 0
    process.proc.wait()
    time.sleep(0.2)  # let the reader thread collect the last lines
    assert "Traceback" not in "".join(process.stderr)
    assert not list(site.glob(".site.*")), "a staging folder was left behind"


def test_request_paths_resolve_inside_the_root_only(tmp_path):
    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    (root / "a" / "page.html").write_text("x", encoding="utf-8")
    assert resolve_request(root, "/a/page.html") == (root / "a" / "page.html").resolve()
    assert resolve_request(root, "/a/%70age.html") == (root / "a" / "page.html").resolve()
    assert resolve_request(root, "/") == root.resolve()
    for bad in ("/../x", "/a/../../x", "/%2e%2e/x", "/a%2f..%2f..%2fx", "/a\\..\\x", "/a%00.html"):
        assert resolve_request(root, bad) is None, bad


def test_content_types_cover_pagefind_and_wasm(tmp_path):
    assert content_type(Path("pagefind/wasm.en.pagefind")) == "application/octet-stream"
    assert content_type(Path("pagefind/index/en_1.pf_index")) == "application/octet-stream"
    assert content_type(Path("pagefind/pagefind.en_1.pf_meta")) == "application/octet-stream"
    assert content_type(Path("x.wasm")) == "application/wasm"
    assert content_type(Path("a.HTML")) == "text/html; charset=utf-8"


def test_the_reload_script_goes_before_the_last_body_end_tag():
    html = b"<html><body><pre>&lt;/body&gt;</pre></body></html>"
    assert inject_reload_script(html, "7-1") == (b'<html><body><pre>&lt;/body&gt;</pre>'
                                                 b'<script src="/__dossier__/livereload.js" data-build="7-1"></script>'
                                                 b'</body></html>')


def test_hostile_request_lines_are_answered_not_crashed_on(site, server):
    process = server()
    url = process.url()
    assert fetch(url)[0] == 200
    assert raw_get(url, "/" + "a" * 10000).startswith(b"HTTP/1.0 414")
    assert raw_get(url, "/" + "b" * 300 + ".html").startswith(b"HTTP/1.0 404")   # no file can have the name
    assert raw_get(url, "/" + "c/" * 1500).startswith(b"HTTP/1.0 404")
    assert raw_get(url, "http://[/").startswith(b"HTTP/1.0 400")   # an unclosed IPv6 host
    assert fetch(url + "articles/alpha.html")[0] == 200
    process.interrupt()
    time.sleep(0.2)  # let the reader thread collect the last lines
    assert "Traceback" not in "".join(process.stderr)


def listen_backlog(port: int) -> int | None:
    """The accept queue length of a listening socket, as `ss` shows it (Send-Q); None without `ss`."""
    try:
        shown = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, timeout=TIMEOUT)
    except FileNotFoundError:
        return None
    fields = shown.stdout.split()
    return int(fields[2]) if len(fields) > 2 else None


def test_fifty_clients_at_once_are_all_answered(site, server):
    url = server().url()
    assert fetch(url)[0] == 200
    backlog = listen_backlog(int(url.rstrip("/").rsplit(":", 1)[1]))
    if backlog is not None:
        assert backlog >= 128, f"a listen backlog of {backlog} refuses connections under load"
    failures: list[str] = []
    statuses: list[int] = []

    def client() -> None:
        for _ in range(40):
            try:
                statuses.append(fetch(url + "articles/beta.html")[0])
            except OSError as exc:
                failures.append(repr(exc))

    clients = [threading.Thread(target=client) for _ in range(50)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    assert failures == []
    assert statuses == [200] * 2000


def test_a_connection_that_sends_nothing_is_closed(tmp_path, monkeypatch):
    from generator import serve_http as serve
    assert serve.DevRequestHandler.timeout is not None and 0 < serve.DevRequestHandler.timeout <= 60
    monkeypatch.setattr(serve.DevRequestHandler, "timeout", 1)   # to see it work without waiting the real one
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    dev = serve.DevServer("127.0.0.1", 0, serve.LiveState(tmp_path), verbose=False)
    threading.Thread(target=dev.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(dev.server_address, timeout=TIMEOUT) as idle:
            assert idle.recv(100) == b""   # closed by the server, which frees its thread
    finally:
        dev.shutdown()
        dev.server_close()


def test_the_404_page_at_a_nested_path_keeps_its_style_and_links_home(site, server):
    """Hosts serve 404.html at the address asked for: its links start from the site root."""
    url = server().url()
    assert fetch(url)[0] == 200  # waits for the first build
    body = raw_get(url, "/a/b/c.html").decode("utf-8")
    assert body.startswith("HTTP/1.0 404") and '<base href="/">' in body
    base = "http://host/"  # what a browser resolves the page's relative links against
    from urllib.parse import urljoin
    links = re.findall(r'(?:href|src)="([^"#]+)"', body.split('<base href="/">', 1)[1])
    assert urljoin(base, next(u for u in links if u.endswith("dossier.css"))) == base + "assets/dossier.css"
    assert urljoin(base, next(u for u in links if u.endswith("index.html"))) == base + "index.html"
