"""Write the output tree: into a temporary folder first, swapped in only when the whole build succeeded."""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..content.errors import UsageError
from ..core import lifetime

_made_folders: set[str] = set()
_BINARY = getattr(os, "O_BINARY", 0)   # Windows: no newline translation


def write_page(root: str, url: str, text: str) -> None:
    """Write one file into a staged tree from any process (workers write their own pages).

    Tens of thousands of files go into a few folders, so each folder is made once per process,
    and the encoded bytes go out in one write with no text-file layer in between.
    """
    path = safe_output_path(root, url)
    folder = os.path.dirname(path)
    if folder not in _made_folders:
        os.makedirs(folder, exist_ok=True)
        _made_folders.add(folder)
    # os.open and os.write: open() would also ask whether the file is a terminal, seek and stat it, three
    # system calls more for each of tens of thousands of files.
    data = memoryview(text.encode("utf-8"))
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o666)
    try:
        while data:
            data = data[os.write(handle, data):]
    finally:
        os.close(handle)


def safe_output_path(root: Path, url: str) -> str:
    """The file for a root-relative URL; refuses anything that would land outside the output folder."""
    norm = posixpath.normpath(url)
    if norm.startswith(("../", "/")) or norm in ("..", ".") or "\\" in url or "\x00" in url:
        raise UsageError(f"refusing to write {url!r}: it is outside the output folder")
    return os.path.join(root, norm)


