"""Scoring on real text written by others: the development sets in ``../shared/realtext``.

Those files are not ours to copy, so they are read by path and converted here, at load time, into
what the scorers need. Each set is one :class:`RealSet`; ``frontwatch evaluate --real`` (and
``make eval-real``) runs one pipeline over every set present and prints one table per set, beside
the figures measured before the real-text work (``tests/eval_real_baseline.json``) and the floors
the tests hold (``tests/eval_floors.json``, under ``real``).

Figures per scorer:

* ``toponyms`` (LGL, TR-News, GeoVirus: gold toponyms with offsets and GeoNames coordinates):
  ``span_recall`` (a predicted place mention overlaps the gold span), ``resolved_at_span`` (and has
  coordinates), ``acc_25km`` / ``acc_161km`` (of those resolved at their span, within 25 / 161 km),
  ``end_to_end_161km`` (gold toponyms resolved at their span within 161 km, over all gold), and
  ``median_error_km``. A prediction that is the gold's own feature (its GeoNames id; for an area, the
  title of its Wikipedia page) counts as 0 km off, whatever point each side gives a country or region
  (:func:`same_feature`); ``acc_161km_points`` is the plain distance figure beside it. The gold is not exhaustive, so no precision is computed.
* ``headlines`` (UCDP Ukraine events: one coded place per headline, no offsets): a row is right when
  a place resolved in the text lies within 25 km of the coded location (the place whose text shares
  the coded name's first five letters is preferred when several are resolved). ``acc_25km`` over all
  rows, ``acc_25km_headlines`` over the real headlines of more than three words.
* ``timex`` (MEANTIME TIMEX3): gold ``DATE`` values naming a calendar period (a day, month, quarter,
  season, ISO week, year or decade), creation-time datelines left out. ``date_found`` (a predicted
  expression overlaps), ``date_exact`` (same interval as the value denotes, over all such gold) and
  ``date_overlap`` (the intervals intersect), and ``date_exact_timeml``: exact under TimeML's own reading,
  where a value leaves out its signal and modifier ("since 1992" is right for 1992 when it starts there;
  "late 2006" when it lies inside 2006; one range of ours answers both of its TIMEX3s). See :func:`timeml_same`.
  A gold day value that contradicts the weekday its text names is corrected by :func:`gold_interval`; every
  allowance, with the number of values it changes, is listed in docs/gold.md.
* ``article`` (our claim gold on the real war news, ``tests/data/gold/realnews/{dev,test}``): the
  claim scorer of :mod:`.claims`.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..gazetteer.lookup import haversine_km
from ..records import Report
from .times import align

REPO = Path(__file__).resolve().parents[3]
DEFAULT_REALTEXT = REPO.parent / "shared" / "realtext"
GOLD = REPO / "tests" / "data" / "gold"
BASELINE = REPO / "tests" / "eval_real_baseline.json"
FLOORS = REPO / "tests" / "eval_floors.json"


@dataclass(frozen=True)
class RealSet:
    name: str
    path: str  # under the realtext folder, or (for claim gold) under tests/data/gold
    scorer: str  # toponyms | headlines | timex | article
    about: str
    # The figures a table shows, in order (all figures are kept in the JSON report).
    shown: tuple[str, ...] = ()


SETS: tuple[RealSet, ...] = (
    RealSet("lgl", "geo/lgl.jsonl", "toponyms", "LGL: US local news, toponyms",
            ("gold", "span_recall", "resolved_at_span", "acc_25km", "acc_161km", "end_to_end_161km",
             "acc_161km_points", "median_error_km")),
    RealSet("trnews", "geo/trnews.jsonl", "toponyms", "TR-News: international and local news, toponyms",
            ("gold", "span_recall", "resolved_at_span", "acc_25km", "acc_161km", "end_to_end_161km",
             "acc_161km_points", "median_error_km")),
    RealSet("geovirus", "geo/geovirus.jsonl", "toponyms", "GeoVirus: Wikinews outbreak reports, toponyms",
            ("gold", "span_recall", "resolved_at_span", "acc_25km", "acc_161km", "end_to_end_161km",
             "acc_161km_points", "median_error_km")),
    RealSet("ucdp", "geo/ucdp-ua-2014-2021.jsonl", "headlines", "UCDP Ukraine 2014-2021: coded place per headline",
            ("rows", "acc_25km", "acc_161km", "headlines", "acc_25km_headlines", "median_error_km")),
    RealSet("meantime", "time/meantime.jsonl", "timex", "MEANTIME news: calendar DATE values",
            ("gold", "date_found", "date_exact", "date_exact_timeml", "date_overlap")),
    RealSet("war-news-dev", "realnews/dev", "article", "real war news, our claim gold (dev split)",
            ("gold_claims", "claim_precision", "claim_recall", "claim_f1", "claimant_side_accuracy",
             "type_accuracy", "actor_side_accuracy")),
    RealSet("war-news-test", "realnews/test", "article", "real war news, our claim gold (held-out test split)",
            ("gold_claims", "claim_precision", "claim_recall", "claim_f1", "claimant_side_accuracy",
             "type_accuracy", "actor_side_accuracy")),
)
SET_NAMES = tuple(s.name for s in SETS)


def get_set(name: str) -> RealSet:
    for s in SETS:
        if s.name == name:
            return s
    raise KeyError(f"unknown real-text set {name!r}; known: {', '.join(SET_NAMES)}")


def read_rows(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
                if limit is not None and len(rows) >= limit:
                    break
    return rows


# -- toponyms with offsets ---------------------------------------------------------------------------
def score_toponyms(rows: list[dict[str, Any]], reports: list[Report]) -> tuple[dict[str, float], list[dict]]:
    gold = found = resolved = within25 = within161 = points161 = pointed = 0
    errors: list[float] = []
    mistakes: list[dict[str, Any]] = []
    for row, report in zip(rows, reports):
        places = list(report.article.places)
        pairs = align([(g["start"], g["end"]) for g in row["gold"]], [p.span for p in places])
        for gi, g in enumerate(row["gold"]):
            gold += 1
            pred = places[pairs[gi]] if gi in pairs else None
            found += pred is not None
            if pred is not None and not pred.resolved and pred.id and same_feature(g, pred, 0.0):
                # "eastern Illinois", "North Texas": by our convention (docs/places.md) a part of a
                # region keeps the region without a point; the toponym itself ("Illinois") is resolved
                # to the gold's own feature, so it counts as 0 km off (the points-only figure leaves it out)
                resolved += 1
                errors.append(0.0)
                within25 += 1
                within161 += 1
                continue
            if pred is None or not pred.resolved:
                mistakes.append({"id": row["id"], "expected": f"{g['text']} ({g['lat']}, {g['lon']})",
                                 "got": "(not found)" if pred is None else f"{pred.text} unresolved",
                                 "what": "missed" if pred is None else "unresolved", "text": _around(row, g)})
                continue
            resolved += 1
            pointed += 1
            d = haversine_km((g["lat"], g["lon"]), (pred.lat, pred.lon))  # type: ignore[arg-type]
            points161 += d <= 161
            if same_feature(g, pred, d):
                d = 0.0  # the gold's own feature: its point is a convention, not a place we missed
            errors.append(d)
            within25 += d <= 25
            within161 += d <= 161
            if d > 161:
                mistakes.append({"id": row["id"], "expected": f"{g['text']} ({g['lat']}, {g['lon']})",
                                 "got": f"{pred.name} ({pred.lat:.2f}, {pred.lon:.2f}) {pred.country or ''}",
                                 "what": f"{d:.0f} km off", "text": _around(row, g)})
    metrics = {
        "gold": float(gold),
        "span_recall": _share(found, gold),
        "resolved_at_span": _share(resolved, gold),
        "acc_25km": _share(within25, resolved),
        "acc_161km": _share(within161, resolved),
        "end_to_end_161km": _share(within161, gold),
        "acc_161km_points": _share(points161, pointed),  # of those with a point
    }
    if errors:
        metrics["median_error_km"] = round(statistics.median(errors), 2)
    return metrics, mistakes


SAME_AREA_MAX_KM = 1500.0  # a same-titled area farther than this is a namesake ("Georgia", state and country)


def same_feature(g: dict[str, Any], pred: Any, d: float) -> bool:
    """Is the prediction the gold's own feature, whatever point each side gives it?

    A country or region has no one point: GeoNames puts Canada's in Alberta, Wikipedia's
    coordinates are another atlas centre, ours the rounded centre (countries) or the middle of a
    region's settlements. Scoring those points against each other measures conventions, hundreds of
    kilometres apart for Canada or Queensland, not resolution. So a prediction that carries the gold's
    GeoNames id (LGL, TR-News) is right, and so is an area (country, region, continent) whose name is
    the title of the gold's Wikipedia page (GeoVirus), within ``SAME_AREA_MAX_KM``. A settlement is
    still scored by its point: its name is no identity ("Paris", Texas, is not Paris's page).
    ``acc_161km_points`` keeps the plain distance figure.
    """
    from ..gazetteer.ids import geonames_id

    if g.get("geonames") and str(geonames_id(pred.id)) == str(g["geonames"]):
        return True
    page = g.get("page")
    if not page or pred.feature not in ("country", "region", "continent", "macroregion", "county") \
            or d > SAME_AREA_MAX_KM or not pred.name:
        return False
    title = re.sub(r"\s*\(.*\)$", "", unquote(page.rsplit("/wiki/", 1)[-1]).replace("_", " "))
    return _fold(title) == _fold(pred.name)


def _around(row: dict[str, Any], g: dict[str, Any]) -> str:
    """A little context for a mistake, shown on screen only (never stored in the repository)."""
    return row["text"][max(0, g["start"] - 60):g["end"] + 60].replace("\n", " ")


# -- one coded place per headline ---------------------------------------------------------------------
def score_headlines(rows: list[dict[str, Any]], reports: list[Report]) -> tuple[dict[str, float], list[dict]]:
    n = n_head = ok25 = ok161 = ok_head = 0
    errors: list[float] = []
    mistakes: list[dict[str, Any]] = []
    for row, report in zip(rows, reports):
        g = row["gold"][0]
        headline = len(row["text"].split()) > 3
        n += 1
        n_head += headline
        resolved = [p for p in report.article.places if p.resolved]
        d = None
        if resolved:
            stem = _fold(g["name"])[:5]
            named = [p for p in resolved if stem and stem in _fold(p.text)]
            d = min(haversine_km((g["lat"], g["lon"]), (p.lat, p.lon)) for p in (named or resolved))  # type: ignore[arg-type]
            errors.append(d)
        ok25 += d is not None and d <= 25
        ok161 += d is not None and d <= 161
        ok_head += headline and d is not None and d <= 25
        if d is None or d > 25:
            got = ", ".join(f"{p.text}->{p.name} ({p.lat:.2f},{p.lon:.2f})" for p in resolved) or "(nothing resolved)"
            mistakes.append({"id": row["id"], "expected": f"{g['name']} ({g['lat']}, {g['lon']})", "got": got,
                             "what": "missed" if d is None else f"{d:.0f} km off", "text": row["text"]})
    metrics = {"rows": float(n), "acc_25km": _share(ok25, n), "acc_161km": _share(ok161, n),
               "headlines": float(n_head), "acc_25km_headlines": _share(ok_head, n_head)}
    if errors:
        metrics["median_error_km"] = round(statistics.median(errors), 2)
    return metrics, mistakes


def _fold(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.casefold())


# -- TIMEX3 calendar dates ----------------------------------------------------------------------------
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def timex_interval(value: str) -> tuple[date, date] | None:
    """The inclusive interval a TIMEX3 calendar value denotes, or None for anything else
    (durations, references such as PAST_REF, underspecified XXXX values, fiscal years)."""
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            return _month(int(m[1]), int(m[2]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})", value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            q = int(m[2])
            return _month(int(m[1]), 3 * q - 2, 3 * q)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            first, last = _SEASONS[m[2]]
            return _month(int(m[1]), first, last)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    return None


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def gold_interval(g: dict[str, Any]) -> tuple[date, date] | None:
    """:func:`timex_interval` of a gold TIMEX3, with one correction the calendar proves: a day value whose
    text names one weekday and no date ("Friday", "Black Monday") but falls on another is moved to the nearest day
    that is that weekday (at most three days away). MEANTIME has four such values of its 46 weekday
    DATEs (docs/gold.md); no other value is touched."""
    iv = timex_interval(g["value"])
    if iv is None or iv[0] != iv[1] or re.search(r"\d", g["text"]):
        return iv  # "Friday, March 3" is valued by its date, whatever weekday that is
    named = {i for i, w in enumerate(_WEEKDAY_NAMES) if re.search(rf"\b{w}\b", g["text"], re.IGNORECASE)}
    if len(named) != 1 or iv[0].weekday() in named:
        return iv
    shift = (named.pop() - iv[0].weekday() + 3) % 7 - 3
    day = iv[0] + timedelta(days=shift)
    return day, day


def _month(year: int, first: int, last: int) -> tuple[date, date]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    nxt = date(end_year + (end_month == 12), end_month % 12 + 1, 1)
    return date(year, first, 1), nxt - timedelta(days=1)


def timeml_same(pred: Any, g: dict[str, Any], start: date, end: date) -> bool:
    """Exact under TimeML's own conventions. A TIMEX3 leaves out its signal ("since", "from", "between",
    "before", "after" are SIGNAL tags) and its modifier (``mod`` START/MID/END for "early", "late",
    "the end of"); our expression keeps both, so "since 1992" = 1992-01-01..published is right for the
    value 1992 when its start is, and "late 2006" = Sep-Dec 2006 is right for 2006 when it lies inside."""
    if pred.start == start and pred.end == end:
        return True
    low = pred.text.lower()
    inside = g["start"] - pred.span[0]
    if 0 < inside and g["end"] <= pred.span[1] and re.search(r"\bof\s*$", low[:inside]):
        return _anchor_holds(pred, low, start, end)
    if pred.granularity == "open":
        if re.match(r"(since|from|as of)\b", low):
            return pred.start == start
        if re.match(r"after\b", low):
            return pred.start is not None and pred.start - timedelta(days=1) == end
        if re.match(r"before\b", low):
            return pred.end is not None and pred.end + timedelta(days=1) == start
    if pred.granularity == "range":  # "from 2009 to 2011" holds two TIMEX3s: each is one end
        return pred.end == end if g["end"] >= pred.span[1] - 1 else pred.start == start
    if (re.fullmatch(r"\d{4}-W\d{2}", g["value"]) and pred.granularity == "week" and pred.start and pred.end
            and (pred.end - pred.start).days == 6):
        # a week value can only name an ISO week: "the last week of March" (25-31) is the ISO week that
        # holds most of its days, as an ISO week belongs to the year that holds most of its days
        return (min(pred.end, end) - max(pred.start, start)).days + 1 >= 4
    return bool(re.search(r"\b(early|mid|late|later|earlier|beginning|start|end|middle)\b", low) and pred.start
                and pred.end and start <= pred.start and pred.end <= end)


def _anchor_holds(pred: Any, low: str, start: date, end: date) -> bool:
    """TimeML tags the anchor of "October of next year" or "the end of 2010" as a TIMEX3 of its own (next
    year = 2010); our one expression names a period inside it: right when that period lies in the anchor
    (for "after/since/before X of Y", the end of X that the interval starts from)."""
    if pred.granularity == "open":
        if re.match(r"after\b", low):
            edge = pred.start - timedelta(days=1) if pred.start else None
        elif re.match(r"before\b", low):
            edge = pred.end + timedelta(days=1) if pred.end else None
        else:
            edge = pred.start
        return edge is not None and start <= edge <= end
    return bool(pred.start and pred.end and start <= pred.start and pred.end <= end)


def score_timex(rows: list[dict[str, Any]], reports: list[Report]) -> tuple[dict[str, float], list[dict]]:
    gold_n = found = exact = overlap = timeml = 0
    mistakes: list[dict[str, Any]] = []
    for row, report in zip(rows, reports):
        golds = [(g, iv) for g in row["gold"] if g["type"] == "DATE" and g.get("function") != "CREATION_TIME"
                 and (iv := gold_interval(g)) is not None]
        times = [t for t in report.article.times if t.span is not None]
        pairs = align([(g["start"], g["end"]) for g, _ in golds], [t.span for t in times])  # type: ignore[misc]
        # one range of ours ("between 2014 and 2016") answers both of its TIMEX3s
        for gi, (g, _) in enumerate(golds):
            if gi not in pairs:
                over = [(min(g["end"], t.span[1]) - max(g["start"], t.span[0]), ti) for ti, t in enumerate(times)
                        if t.granularity in ("range", "open")]  # type: ignore[index]
                if over and max(over)[0] > 0:
                    pairs[gi] = max(over)[1]
        for gi, (g, (start, end)) in enumerate(golds):
            gold_n += 1
            pred = times[pairs[gi]] if gi in pairs else None
            if pred is None:
                mistakes.append({"id": row["id"], "expected": f"{g['text']} = {g['value']}", "got": "(not found)",
                                 "what": "missed", "text": _around(row, g)})
                continue
            found += 1
            same = pred.start == start and pred.end == end
            exact += same
            timeml += timeml_same(pred, g, start, end)
            overlap += pred.start is not None and pred.end is not None and pred.start <= end and start <= pred.end
            if not same:
                mistakes.append({"id": row["id"], "expected": f"{g['text']} = {g['value']} ({start}..{end})",
                                 "got": f"{pred.text} = {pred.start}..{pred.end} ({pred.granularity})",
                                 "what": "wrong interval", "text": _around(row, g)})
    metrics = {"gold": float(gold_n), "date_found": _share(found, gold_n), "date_exact": _share(exact, gold_n),
               "date_exact_timeml": _share(timeml, gold_n),
               "date_overlap": _share(overlap, gold_n)}
    return metrics, mistakes


def _share(k: int, n: int) -> float:
    return k / n if n else 0.0


SCORERS: dict[str, Callable[[list[dict[str, Any]], list[Report]], tuple[dict[str, float], list[dict]]]] = {
    "toponyms": score_toponyms, "headlines": score_headlines, "timex": score_timex,
}


# -- running ------------------------------------------------------------------------------------------
@dataclass
class RealResult:
    set: RealSet
    items: int
    metrics: dict[str, float]
    mistakes: list[dict[str, Any]]
    problems: list[str]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"set": self.set.name, "items": self.items, "metrics": self.metrics, "problems": self.problems,
                "seconds": self.seconds, "mistakes": self.mistakes}


def available(s: RealSet, realtext: Path = DEFAULT_REALTEXT) -> Path | None:
    """Where the set's files are, or None when they are absent (a bare clone has no ../shared)."""
    if s.scorer == "article":
        folder = GOLD / s.path
        return folder if folder.is_dir() and any(folder.glob("*.json")) and realtext.exists() else None
    path = realtext / s.path
    return path if path.exists() else None


