"""The build cache in .dossier-cache/: rendered article bodies and what the last build wrote, both checked on load.

Correct first, fast second: every entry is keyed by everything that went into it (the Dossier version,
the config, the templates, the text), a damaged or foreign cache file is thrown away whole, and a
page is reused from the previous output only when that file is still exactly as this build left it.
"""

from __future__ import annotations

import hashlib
import html
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import ahocorasick

from . import __version__

FORMAT = 1
MAGIC = b"dossier-cache\n"


def digest(*parts: object) -> str:
    """A stable digest of reprs: our values are frozen dataclasses, tuples and strings with deterministic reprs."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def tree_digest(folders: Iterable[Path]) -> str:
    """Digest of every file's path and bytes under the folders: templates and theme assets."""
    h = hashlib.blake2b(digest_size=20)
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                h.update(file.relative_to(folder).as_posix().encode() + b"\x00")
                h.update(file.read_bytes())
    return h.hexdigest()


def _load(path: Path) -> dict | None:
    """Read one cache file; None when it is missing, from another version, truncated or altered."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header_end = len(MAGIC) + 40
    if not data.startswith(MAGIC) or len(data) < header_end:
        return None
    checksum, payload = data[len(MAGIC):header_end].decode("ascii", "replace"), data[header_end:]
    if hashlib.blake2b(payload, digest_size=20).hexdigest() != checksum:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # a damaged pickle can raise almost anything; the cache is then simply cold
        return None
    if not isinstance(value, dict) or value.get("format") != FORMAT or value.get("version") != __version__:
        return None
    return value


def _save(path: Path, value: dict) -> None:
    payload = pickle.dumps({"format": FORMAT, "version": __version__, **value}, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + f".{os.getpid()}.partial")
    partial.write_bytes(MAGIC + hashlib.blake2b(payload, digest_size=20).hexdigest().encode("ascii") + payload)
    partial.replace(path)


@dataclass
class BuildCache:
    """What one build may reuse from the last: bodies by key, and the files it wrote into `out_dir`."""

    folder: Path | None                               # None: caching is off
    bodies: dict[str, object] = field(default_factory=dict)
    files: dict[str, tuple[str, int, int]] = field(default_factory=dict)   # url -> (digest, size, mtime_ns)
    scans: dict[str, object] = field(default_factory=dict)                 # digest -> (ids, links) of a page
    out_dir: str = ""
    search_key: str = ""                              # what the previous search index was built with

    @classmethod
    def open(cls, folder: Path | None, out_dir: Path) -> "BuildCache":
        if folder is None:
            return cls(None)
        bodies = _load(folder / "bodies.pickle") or {}
        outputs = _load(folder / "output.pickle") or {}
        same_output = outputs.get("out_dir") == str(out_dir.resolve())
        if not same_output:
            outputs = {}
        return cls(folder, bodies.get("entries", {}), outputs.get("files", {}), outputs.get("scans", {}),
                   str(out_dir.resolve()), outputs.get("search_key", ""))

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def reusable(self, url: str, key: str, out_dir: Path) -> bool:
        """The previous build wrote `url` from the same inputs, and the file is untouched since."""
        entry = self.files.get(url)
        if entry is None or entry[0] != key:
            return False
        try:
            stat = (out_dir / url).stat()
        except OSError:
            return False
        return stat.st_size == entry[1] and stat.st_mtime_ns == entry[2]

    def save(self, files: Mapping[str, tuple[str, int, int]], scans: Mapping[str, object], search_key: str) -> None:
        """Record this build: its bodies, and the files now in the output folder with their stat."""
        if self.folder is None:
            return
        _save(self.folder / "bodies.pickle", {"entries": self.bodies})
        _save(self.folder / "output.pickle", {"out_dir": self.out_dir, "files": dict(files), "scans": dict(scans),
                                              "search_key": search_key})


class FormFinder:
    """Which entity names could be linked in a text: every surface form found anywhere in it.

    Keys the body cache: a body is re-rendered when the set of names that could match it changes,
    not whenever any entity anywhere changes. It over-approximates the linker on purpose (no word
    boundaries, overlaps kept, typographic quotes tried both ways), so a stale link cannot survive.
    """

    def __init__(self, surface_forms: Mapping[str, str]):
        self.automaton = ahocorasick.Automaton()
        for form, entity_id in surface_forms.items():
            if form:
                self.automaton.add_word(form, (form, entity_id))
        self.ready = len(self.automaton) > 0
        if self.ready:
            self.automaton.make_automaton()

    def signature(self, text: str) -> tuple[tuple[str, str], ...]:
        if not self.ready:
            return ()
        loose = html.unescape(text).replace("\\", "")
        variants = {loose, loose.replace("'", "\u2019"), loose.replace("\u2019", "'")}
        found = {value for variant in variants for _, value in self.automaton.iter(variant)}
        return tuple(sorted(found))
