#!/usr/bin/env python3
"""Benchmark the pipeline: `python scripts/bench.py [N]` (default 500).

Generates N valid synthetic practices (and N/5 stories) with the real vocabularies in a
temporary project, then measures:

- validate: loading and validating the content (the same code the build uses);
- build: `mkdocs build` of the whole bilingual site with the plugin;
- plain: the same site with the same pages written as plain Markdown files, plugin off;
- the ratio build/plain and the output size; the same at N/4 and N/2, so that the cost of
  one more entry can be compared between the first and the second half (linear growth).

Then the search benchmark (scripts/bench_search.py): index size and median query time in
headless Chromium at N=1,000 entries.

Targets (issue 2): plugin build at most 1.25x the plain build at N=500; size and time
growing linearly with N; validating 1,000 entries in under 2 s. The script prints each figure
beside its target and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
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

from nondaeng.core.loader import load_file  # noqa: E402
from nondaeng.core.render import Renderer  # noqa: E402
from nondaeng.core.validate import errors, load_content  # noqa: E402

WORDS_TH = ("เครือข่าย ชุมชน ผู้สูงอายุ อาสาสมัคร งบประมาณ ท้องถิ่น สวัสดิการ บุคลากร "
            "ครอบครัว ประสานงาน ติดตามผล ความพร้อม").split()
WORDS_EN = ("network community elders volunteers budget local welfare staff family "
            "coordination follow-up readiness").split()


def terms(vocab: str) -> list[str]:
    doc = load_file(ROOT / "practices" / "vocabulary" / f"{vocab}.yml")
    return [t["id"] for t in doc.data["terms"]]


def text(i: int, n: int = 8) -> str:
    th = "".join(WORDS_TH[(i + k) % len(WORDS_TH)] for k in range(n))
    en = " ".join(WORDS_EN[(i + k) % len(WORDS_EN)] for k in range(n))
    return f'{{th: "{th} {i}", en: "{en} {i}"}}'


def practice(i: int, n: int, v: dict[str, list[str]]) -> str:
    pick = lambda name, k=0: v[name][(i + k) % len(v[name])]  # noqa: E731
    actors = [pick("actors", k) for k in range(3)]
    actors = list(dict.fromkeys(actors))
    lines = [
        f"id: p{i:05d}", f"title: {text(i, 3)}", f"summary: {text(i + 1, 20)}",
        f"problem: {text(i + 2, 15)}", f"problems: [{pick('problems')}]",
        f"stages: [{pick('stages')}]", f"recommendations: [{pick('recommendations')}]",
        "actors:",
    ]
    for k, a in enumerate(actors):
        lines += [f"  - actor: {a}", f"    role: {text(i + k, 4)}",
                  f"    resources: [{pick('resources', k)}]"]
    lines += [f"lead: {actors[0]}", "steps:"] + [f"  - {text(i + k, 10)}" for k in range(5)]
    lines += ["watch_out:", f"  - {text(i, 8)}", "indicators:",
              f"  - {{id: ind-{i}, label: {text(i, 5)}}}", "readiness:", f"  - {text(i, 6)}",
              f"related: [p{(i + 1) % n:05d}]", "source: {basis: illustrative}",
              'updated: "2026-11-25"']
    return "\n".join(lines) + "\n"


def story(i: int, n: int, v: dict[str, list[str]]) -> str:
    return "\n".join([
        f"id: s{i:05d}", f"title: {text(i, 3)}", f"summary: {text(i, 12)}",
        f"problems: [{v['problems'][i % len(v['problems'])]}]",
        "privacy: {basis: illustrative, details_changed: " + text(i, 2) + ", reviewed_by: "
        + text(i, 2) + "}",
        "path:",
        *[f"  - {{stage: {s}, actor: {v['actors'][(i + k) % len(v['actors'])]}, action: "
          f"{text(i + k, 6)}}}" for k, s in enumerate(v["stages"])],
        f"outcome: {text(i, 10)}", f"practices: [p{i % n:05d}]",
        "source: {basis: illustrative}", 'updated: "2026-11-25"',
    ]) + "\n"


def make_project(dest: Path, n: int) -> Path:
    v = {name: terms(name) for name in ("problems", "actors", "stages", "resources",
                                        "recommendations")}
    content = dest / "practices"
    shutil.copytree(ROOT / "practices" / "vocabulary", content / "vocabulary")
    (content / "practice").mkdir()
    (content / "story").mkdir()
    for i in range(n):
        (content / "practice" / f"p{i:05d}.yml").write_text(practice(i, n, v), "utf-8")
    for i in range(max(1, n // 5)):
        (content / "story" / f"s{i:05d}.yml").write_text(story(i, n, v), "utf-8")
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    (docs / "index.md").write_text("# โนนแดงโมเดล\n", "utf-8")
    (docs / "index.en.md").write_text("# Non Daeng Model\n", "utf-8")
    cfg = (ROOT / "mkdocs.yml").read_text("utf-8")
    cfg = re.sub(r"(?ms)^nav:\n.*?(?=^\S)", "nav:\n  - index.md\n  - practices/index.md\n"
                 "  - stories/index.md\n  - browse/index.md\n\n", cfg)
    (dest / "mkdocs.yml").write_text(cfg, "utf-8")
    return dest


def disable_plugin(project: Path) -> None:
    cfg = (project / "mkdocs.yml").read_text("utf-8")
    cfg, count = re.subn(r"(?m)^(\s*)- nondaeng:\n", r"\1- nondaeng:\n\1    enabled: false\n",
                         cfg)
    assert count == 1, "could not find the nondaeng plugin in mkdocs.yml"
    (project / "mkdocs.yml").write_text(cfg, "utf-8")


def mkdocs_build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                         cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"build failed:\n{res.stderr[-3000:]}")
    return elapsed


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, tmp: Path) -> dict[str, float]:
    project = make_project(tmp / f"n{n}", n)
    start = time.perf_counter()
    model, diags = load_content(project / "practices", base=project)
    t_validate = time.perf_counter() - start
    assert not errors(diags), [d.text() for d in errors(diags)][:5]
    t_build = mkdocs_build(project, project / "site")
    size = du(project / "site")
    # plain: the plugin's pages as hand-written Markdown, the plugin switched off
    plain = make_project(tmp / f"n{n}-plain", 1)
    for folder in ("practices", "stories", "browse"):
        shutil.rmtree(plain / "docs" / folder, ignore_errors=True)
    for page in Renderer(model, base=project).pages():
        target = plain / "docs" / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, "utf-8")
    disable_plugin(plain)
    t_plain = mkdocs_build(plain, plain / "site")
    return {"n": n, "validate": t_validate, "build": t_build, "plain": t_plain,
            "ratio": t_build / t_plain, "size": size, "plain_size": du(plain / "site")}


def validate_only(n: int, tmp: Path) -> float:
    project = make_project(tmp / f"v{n}", n)
    start = time.perf_counter()
    _, diags = load_content(project / "practices", base=project)
    elapsed = time.perf_counter() - start
    assert not errors(diags)
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=500)
    ap.add_argument("--no-search", action="store_true",
                    help="skip the search benchmark (index size, query time at N=1,000)")
    args = ap.parse_args()
    ok = True
    sizes = [max(4, args.n // 4), max(8, args.n // 2), args.n]
    with tempfile.TemporaryDirectory(prefix="nondaeng-bench-") as tmp:
        tmp = Path(tmp)
        runs = [measure(n, tmp) for n in sizes]
        t1000 = validate_only(1000, tmp)
    for r in runs:
        print(f"N={r['n']:>5}: validate {r['validate']:.2f}s | build {r['build']:.1f}s | "
              f"plain {r['plain']:.1f}s | ratio {r['ratio']:.2f} | site {r['size'] / 1e6:.1f} MB"
              f" (plain {r['plain_size'] / 1e6:.1f} MB)")

    def marginal(key: str, a: dict, b: dict) -> float:
        """Cost of one more entry between two runs (fixed costs such as assets cancel)."""
        return (b[key] - a[key]) / (b["n"] - a["n"])

    small, mid, big = runs
    growth = {}
    for key, unit, scale in (("size", "kB", 1e3), ("build", "ms", 1e-3)):
        first, second = marginal(key, small, mid), marginal(key, mid, big)
        print(f"one more entry costs {first / scale:.1f} {unit} (N {small['n']}->{mid['n']}), "
              f"{second / scale:.1f} {unit} (N {mid['n']}->{big['n']})")
        growth[key] = second / first
    checks = [
        (f"plugin build / plain build at N={big['n']}", big["ratio"], 1.25),
        ("output per added entry, second half / first half (linear: about 1)",
         growth["size"], 1.25),
        ("build time per added entry, second half / first half (linear: about 1)",
         growth["build"], 1.25),
        ("validate 1,000 entries (s)", t1000, 2.0),
    ]
    for label, value, limit in checks:
        verdict = "ok" if value <= limit else "MISSED"
        ok &= value <= limit
        print(f"{label}: {value:.2f} (target <= {limit}) {verdict}")
    if args.no_search:
        pass
    elif Path("/usr/bin/chromium").exists():
        import bench_search

        bench_search.report(bench_search.run(1000))
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
    import json

    info = json.loads(facts.read_text("utf-8")) if facts.is_file() else {}
    print(f"offline pack {path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.2f} MB, "
          f"{info.get('files', '?')} files, made {info.get('date', '?')}")


if __name__ == "__main__":
    sys.exit(main())
