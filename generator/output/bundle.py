"""Pack a built site into one zip that works when unzipped anywhere and opened from disk."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _stamp() -> tuple[int, int, int, int, int, int]:
    """Fixed entry times so the same site gives the same zip; SOURCE_DATE_EPOCH overrides them."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        moment = time.gmtime(max(int(value), 315532800))  # the zip format starts in 1980
        return moment[:6]
    return ZIP_EPOCH


def write_bundle(site_dir: Path, zip_path: Path, folder: str) -> int:
    """Zip every file of site_dir under `folder/`, in sorted order; returns the number of files."""
    stamp = _stamp()
    files = sorted((p for p in site_dir.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site_dir).as_posix())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(zip_path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{folder}/{file.relative_to(site_dir).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes())
    partial.replace(zip_path)
    return len(files)