def run_set(s: RealSet, pipeline: Any, realtext: Path = DEFAULT_REALTEXT, limit: int | None = None) -> RealResult:
    """Run the pipeline over one set and score it."""
    import time

    from ..pipeline import make_article

    started = time.perf_counter()
    path = available(s, realtext)
    if path is None:
        raise FileNotFoundError(f"real-text set {s.name!r} not found under {realtext if s.scorer != 'article' else GOLD}")
    if s.scorer == "article":
        from . import evaluate

        result = evaluate([str(path)], pipeline=pipeline)
        metrics = result.metrics("article")
        mistakes = next((sec.mistakes for sec in result.sections if sec.kind == "article"), [])
        items = next((sec.items for sec in result.sections if sec.kind == "article"), 0)
        return RealResult(s, items, metrics, mistakes, result.problems, round(time.perf_counter() - started, 1))
    rows = read_rows(path, limit)
    articles = [make_article(r["text"], published=r.get("published"), source=r.get("source"), id=r["id"],
                             origin=f"{path.name}:{r['id']}") for r in rows]
    reports: dict[str, Report] = {}
    problems: list[str] = []
    for report in pipeline.pipe(articles, on_error=lambda a, e: problems.append(str(e))):
        reports[report.article.id] = report
    # A failed article scores as finding nothing (it is also listed as a problem).
    from ..records import Article

    chosen = [reports.get(r["id"]) or Report(article=Article(text=r["text"], id=r["id"])) for r in rows]
    metrics, mistakes = SCORERS[s.scorer](rows, chosen)
    return RealResult(s, len(rows), metrics, mistakes, problems, round(time.perf_counter() - started, 1))


def load_reference() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """(baseline figures per set, floors per set) from the files the repository keeps."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")).get("sets", {}) if BASELINE.exists() else {}
    floors_file = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    floors = {k: v.get("metrics", {}) for k, v in floors_file.get("real", {}).items()}
    return baseline, floors
