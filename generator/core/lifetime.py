"""What a build leaves behind when it is killed: its child processes die with it, and the folders it
stages are locked while it lives, so the next build can tell a dead build's leftovers from a live one's work.

Locks are flock()s on the folder itself: the kernel drops them when the last process holding them
ends, however it ends (SIGKILL included), and they follow the folder through a rename.
"""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # not a POSIX system: nothing is locked, so nothing is ever swept
    fcntl = None

PR_SET_PDEATHSIG = 1
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _libc_function(name: str):
    """A C library function, looked up once in this process, so that a freshly forked child only calls it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None


_prctl = _libc_function("prctl")
_renameat2 = _libc_function("renameat2")
if _renameat2 is not None:
    _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]


# -- child processes -------------------------------------------------------------------------------

def die_with_parent(parent: int) -> None:
    """Run in a child (a worker, Pagefind, before exec): the kernel kills it when the build process
    dies, even by SIGKILL, so no orphan writes into a dead staging folder or prints a broken pipe."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:   # the build died before the line above took effect
        os._exit(1)


def child_setup():
    """A `preexec_fn` for subprocess that ties the child to this process's life."""
    parent = os.getpid()
    return lambda: die_with_parent(parent)


# -- locked folders -----------------------------------------------------------------------------------

_held: dict[str, int] = {}   # folder -> the descriptor holding its lock, in this process


def _lock(path: str, *, wait: bool) -> int | None:
    """An open descriptor holding an exclusive lock on the folder; None when another process holds it
    (or the file system cannot lock)."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(fd)
        return None
    return fd


def _still_at(fd: int, path: str) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.lstat(path))
    except OSError:
        return False


def new_locked_folder(parent: Path, prefix: str) -> Path:
    """A fresh folder (as mkdtemp makes it), locked until release() or the end of this process and
    the processes it forks."""
    while True:
        path = tempfile.mkdtemp(prefix=prefix, dir=parent)
        fd = _lock(path, wait=True)
        if fd is None:
            return Path(path)   # no locking here: the folder is simply never swept
        if _still_at(fd, path):
            _held[path] = fd
            return Path(path)
        # A sweeper took it between mkdtemp and the lock, and has removed it: make another.
        os.close(fd)


def hold(path: Path) -> None:
    """Lock an existing folder of this build's (the old output, while it is moved aside)."""
    fd = _lock(str(path), wait=True)
    if fd is not None:
        _held[str(path)] = fd


def release(path: Path | str | None) -> None:
    if path is not None:
        fd = _held.pop(str(path), None)
        if fd is not None:
            os.close(fd)


def abandoned_folders(parent: Path, prefixes: tuple[str, ...]) -> Iterator[str]:
    """Each folder in `parent` named with one of the prefixes that no live process holds: a killed
    build's. Its lock is held while the caller removes it, before the next one is looked at."""
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(prefixes) and e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for entry in sorted(entries, key=lambda e: e.name):
        fd = _lock(entry.path, wait=False)
        if fd is None:
            continue
        try:
            if _still_at(fd, entry.path):
                yield entry.path
        finally:
            os.close(fd)


def abandoned_partials(folder: Path) -> Iterator[str]:
    """Files `<name>.<pid>.partial` in `folder` whose writer (the process `pid`) has ended."""
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".partial") and e.is_file(follow_symlinks=False))
    except OSError:
        return
    for name in names:
        pid = name[:-len(".partial")].rpartition(".")[2]
        if pid.isdigit() and int(pid) > 0 and not _alive(int(pid)):
            yield os.path.join(folder, name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # someone else's process: alive
        return True
    return True


# -- swapping a folder in -------------------------------------------------------------------------------

def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step, so each path names a whole folder at every instant (Linux's
    renameat2 RENAME_EXCHANGE). False where the system or the file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):   # not supported here
        return False
    raise OSError(number, os.strerror(number), str(second))
