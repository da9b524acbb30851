"""The build cache in .dossier-cache/: rendered article bodies and what the last build wrote, both checked on load.

Correct first, fast second: every entry is keyed by everything that went into it (the Dossier version,
the config, the templates, the text), a damaged or foreign cache file is thrown away whole, and a
page is reused from the previous output only when that file is still exactly as this build left it.
"""

from __future__ import annotations

import gc
import hashlib
import html
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import ahocorasick

from .. import __version__

FORMAT = 1
ARTICLE_CHUNKS = 16    # files the parsed articles and their names are kept in
MAGIC = b"dossier-cache\n"


def _code_version() -> str:
    """The Dossier version plus a digest of its own source: an edited checkout never trusts an old cache."""
    h = hashlib.blake2b(__version__.encode(), digest_size=12)
    package = Path(__file__).resolve().parent.parent
    for file in sorted(package.rglob("*.py")):
        h.update(file.relative_to(package).as_posix().encode() + b"\x00" + file.read_bytes())
    return h.hexdigest()


CODE_VERSION = _code_version()


class _Hasher:
    """A file-like sink that feeds pickle's output straight into the hash."""

    def __init__(self) -> None:
        self.hash = hashlib.blake2b(digest_size=20)

    def write(self, data) -> None:
        self.hash.update(data)


def digest(*parts: object) -> str:
    """A digest of values (frozen dataclasses, tuples, strings), serialised by pickle, which does it in C.

    The memo is off ("fast" mode): with it, a string shared by two fields is written once, so equal
    values built differently (fresh, or loaded from the cache) would hash differently.
    """
    sink = _Hasher()
    pickler = pickle.Pickler(sink, protocol=5)
    pickler.fast = True
    pickler.dump(parts)
    return sink.hash.hexdigest()


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


def load_pickle(path: Path) -> dict | None:
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
    # Loading builds many small objects; the cyclic collector would rescan them again and again.
    gc.disable()
    try:
        value = pickle.loads(payload)
    except Exception:  # a damaged pickle can raise almost anything; the cache is then simply cold
        return None
    finally:
        gc.enable()
    if not isinstance(value, dict) or value.get("format") != FORMAT or value.get("version") != CODE_VERSION:
        return None
    return value


def save_pickle(path: Path, value: dict) -> None:
    payload = pickle.dumps({"format": FORMAT, "version": CODE_VERSION, **value}, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + f".{os.getpid()}.partial")
    partial.write_bytes(MAGIC + hashlib.blake2b(payload, digest_size=20).hexdigest().encode("ascii") + payload)
    partial.replace(path)


