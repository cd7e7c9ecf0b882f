"""Scorer for single-stage place gold (``"kind": "places"``, ``tests/data/gold/places.jsonl``).

A gold line (``docs/places.md`` has the annotation guide)::

    {"kind": "places", "id": "dev-004", "split": "dev", "conflict": "russia-ukraine",
     "text": "Fighting raged near Bakhmut and in the Kharkiv region.",
     "places": [{"text": "Bakhmut", "lat": 48.59, "lon": 38.0, "precision": 2},
                {"text": "Kharkiv region", "lat": 49.6, "lon": 36.5, "precision": 3, "region": "UA.07"}]}

A gold place is found by its ``text`` as a whole word: the n-th occurrence when ``occurrence``
is given, otherwise the next occurrence no earlier gold place took. ``lat``/``lon`` null means
the mention must stay unresolved. ``region`` (an ISO country code or a GeoNames admin1 code)
marks a region or country. A prediction matches a gold place when their spans overlap (largest
overlaps first, one to one). ``split`` is ``dev`` (rules may be tuned on it), ``test`` (held
out by the places author) or ``heldout`` (written blind by someone who never saw the rules).

Figures, over all items and again per split (``dev/...``, ``test/...``, ``heldout/...``):

* ``acc_25km`` / ``acc_161km``: share of resolvable gold places resolved within 25 / 161 km (a
  missed or unresolved mention counts as a failure); a gold region or country also counts when
  the prediction is that very region, since region centres differ by convention;
* ``far_off``: share of resolved, matched predictions more than 100 km off (and not the region);
* ``median_error_km`` over resolved, matched predictions;
* ``mention_recall`` / ``mention_precision``: gold spans found / predicted spans that are gold;
* ``null_kept``: share of null gold mentions that no prediction gives coordinates to;
* ``precision_code_accuracy``: matched, resolved pairs whose precision code (1/2/3) agrees.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import GoldError
from ..gazetteer.lookup import haversine_km
from ..records import Place, Report
from .times import align  # gold index -> predicted index, largest overlaps first, one to one

KIND = "places"
SPLITS = ("dev", "test", "heldout")
_ITEM_FIELDS = {"kind", "id", "split", "conflict", "text", "places", "note"}
_PLACE_FIELDS = {"text", "occurrence", "lat", "lon", "precision", "region", "note"}


@dataclass(frozen=True)
class GoldPlace:
    text: str
    span: tuple[int, int]
    lat: float | None
    lon: float | None
    precision: int | None
    region: str | None = None  # ISO country code or GeoNames admin1 code ("UA", "UA.07")

    @property
    def resolvable(self) -> bool:
        return self.lat is not None

    def same_region(self, place: Place) -> bool:
        """Is ``place`` the region or country this gold place names (whatever centre it uses)?"""
        if not self.region or not place.id:
            return False
        return place.id == (f"country:{self.region}" if "." not in self.region else f"admin1:{self.region}")


def check(obj: dict[str, Any], where: str) -> None:
    """Raise :class:`GoldError` (naming ``where``) for a malformed places item."""
    gold_places(obj, where)


def gold_places(obj: dict[str, Any], where: str = "") -> list[GoldPlace]:
    """The gold places of one item, located in its text; raises GoldError when malformed."""
    unknown = set(obj) - _ITEM_FIELDS
    if unknown:
        raise GoldError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                        f"known: {', '.join(sorted(_ITEM_FIELDS))}")
    if obj.get("split", "dev") not in SPLITS:
        raise GoldError(f"{where}: 'split' must be one of {', '.join(SPLITS)}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldError(f"{where}: missing or empty 'text'")
    if not isinstance(obj.get("places"), list):
        raise GoldError(f"{where}: 'places' must be a list")
    places: list[GoldPlace] = []
    after: dict[str, int] = {}
    for n, p in enumerate(obj["places"]):
        w = f"{where}: places[{n}]"
        if not isinstance(p, dict):
            raise GoldError(f"{w} must be an object")
        bad = set(p) - _PLACE_FIELDS
        if bad:
            raise GoldError(f"{w}: unknown field(s) {', '.join(sorted(bad))}")
        ptext = p.get("text")
        if not isinstance(ptext, str) or not ptext:
            raise GoldError(f"{w}: missing 'text'")
        lat, lon = p.get("lat"), p.get("lon")
        if (lat is None) != (lon is None):
            raise GoldError(f"{w}: give both lat and lon, or neither")
        if lat is not None and not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
                                    and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise GoldError(f"{w}: lat/lon must be numbers within ±90/±180")
        if p.get("precision") not in (None, 1, 2, 3):
            raise GoldError(f"{w}: 'precision' must be 1, 2 or 3")
        region = p.get("region")
        if region is not None and not (isinstance(region, str) and region and lat is not None):
            raise GoldError(f"{w}: 'region' must be a country or admin1 code, with lat/lon")
        start = _locate(text, ptext, p.get("occurrence"), after.get(ptext, 0), [g.span for g in places])
        if start < 0:
            raise GoldError(f"{w}: {ptext!r} does not occur in the text"
                            + (f" {p['occurrence']} times" if "occurrence" in p else " (after the previous mention)"))
        after[ptext] = start + len(ptext)
        places.append(GoldPlace(ptext, (start, start + len(ptext)), lat, lon, p.get("precision"), region))
    return places


def _locate(text: str, needle: str, occurrence: Any, after: int, used: list[tuple[int, int]]) -> int:
    """Start of ``needle`` as a whole word ("Russia" is not found inside "Russian"): its n-th
    occurrence, or the next one that no earlier gold place took ("Donetsk" after "Donetsk Oblast")."""
    found = list(re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text))
    if occurrence is None:
        free = (m.start() for m in found if not any(s < m.end() and m.start() < e for s, e in used))
        return next((s for s in free if s >= after), -1)
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(found):
        return -1
    return found[occurrence - 1].start()


class _Tally:
    def __init__(self) -> None:
        self.gold = self.resolvable = self.null = self.predicted = 0
        self.matched = self.within25 = self.within161 = self.far = self.null_ok = 0
        self.code_ok = self.code_n = 0
        self.errors_km: list[float] = []

    def metrics(self) -> dict[str, float]:
        m = {
            "gold_mentions": float(self.gold), "predicted_mentions": float(self.predicted),
            "acc_25km": self.within25 / self.resolvable if self.resolvable else 0.0,
            "acc_161km": self.within161 / self.resolvable if self.resolvable else 0.0,
            "far_off": self.far / len(self.errors_km) if self.errors_km else 0.0,
            "mention_recall": self.matched / self.gold if self.gold else 0.0,
            "mention_precision": self.matched / self.predicted if self.predicted else 0.0,
            "null_kept": self.null_ok / self.null if self.null else 1.0,
        }
        if self.errors_km:
            m["median_error_km"] = round(statistics.median(self.errors_km), 2)
        if self.code_n:
            m["precision_code_accuracy"] = self.code_ok / self.code_n
        return m


def score(items: list[dict[str, Any]], reports: list[Report]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Figures (see module docstring) and one mistake per miss, for items and their reports."""
    tallies = {"all": _Tally(), **{s: _Tally() for s in SPLITS}}
    mistakes: list[dict[str, Any]] = []
    for item, report in zip(items, reports):
        gold = gold_places(item, item.get("id", ""))
        preds = [p for p in report.article.places if p.role == "place"]  # the gold leaves metonyms out
        split = tallies[item.get("split", "dev")]
        for t in (tallies["all"], split):
            t.gold += len(gold)
            t.predicted += len(preds)
        pairs = align([g.span for g in gold], [p.span for p in preds])
        for gi, g in enumerate(gold):
            pred = preds[pairs[gi]] if gi in pairs else None
            problem = _judge(g, pred, (tallies["all"], split))
            if problem:
                mistakes.append(_mistake(item, g, pred, problem))
        for pi, p in enumerate(preds):
            if pi not in pairs.values():
                mistakes.append({"id": item.get("id"), "text": item["text"], "expected": "(no place here)",
                                 "got": _fmt(p)})
    metrics = tallies["all"].metrics()
    for s in SPLITS:
        if tallies[s].gold:
            metrics.update({f"{s}/{k}": v for k, v in tallies[s].metrics().items()})
    return metrics, mistakes


