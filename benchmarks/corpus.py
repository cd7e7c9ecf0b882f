"""Benchmark corpora of a given size and article length, made from our own gold and sample articles
(``bench_analyze.corpus``): no text written by others."""

from __future__ import annotations

import json
from pathlib import Path

from bench_analyze import corpus

from frontwatch import Article
from frontwatch.pipeline import make_article


def sized_corpus(n: int, mean_words: int = 600) -> list[Article]:
    """``n`` articles averaging about ``mean_words`` words (lengths spread evenly over half to one and a half
    times the mean). Each joins different base articles — from a start and a stride that depend on its number,
    so that articles differ — the last one cut at a line break; no article repeats a sentence of its own
    (which the clean stage would blank)."""
    seen: set[str] = set()
    base = [a for a in corpus(10_000) if a.text.strip() and not (a.text in seen or seen.add(a.text))]
    m = len(base)
    out: list[Article] = []
    for i in range(n):
        target = mean_words // 2 + (i * 389) % (mean_words + 1)  # mean_words/2 .. 3*mean_words/2
        start, stride = i % m, 1 + (i // m) % (m - 1)
        lines: list[str] = []
        words, used = 0, set()
        k = start
        while words < target and k not in used:
            used.add(k)
            for line in base[k].text.strip().splitlines():
                if words >= target:
                    break
                lines.append(line)
                words += len(line.split())
            lines.append("")
            k = (k + stride) % m
        first = base[start]
        out.append(make_article("\n".join(lines).strip(), published=first.published, source=first.source,
                                id=f"bench-{i}"))
    return out


def write_jsonl(articles: list[Article], path: Path) -> Path:
    """The articles as a JSONL input file (what ``frontwatch batch`` reads)."""
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": a.id, "text": a.text, "source": a.source,
                                 "published": a.published.isoformat() if a.published else None}) + "\n")
    return path
