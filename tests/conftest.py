"""Shared test fixtures: the real Chromium, a loopback HTTP server, and the corpora beside the checkout."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite the golden files from the current output")


def require_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpora sit beside the checkout in CI, not in a user's clone")
    return path


@pytest.fixture(scope="session")
def chromium():
    """A real headless Chromium. Skips without one, except in CI, where a missing browser is a failure."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it (apt-get install -y chromium)")
        pytest.skip("browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """serve(folder) -> base URL of a loopback HTTP server for that folder; stopped after the test."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def sample_site(tmp_path) -> Path:
    """A copy of the repository's sample content in a temporary working folder."""
    work = tmp_path / "work"
    shutil.copytree(REPO / "content", work / "content")
    return work
