"""War-news dev in two halves, so a rule tuned on one half's mistakes is checked on the other by figures only.

    python -m frontwatch.evaluate.halves [--mistakes FILE]

Splits the war-news dev gold by a CRC-32 of the article id (even: half A, odd: half B), runs the pipeline once
and prints claim F1, precision, recall, type, actor side, polarity and claimant side for all, A and B. Look at
half A's mistakes (``--mistakes`` writes them as JSON); keep a change only if half B holds or improves.
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

from . import load_gold, scorer
from .realtext import GOLD

DEV = GOLD / "realnews" / "dev"


def half(article_id: str) -> str:
    """``A`` or ``B`` for a gold file's id (``wn-0017``): fixed, whatever files are added later."""
    return "A" if zlib.crc32(article_id.encode()) % 2 == 0 else "B"


def _id(where: str) -> str:
    return Path(where.rsplit(":", 1)[0]).stem


def main(argv: list[str] | None = None) -> None:
    from ..pipeline import Pipeline, make_article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", type=Path, help="write half A's mistakes here (JSON)")
    args = parser.parse_args(argv)
    items = [i for i in load_gold([str(DEV)])[0] if i.kind == "article"]
    pipeline = Pipeline()
    articles = [make_article(i.obj["text"], published=i.obj.get("published"), source=i.obj.get("source"),
                             id=f"gold:{i.where}", origin=i.where) for i in items]
    reports = {r.article.id: r for r in pipeline.pipe(articles, on_error=lambda a, e: None)}
    for name in ("all", "A", "B"):
        chosen = [(i, reports[a.id]) for i, a in zip(items, articles)
                  if (name == "all" or half(_id(i.where)) == name) and a.id in reports]
        m, mistakes = scorer("article").score([i.obj for i, _ in chosen], [r for _, r in chosen])
        print(f"{name:3} articles {len(chosen):3}  F1 {m['claim_f1']:.3f} P {m['claim_precision']:.3f} "
              f"R {m['claim_recall']:.3f}  type {m.get('type_accuracy', 0):.3f} actor {m.get('actor_side_accuracy', 0):.3f} "
              f"polarity {m.get('polarity_accuracy', 0):.3f} claimant {m.get('claimant_side_accuracy', 0):.3f}")
        if name == "A" and args.mistakes:
            args.mistakes.write_text(json.dumps(mistakes, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
