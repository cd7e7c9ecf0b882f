"""The war-news dev halves: a fixed split by article id, about even."""

from __future__ import annotations

from frontwatch.evaluate.halves import DEV, half


def test_halves_fixed_and_about_even() -> None:
    assert half("wn-0001") == half("wn-0001")
    ids = [p.stem for p in DEV.glob("*.json")]  # the dev gold is in the repository
    assert ids
    share = sum(half(i) == "A" for i in ids) / len(ids)
    assert 0.35 < share < 0.65
    assert {half(i) for i in ids} == {"A", "B"}
