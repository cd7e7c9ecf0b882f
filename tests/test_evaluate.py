"""The evaluation command: alignment, bad gold, and the accuracy floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from needs import SHARED, require

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


def _reads_shared(paths: list[Path]) -> bool:
    """Does any gold file under ``paths`` take its text from ../shared (the seed story, the real war news)?"""
    files = [f for p in paths for f in ([p] if p.is_file() else p.rglob("*.json*"))]
    return any('"path":' in f.read_text(encoding="utf-8") for f in files)


def test_evaluate_gold_set_is_well_formed() -> None:
    items, problems = load_gold([str(GOLD)])
    if not SHARED.exists():  # a bare clone: gold that points into ../shared cannot be read, the rest must be fine
        problems = [p for p in problems if "/shared/" not in p]
    assert problems == []
    articles = [i for i in items if i.kind == "article"]
    assert len(articles) >= 61
    assert sum("/test/" in i.where for i in articles) >= 20


@pytest.mark.parametrize("split", sorted(FLOORS["floors"]))
def test_evaluate_figures_stay_above_floors(split: str, pipeline) -> None:  # type: ignore[no-untyped-def]
    """The gate: a figure below its committed floor fails the build (floors only move up)."""
    spec = FLOORS["floors"][split]
    if _reads_shared([GOLD / p for p in spec["paths"]]):
        require(SHARED.exists(), f"{split} reads texts from {SHARED}, absent on a bare clone")
    result = evaluate([str(GOLD / p) for p in spec["paths"]], pipeline=pipeline)
    assert result.problems == []
    metrics = result.metrics(spec["kind"])
    low = {name: (metrics.get(name), floor) for name, floor in spec["metrics"].items()
           if metrics.get(name) is None or metrics[name] < floor}
    high = {name: (metrics.get(name), ceiling) for name, ceiling in spec.get("ceilings", {}).items()
            if metrics.get(name) is None or metrics[name] > ceiling}
    assert not low, f"{split}: below floor (value, floor): {low}"
    assert not high, f"{split}: above ceiling (value, ceiling): {high}"


def test_evaluate_gold_rows_of_a_jsonl_by_id_and_evidence_by_offsets(tmp_path: Path) -> None:
    """Gold about text we may not copy: the article is a row of a JSONL file, the evidence a span."""
    text = "Kyiv said its forces pushed the enemy back near Orikhiv on Tuesday."
    rows = [{"id": "x-1", "text": "Nothing here.", "published": None},
            {"id": "x-2", "text": text, "published": "2024-03-05", "source": "example.org"}]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    start = text.index("pushed")
    gold = {"id": "g-x-2", "path": "news.jsonl", "path_id": "x-2",
            "claims": [{"claimant": "Kyiv", "type": "advance", "evidence_span": [start, start + 23]}]}
    (tmp_path / "g.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps(dict(gold, id="g-bad", path_id="x-9")), encoding="utf-8")
    items, problems = load_gold([str(tmp_path / "g.json"), str(tmp_path / "bad.json")])
    assert [i.obj["id"] for i in items] == ["g-x-2"]
    obj = items[0].obj
    assert obj["text"] == text and obj["published"] == "2024-03-05" and obj["source"] == "example.org"
    assert obj["claims"][0]["evidence"] == "pushed the enemy back n" and "evidence_span" not in obj["claims"][0]
    assert len(problems) == 1 and "bad.json:1" in problems[0] and "x-9" in problems[0]
