"""Scorer for single-stage quantity gold (``"kind": "quantities"``).

A gold line::

    {"kind": "quantities", "text": "...",
     "quantities": [{"text": "approximately seven square kilometres", "value": 7, "unit": "km2",
                     "approx": true, "range": null}]}

``value`` is in the normalised unit (km2, km, m, people, count), null for vague
amounts ("dozens of drones"); ``range`` is ``[low, high]`` or absent. A sentence
with an empty list says "no quantity here" (years, ages, percentages), so extra
predictions there count against precision. Mentions are aligned by overlapping
character spans, as for times; values match within 0.5% (unit conversions).
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import GoldError
from ..records import Quantity, Report
from .times import align, checked_mentions, gold_spans, mention_metrics, spurious

KIND = "quantities"
UNITS = ("km2", "km", "m", "people", "count")
_ITEM_FIELDS = {"kind", "text", "published", "quantities"}
_Q_FIELDS = {"text", "value", "unit", "approx", "range"}
_REL_TOL = 0.005


def _number(value: Any, where: str, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise GoldError(f"{where}: {name} must be a finite number or null, got {value!r}")
    return float(value)


def check(obj: dict[str, Any], where: str) -> None:
    """Raise GoldError for a malformed quantities item."""
    unknown = set(obj) - _ITEM_FIELDS
    if unknown:
        raise GoldError(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_ITEM_FIELDS))}"
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{where}: missing or empty 'text'")
    for w, q in checked_mentions(obj, where, "quantities", _Q_FIELDS):
        _number(q.get("value"), w, "value")
        if q.get("unit") not in UNITS:
            raise GoldError(f"{w}: unit must be one of {', '.join(UNITS)}, got {q.get('unit')!r}")
        if not isinstance(q.get("approx", False), bool):
            raise GoldError(f"{w}: approx must be true or false")
        rng = q.get("range")
        if rng is not None:
            if not (isinstance(rng, list) and len(rng) == 2):
                raise GoldError(f"{w}: range must be [low, high]")
            lo, hi = (_number(x, w, "range") for x in rng)
            if lo is None or hi is None or lo > hi:
                raise GoldError(f"{w}: range must be [low, high] with low <= high")


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=1e-9)


def _fmt(value: float | None, unit: str, approx: bool, rng: Any) -> str:
    v = "null" if value is None else f"{value:g}"
    r = f" range {rng[0]:g}..{rng[1]:g}" if rng else ""
    return f"{'~' if approx else ''}{v} {unit}{r}"


def score(
    items: list[dict[str, Any]], reports: list[Report]
) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Mention recall/precision, exact value+unit share, range and approx accuracy."""
    n_gold = n_pred = matched = exact = approx_ok = range_ok = 0
    mistakes: list[dict[str, Any]] = []
    for item, report in zip(items, reports):
        text = item["text"]
        gold = item.get("quantities", [])
        preds: list[Quantity] = list(report.article.quantities)
        n_gold += len(gold)
        n_pred += len(preds)
        pairs = align(gold_spans(text, gold), [p.span for p in preds])
        for gi, g in enumerate(gold):
            want = _fmt(g.get("value"), g["unit"], g.get("approx", False), g.get("range"))
            if gi not in pairs:
                mistakes.append({"text": text, "expected": f"{g['text']}: {want}", "got": "(not found)"})
                continue
            p = preds[pairs[gi]]
            matched += 1
            ok = _same(p.value, g.get("value")) and p.unit == g["unit"]
            exact += ok
            approx_ok += p.approx == g.get("approx", False)
            grng = g.get("range")
            range_ok += (grng is None and p.range is None) or (
                grng is not None and p.range is not None and all(_same(a, b) for a, b in zip(p.range, grng))
            )
            if not ok or p.approx != g.get("approx", False):
                mistakes.append(
                    {
                        "text": text,
                        "expected": f"{g['text']}: {want}",
                        "got": f"{p.text}: {_fmt(p.value, p.unit, p.approx, p.range)}",
                    }
                )
        described = [f"{p.text}: {_fmt(p.value, p.unit, p.approx, p.range)}" for p in preds]
        mistakes += spurious(text, described, set(pairs.values()), "(no quantity here)")
    metrics = {
        **mention_metrics(n_gold, n_pred, matched),
        "exact_value_unit": exact / n_gold if n_gold else 0.0,
        "approx_accuracy": approx_ok / matched if matched else 0.0,
        "range_accuracy": range_ok / matched if matched else 0.0,
    }
    return metrics, mistakes
