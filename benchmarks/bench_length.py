"""Cost against article length: words/s of one short and one long article, measured in one run.

    python benchmarks/bench_length.py [--short 600] [--long 20000] [--repeats 3]

Both texts are built the same way, from the gold and sample articles we wrote, joined as
paragraphs until the word count is reached (the long one repeats them, so duplicate-sentence
removal is switched off for both: every sentence is analysed). The short article is analysed
as many times as it takes to match the long one's words, so both timings cover the same
amount of text. Cost is linear when the long article runs at least 0.8x the short one's words/s.
Both wall-clock and CPU time are printed; on a machine shared with other jobs, read the CPU figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

from frontwatch import Pipeline, Settings

ROOT = Path(__file__).resolve().parent.parent


def pieces() -> list[str]:
    texts = []
    for f in sorted((ROOT / "tests/data/gold/articles").rglob("*.json")):
        obj = json.loads(f.read_text(encoding="utf-8"))
        if "text" in obj:
            texts.append(obj["text"].strip())
    texts += [f.read_text(encoding="utf-8").strip() for f in sorted((ROOT / "samples").glob("*.txt"))]
    return texts


def article(words: int, texts: list[str]) -> str:
    out: list[str] = []
    n = i = 0
    while n < words:
        text = texts[i % len(texts)]
        out.append(text)
        n += len(text.split())
        i += 1
    return "\n\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=600)
    parser.add_argument("--long", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    settings = Settings.load()
    settings = replace(settings, clean=replace(settings.clean, drop_duplicate_sentences=False))
    pipeline = Pipeline(settings)
    texts = pieces()
    short, long = article(args.short, texts), article(args.long, texts)
    short_words, long_words = len(short.split()), len(long.split())
    runs = max(1, round(long_words / short_words))
    pipeline.analyze(short, published="2023-07-17", source="Wirewire")  # warm-up: lazy loads out of the timing

    def timed(text: str, times: int) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(times):
            pipeline.analyze(text, published="2023-07-17", source="Wirewire")
        return time.perf_counter() - wall, time.process_time() - cpu

    short_s, long_s = [], []
    for _ in range(args.repeats):  # interleaved, so drift on a noisy machine hits both alike
        short_s.append(timed(short, runs))
        long_s.append(timed(long, 1))
    print(f"repeats: {args.repeats} (medians); CPU time is the figure to read on a shared machine")
    ratios = []
    for k, clock in enumerate(("wall", "CPU")):
        s = statistics.median(t[k] for t in short_s)
        lo = statistics.median(t[k] for t in long_s)
        short_rate, long_rate = short_words * runs / s, long_words / lo
        ratios.append(long_rate / short_rate)
        print(f"{clock:>4}: short {short_words:,} words x {runs} runs {short_rate:7,.0f} words/s;  "
              f"long {long_words:,} words x 1 run {long_rate:7,.0f} words/s;  ratio {long_rate / short_rate:.2f}")
    print(f"ratio long/short words/s (CPU): {ratios[1]:.2f}  (target >= 0.80)")

if __name__ == "__main__":
    main()
