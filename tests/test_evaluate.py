"""The evaluation command: alignment, bad gold, and the accuracy floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.evaluate import evaluate, load_gold
from frontwatch.evaluate.claims import fold, same_claimant

GOLD = Path(__file__).resolve().parent / "data" / "gold"
FLOORS = json.loads((Path(__file__).resolve().parent / "eval_floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold,predicted,same", [
    ("Maliar", "Ganna Malyar", True),
    ("Hanna Maliar", "Deputy Defence Minister Hanna Maliar", True),
    ("Syrsky", "Oleksandr Syrskyi", True),
    ("Kiev", "Kyiv", True),
    ("Ukraine", "Kiev", True),
    ("Defence Ministry", "Russia's Defence Ministry", True),
    ("Putin", "Zelensky", False),
    ("General Staff", "Wirewire", False),
])
def test_evaluate_claimant_matching(gold: str, predicted: str, same: bool) -> None:
    assert same_claimant(gold, predicted) is same


@pytest.mark.parametrize("a,b", [("Kupyansk", "Kupiansk"), ("Malyar", "Maliar"), ("Zelenskyy", "Zelensky"),
                                 ("Syrskyi", "Syrsky"), ("Hanna", "Ganna")])
def test_evaluate_fold_transliterations(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_evaluate_bad_gold_is_reported_and_rest_scored(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    good = {"id": "g1", "text": "Russia's Defence Ministry said its forces repelled three Ukrainian attacks near Bakhmut.",
            "published": "2023-07-17", "source": "Wirewire",
            "claims": [{"claimant": "Defence Ministry", "type": "repelled", "actor_side": "UA",
                        "evidence": "repelled three Ukrainian attacks"}]}
    (tmp_path / "good.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": "b1",\n "text": "x",\n "claims": [}', encoding="utf-8")
    (tmp_path / "typo.json").write_text(json.dumps(dict(good, id="t1", claimz=[])), encoding="utf-8")
    (tmp_path / "notext.json").write_text(json.dumps({"id": "n1", "claims": []}), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"kind": "nonsense", "text": "x"}\n', encoding="utf-8")
    result = evaluate([str(tmp_path)], pipeline=pipeline)
    problems = "\n".join(result.problems)
    assert "broken.json:3" in problems and "invalid JSON" in problems
    assert "typo.json:1" in problems and "claimz" in problems
    assert "notext.json:1" in problems and "text" in problems
    assert "lines.jsonl:1" in problems and "unknown kind" in problems
    metrics = result.metrics("article")
    assert metrics["gold_claims"] == 1 and metrics["matched"] == 1 and metrics["actor_side_accuracy"] == 1.0


def test_evaluate_gold_set_is_well_formed() -> None:
    items, problems = load_gold([str(GOLD)])
    assert problems == []
    articles = [i for i in items if i.kind == "article"]
    assert len(articles) >= 61
    assert sum("/test/" in i.where for i in articles) >= 20


@pytest.mark.parametrize("split", sorted(FLOORS["floors"]))
def test_evaluate_figures_stay_above_floors(split: str, pipeline) -> None:  # type: ignore[no-untyped-def]
    """The gate: a figure below its committed floor fails the build (floors only move up)."""
    spec = FLOORS["floors"][split]
    result = evaluate([str(GOLD / p) for p in spec["paths"]], pipeline=pipeline)
    assert result.problems == []
    metrics = result.metrics(spec["kind"])
    low = {name: (metrics.get(name), floor) for name, floor in spec["metrics"].items()
           if metrics.get(name) is None or metrics[name] < floor}
    high = {name: (metrics.get(name), ceiling) for name, ceiling in spec.get("ceilings", {}).items()
            if metrics.get(name) is None or metrics[name] > ceiling}
    assert not low, f"{split}: below floor (value, floor): {low}"
    assert not high, f"{split}: above ceiling (value, ceiling): {high}"
