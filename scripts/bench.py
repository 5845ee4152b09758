#!/usr/bin/env python3
"""Benchmark the pipeline at real size: `python scripts/bench.py [N ...]` (default 1000).

Makes a copy of this project (its ``mkdocs.yml``, hand-written ``docs/`` and every content
folder) in which ``practices/practice`` and ``practices/story`` hold N practices cloned from
the real ones: each real practice (its YAML and its ``.th.md``/``.en.md`` bodies) and each
real story is copied once per "copy" with a unique id and title, and the references between
them (``related``, a story's ``practices``) point inside the same copy. So every entry has
the real page size and shape. N is rounded up to whole copies (16 practices and 5 stories in
the real content when this was written); the real count is printed. The copies are kept in
sub-folders of 100 copies each (``practice/000/``, ...), as a project organised by area
would be.

For each N it measures:

- validate: `nondaeng validate` (the loader and validator the build uses), wall and CPU;
- build: `mkdocs build` of the bilingual site with the plugins, wall and CPU (user+sys of the
  process), and its peak RSS (``os.wait4``'s ``ru_maxrss``);
- plain: the same pages without this project's plugins: the generated pages written as
  plain Markdown into ``docs/``, the markers of hand-written pages filled in, and
  ``mkdocs.yml`` without ``nondaeng`` and ``nondaeng-search`` (Material's search and
  mkdocs-static-i18n stay: both languages are built in both runs);
- the ratio build / plain (CPU time, which a shared machine inflates less than wall time);
- the site's size, each language's search index (raw and gzipped), and the bytes a reader
  downloads for one Thai query (the index files the search worker fetches; before a query,
  a page should fetch none of them).

Targets (issue 15), printed beside each figure, exit 1 when one is missed:
build at 10,000 entries < 180 s, plugin/plain <= 1.1, peak RSS < 2 GB, validate 1,000 entries
< 2 s, a query downloads <= 200 KB gzipped (2 s at 1.6 Mbit/s would allow 400 KB in
theory; half of it leaves time for the phone's CPU), and growth per entry linear.
On a shared machine the wall times are inflated: the load average is printed with them.

`--warm` also times a second build that finds the first one's cache (``.cache/nondaeng``: Thai
word cuts and the guard's verdicts), as `mkdocs serve` and a CI with a cache see it.
`--search` also runs the browser benchmark (scripts/bench_search.py) on the largest N.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from nondaeng.core.pipeline import build_pages, load_content  # noqa: E402
from nondaeng.core.validate import errors  # noqa: E402

BUILD_TARGET_S = 180.0  # at 10,000 entries; scaled linearly for smaller N
RATIO_TARGET = 1.1
RSS_TARGET = 2e9
VALIDATE_1000_S = 2.0
QUERY_BYTES_GZ = 200_000
PLUGINS_OFF = ("nondaeng", "nondaeng-search")


# --- the cloned project --------------------------------------------------------------------

def _ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yml"))


def _rename(text: str, ids: list[str], suffix: str) -> str:
    """Every reference to one of ``ids`` (a whole id, not part of a longer one) renamed."""
    if not suffix:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda m: m.group(1) + suffix, text)


def _retitle(text: str, copy: int) -> str:
    """A unique title: the copy's number after the title's Thai and English text."""
    if not copy:
        return text
    return re.sub(r"(?m)^(title:\n  th: )(.*)\n(  en: )(.*)$",
                  lambda m: f"{m[1]}{m[2]} ({copy})\n{m[3]}{m[4]} ({copy})", text, count=1)


def make_project(dest: Path, n: int) -> tuple[Path, int]:
    """A copy of this project with about ``n`` practices cloned from the real ones.

    Returns the project folder and the number of practices in it."""
    src = ROOT / "practices"
    practices, stories = _ids(src / "practice"), _ids(src / "story")
    ids = practices + stories
    copies = max(1, -(-n // len(practices)))
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns(
        "practices", "stories", "browse", "workshops", "readiness", "spread", "results", "data"))
    for folder in src.iterdir():
        if folder.name not in ("practice", "story"):
            shutil.copytree(folder, dest / "practices" / folder.name)
    for kind in ("practice", "story"):
        out = dest / "practices" / kind
        out.mkdir(parents=True)
        files = sorted(p for p in (src / kind).iterdir() if p.is_file())
        for copy in range(copies):
            suffix = f"-c{copy:05d}" if copy else ""
            # copies in sub-folders of 100 (as a project organised by area would be)
            folder = out / f"{copy // 100:03d}" if copy else out
            folder.mkdir(exist_ok=True)
            for p in files:
                stem, _, ext = p.name.partition(".")
                text = p.read_text("utf-8")
                text = _rename(text, ids, suffix)
                if ext == "yml":
                    text = _retitle(text, copy)
                (folder / f"{stem}{suffix}.{ext}").write_text(text, "utf-8")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if (ROOT / "theme").is_dir():  # Material's custom_dir
        shutil.copytree(ROOT / "theme", dest / "theme")
    return dest, copies * len(practices)


def _without_plugins(cfg: str, names: tuple[str, ...]) -> str:
    """``mkdocs.yml`` text with the named plugins (and their options) removed."""
    out, skip = [], None
    for line in cfg.splitlines(keepends=True):
        m = re.match(r"^(\s*)- ([\w-]+):?\s*$", line)
        if skip is not None:
            if line.strip() and len(line) - len(line.lstrip()) <= skip:
                skip = None
            else:
                continue
        if m and m.group(2) in names:
            skip = len(m.group(1))
            continue
        out.append(line)
    return "".join(out)


def make_plain(project: Path, dest: Path) -> Path:
    """The same site's pages as plain Markdown, this project's plugins off."""
    shutil.copytree(project / "docs", dest / "docs")
    if (project / "theme").is_dir():
        shutil.copytree(project / "theme", dest / "theme")
    build = build_pages(project / "practices", base=project)
    for uri, text in build.pages.items():
        target = dest / "docs" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    marker = re.compile(r"<!-- nondaeng:([a-z0-9-]+) -->")
    for page in (dest / "docs").glob("*.md"):
        lang = "en" if page.name.endswith(".en.md") else "th"
        fill = lambda m, lang=lang: build.fragments.get((m[1], lang), "")  # noqa: E731
        page.write_text(marker.sub(fill, page.read_text("utf-8")), "utf-8")
    cfg = _without_plugins((project / "mkdocs.yml").read_text("utf-8"), PLUGINS_OFF)
    (dest / "mkdocs.yml").write_text(cfg, "utf-8")
    return dest


# --- measuring -----------------------------------------------------------------------------

def run(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Wall time, CPU time (user+sys) and peak RSS (bytes) of one child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{out.decode('utf-8', 'replace')[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss * 1024}


def mkdocs_build(project: Path, site: Path) -> float:
    """`mkdocs build` of ``project`` into ``site``; the wall time (scripts/bench_search.py)."""
    return run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
               project)["wall"]


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def index_files(site: Path) -> dict[str, list[Path]]:
    """Each language's search index files: ``{"th": [...], "en": [...]}``."""
    out = {}
    for lang, folder in (("th", site / "search"), ("en", site / "en" / "search")):
        out[lang] = sorted(p for p in folder.rglob("*") if p.is_file()
                           and p.suffix in (".json", ".pf_index", ".pf_meta", ".pf_fragment"))
    return out


