#!/usr/bin/env python3
"""Benchmark Thai search: `python scripts/bench_search.py [N]` (default 1000).

Generates N synthetic practices (and N/5 stories) whose Thai and English text is drawn from
a 3,000-word sample of PyThaiNLP's word list (fixed seed), builds the bilingual site with
`mkdocs build`, and reports:

- the size of each language's search index (raw and gzipped) and its number of entries;
- the time to cut the Thai index's text into words (PyThaiNLP newmm, part of the build);
- in headless Chromium (/usr/bin/chromium), through the site's own search worker
  (assets/js/thai-search-worker.js wrapping Material's): the time to set up the index and
  the median time of a query, for Thai words, Thai compounds typed without spaces and
  English words.

`scripts/bench.py` calls :func:`run`; `--json` prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402  (the synthetic project of scripts/bench.py)
from nondaeng.core.thai import ZWSP, segment_text  # noqa: E402
from nondaeng.localserve import serve_folder  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ENGLISH = ("network community elders volunteers budget local welfare staff family "
           "coordination follow-up readiness temple village hospital caregiver house fund "
           "meeting referral disability homeless map resources monitoring").split()


def word_pool(size: int = 3000, seed: int = 5) -> list[str]:
    from pythainlp.corpus import thai_words

    words = sorted(w for w in thai_words() if " " not in w and 2 <= len(w) <= 12)
    return random.Random(seed).sample(words, size)


def build(n: int, tmp: Path) -> tuple[Path, float]:
    bench.WORDS_TH = word_pool()
    bench.WORDS_EN = ENGLISH
    project = bench.make_project(tmp / f"n{n}", n)
    site = tmp / f"site{n}"
    return site, bench.mkdocs_build(project, site)


def index_sizes(site: Path) -> dict[str, dict[str, int]]:
    out = {}
    for lang, prefix in [("th", ""), ("en", "en/")]:
        raw = (site / prefix / "search" / "search_index.json").read_bytes()
        out[lang] = {"bytes": len(raw), "gzip": len(gzip.compress(raw, 6)),
                     "entries": len(json.loads(raw)["docs"])}
    return out


def segmentation_time(site: Path) -> float:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    texts = [(d["title"] + "\n" + d["text"]).replace(ZWSP, "") for d in docs]
    segment_text.__globals__["_segment_run"].cache_clear()
    start = time.perf_counter()
    for text in texts:
        segment_text(text)
    return time.perf_counter() - start


def queries(site: Path, count: int = 20) -> dict[str, list[str]]:
    """Thai words of the index, two consecutive Thai words typed without a space, English
    words of the English index."""
    import re

    rng = random.Random(7)
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    thai = re.compile(r"[\u0e01-\u0e4e]+")
    words, pairs = set(), set()
    for doc in docs:
        runs = [r.strip(ZWSP).split(ZWSP) for r in re.findall(
            rf"{ZWSP}[\u0e01-\u0e4e{ZWSP}]+{ZWSP}", doc["text"])]
        for run in runs:
            words.update(w for w in run if thai.fullmatch(w))
            pairs.update(a + b for a, b in zip(run, run[1:], strict=False))
    return {
        "thai word": rng.sample(sorted(words), count),
        "thai compound": rng.sample(sorted(pairs), count),
        "english": ENGLISH[:count],
    }


def query_times(site: Path, groups: dict[str, list[str]], repeat: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    worker_file = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    results = {}
    with serve_folder(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for group, qs in groups.items():
            prefix = "en/" if group == "english" else ""
            page.goto(f"{base}/{prefix}practices/")
            results[group] = page.evaluate(
                """async ([index, worker, qs, repeat]) => {
                  const data = await (await fetch(index)).json()
                  const w = new Worker(`/assets/js/thai-search-worker.js?worker=${worker}`)
                  const next = () => new Promise(r => { w.onmessage = e => r(e.data) })
                  let t = performance.now()
                  w.postMessage({type: 0, data: {config: data.config, docs: data.docs,
                                                 options: {suggest: true}}})
                  await next()
                  const setup = performance.now() - t
                  const times = [], hits = []
                  for (let k = 0; k < repeat; k++)
                    for (const q of qs) {
                      t = performance.now()
                      w.postMessage({type: 2, data: q})
                      const r = await next()
                      times.push(performance.now() - t)
                      if (k === 0) hits.push(r.data.items.length)
                    }
                  w.terminate()
                  return {setup, times, hits}
                }""", [f"/{prefix}search/search_index.json", worker_file, qs, repeat])
        browser.close()
    return results


def run(n: int = 1000) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        site, build_s = build(n, Path(tmp))
        figures = {"n": n, "build_s": round(build_s, 2), "index": index_sizes(site),
                   "segment_s": round(segmentation_time(site), 2)}
        timed = query_times(site, queries(site))
    figures["setup_ms"] = {g: round(r["setup"]) for g, r in timed.items()}
    figures["query_ms_median"] = {g: round(statistics.median(r["times"]), 1)
                                  for g, r in timed.items()}
    figures["query_ms_median_all"] = round(statistics.median(
        [t for r in timed.values() for t in r["times"]]), 1)
    figures["queries_with_results"] = {g: f"{sum(h > 0 for h in r['hits'])}/{len(r['hits'])}"
                                       for g, r in timed.items()}
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    f = run(args.n)
    if args.json:
        print(json.dumps(f, ensure_ascii=False, indent=1))
    else:
        report(f)
    return 0


def report(f: dict) -> None:
    print(f"search at N={f['n']} practices (+{max(1, f['n'] // 5)} stories), "
          f"build {f['build_s']} s")
    for lang, s in f["index"].items():
        print(f"  index {lang}: {s['entries']} entries, {s['bytes'] / 1e6:.2f} MB, "
              f"{s['gzip'] / 1e6:.2f} MB gzipped")
    print(f"  Thai segmentation of the index (newmm): {f['segment_s']} s")
    for group, ms in f["query_ms_median"].items():
        print(f"  {group:<14} setup {f['setup_ms'][group]} ms, median query {ms} ms, "
              f"queries with results {f['queries_with_results'][group]}")
    print(f"  median query time, all queries: {f['query_ms_median_all']} ms")


if __name__ == "__main__":
    sys.exit(main())
