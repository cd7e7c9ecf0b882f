"""Scoring whole articles: claims aligned to gold, then each field compared.

A predicted unit is one (claim, event) pair whose event type is not ``other``.
It matches a gold claim when the claimant names match (:func:`same_claimant`) and
the gold ``evidence`` lies in the claim's sentence (or, without evidence, the
types agree). Field figures are over matched pairs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from statistics import median
from typing import Any

from ..errors import GoldError
from ..records import EVENT_TYPES, POLARITIES, SIDES, Claim, Event, Report

KIND = "article"
ARTICLE_FIELDS = {"id", "text", "path", "published", "source", "conflict", "claims", "title", "url"}
CLAIM_FIELDS = {"claimant", "claimant_side", "evidence", "type", "actor_side", "polarity", "places", "stated",
                "time", "quantity", "direct_quote"}
TITLES = {
    "president", "minister", "deputy", "defence", "defense", "foreign", "general", "colonel", "spokesman",
    "spokeswoman", "spokesperson", "governor", "mayor", "head", "chief", "commander", "the", "mr", "mrs", "ms",
    "dr", "lieutenant", "major", "captain", "prime", "of", "russian", "ukrainian", "ukraine's", "russia's",
}
# Governments named by country or capital are one claimant.
GOVERNMENTS = {
    "ukraine": "UA", "kyiv": "UA", "kiev": "UA", "russia": "RU", "moscow": "RU", "kremlin": "RU",
}


def check(obj: dict[str, Any], where: str) -> None:
    unknown = set(obj) - ARTICLE_FIELDS
    if unknown:
        raise GoldError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise GoldError(f"{where}: missing 'text' (or a 'path' to read it from)")
    if not isinstance(obj.get("id"), str):
        raise GoldError(f"{where}: missing 'id'")
    _date(obj.get("published"), where, "published")
    claims = obj.get("claims")
    if not isinstance(claims, list):
        raise GoldError(f"{where}: 'claims' must be a list")
    for n, claim in enumerate(claims):
        at = f"{where}: claims[{n}]"
        if not isinstance(claim, dict):
            raise GoldError(f"{at}: must be an object")
        unknown = set(claim) - CLAIM_FIELDS
        if unknown:
            raise GoldError(f"{at}: unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(claim.get("claimant"), str) or claim.get("type") not in EVENT_TYPES:
            raise GoldError(f"{at}: needs 'claimant' and a 'type' from {', '.join(EVENT_TYPES)}")
        for key, allowed in (("claimant_side", SIDES), ("actor_side", SIDES), ("polarity", POLARITIES)):
            if key in claim and claim[key] not in allowed:
                raise GoldError(f"{at}: {key} {claim[key]!r} not one of {', '.join(allowed)}")
        if "evidence" in claim and claim["evidence"] not in obj["text"]:
            raise GoldError(f"{at}: evidence {claim['evidence']!r} does not occur in the text")
        _date(claim.get("stated"), at, "stated")
        if "time" in claim:
            t = claim["time"]
            if not (isinstance(t, list) and len(t) == 2):
                raise GoldError(f"{at}: 'time' must be [start, end]")
            _date(t[0], at, "time[0]")
            _date(t[1], at, "time[1]")


def _date(value: Any, where: str, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise GoldError(f"{where}: {name} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def fold(name: str) -> str:
    """Case, accents, apostrophes and common transliteration variants folded away."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’`ʼ]", "", text)
    for a, b in (("kh", "h"), ("zh", "z"), ("ya", "ia"), ("yu", "iu"), ("ye", "e"), ("yi", "i"), ("y", "i"),
                 ("g", "h"), ("ck", "k")):
        text = text.replace(a, b)
    return re.sub(r"(.)\1", r"\1", text)


def same_claimant(gold: str, predicted: str) -> bool:
    """Tolerant of titles, first names, transliteration and country/capital metonymy."""
    g = [fold(w) for w in re.findall(r"[\w'’-]+", gold) if w.lower() not in TITLES]
    p = [fold(w) for w in re.findall(r"[\w'’-]+", predicted) if w.lower() not in TITLES]
    if not g or not p:
        return fold(gold) == fold(predicted)
    gov_g = GOVERNMENTS.get(gold.lower().strip()) or GOVERNMENTS.get(g[-1])
    gov_p = GOVERNMENTS.get(predicted.lower().strip()) or GOVERNMENTS.get(p[-1])
    if gov_g and gov_g == gov_p:
        return True
    return g[-1] == p[-1] or set(g) <= set(p) or set(p) <= set(g)


def _units(report: Report) -> list[tuple[Claim, Event]]:
    return [(c, e) for c in report.claims for e in c.events if e.type != "other"]


