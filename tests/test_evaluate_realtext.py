"""Real-text evaluation: the converters and scorers on data we write, then the floors on ../shared/realtext."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from needs import REALTEXT, require, require_realtext

from frontwatch.evaluate import realtext as rt
from frontwatch.records import Article, Place, Report, TimeSpan

FLOORS = json.loads((Path(__file__).resolve().parent / "eval_floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("value,interval", [
    ("2008-03-01", ("2008-03-01", "2008-03-01")),
    ("2008-03-01TMO", ("2008-03-01", "2008-03-01")),
    ("2008-02", ("2008-02-01", "2008-02-29")),
    ("2007", ("2007-01-01", "2007-12-31")),
    ("200", ("2000-01-01", "2009-12-31")),
    ("2009-Q4", ("2009-10-01", "2009-12-31")),
    ("2010-WI", ("2010-12-01", "2011-02-28")),
    ("2010-W04", ("2010-01-25", "2010-01-31")),
    ("2010-W04-WE", ("2010-01-30", "2010-01-31")),
    ("PAST_REF", None), ("XXXX-XX-XX", None), ("P1Y", None), ("FY2009", None), ("2009-13", None),
])
def test_realtext_timex_interval(value: str, interval: tuple[str, str] | None) -> None:
    want = tuple(date.fromisoformat(d) for d in interval) if interval else None
    assert rt.timex_interval(value) == want


def _report(text: str, places: tuple[Place, ...] = (), times: tuple[TimeSpan, ...] = ()) -> Report:
    return Report(article=Article(text=text, places=places, times=times))


def test_realtext_toponym_scorer_counts_span_resolution_and_distance() -> None:
    text = "Floods hit Springfield and Shelbyville on Monday; Ogdenville was spared."
    row = {"id": "t1", "text": text, "gold": [
        {"start": 11, "end": 22, "text": "Springfield", "lat": 39.8, "lon": -89.65},
        {"start": 27, "end": 38, "text": "Shelbyville", "lat": 39.4, "lon": -88.8},
        {"start": 50, "end": 60, "text": "Ogdenville", "lat": 40.0, "lon": -88.0}]}
    places = (Place("Springfield", (11, 22), lat=39.78, lon=-89.64),      # right
              Place("Shelbyville", (27, 38), lat=35.48, lon=-86.46),      # ~500 km off
              Place("Ogdenville", (50, 60)))                              # found, unresolved
    metrics, mistakes = rt.score_toponyms([row], [_report(text, places)])
    assert metrics["gold"] == 3 and metrics["span_recall"] == 1.0
    assert metrics["resolved_at_span"] == pytest.approx(2 / 3)
    assert metrics["acc_161km"] == 0.5 and metrics["end_to_end_161km"] == pytest.approx(1 / 3)
    assert sorted(m["what"] for m in mistakes)[1] == "unresolved" and len(mistakes) == 2
    assert mistakes[0]["what"].endswith(" km off") and int(mistakes[0]["what"].split()[0]) > 400


def test_realtext_toponym_scorer_takes_the_gold_feature_whatever_its_point() -> None:
    # An area's point is a convention: the gold's GeoNames id (or, for an area, its Wikipedia
    # page's title) says the prediction is the gold's own feature; a namesake far away is not.
    text = "Wildfires spread across Alberta and Canada; Georgia sent crews; Paris sent none."
    row = {"id": "t2", "text": text, "gold": [
        {"start": 24, "end": 31, "text": "Alberta", "lat": 55.0, "lon": -115.0, "geonames": "5883102"},
        {"start": 36, "end": 42, "text": "Canada", "lat": 62.0, "lon": -96.0,
         "page": "https://en.wikipedia.org/wiki/Canada"},
        {"start": 44, "end": 51, "text": "Georgia", "lat": 32.7, "lon": -83.5,
         "page": "https://en.wikipedia.org/wiki/Georgia_(U.S._state)"},
        {"start": 64, "end": 69, "text": "Paris", "lat": 48.85, "lon": 2.35,
         "page": "https://en.wikipedia.org/wiki/Paris"}]}
    places = (Place("Alberta", (24, 31), id="admin1:CA.01", name="Alberta", lat=53.0, lon=-114.9, feature="region"),
              Place("Canada", (36, 42), id="country:CA", name="Canada", lat=60.0, lon=-95.0, feature="country"),
              Place("Georgia", (44, 51), id="country:GE", name="Georgia", lat=42.0, lon=43.5, feature="country"),
              Place("Paris", (64, 69), id="geonames:4717560", name="Paris", lat=33.66, lon=-95.56, feature="town"))
    metrics, mistakes = rt.score_toponyms([row], [_report(text, places)])
    assert metrics["acc_161km"] == 0.5  # Alberta (same GeoNames id) and Canada (same page title)
    assert metrics["acc_161km_points"] == 0.0  # by their points alone, none is within 161 km
    assert sorted(m["expected"].split()[0] for m in mistakes) == ["Georgia", "Paris"]


def test_realtext_toponym_scorer_takes_a_part_of_the_gold_region_without_a_point() -> None:
    # "eastern Kansas" keeps Kansas without a point (docs/places.md): the toponym "Kansas" is
    # identified as the gold's own feature; a point-less guess of another feature is not
    text = "Storms crossed eastern Kansas and northern Ruritania overnight."
    row = {"id": "t3", "text": text, "gold": [
        {"start": 23, "end": 29, "text": "Kansas", "lat": 38.5, "lon": -98.5, "geonames": "4273857"},
        {"start": 43, "end": 52, "text": "Ruritania", "lat": 10.0, "lon": 10.0, "geonames": "1"}]}
    places = (Place("eastern Kansas", (14, 29), id="admin1:US.KS", name="Kansas", feature="region", country="US"),
              Place("northern Ruritania", (34, 52), id="admin1:US.KS", name="Kansas", feature="region"))
    metrics, mistakes = rt.score_toponyms([row], [_report(text, places)])
    assert metrics["resolved_at_span"] == 0.5 and metrics["acc_161km"] == 1.0
    assert metrics["acc_161km_points"] == 0.0  # no point to measure
    assert [m["what"] for m in mistakes] == ["unresolved"]


def test_realtext_headline_scorer_prefers_the_named_place() -> None:
    rows = [{"id": "h1", "text": "Shelling reported near Avdiivka and in Donetsk city",
             "gold": [{"name": "Avdiivka town", "lat": 48.14, "lon": 37.74}]},
            {"id": "h2", "text": "Avdiivka", "gold": [{"name": "Avdiivka town", "lat": 48.14, "lon": 37.74}]}]
    reports = [_report(rows[0]["text"], (Place("Avdiivka", (23, 31), lat=48.139, lon=37.745),
                                         Place("Donetsk", (39, 46), lat=48.0, lon=37.8))),
               _report("Avdiivka")]
    metrics, mistakes = rt.score_headlines(rows, reports)
    assert metrics["acc_25km"] == 0.5 and metrics["headlines"] == 1 and metrics["acc_25km_headlines"] == 1.0
    assert [m["id"] for m in mistakes] == ["h2"]


def test_realtext_timex_scorer_exact_and_overlap() -> None:
    text = "Sales fell in 2008 and rose in March 2009."
    row = {"id": "m1", "text": text, "gold": [
        {"start": 14, "end": 18, "text": "2008", "type": "DATE", "value": "2008", "function": "NONE"},
        {"start": 31, "end": 41, "text": "March 2009", "type": "DATE", "value": "2009-03", "function": "NONE"},
        {"start": 0, "end": 5, "text": "Sales", "type": "DATE", "value": "PAST_REF", "function": "NONE"}]}
    times = (TimeSpan("in 2008", (11, 18), date(2008, 1, 1), date(2008, 12, 31), "year"),
             TimeSpan("March 2009", (31, 41), date(2009, 3, 5), date(2009, 3, 5), "day"))
    metrics, _ = rt.score_timex([row], [_report(text, times=times)])
    assert metrics == {"gold": 2.0, "date_found": 1.0, "date_exact": 0.5, "date_exact_timeml": 0.5, "date_overlap": 1.0}


def test_realtext_every_set_with_floors_is_known() -> None:
    assert set(FLOORS.get("real", {})) <= set(rt.SET_NAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS.get("real", {})))
def test_realtext_figures_stay_above_floors(name: str, pipeline) -> None:  # type: ignore[no-untyped-def]
    """The gate on text written by others (floors only move up)."""
    s = rt.get_set(name)
    if s.scorer == "article":
        require_realtext("news/war-news.jsonl")
    else:
        require_realtext(s.path)
    require(rt.available(s, REALTEXT) is not None, f"{name}: gold for the set is missing")
    result = rt.run_set(s, pipeline, REALTEXT)
    floors = FLOORS["real"][name]["metrics"]
    low = {k: (result.metrics.get(k), v) for k, v in floors.items()
           if result.metrics.get(k) is None or result.metrics[k] < v}
    assert not low, f"{name}: below floor (value, floor): {low}"


@pytest.mark.parametrize("text,start,end,granularity,value,ok", [
    ("since 1992", "1992-01-01", "2008-03-01", "open", "1992", True),    # the value names the signal's object
    ("since 1993", "1993-01-01", "2008-03-01", "open", "1992", False),
    ("late 2006", "2006-09-01", "2006-12-31", "month", "2006", True),     # a modifier narrows inside the value
    ("in 2006", "2006-09-01", "2006-12-31", "month", "2006", False),      # no modifier: must be the whole year
    ("after 2005", "2006-01-01", "2008-03-01", "open", "2005", True),
])
def test_realtext_timeml_exact_reads_signals_and_modifiers(text: str, start: str, end: str, granularity: str,
                                                           value: str, ok: bool) -> None:
    pred = TimeSpan(text, (0, len(text)), date.fromisoformat(start), date.fromisoformat(end), granularity)  # type: ignore[arg-type]
    g = {"start": 0, "end": len(text), "value": value}
    assert rt.timeml_same(pred, g, *rt.timex_interval(value)) is ok  # type: ignore[misc]


@pytest.mark.parametrize("text,value,interval", [
    ("on Friday", "2023-07-15", ("2023-07-14", "2023-07-14")),   # a Saturday value for "Friday": the Friday before
    ("Wednesday", "2023-07-17", ("2023-07-19", "2023-07-19")),   # a Monday value: the Wednesday after
    ("Friday", "2023-07-14", ("2023-07-14", "2023-07-14")),      # right already: untouched
    ("Friday and Saturday", "2023-07-12", ("2023-07-12", "2023-07-12")),  # two weekdays named: untouched
    ("the week", "2023-07-12", ("2023-07-12", "2023-07-12")),
    ("Friday, July 12", "2023-07-12", ("2023-07-12", "2023-07-12")),  # a written date: its value stands
    ("Friday", "2023-W28", ("2023-07-10", "2023-07-16")),        # not a day value: untouched
])
def test_realtext_gold_weekday_contradiction_is_corrected(text: str, value: str, interval: tuple[str, str]) -> None:
    got = rt.gold_interval({"text": text, "value": value})
    assert got == (date.fromisoformat(interval[0]), date.fromisoformat(interval[1]))


@pytest.mark.parametrize("text,start,end,granularity,value,ok", [
    ("the last week of March", "2023-03-25", "2023-03-31", "week", "2023-W13", True),  # W13 (27 Mar-2 Apr) holds 5
    ("the last week of March", "2023-03-25", "2023-03-31", "week", "2023-W12", False),  # W12 (20-26 Mar) holds 2
    ("this week", "2023-07-10", "2023-07-16", "week", "2023-W29", False),   # a different week: no allowance
    ("later this year", "2006-10-05", "2006-12-31", "year", "2006-Q4", True),  # narrower, inside, a part-of word
    ("this year", "2006-10-05", "2006-12-31", "year", "2006-Q4", False),
])
def test_realtext_timeml_week_values_and_parts(text: str, start: str, end: str, granularity: str, value: str,
                                               ok: bool) -> None:
    pred = TimeSpan(text, (0, len(text)), date.fromisoformat(start), date.fromisoformat(end), granularity)  # type: ignore[arg-type]
    g = {"start": 0, "end": len(text), "value": value}
    assert rt.timeml_same(pred, g, *rt.timex_interval(value)) is ok  # type: ignore[misc]


@pytest.mark.parametrize("text,start,end,granularity,gold_text,value,ok", [
    ("after May of next year", "2024-06-01", None, "open", "next year", "2024", True),  # May 2024 lies in 2024
    ("after May of next year", "2024-06-01", None, "open", "next year", "2025", False),
    ("the end of 2010", "2010-12-01", "2010-12-31", "month", "2010", "2010", True),
    ("the end of 2010", "2010-12-01", "2010-12-31", "month", "2010", "2011", False),
])
def test_realtext_timeml_anchor_after_of(text: str, start: str, end: str | None, granularity: str, gold_text: str,
                                         value: str, ok: bool) -> None:
    pred = TimeSpan(text, (10, 10 + len(text)), date.fromisoformat(start), end and date.fromisoformat(end),  # type: ignore[arg-type]
                    granularity)
    at = 10 + text.index(gold_text)
    g = {"start": at, "end": at + len(gold_text), "value": value}
    assert rt.timeml_same(pred, g, *rt.timex_interval(value)) is ok  # type: ignore[misc]