@dataclass
class BuildCache:
    """What one build may reuse from the last: bodies by key, and the files it wrote into `out_dir`."""

    folder: Path | None                               # None: caching is off
    bodies: dict[str, object] = field(default_factory=dict)
    body_keys: dict = field(default_factory=dict)     # {"forms": digest of the entity names, "keys": {text key: body key}}
    files: dict[str, tuple[str, int, int]] = field(default_factory=dict)   # url -> (digest, size, mtime_ns)
    scans: dict[str, object] = field(default_factory=dict)                 # digest -> (ids, links) of a page
    out_dir: str = ""
    search_key: str = ""                              # what the previous search index was built with
    entities: tuple[str, object] | None = None        # (key of all discovery inputs, the EntityIndex)
    parsed: dict = field(default_factory=dict)        # (path, size, mtime) -> (Article, problems)
    article_names: dict = field(default_factory=dict)  # digest of an article's text -> its ArticleNames
    inputs: str = ""                                  # digest of every input file's stat and the options
    outcome: tuple = ()                               # (articles, pages, problems) of the last build
    relations: dict | None = None                     # what the last relate() left for the next (weave.relate)
    loaded_keys: dict = field(default_factory=dict)   # what was read, to skip rewriting unchanged files

    @classmethod
    def open(cls, folder: Path | None, out_dir: Path) -> "BuildCache":
        """The record of the last build's output only: enough to see that nothing changed.

        A build with work to do calls load() for the rest, which is most of the cache's bytes.
        """
        if folder is None:
            return cls(None)
        outputs = load_pickle(folder / "output.pickle") or {}
        if outputs.get("out_dir") != str(out_dir.resolve()):
            outputs = {}
        return cls(folder, files=outputs.get("files", {}), out_dir=str(out_dir.resolve()),
                   search_key=outputs.get("search_key", ""), inputs=outputs.get("inputs", ""),
                   outcome=outputs.get("outcome", ()))

    def load(self) -> None:
        """Read the reusable work: bodies, parsed articles, names, the entity index and page scans."""
        if self.folder is None or self.loaded_keys:
            return
        folder = self.folder
        bodies = load_pickle(folder / "bodies.pickle") or {}
        entities = (load_pickle(folder / "entities.pickle") or {}).get("index")
        self.bodies, self.body_keys = bodies.get("entries", {}), bodies.get("keys", {})
        self.entities = entities
        self.parsed, self.article_names = {}, {}
        for chunk in range(ARTICLE_CHUNKS):
            part = load_pickle(folder / f"articles-{chunk:02d}.pickle") or {}
            self.parsed.update(part.get("parsed", {}))
            self.article_names.update(part.get("names", {}))
        # Scans are keyed by what a page holds; a page without one is scanned from its file.
        self.scans = (load_pickle(folder / "scans.pickle") or {}).get("scans", {}) if self.files else {}
        self.relations = (load_pickle(folder / "relations.pickle") or {}).get("relations")
        self.loaded_keys = {"bodies": (set(self.bodies), self.body_keys.get("forms"), set(self.body_keys.get("keys", {}))),
                            **self._article_chunks(),
                            "entities": entities[0] if entities else None, "relations": id(self.relations)}

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def reusable(self, url: str, key: str, out_dir: Path) -> bool:
        """The previous build wrote `url` from the same inputs, and the file is untouched since."""
        entry = self.files.get(url)
        if entry is None or entry[0] != key:
            return False
        return _unchanged(os.path.join(out_dir, url), entry)

    def _article_chunks(self) -> dict[str, tuple[frozenset, frozenset]]:
        """Chunk file name -> (keys of its parsed articles, keys of its names): by a digest of the path
        (a parse is keyed by path, size and time) and by the names' own key (a digest of the text)."""
        parsed: list[set] = [set() for _ in range(ARTICLE_CHUNKS)]
        names: list[set] = [set() for _ in range(ARTICLE_CHUNKS)]
        for key in self.parsed:
            parsed[hashlib.blake2b(key[0].encode("utf-8"), digest_size=1).digest()[0] % ARTICLE_CHUNKS].add(key)
        for key in self.article_names:
            names[int(key[:2], 16) % ARTICLE_CHUNKS].add(key)
        return {f"articles-{chunk:02d}": (frozenset(parsed[chunk]), frozenset(names[chunk]))
                for chunk in range(ARTICLE_CHUNKS)}

    def _changed(self, name: str, keys: object) -> bool:
        return self.loaded_keys.get(name) != keys or not (self.folder / f"{name}.pickle").exists()

    def output_intact(self, out_dir: Path, where=None) -> bool:
        """Every file the last build wrote (or those whose URL passes `where`) is still as it was written."""
        if not self.files:
            return False
        entries = self.files.items() if where is None else [(url, e) for url, e in self.files.items() if where(url)]
        # Tens of thousands of files on a large site: one stat each, relative to the opened output folder
        # where the system allows it (a third quicker than joining and resolving every full path).
        if os.stat not in os.supports_dir_fd:
            root = str(out_dir)
            return all(_unchanged(os.path.join(root, url), entry) for url, entry in entries)
        try:
            folder = os.open(out_dir, os.O_RDONLY)
        except OSError:
            return False
        try:
            return all(_unchanged(url, entry, folder) for url, entry in entries)
        finally:
            os.close(folder)

    def save(self, files: Mapping[str, tuple[str, int, int]], scans: Mapping[str, object], search_key: str,
             inputs: str = "", outcome: tuple = ()) -> None:
        """Record this build: its bodies, and the files now in the output folder with their stat."""
        if self.folder is None:
            return
        self.load()   # never write back a part that was not read
        self.inputs, self.outcome = inputs, outcome
        # Entries are keyed by what they hold, so the same keys mean the same content: skip rewriting them.
        if self._changed("bodies", (set(self.bodies), self.body_keys.get("forms"), set(self.body_keys.get("keys", {})))):
            save_pickle(self.folder / "bodies.pickle", {"entries": self.bodies, "keys": self.body_keys})
        # In chunks, so that an edit rewrites one or two of them; runs of names shared between articles of
        # one chunk are stored once.
        for name, keys in self._article_chunks().items():
            if self._changed(name, keys):
                parsed, names = keys
                save_pickle(self.folder / f"{name}.pickle", {"parsed": {k: self.parsed[k] for k in sorted(parsed)},
                                                             "names": {k: self.article_names[k] for k in sorted(names)}})
        if self.entities is not None and self._changed("entities", self.entities[0]):
            save_pickle(self.folder / "entities.pickle", {"index": self.entities})
        if self.relations is not None and self._changed("relations", id(self.relations)):
            save_pickle(self.folder / "relations.pickle", {"relations": self.relations})
        save_pickle(self.folder / "scans.pickle", {"scans": dict(scans)})
        self.save_output(files, search_key, inputs, outcome)

    def save_output(self, files: Mapping[str, tuple[str, int, int]], search_key: str, inputs: str,
                    outcome: tuple) -> None:
        """Record what the output folder holds now, and what built it."""
        self.files, self.search_key, self.inputs, self.outcome = dict(files), search_key, inputs, outcome
        save_pickle(self.folder / "output.pickle", {"out_dir": self.out_dir, "files": self.files,
                                              "search_key": search_key, "inputs": inputs, "outcome": outcome})


def _unchanged(path: str, entry: tuple[str, int, int], folder: int | None = None) -> bool:
    try:
        stat = os.stat(path, dir_fd=folder)
    except OSError:
        return False
    return stat.st_size == entry[1] and stat.st_mtime_ns == entry[2]


def input_state(folders: Iterable[Path], files: Iterable[Path], options: object) -> tuple[str, list]:
    """Digest of the path, size and modification time of every input file, and of the build options;
    and those (path, size, mtime) entries.

    When it matches the last build's and the output is intact, the build is already done. A changed
    file always changes its stat (editors and git write new mtimes), so this errs towards rebuilding.
    """
    entries = []
    for folder in folders:
        if folder.is_dir():
            for root, dirs, names in os.walk(folder):
                dirs.sort()
                for name in sorted(names):
                    try:
                        stat = os.stat(os.path.join(root, name))
                    except OSError:   # a link to nowhere or in a loop: loading reports it
                        entries.append((os.path.join(root, name), -1, -1))
                        continue
                    entries.append((os.path.join(root, name), stat.st_size, stat.st_mtime_ns))
    for file in files:
        try:
            stat = file.stat()
            entries.append((str(file), stat.st_size, stat.st_mtime_ns))
        except OSError:
            entries.append((str(file), -1, -1))
    return digest(CODE_VERSION, options, entries), entries


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
