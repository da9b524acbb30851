"""Killed and interrupted builds: children die with the build, the next build sweeps what a killed one
left (and nothing a live one owns), SIGTERM always exits 143, and the output folder never goes missing."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.core import lifetime
from generator.output.write import staged_output

REPO = Path(__file__).resolve().parents[1]
WAIT = 120   # seconds: generous, for a loaded 2-core machine; the tests poll, they do not sleep


def write_articles(content: Path, count: int) -> None:
    content.mkdir(exist_ok=True)
    for number in range(count):
        (content / f"a{number:04d}.md").write_text(
            f"---\ntitle: Article {number}\ndate: 2020-01-{1 + number % 28:02d}\ntags: [t{number % 7}]\n---\n\n"
            + "Vladimir Putin met Angela Merkel in Berlin. The Bank of England said so. " * 40,
            encoding="utf-8")


def build_command(*extra: str) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--content", "content", "--out", "site", "-q", *extra]


def environment() -> dict:
    return dict(os.environ, PYTHONPATH=str(REPO))


def children_of(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live (not zombie) children of a process, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append((int(entry.name), command))
    return found


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    pytest.fail(f"timed out waiting for {what}")


def leftovers(work: Path) -> list[str]:
    cache = work / ".dossier-cache"
    found = [p.name for p in work.iterdir() if p.name.startswith(".site.")]
    if cache.is_dir():
        found += [p.relative_to(cache).as_posix() for p in cache.rglob("*")
                  if p.name.startswith("quick.new-") or p.name.endswith(".partial")]
    return sorted(found)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")
@pytest.mark.parametrize("child", ["pagefind", "worker"])
def test_children_die_with_a_killed_build_and_the_next_build_sweeps_its_leftovers(tmp_path, child):
    work = tmp_path
    write_articles(work / "content", 300)
    subprocess.run(build_command("--no-search"), cwd=work, env=environment(), check=True)
    index = (work / "site" / "index.html").read_bytes()
    options = ("--jobs", "2") if child == "worker" else ()
    process = subprocess.Popen(build_command("--no-cache", *options), cwd=work, env=environment(),
                               stderr=subprocess.PIPE, text=True)
    marker = "pagefind" if child == "pagefind" else "build.py"

    def children_while_staging():
        """Workers render pages into the staging folder; Pagefind indexes it."""
        if process.poll() is not None:
            return True
        return list(work.glob(".site.build-*")) and [pid for pid, command in children_of(process.pid) if marker in command]

    found = []
    try:
        found = wait_until(children_while_staging, f"a {child} process")
        assert process.poll() is None, "the build ended before it could be killed"
        for pid in found:
            os.kill(pid, signal.SIGSTOP)   # stopped, it cannot finish on its own: only being killed ends it
        process.kill()
        process.wait(timeout=WAIT)
        for pid in found:
            wait_until(lambda: not is_running(pid), f"the {child} to end with the build", timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        for pid in found:
            if is_running(pid):
                os.kill(pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=WAIT)
    # A worker that outlived the build would print a BrokenPipeError traceback into the same pipe.
    assert "Traceback" not in stderr
    assert leftovers(work), "the killed build should have left a staged folder for the next one to sweep"
    assert (work / "site" / "index.html").read_bytes() == index

    subprocess.run(build_command("--no-search"), cwd=work, env=environment(), check=True)
    assert leftovers(work) == []


def test_the_sweep_leaves_what_a_live_build_holds(tmp_path):
    write_articles(tmp_path / "content", 3)
    cache = tmp_path / ".dossier-cache"
    cache.mkdir()
    dead = tmp_path / ".site.build-dead"
    (dead / "articles").mkdir(parents=True)
    (dead / "articles" / "x.html").write_text("x")
    live = tmp_path / ".site.build-live"
    live.mkdir()
    held = os.open(live, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)   # as a build running in another process holds its staging folder
    (cache / "quick.new-dead").mkdir()
    gone_pid = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1   # never a live process
    (cache / f"bodies.pickle.{gone_pid}.partial").write_bytes(b"half")
    (cache / f"output.pickle.{os.getpid()}.partial").write_bytes(b"being written")
    try:
        subprocess.run(build_command("--no-search"), cwd=tmp_path, env=environment(), check=True)
        assert live.is_dir()
        assert (cache / f"output.pickle.{os.getpid()}.partial").exists()
        assert not dead.exists()
        assert not (cache / "quick.new-dead").exists()
        assert not (cache / f"bodies.pickle.{gone_pid}.partial").exists()
    finally:
        os.close(held)


def test_importing_the_command_line_loads_no_build_module():
    """SIGTERM is handled first thing in main(); what comes before it must be quick to load."""
    probe = "import sys, generator.cli; print(sorted(m for m in sys.modules if m.startswith('generator.')))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=environment(), capture_output=True,
                            text=True, check=True).stdout
    assert "generator.engine.pipeline" not in loaded and "generator.content.config" not in loaded


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads signal dispositions from /proc")
def test_sigterm_as_soon_as_it_is_handled_exits_143(tmp_path):
    write_articles(tmp_path / "content", 50)

    def catches_sigterm() -> bool:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
        except OSError:
            return False
        caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16)
        return bool(caught & (1 << (signal.SIGTERM - 1)))

    process = subprocess.Popen(build_command("--no-cache"), cwd=tmp_path, env=environment(),
                               stderr=subprocess.PIPE, text=True)
    wait_until(lambda: catches_sigterm() or process.poll() is not None, "SIGTERM to be handled")
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=WAIT)
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr


def test_the_output_folder_exists_at_every_instant_of_a_swap(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    if not lifetime.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system cannot exchange two folders in one step")
    (tmp_path / "a").rmdir()
    (tmp_path / "b").rmdir()
    out = tmp_path / "site"
    with staged_output(out) as tree:
        tree.write_text("index.html", "0")
    watcher = subprocess.Popen([sys.executable, "-c", (
        "import os, sys\n"
        "path, stop = sys.argv[1], sys.argv[2]\n"
        "print('ready', flush=True)\n"
        "missing = 0\n"
        "while not os.path.exists(stop):\n"
        "    missing += not os.path.exists(path)\n"
        "print(missing)\n"), str(out / "index.html"), str(tmp_path / "stop")], stdout=subprocess.PIPE, text=True)
    assert watcher.stdout.readline().strip() == "ready"
    for number in range(1, 300):
        with staged_output(out) as tree:
            tree.write_text("index.html", str(number))
    (tmp_path / "stop").touch()
    missing = int(watcher.communicate(timeout=WAIT)[0])
    assert missing == 0, f"site/index.html was missing {missing} times while the output was swapped"
    assert (out / "index.html").read_text() == "299"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "stop"]


def test_exchange_swaps_two_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").touch()
    (tmp_path / "b").mkdir()
    if not lifetime.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system cannot exchange two folders in one step")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["one"]
    assert list((tmp_path / "a").iterdir()) == []