def score(items: list[dict[str, Any]], reports: list[Report]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    tallies: dict[str, list[float]] = {k: [] for k in (
        "claimant_side", "type", "actor_side", "polarity", "stated", "time_exact", "time_overlap", "quantity",
        "direct_quote")}
    errors_km: list[float] = []
    type_pairs: list[tuple[str, str]] = []
    mistakes: list[dict[str, Any]] = []
    n_gold = n_pred = n_match = 0
    for item, report in zip(items, reports):
        units = _units(report)
        n_pred += len(units)
        used: set[int] = set()
        for g in item["claims"]:
            n_gold += 1
            best, best_score = None, 0
            for k, (claim, event) in enumerate(units):
                if k in used or not same_claimant(g["claimant"], claim.claimant.name):
                    continue
                s = 0
                if "evidence" in g:
                    if g["evidence"] not in claim.text:
                        continue
                    s += 2
                s += 1 if event.type == g["type"] else 0
                if s > best_score:
                    best, best_score = k, s
            if best is None:
                mistakes.append({"what": "missed", "expected": f"{g['claimant']}: {g['type']}",
                                 "got": _found_in_sentence(report, g), "text": _sentence_of(report, g), "id": item["id"]})
                continue
            used.add(best)
            n_match += 1
            claim, event = units[best]
            type_pairs.append((g["type"], event.type))
            _compare(g, claim, event, tallies, errors_km, mistakes, item["id"])
        # A claimant telling the same event again (a paraphrase, then a quote) is one gold claim:
        # the restatement is neither a match nor spurious.
        told = {(fold(units[k][0].claimant.name), units[k][1].type, units[k][1].actor_side) for k in used}
        for k, (claim, event) in enumerate(units):
            if k not in used and (fold(claim.claimant.name), event.type, event.actor_side) in told:
                used.add(k)
                n_pred -= 1
        for k, (claim, event) in enumerate(units):
            if k not in used:
                mistakes.append({"what": "spurious", "expected": "-", "got": f"{claim.claimant.name}: {event.type}",
                                 "text": claim.text, "id": item["id"]})
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    metrics: dict[str, float] = {
        "gold_claims": n_gold, "predicted_claims": n_pred, "matched": n_match,
        "claim_precision": precision, "claim_recall": recall, "claim_f1": f1,
    }
    for name, values in tallies.items():
        if values:
            metrics[f"{name}_accuracy"] = sum(values) / len(values)
            metrics[f"{name}_n"] = len(values)
    metrics["type_macro_f1"] = _macro_f1(type_pairs)
    if errors_km:
        metrics["places_within_25km"] = sum(e <= 25 for e in errors_km) / len(errors_km)
        metrics["places_within_161km"] = sum(e <= 161 for e in errors_km) / len(errors_km)
        finite = [e for e in errors_km if math.isfinite(e)]
        if finite:
            metrics["places_median_error_km"] = median(finite)
        metrics["places_n"] = len(errors_km)
    return metrics, mistakes


def _compare(g: dict[str, Any], claim: Claim, event: Event, tallies: dict[str, list[float]], errors_km: list[float],
             mistakes: list[dict[str, Any]], item_id: str) -> None:
    def tally(name: str, ok: bool, expected: Any, got: Any) -> None:
        tallies[name].append(1.0 if ok else 0.0)
        if not ok:
            mistakes.append({"what": name, "expected": expected, "got": got, "text": claim.text, "id": item_id})

    if "claimant_side" in g:
        tally("claimant_side", claim.claimant.side == g["claimant_side"], g["claimant_side"], claim.claimant.side)
    tally("type", event.type == g["type"], g["type"], event.type)
    if "actor_side" in g:
        tally("actor_side", event.actor_side == g["actor_side"], g["actor_side"], event.actor_side)
    if "polarity" in g:
        tally("polarity", event.polarity == g["polarity"], g["polarity"], event.polarity)
    if "direct_quote" in g:
        tally("direct_quote", claim.direct_quote == g["direct_quote"], g["direct_quote"], claim.direct_quote)
    if "stated" in g:
        got = claim.stated.start.isoformat() if claim.stated and claim.stated.start else None
        tally("stated", got == g["stated"], g["stated"], got)
    if "time" in g:
        t = event.time
        got_t = [t.start.isoformat() if t and t.start else None, t.end.isoformat() if t and t.end else None]
        tally("time_exact", got_t == g["time"], g["time"], got_t)
        overlap = bool(t and t.start and t.end and t.start.isoformat() <= g["time"][1] and g["time"][0] <= t.end.isoformat())
        tallies["time_overlap"].append(1.0 if overlap else 0.0)
    if "quantity" in g:
        q = g["quantity"]
        ok = any(x.unit == q.get("unit") and (x.value == q.get("value") or (
            x.value is not None and q.get("value") is not None and abs(x.value - q["value"]) < 1e-6 * max(1, abs(q["value"]))))
            for x in event.quantities)
        got_q = ", ".join(f"{x.value} {x.unit}" for x in event.quantities) or None
        tally("quantity", ok, f"{q.get('value')} {q.get('unit')}", got_q)
    for gp in g.get("places", []):
        if gp.get("lat") is None:
            continue
        cands = [p for p in event.places if p.resolved and (fold(gp["text"]) in fold(p.text) or fold(p.text) in fold(gp["text"]))]
        if not cands:
            cands = [p for p in event.places if p.resolved]
        if not cands:
            errors_km.append(math.inf)
            mistakes.append({"what": "place", "expected": gp["text"], "got": None, "text": claim.text, "id": item_id})
            continue
        d = min(haversine(gp["lat"], gp["lon"], p.lat, p.lon) for p in cands)  # type: ignore[arg-type]
        errors_km.append(d)
        if d > 25:
            mistakes.append({"what": "place", "expected": gp["text"], "got": f"{cands[0].name} ({d:.0f} km off)",
                             "text": claim.text, "id": item_id})


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {g for g, _ in pairs}
    if not labels:
        return 0.0
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label and g != label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _sentence_of(report: Report, g: dict[str, Any]) -> str:
    ev = g.get("evidence")
    if ev:
        for c in report.claims:
            if ev in c.text:
                return c.text
        return ev
    return ""


def _found_in_sentence(report: Report, g: dict[str, Any]) -> str:
    ev = g.get("evidence")
    for c in report.claims:
        if ev and ev in c.text:
            events = ", ".join(e.type for e in c.events) or "no event"
            return f"{c.claimant.name} ({c.claimant.kind}): {events}"
    return "sentence not found"