def _judge(g: GoldPlace, pred: Place | None, tallies: Sequence[_Tally]) -> str | None:
    """Count one gold place in ``tallies``; return what went wrong, or None."""
    for t in tallies:
        t.matched += pred is not None
    if not g.resolvable:
        kept = pred is None or not pred.resolved
        for t in tallies:
            t.null += 1
            t.null_ok += kept
        return None if kept else "should stay unresolved"
    for t in tallies:
        t.resolvable += 1
    if pred is None or not pred.resolved:
        return "not found" if pred is None else "unresolved"
    d = haversine_km((g.lat, g.lon), (pred.lat, pred.lon))  # type: ignore[arg-type]
    region_ok = g.same_region(pred)  # the right region, whatever centre each side uses
    code_ok = g.precision is None or pred.precision == g.precision
    for t in tallies:
        t.errors_km.append(d)
        t.within25 += d <= 25 or region_ok
        t.within161 += d <= 161 or region_ok
        t.far += d > 100 and not region_ok
        if g.precision is not None:
            t.code_n += 1
            t.code_ok += code_ok
    if d > 25 and not region_ok:
        return f"{d:.0f} km off"
    return None if code_ok else f"precision {pred.precision}, gold {g.precision}"


def _fmt(p: Place) -> str:
    where = f"{p.lat:.3f}, {p.lon:.3f}" if p.resolved else "unresolved"
    return f"{p.text} -> {p.name or '-'} ({where}, precision {p.precision})"


def _mistake(item: dict[str, Any], g: GoldPlace, pred: Place | None, problem: str) -> dict[str, Any]:
    want = f"{g.lat}, {g.lon}" if g.resolvable else "unresolved"
    return {"id": item.get("id"), "text": item["text"], "expected": f"{g.text} ({want}, precision {g.precision})",
            "got": _fmt(pred) if pred else "(not found)", "problem": problem}
