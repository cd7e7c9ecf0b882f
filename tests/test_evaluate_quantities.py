"""Tests for the quantities scorer and the quantities gold file (format, size)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontwatch.errors import GoldError
from frontwatch.evaluate import quantities as ev
from frontwatch.records import Article, Quantity, Report

GOLD = Path(__file__).resolve().parent / "data" / "gold" / "quantities.jsonl"
TEXT = "Troops gained about 7 square kilometres and destroyed 3 tanks."


def _item(**over: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "kind": "quantities",
        "text": TEXT,
        "quantities": [
            {"text": "about 7 square kilometres", "value": 7, "unit": "km2", "approx": True},
            {"text": "3 tanks", "value": 3, "unit": "count", "approx": False},
        ],
    }
    item.update(over)
    return item


def _q(
    text: str, value: float | None, unit: str, approx: bool = False, rng: tuple[float, float] | None = None
) -> Quantity:
    i = TEXT.index(text)
    kind = {"km2": "area", "km": "distance", "m": "distance"}.get(unit, unit)
    return Quantity(
        text=text, span=(i, i + len(text)), value=value, unit=unit, kind=kind, approx=approx, range=rng
    )


@pytest.mark.parametrize(
    "change,message",
    [
        ({"extra": 1}, "unknown field"),
        ({"text": None}, "missing or empty 'text'"),
        ({"quantities": "3 tanks"}, "must be a list"),
        ({"quantities": [{"text": "5 tanks", "value": 5, "unit": "count"}]}, "does not occur"),
        ({"quantities": [{"text": "3 tanks", "value": "3", "unit": "count"}]}, "finite number"),
        ({"quantities": [{"text": "3 tanks", "value": 3, "unit": "tanks"}]}, "unit must be"),
        (
            {"quantities": [{"text": "3 tanks", "value": 3, "unit": "count", "approx": "no"}]},
            "approx must be",
        ),
        ({"quantities": [{"text": "3 tanks", "value": 3, "unit": "count", "range": [4, 3]}]}, "low <= high"),
    ],
)
def test_evaluate_quantities_check_rejects(change: dict[str, Any], message: str) -> None:
    with pytest.raises(GoldError, match=message):
        ev.check(_item(**change), "quantities.jsonl:7")


@pytest.mark.parametrize(
    "preds,expected",
    [
        ((_q("about 7 square kilometres", 7.0, "km2", True), _q("3 tanks", 3.0, "count")),
         {"mention_recall": 1.0, "mention_precision": 1.0, "exact_value_unit": 1.0, "approx_accuracy": 1.0}),
        ((_q("7 square kilometres", 7.01, "km2", False), _q("3 tanks", 3.0, "people")),
         {"mention_recall": 1.0, "exact_value_unit": 0.5, "approx_accuracy": 0.5}),
        ((_q("7 square kilometres", 7.0, "km2", True), _q("Troops", 1.0, "people")),
         {"mention_recall": 0.5, "mention_precision": 0.5, "exact_value_unit": 0.5}),
        ((), {"mention_recall": 0.0, "exact_value_unit": 0.0}),
    ],
)  # fmt: skip
def test_evaluate_quantities_score(preds: tuple[Quantity, ...], expected: dict[str, float]) -> None:
    metrics, mistakes = ev.score([_item()], [Report(article=Article(text=TEXT, quantities=preds))])
    for name, value in expected.items():
        assert metrics[name] == pytest.approx(value), name
    assert (len(mistakes) == 0) == (
        metrics["exact_value_unit"] == 1
        and metrics["mention_precision"] == 1
        and metrics["approx_accuracy"] == 1
    )
    assert all({"text", "expected", "got"} <= set(m) for m in mistakes)


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_evaluate_quantities_gold_file_is_valid_and_large_enough() -> None:
    items = _gold()
    for n, item in enumerate(items, 1):
        assert item["kind"] == ev.KIND
        ev.check(item, f"{GOLD.name}:{n}")
    mentions = [q for item in items for q in item["quantities"]]
    assert len(mentions) >= 200
    assert {q["unit"] for q in mentions} == set(ev.UNITS)
    assert (
        sum(not item["quantities"] for item in items) >= 10
    )  # sentences with numbers that are not quantities
    assert any(q.get("range") for q in mentions) and any(q["value"] is None for q in mentions)

# The accuracy gate lives with every other floor in tests/eval_floors.json (tests/test_evaluate.py).
