"""Scorer for single-stage time gold (``"kind": "times"``).

A gold line::

    {"kind": "times", "text": "...", "published": "2023-07-17",
     "times": [{"text": "on Monday", "start": "2023-07-17", "end": "2023-07-17", "granularity": "day"}]}

Each gold ``text`` must occur in the sentence (the n-th gold mention is looked up
after the previous one). A predicted time matches a gold one when their character
spans overlap; each side matches at most once. Interval figures are shares of all
gold mentions (a missed mention counts as wrong); null bounds equal null bounds.
The line format is documented in docs/times-quantities.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import GoldError
from ..records import Report, TimeSpan

KIND = "times"
GRANULARITIES = ("day", "week", "month", "quarter", "year", "open", "range", "unknown")
_ITEM_FIELDS = {"kind", "text", "published", "times"}
_TIME_FIELDS = {"text", "start", "end", "granularity"}


def _date(value: Any, where: str, name: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise GoldError(f"{where}: {name} must be an ISO date string or null, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise GoldError(f"{where}: {name} is not an ISO date: {value!r}") from None


def check(obj: dict[str, Any], where: str) -> None:
    """Raise GoldError for a malformed times item."""
    unknown = set(obj) - _ITEM_FIELDS
    if unknown:
        raise GoldError(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_ITEM_FIELDS))}"
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{where}: missing or empty 'text'")
    _date(obj.get("published"), where, "published")
    for w, t in checked_mentions(obj, where, "times", _TIME_FIELDS):
        start, end = _date(t.get("start"), w, "start"), _date(t.get("end"), w, "end")
        if start and end and start > end:
            raise GoldError(f"{w}: start {start} is after end {end}")
        if t.get("granularity", "unknown") not in GRANULARITIES:
            raise GoldError(f"{w}: granularity must be one of {', '.join(GRANULARITIES)}")


def gold_spans(text: str, mentions: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Character spans of the gold mentions, each looked up after the previous one."""
    spans, pos = [], 0
    for m in mentions:
        i = text.find(m["text"], pos)
        i = i if i >= 0 else text.find(m["text"])
        spans.append((i, i + len(m["text"])))
        pos = i + len(m["text"])
    return spans


def checked_mentions(obj: dict[str, Any], where: str, key: str,
                     fields: set[str] | frozenset[str]) -> list[tuple[str, dict[str, Any]]]:
    """(location, mention) for each of ``obj[key]``, after the checks every mention list shares:
    an object, known fields, a non-empty ``text`` found in the sentence in order."""
    mentions = obj.get(key)
    if not isinstance(mentions, list):
        raise GoldError(f"{where}: '{key}' must be a list")
    out = []
    pos = 0
    for n, m in enumerate(mentions):
        w = f"{where}: {key}[{n}]"
        if not isinstance(m, dict):
            raise GoldError(f"{w} must be an object")
        bad = set(m) - fields
        if bad:
            raise GoldError(f"{w}: unknown field(s) {', '.join(sorted(bad))}")
        if not isinstance(m.get("text"), str) or not m["text"]:
            raise GoldError(f"{w}: missing 'text'")
        found = obj["text"].find(m["text"], pos)
        if found < 0:
            raise GoldError(f"{w}: {m['text']!r} does not occur in the sentence (after the previous mention)")
        pos = found + len(m["text"])
        out.append((w, m))
    return out


def align(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """gold index -> predicted index, pairing the largest overlaps first, one-to-one."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                pairs.append((ov, gi, pi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def mention_metrics(n_gold: int, n_pred: int, matched: int) -> dict[str, float]:
    """The span figures every single-stage scorer reports."""
    return {
        "gold_mentions": float(n_gold),
        "predicted_mentions": float(n_pred),
        "mention_recall": matched / n_gold if n_gold else 0.0,
        "mention_precision": matched / n_pred if n_pred else 0.0,
    }


def spurious(text: str, described: list[str], hit: set[int], nothing_here: str) -> list[dict[str, Any]]:
    """One mistake per prediction no gold mention was paired with."""
    return [{"text": text, "expected": nothing_here, "got": d} for i, d in enumerate(described) if i not in hit]


def _overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    if a == b:
        return True
    if a == (None, None) or b == (None, None):
        return False  # a fully null side only matches null; open bounds reach as far as they like
    lo = max(a[0] or date.min, b[0] or date.min)
    hi = min(a[1] or date.max, b[1] or date.max)
    return lo <= hi


def _fmt(start: date | None, end: date | None, gran: str) -> str:
    return f"{start or 'null'}..{end or 'null'} ({gran})"


def score(
    items: list[dict[str, Any]], reports: list[Report]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Mention recall/precision, exact and overlapping interval shares, granularity accuracy."""
    n_gold = n_pred = matched = exact = overlap = gran_ok = 0
    mistakes: list[dict[str, Any]] = []
    for item, report in zip(items, reports):
        text = item["text"]
        gold = item.get("times", [])
        preds: list[TimeSpan] = list(report.article.times)
        n_gold += len(gold)
        n_pred += len(preds)
        pairs = align(gold_spans(text, gold), [p.span or (-1, -1) for p in preds])
        for gi, g in enumerate(gold):
            want = (_date(g.get("start"), "", ""), _date(g.get("end"), "", ""))
            gg = g.get("granularity", "unknown")
            if gi not in pairs:
                mistakes.append(
                    {"text": text, "expected": f"{g['text']}: {_fmt(*want, gg)}", "got": "(not found)"}
                )
                continue
            p = preds[pairs[gi]]
            matched += 1
            got = (p.start, p.end)
            exact += got == want
            overlap += _overlaps(got, want)
            gran_ok += p.granularity == gg
            if got != want or p.granularity != gg:
                mistakes.append(
                    {
                        "text": text,
                        "expected": f"{g['text']}: {_fmt(*want, gg)}",
                        "got": f"{p.text}: {_fmt(*got, p.granularity)}",
                    }
                )
        described = [f"{p.text}: {_fmt(p.start, p.end, p.granularity)}" for p in preds]
        mistakes += spurious(text, described, set(pairs.values()), "(no time here)")
    metrics = {
        **mention_metrics(n_gold, n_pred, matched),
        "exact_interval": exact / n_gold if n_gold else 0.0,
        "overlapping_interval": overlap / n_gold if n_gold else 0.0,
        "granularity_accuracy": gran_ok / matched if matched else 0.0,
    }
    return metrics, mistakes