def check_output_folder(out: Path, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement would delete the user's sources."""
    out = out.resolve()
    for path in protected:
        path = path.resolve()
        if out == path or out in path.parents:
            raise UsageError(f"the output folder {out} contains {path}; choose another --out")
    if out == Path(out.anchor) or out == Path.home():
        raise UsageError(f"refusing to use {out} as the output folder")


class OutputTree:
    """Collects the files of one build in a staging folder; `commit()` swaps it in for the old output."""

    def __init__(self, staging: Path, out: Path):
        self.root = staging
        self.out = out
        self.written: dict[str, str] = {}
        self.committed = False
        self._folders: set[str] = set()

    def claim(self, url: str) -> None:
        """Record a file that a worker process wrote into the staged tree itself."""
        if url in self.written:
            raise UsageError(f"two files want the same output file {url!r}")
        self.written[url] = url

    def discard(self) -> None:
        """Give up this staged tree: the output folder already holds exactly this build."""
        self.committed = True

    def commit(self) -> None:
        """Swap the staged tree in for the output folder (once); the old one is deleted afterwards."""
        if self.committed:
            return
        # Files from mkdtemp are private (0700); a published site must be readable.
        os.chmod(self.root, 0o755)
        if self.out.is_dir() and not self.out.is_symlink() and lifetime.exchange(self.root, self.out):
            # One step: the output path names the old site, then the new one, never nothing. The
            # staging path now holds the old site, which staged_output removes.
            self.committed = True
            return
        old = None
        if self.out.exists() or self.out.is_symlink():
            # Where folders cannot be exchanged, the output path is empty between the two renames.
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
            old.rmdir()
            lifetime.hold(self.out)   # the old site is this build's to remove, not a sweeper's
            self.out.rename(old)
        self.root.rename(self.out)
        self.committed = True
        if old is not None:
            remove_tree(old)
            lifetime.release(self.out)

    def write_text(self, url: str, text: str) -> None:
        self.write_bytes(url, text.encode("utf-8"))

    def write_bytes(self, url: str, data: bytes) -> None:
        if url in self.written:
            raise UsageError(f"two pages want the same output file {url!r}")
        path = Path(safe_output_path(self.root, url))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.written[url] = url

    def copy_file(self, source: Path, url: str) -> None:
        if url in self.written:
            raise UsageError(f"two files want the same output file {url!r}")
        path = Path(safe_output_path(self.root, url))
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        self.written[url] = url

    def link_file(self, source: Path, url: str) -> None:
        """Reuse an unchanged file of the previous output: a hard link costs no copy (a copy where links fail).

        Nothing ever writes into a linked file: pages are only created, never rewritten in place.
        """
        if url in self.written:
            raise UsageError(f"two files want the same output file {url!r}")
        # Plain strings here: this runs for every unchanged file of a large site, and pathlib costs more than the link.
        path = safe_output_path(self.root, url)
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(source, path)
        except OSError:
            shutil.copy2(source, path)
        self.written[url] = url


def apply_in_place(tree: OutputTree, changed: list[str], gone: list[str], deferred) -> None:
    """Move the staged files `changed` over their old copies in the output folder and delete `gone`,
    instead of swapping in a whole new tree: for a few changes in a large site, where relinking every
    unchanged file and deleting the old tree cost seconds.

    Each rename replaces one file whole. Every file replaced or deleted is first kept aside (a hard
    link); if anything fails, they are put back and the new files removed, so a failed build still
    leaves the previous output as it was. `deferred()` holds interrupts while the output changes.
    """
    out = str(tree.out)
    aside = lifetime.new_locked_folder(tree.out.parent, f".{tree.out.name}.old-")
    kept: list[str] = []
    added: list[str] = []
    try:
        with deferred():
            try:
                for url in [*changed, *gone]:
                    target = safe_output_path(out, url)
                    if os.path.lexists(target):
                        saved = os.path.join(aside, url)
                        os.makedirs(os.path.dirname(saved), exist_ok=True)
                        os.link(target, saved)
                        kept.append(url)
                for url in changed:
                    target = safe_output_path(out, url)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    if url not in kept:
                        added.append(url)
                    os.replace(safe_output_path(str(tree.root), url), target)
                for url in gone:
                    os.unlink(safe_output_path(out, url))
                    _remove_empty_folders(out, url)
            except BaseException:
                for url in added:
                    try:
                        os.unlink(os.path.join(out, url))
                    except OSError:
                        pass
                for url in kept:
                    target = os.path.join(out, url)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    os.replace(os.path.join(aside, url), target)
                raise
        tree.discard()
    finally:
        remove_tree(aside)
        lifetime.release(aside)


def _remove_empty_folders(root: str, url: str) -> None:
    """The folders of a deleted file that it leaves empty, up to the output folder (which stays)."""
    folder = posixpath.dirname(posixpath.normpath(url))
    while folder:
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:
            return
        folder = posixpath.dirname(folder)


def unknown_files(out: Path, known: set[str]) -> bool:
    """Whether the output folder holds any file or folder that is not in `known` (nor a folder of one)."""
    folders = {posixpath.dirname(url) for url in known}
    folders |= {f for folder in list(folders) for f in _parents(folder)}
    root = str(out)
    for folder, dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        rel = "" if rel == "." else rel
        if rel not in folders:
            return True
        if any((f"{rel}/{name}" if rel else name) not in known for name in names):
            return True
    return False


def _parents(folder: str) -> Iterator[str]:
    while folder:
        folder = posixpath.dirname(folder)
        yield folder


@contextmanager
def staged_output(out: Path) -> Iterator[OutputTree]:
    """Yield a staging tree next to `out`; on normal exit replace `out` with it, otherwise delete it.

    Staging beside the output keeps the final rename on one file system, so the swap is a rename,
    and an error or Ctrl-C at any point before it leaves the previous site as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = lifetime.new_locked_folder(out.parent, f".{out.name}.build-")
    tree = OutputTree(staging, out)
    try:
        yield tree
        tree.commit()
    finally:
        if staging.exists():
            remove_tree(staging)
        lifetime.release(staging)


def leftover_prefixes(out: Path) -> tuple[str, ...]:
    """The names of the folders a build stages beside the output folder."""
    return tuple(f".{out.name}.{kind}-" for kind in ("build", "old", "quick"))


def sweep_leftovers(out: Path, cache_folder: Path | None, cache_stages: tuple[str, ...] = ()) -> None:
    """Remove what killed builds left: staged sites beside the output folder, and staged records and
    half-written files in the cache. Only what no live build holds (see lifetime.py)."""
    out = out.resolve()
    for folder in lifetime.abandoned_folders(out.parent, leftover_prefixes(out)):
        remove_tree(Path(folder))
    if cache_folder is None:
        return
    for folder in lifetime.abandoned_folders(cache_folder, cache_stages):
        remove_tree(Path(folder))
    for folder in (cache_folder, *(p for p in cache_folder.glob("*") if p.is_dir() and not p.is_symlink())):
        for partial in lifetime.abandoned_partials(folder):
            try:
                os.unlink(partial)
            except OSError:
                pass


def remove_tree(root: Path, threads: int = 8) -> None:
    """Delete a folder and everything in it, ignoring errors, with several threads unlinking at once.

    An old site holds tens of thousands of files (Pagefind alone writes one per page and its offline
    copy another); deleting them one after the other took 8 s for 47,000 files on an ext4 disk,
    while the unlink calls of a few threads overlap (2.6 s).
    """
    files: list[str] = []
    folders: list[str] = []
    for folder, _, names in os.walk(root):
        folders.append(folder)
        files += [os.path.join(folder, name) for name in names]
    if len(files) < 1000:
        shutil.rmtree(root, ignore_errors=True)
        return

    def unlink_all(paths: list[str]) -> None:
        for path in paths:
            try:
                os.unlink(path)
            except OSError:
                pass

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(unlink_all, [files[i::threads] for i in range(threads)]))
    for folder in reversed(folders):      # os.walk lists a folder before the folders inside it
        try:
            os.rmdir(folder)
        except OSError:
            pass
    shutil.rmtree(root, ignore_errors=True)   # whatever could not go above (a file added meanwhile)
