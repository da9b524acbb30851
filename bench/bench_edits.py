#!/usr/bin/env python3
"""Time one rebuild after each kind of single edit (issue 14): body text, a title, a date, tags, an entity
file, a new article, a deleted article. Not part of the test suite.

    python bench/bench_edits.py                         # BBC corpus x4 (8,900 articles), every kind
    python bench/bench_edits.py --copies 1 --kinds title,body
    python bench/bench_edits.py --work W --keep         # keep the built site to profile a rebuild by hand
    python bench/bench_edits.py --work W --reuse        # edit the kept site again, without a cold build
    python bench/bench_edits.py --verify                # then compare with a --no-cache build, byte for byte

The site is laid out as bench_sites.py lays out Dossier's (the BBC corpus is read at run time; its
sites are never kept unless --keep, and must not be published), built once with the cache and without
search, then edited one file at a time; each edit is followed by one timed `dossier build --no-search`.
Every line gives the build's CPU seconds (user + sys of the build process and its workers), its wall
seconds, the number of output files it added, removed or changed (by content), and the load average.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import bench_sites  # noqa: E402

ROUND_FILE = ".bench-edits-round"
ENTITY = ("tony-blair", "Tony Blair")   # in hundreds of BBC politics articles


def target(content: Path) -> Path:
    """The article every front-matter edit changes: the first politics article that names Tony Blair."""
    for path in sorted((content / "politics").glob("*.md")):
        if ENTITY[1] in path.read_text(encoding="utf-8"):
            return path
    return sorted(content.rglob("*.md"))[100]


def set_field(path: Path, name: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M)
    assert count, f"{path} has no {name}"
    path.write_text(text, encoding="utf-8")


def body_edit(content: Path, n: int) -> None:
    with open(target(content), "a", encoding="utf-8") as handle:
        handle.write(f"\nThis sentence was appended by the benchmark, round {n}.\n")


def first_sentence_edit(content: Path, n: int) -> None:
    """A new first paragraph naming the entity: its first sentence in this article (on its page) changes."""
    path = target(content)
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n\n")
    path.write_text(f"{head}\n---\n\n{ENTITY[1]} spoke first, in round {n} of the benchmark.\n\n{body}", encoding="utf-8")


def title_edit(content: Path, n: int) -> None:
    set_field(target(content), "title", json.dumps(f"Blair speaks again, round {n}"))


def date_edit(content: Path, n: int) -> None:
    set_field(target(content), "date", f"2005-{1 + n % 12:02d}-{1 + n % 27:02d}")


def tags_edit(content: Path, n: int) -> None:
    """A tag no article had: with fewer tags than the sidebar shows (NAV_TAGS), it joins every page's sidebar."""
    set_field(target(content), "tags", f"[politics, bench-{n}]")


def existing_tags_edit(content: Path, n: int) -> None:
    """Tags that other articles have: the article moves between tag lists."""
    set_field(target(content), "tags", "[politics, business]" if n % 2 else "[politics, tech]")


def entity_file_edit(content: Path, n: int) -> None:
    folder = content / "entities"
    folder.mkdir(exist_ok=True)
    (folder / f"{ENTITY[0]}.md").write_text(
        f"---\nname: {ENTITY[1]}\ntype: person\n---\nPrime Minister of the United Kingdom (benchmark round {n}).\n",
        encoding="utf-8")


def new_article_edit(content: Path, n: int) -> None:
    text = target(content).read_text(encoding="utf-8")
    path = content / "politics" / f"bench-new-{n}.md"
    path.write_text(re.sub(r"^title: .*$", f"title: \"A new article, round {n}\"", text, count=1, flags=re.M),
                    encoding="utf-8")


def deleted_article_edit(content: Path, n: int) -> None:
    files = sorted(p for p in (content / "sport").glob("*.md"))
    files[(n * 37) % len(files)].unlink()


EDITS = {"body": body_edit, "first-sentence": first_sentence_edit, "title": title_edit, "date": date_edit,
         "tags": tags_edit, "existing-tags": existing_tags_edit, "entity-file": entity_file_edit, "new-article": new_article_edit,
         "deleted-article": deleted_article_edit}


class Tree:
    """The output folder's files, hashed once; after a build only the files whose stat moved are read again."""

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, tuple[tuple, str]] = {}
        self.changed(count=False)

    def changed(self, count: bool = True) -> int:
        now: dict[str, tuple[tuple, str]] = {}
        moved = 0
        for folder, _, names in os.walk(self.root):
            for name in names:
                path = os.path.join(folder, name)
                url = os.path.relpath(path, self.root)
                st = os.stat(path)
                stat = (st.st_ino, st.st_size, st.st_mtime_ns)
                old = self.files.get(url)
                if old and old[0] == stat:
                    now[url] = old
                    continue
                text = hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
                now[url] = (stat, text)
                moved += old is None or old[1] != text
        moved += len(self.files.keys() - now.keys())
        self.files = now
        return moved


def build(root: Path, *extra: str) -> tuple[float, float, str]:
    """(cpu s, wall s, summary line) of one build in its own process, as a user runs it."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--no-search", "--content", "content",
               "--out", "site", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"build failed ({' '.join(command)}):\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, (done.stdout.strip().splitlines() or [""])[-1]


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of the BBC corpus (2,225 articles each)")
    parser.add_argument("--kinds", default=",".join(EDITS), help="edits to time, in order: " + ",".join(EDITS))
    parser.add_argument("--work", metavar="DIR", help="where to lay out the site (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--reuse", action="store_true", help="edit the site already built in --work")
    parser.add_argument("--verify", action="store_true", help="finally compare with a --no-cache build")
    parser.add_argument("--repeat", type=int, default=1, help="time each kind this many times")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = set(kinds) - set(EDITS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    work = Path(args.work or tempfile.mkdtemp(prefix="dossier-edits-"))
    root = work / "dossier"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True, capture_output=True)
    try:
        if not args.reuse:
            facts = bench_sites.lay_out(list(bench_sites.bbc_articles(args.copies)), ["dossier"], work)
            print(f"laid out {facts['articles']} articles; cold build (load {load()})", flush=True)
            cpu, wall, line = build(root)
            print(f"cold: {cpu:.2f} cpu s, {wall:.2f} wall s: {line}", flush=True)
        rounds = root / ROUND_FILE
        n = int(rounds.read_text()) if rounds.exists() else 0
        tree = Tree(root / "site")
        print(f"{'edit':<16} {'cpu s':>7} {'wall s':>7} {'files':>6}  load", flush=True)
        for _ in range(args.repeat):
            for kind in kinds:
                n += 1
                rounds.write_text(str(n))
                EDITS[kind](root / "content", n)
                before = load()
                cpu, wall, line = build(root)
                print(f"{kind:<16} {cpu:7.2f} {wall:7.2f} {tree.changed():6d}  {before}  | {line}", flush=True)
        if args.verify:
            fresh = work / "fresh"
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", ".dossier-cache"))
            build(fresh, "--no-cache")
            other = Tree(fresh / "site")
            same = {u: t for u, (_, t) in tree.files.items()} == {u: t for u, (_, t) in other.files.items()}
            print("verify: the same as a --no-cache build" if same else "verify: DIFFERS from a --no-cache build")
            shutil.rmtree(fresh, ignore_errors=True)
            if not same:
                return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