def gz(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if data[:2] != b"\x1f\x8b" else len(data)


def query_bytes(site: Path, query: str = "ผู้สูงอายุ") -> tuple[int, int]:
    """Raw and gzipped bytes of the index files a Thai query fetches.

    With a sharded index (``search/manifest.json``), the manifest and the shards the query's
    words fall in; otherwise the whole index of the language."""
    manifest = site / "search" / "manifest.json"
    if manifest.is_file():
        sys.path.insert(0, str(ROOT / "plugins"))
        from nondaeng.mkdocs.search import shards_for_query

        files = [manifest, *(site / "search" / s for s in
                             shards_for_query(json.loads(manifest.read_text("utf-8")), query))]
    else:
        files = [site / "search" / "search_index.json"]
    return sum(p.stat().st_size for p in files), sum(gz(p) for p in files)


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def measure(n: int, tmp: Path, warm: bool = False) -> dict:
    project, count = make_project(tmp / f"n{n}", n)
    load = load_average()
    start, cpu = time.perf_counter(), time.process_time()
    model, diags = load_content(project / "practices", base=project)
    validate = {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}
    assert not errors(diags), [d.text() for d in errors(diags)][:5]
    stories = len(list((project / "practices" / "story").rglob("*.yml")))
    build = run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp / "site")],
                project)
    site = tmp / "site"
    if warm:  # again, with the cache the first build left in .cache/ (serve, CI with a cache)
        shutil.rmtree(site)
        warm_build = run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                         project)
    indexes = {lang: (sum(p.stat().st_size for p in files), sum(gz(p) for p in files))
               for lang, files in index_files(site).items()}
    result = {"n": count, "stories": stories, "load": load, "validate": validate,
              "build": build, "size": du(site), "indexes": indexes,
              "query": query_bytes(site)}
    if warm:
        result["warm"] = warm_build
    shutil.rmtree(site)
    plain = make_plain(project, tmp / f"n{n}-plain")
    result["plain"] = run([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                           str(tmp / "plain-site")], plain)
    result["plain_size"] = du(tmp / "plain-site")
    shutil.rmtree(tmp / "plain-site")
    shutil.rmtree(plain)
    shutil.rmtree(project)
    result["load_after"] = load_average()
    return result


