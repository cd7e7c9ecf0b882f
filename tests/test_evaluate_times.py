"""Tests for the times scorer and the times gold file (format, size)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontwatch.errors import GoldError
from frontwatch.evaluate import times as ev
from frontwatch.records import Article, Report, TimeSpan

GOLD = Path(__file__).resolve().parent / "data" / "gold" / "times.jsonl"
TEXT = "Kyiv said on Monday it had advanced in the past week."


def _item(**over: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "kind": "times",
        "text": TEXT,
        "published": "2023-07-17",
        "times": [
            {"text": "on Monday", "start": "2023-07-17", "end": "2023-07-17", "granularity": "day"},
            {"text": "in the past week", "start": "2023-07-10", "end": "2023-07-17", "granularity": "week"},
        ],
    }
    item.update(over)
    return item


def _report(*spans: TimeSpan) -> Report:
    return Report(article=Article(text=TEXT, times=spans))


def _ts(text: str, start: str | None, end: str | None, gran: str) -> TimeSpan:
    i = TEXT.index(text)
    return TimeSpan(
        text=text,
        span=(i, i + len(text)),
        start=start and date.fromisoformat(start),
        end=end and date.fromisoformat(end),
        granularity=gran,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change,message",
    [
        ({"colour": 1}, "unknown field"),
        ({"text": ""}, "missing or empty 'text'"),
        ({"published": "2023-13-01"}, "not an ISO date"),
        ({"times": {}}, "must be a list"),
        ({"times": [{"text": "on Tuesday", "granularity": "day"}]}, "does not occur"),
        ({"times": [{"text": "on Monday", "start": "2023-07-18", "end": "2023-07-17"}]}, "is after end"),
        ({"times": [{"text": "on Monday", "granularity": "fortnight"}]}, "granularity must be"),
        ({"times": [{"text": "on Monday", "when": "now"}]}, "unknown field"),
    ],
)
def test_evaluate_times_check_rejects(change: dict[str, Any], message: str) -> None:
    with pytest.raises(GoldError, match=message):
        ev.check(_item(**change), "times.jsonl:3")


def test_evaluate_times_check_names_the_line() -> None:
    with pytest.raises(GoldError, match=r"^times.jsonl:3: "):
        ev.check(_item(text=""), "times.jsonl:3")


@pytest.mark.parametrize(
    "preds,expected",
    [
        ((_ts("on Monday", "2023-07-17", "2023-07-17", "day"), _ts("in the past week", "2023-07-10", "2023-07-17", "week")),
         {"mention_recall": 1.0, "mention_precision": 1.0, "exact_interval": 1.0, "overlapping_interval": 1.0,
          "granularity_accuracy": 1.0}),
        ((_ts("Monday", "2023-07-10", "2023-07-10", "day"),),
         {"mention_recall": 0.5, "mention_precision": 1.0, "exact_interval": 0.0, "overlapping_interval": 0.0,
          "granularity_accuracy": 1.0}),
        ((_ts("on Monday", "2023-07-17", "2023-07-17", "day"), _ts("the past week", "2023-07-11", "2023-07-17", "day"),
          _ts("advanced", None, None, "unknown")),
         {"mention_recall": 1.0, "mention_precision": 2 / 3, "exact_interval": 0.5, "overlapping_interval": 1.0,
          "granularity_accuracy": 0.5}),
        ((), {"mention_recall": 0.0, "mention_precision": 0.0, "exact_interval": 0.0}),
    ],
)  # fmt: skip
def test_evaluate_times_score(preds: tuple[TimeSpan, ...], expected: dict[str, float]) -> None:
    metrics, mistakes = ev.score([_item()], [_report(*preds)])
    for name, value in expected.items():
        assert metrics[name] == pytest.approx(value), name
    wrong = sum(1 for k in ("exact_interval",) if metrics[k] < 1)
    assert (len(mistakes) > 0) == (wrong > 0 or metrics["mention_precision"] < 1)
    assert all({"text", "expected", "got"} <= set(m) for m in mistakes)


def test_evaluate_times_open_and_null_bounds() -> None:
    item = _item(times=[{"text": "on Monday", "start": None, "end": None, "granularity": "unknown"}])
    metrics, _ = ev.score([item], [_report(_ts("on Monday", None, None, "unknown"))])
    assert metrics["exact_interval"] == 1.0
    metrics, _ = ev.score([item], [_report(_ts("on Monday", "2023-07-17", "2023-07-17", "day"))])
    assert metrics["overlapping_interval"] == 0.0


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_evaluate_times_gold_file_is_valid_and_large_enough() -> None:
    items = _gold()
    for n, item in enumerate(items, 1):
        assert item["kind"] == ev.KIND
        ev.check(item, f"{GOLD.name}:{n}")
    mentions = [t for item in items for t in item["times"]]
    assert len(mentions) >= 300
    assert sum("published" not in item for item in items) >= 10  # no-published cases
    assert {t["granularity"] for t in mentions} >= {
        "day",
        "week",
        "month",
        "quarter",
        "year",
        "open",
        "range",
        "unknown",
    }
    assert len({item.get("published") for item in items}) >= 15  # publication weekdays vary

# The accuracy gate lives with every other floor in tests/eval_floors.json (tests/test_evaluate.py).
