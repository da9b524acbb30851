"""Make Pagefind's search bundle usable from a site opened straight from disk (file://).

Browsers block `import()` and `fetch()` for file:// pages, but classic `<script src>` tags
still load. So after Pagefind has run, we write under the bundle's `offline/` folder (each
search shard's, `pagefind/<shard>/offline/`):

- `pagefind.js`: Pagefind's ES module turned into a classic script. Its body becomes a
  factory `function (fetch) {...}` that returns the module's exports, so the loader can hand
  it a `fetch` that reads from script files instead of the network, without touching the
  page's global `fetch`.
- one `<file>.js` per file Pagefind fetches (entry, meta, WASM, index, filter and fragment
  chunks), registering that file's bytes as base64. The loader injects only the scripts a
  query needs, so loading stays as lazy as Pagefind's own.

Over http the site keeps using Pagefind's own files; nothing here is loaded there.
The output is a pure function of Pagefind's output: same bundle in, same bytes out.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from pathlib import Path

OFFLINE_DIR = "offline"
ENTRY_FILE = "pagefind-entry.json"

# The globals the offline scripts call; defined by templates/assets/search-loader.js.
DEFINE_CALL = "DossierSearch._offline.define"
PUT_CALL = "DossierSearch._offline.put"

# Chunk folders Pagefind fetches from on demand, with the suffix of their files.
CHUNK_DIRS = (("filter", ".pf_filter"), ("fragment", ".pf_fragment"), ("index", ".pf_index"))

_EXPORT = re.compile(r"export\s*\{([^{}]*)\}\s*;?\s*$")
_EXPORT_NAME = re.compile(r"^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$")
_IMPORT_META_URL = "import.meta.url"
# A static import or a second export anywhere would need more than this rewrite.
_OTHER_MODULE_SYNTAX = re.compile(r"(?:^|[;}\n])\s*(?:import\s*[\w{*\"']|export\s)")


class OfflineSearchError(Exception):
    """Pagefind's bundle does not have the shape this module knows how to rewrite."""


def make_offline_search(bundle: Path, key_prefix: str = "", previous: Path | None = None) -> None:
    """Write `bundle/offline/`, replacing any earlier copy.

    Each data script registers its file under `key_prefix` + its path in the bundle: the path from the
    site's pagefind/ folder, so that the loader can tell the shards' files apart ("2004/index/…").
    `previous` is the same bundle as the last build wrote it (registered under the same prefix): its
    scripts are linked for every file that has the same bytes, so re-indexing a shard after one edit
    encodes only the few files the edit changed.
    """
    bundle = Path(bundle)
    try:
        module_source = (bundle / "pagefind.js").read_text(encoding="utf-8")
    except OSError as error:
        raise OfflineSearchError(f"{bundle / 'pagefind.js'}: cannot read Pagefind's script ({error})") from error
    # Check everything before deleting the previous copy.
    classic_script = classic_pagefind_script(module_source)
    files = bundle_files(bundle)

    offline = bundle / OFFLINE_DIR
    if offline.exists():
        shutil.rmtree(offline)
    offline.mkdir()
    _write_text(offline / "pagefind.js", classic_script)
    for folder in sorted({rel.rpartition("/")[0] for rel in files} - {""}):
        (offline / folder).mkdir(parents=True, exist_ok=True)
    # One file in memory at a time. Creating thousands of small files is the cost, and it
    # is the file system's: threads were measured to add CPU time here, not save wall time.
    for rel in files:
        if previous is None or not _link_same(bundle, Path(previous), rel):
            _wrap_data_file(bundle, rel, key_prefix)


def bundle_files(bundle: Path) -> list[str]:
    """Paths, relative to the bundle and sorted, of every file Pagefind may fetch.

    The entry file names the languages; each brings its meta file and its WASM. Only the
    WASM files a language uses are listed (Pagefind ships one per language it knows).
    """
    entry_path = bundle / ENTRY_FILE
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise OfflineSearchError(f"{entry_path}: not a Pagefind entry file ({error})") from error

    files = {ENTRY_FILE}
    for language in languages.values():
        files.add(f"pagefind.{language['hash']}.pf_meta")
        files.add(f"wasm.{language.get('wasm') or 'unknown'}.pagefind")
    for rel in files:
        if not (bundle / rel).is_file():
            raise OfflineSearchError(f"{bundle / rel}: named by {ENTRY_FILE} but missing")

    for folder, suffix in CHUNK_DIRS:
        chunk_dir = bundle / folder
        if chunk_dir.is_dir():
            with os.scandir(chunk_dir) as entries:
                files.update(
                    f"{folder}/{item.name}"
                    for item in entries
                    if item.name.endswith(suffix) and item.is_file()
                )
    return sorted(files)


def classic_pagefind_script(module_source: str) -> str:
    """Rewrite pagefind.js (an ES module) into a classic script that defines a factory.

    The module's only module syntax is its trailing `export{...}` and its use of
    `import.meta.url` to find its own folder. The export becomes a `return`; the folder is
    always passed as the `basePath` option, so `import.meta.url` becomes `undefined`,
    which Pagefind already treats as "not known".
    """
    export = _EXPORT.search(module_source)
    if export is None:
        raise OfflineSearchError("pagefind.js: no trailing export statement found")
    body = module_source[: export.start()]
    if _OTHER_MODULE_SYNTAX.search(body):
        raise OfflineSearchError("pagefind.js: unexpected import or export statement")
    body = body.replace(_IMPORT_META_URL, "undefined")
    if "import.meta" in body:
        raise OfflineSearchError("pagefind.js: unexpected use of import.meta")

    exports = []
    for item in export.group(1).split(","):
        item = item.strip()
        if not item:
            continue
        name = _EXPORT_NAME.match(item)
        if name is None:
            raise OfflineSearchError(f"pagefind.js: cannot read export {item!r}")
        local, exported = name.group(1), name.group(2) or name.group(1)
        exports.append(f"{json.dumps(exported)}:{local}")
    if not exports:
        raise OfflineSearchError("pagefind.js: the export statement exports nothing")

    # Strict mode keeps the semantics the module had; the factory's `fetch` parameter
    # shadows the global for every fetch Pagefind makes.
    return (
        "/* Pagefind's pagefind.js as a classic script, for pages opened from disk. */\n"
        f"{DEFINE_CALL}(function(fetch){{\"use strict\";\n"
        f"{body.rstrip()}\n"
        f"return{{{','.join(exports)}}};}});\n"
    )


def data_script_prefix(rel: str) -> bytes:
    return f"{PUT_CALL}({json.dumps(rel)},\"".encode("ascii")


DATA_SCRIPT_SUFFIX = b'");\n'


def _wrap_data_file(bundle: Path, rel: str, key_prefix: str) -> None:
    data = (bundle / rel).read_bytes()
    target = bundle / OFFLINE_DIR / f"{rel}.js"
    with open(target, "wb") as out:
        out.write(data_script_prefix(key_prefix + rel) + base64.b64encode(data) + DATA_SCRIPT_SUFFIX)


def _link_same(bundle: Path, previous: Path, rel: str) -> bool:
    """Link previous's script for `rel` when previous holds the same bytes under that path."""
    try:
        if (previous / rel).read_bytes() != (bundle / rel).read_bytes():
            return False
        os.link(previous / OFFLINE_DIR / f"{rel}.js", bundle / OFFLINE_DIR / f"{rel}.js")
        return True
    except OSError:
        return False


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