def report(runs: list[dict]) -> bool:
    ok = True

    def check(label: str, value: float, limit: float, fmt: str = "{:.2f}") -> None:
        nonlocal ok
        good = value <= limit
        ok &= good
        print(f"  {label}: {fmt.format(value)} (target <= {fmt.format(limit)}) "
              f"{'ok' if good else 'MISSED'}")

    for r in runs:
        b, p, v = r["build"], r["plain"], r["validate"]
        print(f"N={r['n']} practices + {r['stories']} stories, both languages "
              f"(load average before/after: {r['load']} / {r['load_after']}, "
              f"{os.cpu_count()} cores)")
        print(f"  validate: {v['wall']:.2f} s wall, {v['cpu']:.2f} s CPU")
        print(f"  build (plugins on): {b['wall']:.1f} s wall, {b['cpu']:.1f} s CPU, "
              f"peak RSS {b['rss'] / 1e9:.2f} GB")
        if "warm" in r:
            w = r["warm"]
            print(f"  build again, warm cache: {w['wall']:.1f} s wall, {w['cpu']:.1f} s CPU, "
                  f"peak RSS {w['rss'] / 1e9:.2f} GB (plugin / plain CPU "
                  f"{w['cpu'] / p['cpu']:.2f})")
        print(f"  plain (plugins off): {p['wall']:.1f} s wall, {p['cpu']:.1f} s CPU, "
              f"peak RSS {p['rss'] / 1e9:.2f} GB")
        print(f"  site {r['size'] / 1e6:.1f} MB (plain {r['plain_size'] / 1e6:.1f} MB); search "
              "index " + ", ".join(f"{lang} {raw / 1e6:.2f} MB raw / {z / 1e6:.2f} MB gz"
                                   for lang, (raw, z) in r["indexes"].items()))
        if r["n"] >= 10_000:
            check("build CPU time, s", b["cpu"], BUILD_TARGET_S, "{:.1f}")
            check("build wall time, s (inflated by the machine's load)", b["wall"],
                  BUILD_TARGET_S, "{:.1f}")
        else:
            print(f"  build: the target ({BUILD_TARGET_S:.0f} s) applies at 10,000 entries; "
                  f"linear share at {r['n']}: {BUILD_TARGET_S * r['n'] / 10_000:.0f} s")
        check("plugin / plain, CPU time", b["cpu"] / p["cpu"], RATIO_TARGET)
        check("plugin / plain, wall time", b["wall"] / p["wall"], RATIO_TARGET)
        check("peak RSS, GB", b["rss"] / 1e9, RSS_TARGET / 1e9)
        if r["n"] >= 1000:
            check(f"validate CPU, s ({VALIDATE_1000_S:.0f} s per 1,000 entries)", v["cpu"],
                  VALIDATE_1000_S * r["n"] / 1000)
        raw, z = r["query"]
        check(f"bytes a Thai query downloads, KB gz ({raw / 1e3:.0f} KB raw)", z / 1e3,
              QUERY_BYTES_GZ / 1e3, "{:.0f}")
    if len(runs) >= 3:
        a, b, c = runs[0], runs[-2], runs[-1]

        def per_entry(key, x, y):
            return (y[key] - x[key]) / (y["n"] - x["n"])

        for label, key in (("build CPU", "cpu"),):
            first = (b["build"][key] - a["build"][key]) / (b["n"] - a["n"])
            second = (c["build"][key] - b["build"][key]) / (c["n"] - b["n"])
            print(f"one more entry costs {first * 1e3:.0f} ms {label} (N {a['n']}->{b['n']}), "
                  f"{second * 1e3:.0f} ms (N {b['n']}->{c['n']})")
            check("build CPU per added entry, second span / first (linear: about 1)",
                  second / first, 1.25)
        first, second = per_entry("size", a, b), per_entry("size", b, c)
        check("site bytes per added entry, second span / first (linear: about 1)",
              second / first, 1.25)
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="*", default=[1000])
    ap.add_argument("--search", action="store_true",
                    help="also run the browser search benchmark (scripts/bench_search.py)")
    ap.add_argument("--warm", action="store_true",
                    help="also time a second build that finds the first one's cache")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="nondaeng-bench-") as tmp:
        for n in sorted(args.n):
            runs.append(measure(n, Path(tmp), args.warm))
            report(runs[-1:])
    print("\nsummary")
    ok = report(runs)
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), "utf-8")
    if args.search:
        if Path("/usr/bin/chromium").exists():
            import bench_search

            bench_search.report(bench_search.run(max(args.n)))
        else:
            print("search benchmark skipped: it needs Debian's chromium at /usr/bin/chromium")
    report_offline_pack()
    return 0 if ok else 1


def report_offline_pack(path: Path = ROOT / "dist" / "nondaeng-offline.zip") -> None:
    """The offline pack's size (issue 18), from the last `make offline` of the real site."""
    facts = path.with_suffix(".json")
    if not path.is_file():
        print("offline pack: not built (run `make offline`, then `make bench`)")
        return
    info = json.loads(facts.read_text("utf-8")) if facts.is_file() else {}
    print(f"offline pack {path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.2f} MB, "
          f"{info.get('files', '?')} files, made {info.get('date', '?')}")


if __name__ == "__main__":
    sys.exit(main())
