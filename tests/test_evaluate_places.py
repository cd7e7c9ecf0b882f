"""The places scorer: gold checks, alignment, the figures, and the gold set itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from frontwatch.errors import GoldError
from frontwatch.evaluate import load_gold
from frontwatch.evaluate.places import check, gold_places, score
from frontwatch.records import Article, Place, Report

GOLD = Path(__file__).resolve().parent / "data" / "gold" / "places.jsonl"

ITEM = {"kind": "places", "id": "x-1", "split": "dev",
        "text": "Shelling near Bakhmut and in the Kharkiv region; fighting on the southern front.",
        "places": [{"text": "Bakhmut", "lat": 48.59, "lon": 38.0, "precision": 2},
                   {"text": "Kharkiv region", "lat": 49.6, "lon": 36.5, "precision": 3, "region": "UA.07"},
                   {"text": "southern front", "lat": None, "lon": None}]}


def report(text: str, *places: Place) -> Report:
    return Report(article=Article(text=text, places=places))


@pytest.mark.parametrize("change,message", [
    ({"placez": []}, "unknown field"),
    ({"text": ""}, "missing or empty 'text'"),
    ({"split": "train"}, "'split' must be one of"),
    ({"places": [{"text": "Kupiansk", "lat": 1, "lon": 2}]}, "'Kupiansk' does not occur"),
    ({"places": [{"text": "Bakhmut", "lat": 48.6}]}, "both lat and lon"),
    ({"places": [{"text": "Bakhmut", "lat": 148.6, "lon": 38}]}, "within"),
    ({"places": [{"text": "Bakhmut", "lat": 48.6, "lon": 38, "precision": 4}]}, "'precision' must be"),
    ({"places": [{"text": "Bakhmut", "lat": 48.6, "lon": 38, "scope": "city"}]}, "unknown field"),
    ({"places": [{"text": "Bakhmut", "lat": 48.6, "lon": 38, "occurrence": 2}]}, "2 times"),
])
def test_evaluate_places_check_rejects_malformed_items(change: dict[str, Any], message: str) -> None:
    with pytest.raises(GoldError, match=message):
        check(dict(ITEM, **change), "gold.jsonl:7")


def test_evaluate_places_whole_words_and_taken_spans() -> None:
    item = {"kind": "places", "id": "w", "text": "Russian troops left Donetsk Oblast for Russia, not Donetsk.",
            "places": [{"text": "Donetsk Oblast", "lat": 48, "lon": 37.8}, {"text": "Russia", "lat": 61.5, "lon": 105},
                       {"text": "Donetsk", "lat": 48.0, "lon": 37.8}]}
    spans = [g.span for g in gold_places(item)]
    text = item["text"]
    assert [text[s:e] for s, e in spans] == ["Donetsk Oblast", "Russia", "Donetsk"]
    assert spans[1][0] == text.index("Russia,") and spans[2][0] == text.rindex("Donetsk")


def test_evaluate_places_score_figures() -> None:
    text = ITEM["text"]
    b = text.index("Bakhmut")
    k = text.index("Kharkiv region")
    f = text.index("the southern front")
    preds = (
        Place(text="Bakhmut", span=(b, b + 7), lat=48.5942, lon=37.9989, precision=2),
        # another centre for the same region still counts: it is the region the gold names
        Place(text="Kharkiv region", span=(k, k + 14), id="admin1:UA.07", lat=49.78, lon=36.47, precision=3),
        Place(text="the southern front", span=(f, f + 18)),
    )
    metrics, mistakes = score([ITEM], [report(text, *preds)])
    assert metrics["acc_25km"] == 1.0 and metrics["far_off"] == 0.0 and metrics["null_kept"] == 1.0
    assert metrics["mention_recall"] == 1.0 and metrics["mention_precision"] == 1.0
    assert metrics["precision_code_accuracy"] == 1.0 and metrics["dev/acc_25km"] == 1.0
    assert "test/acc_25km" not in metrics and mistakes == []


def test_evaluate_places_score_counts_misses_far_guesses_and_lost_nulls() -> None:
    text = ITEM["text"]
    b = text.index("Bakhmut")
    f = text.index("southern front")
    extra = text.index("Shelling")
    preds = (
        Place(text="Bakhmut", span=(b, b + 7), lat=46.0, lon=30.0, precision=1),  # ~600 km off
        Place(text="southern front", span=(f, f + 14), lat=47.0, lon=35.0, precision=3),  # should stay null
        Place(text="Shelling", span=(extra, extra + 8)),  # not a place
    )
    metrics, mistakes = score([ITEM], [report(text, *preds)])
    assert metrics["acc_25km"] == 0.0 and metrics["acc_161km"] == 0.0 and metrics["far_off"] == 1.0
    assert metrics["mention_recall"] == pytest.approx(2 / 3) and metrics["mention_precision"] == pytest.approx(2 / 3)
    assert metrics["null_kept"] == 0.0 and metrics["median_error_km"] > 500
    problems = [m.get("problem", m["expected"]) for m in mistakes]
    assert sorted("km off" if p.endswith(" km off") else p for p in problems) == [
        "(no place here)", "km off", "not found", "should stay unresolved"]


def test_evaluate_places_gold_file_is_well_formed_and_big_enough() -> None:
    items, problems = load_gold([str(GOLD)])
    assert problems == []
    objs = [i.obj for i in items]
    mentions = [p for o in objs for p in o["places"]]
    assert len(mentions) >= 300
    assert {o["split"] for o in objs} == {"dev", "test"}
    assert sum(p["lat"] is None for p in mentions) >= 20  # text that must stay unresolved
    assert len({o["conflict"] for o in objs}) >= 5  # not only Ukraine
    assert len({o["id"] for o in objs}) == len(objs)

# The accuracy gate for places lives with every other floor in tests/eval_floors.json (tests/test_evaluate.py).
