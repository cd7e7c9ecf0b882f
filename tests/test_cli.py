"""The command line: formats, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from frontwatch.cli import app

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs/schema/report.schema.json").read_text())
runner = CliRunner()


@pytest.fixture(autouse=True)
def _shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline) -> None:  # type: ignore[no-untyped-def]
    """Reuse the session's loaded pipeline instead of loading spaCy for every command."""
    monkeypatch.setattr("frontwatch.pipeline.Pipeline", lambda settings=None, progress=False: pipeline)


def test_cli_seed_story_json_validates(seed_text: str, tmp_path: Path) -> None:
    p = tmp_path / "seed.txt"
    p.write_text(seed_text, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(p), "--published", "2023-07-17", "--source", "RT", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["article"]["published"] == "2023-07-17" and report["article"]["source"] == "RT"


@pytest.mark.parametrize("value", ["17/07/2023", "yesterday", "2023-13-01"])
def test_cli_bad_published_is_usage_error(tmp_path: Path, value: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Russia said its forces repelled attacks near Bakhmut.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(p), "--published", value])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "YYYY-MM-DD" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_one_bad_input_does_not_stop_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Ukraine's General Staff said Russian troops shelled Kherson overnight.", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt"), str(binary), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1 and "General Staff" in lines[0]["claims"][0]["text"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith("error: ") for e in errors)
    assert "missing.txt: no such file" in errors[0] and "binary" in errors[1]


def test_cli_jsonl_output_validates_and_keeps_order(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    rows = [{"id": f"n{i}", "text": f"Russian forces shelled Kherson {i} times overnight, the governor said.",
             "published": "2023-08-01", "source": "Wirewire"} for i in range(5)]
    batch.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(batch), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in reports] == [f"n{i}" for i in range(5)]
    for r in reports:
        jsonschema.validate(r, SCHEMA)


def test_cli_scraper_jsonl_without_suffix_keeps_meta(tmp_path: Path) -> None:
    export = tmp_path / "scrape-2023-08-01.json"
    rows = [{"maintext": "Ukraine's General Staff said Russian troops shelled Kherson overnight.",
             "date_publish": "2023-08-01 09:10:00", "url": "https://example.org/a1", "authors": ["Desk"],
             "tone": -4.5},
            {"text": ["not", "a", "string"]}]
    export.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(export), "--format", "jsonl"])
    assert result.exit_code == 1
    [report] = [json.loads(line) for line in result.stdout.splitlines()]
    jsonschema.validate(report, SCHEMA)
    assert report["article"]["meta"] == {"authors": ["Desk"], "tone": -4.5}
    assert report["article"]["published"] == "2023-08-01" and report["article"]["url"] == "https://example.org/a1"
    [error] = result.stderr.strip().splitlines()
    assert error.startswith(f"error: {export}:2") and "field 'text' must be a string" in error


@pytest.mark.parametrize("fmt,articles", [("auto", 2), ("jsonl", 2), ("text", 1)])
def test_cli_input_format(tmp_path: Path, fmt: str, articles: int) -> None:
    dump = tmp_path / "feed.txt"
    dump.write_text("\n".join(json.dumps({"text": f"Kyiv said air defence downed {n} drones overnight."})
                              for n in (8, 11)) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(dump), "--format", "jsonl", "--input-format", fmt])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == articles


def test_cli_input_format_rejects_unknown(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Russia said its forces repelled attacks near Bakhmut.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(p), "--input-format", "xml"])
    assert result.exit_code == 2


def test_cli_table_and_stdin() -> None:
    text = "Kremlin spokesman Dmitry Peskov denied that Russian troops had retreated from Kherson."
    result = runner.invoke(app, ["analyze", "-", "--published", "2022-11-10"], input=text)
    assert result.exit_code == 0, result.output
    assert "Dmitry Peskov" in result.stdout and "DENIED" in result.stdout


def test_cli_geojson(seed_text: str, tmp_path: Path) -> None:
    p = tmp_path / "seed.txt"
    p.write_text(seed_text, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(p), "--published", "2023-07-17", "--source", "RT", "--format", "geojson"])
    assert result.exit_code == 0, result.output
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    bakhmut = [f for f in collection["features"] if f["properties"]["place_text"] == "Bakhmut"]
    lon, lat = bakhmut[0]["geometry"]["coordinates"]
    assert abs(lat - 48.60) < 0.1 and abs(lon - 38.00) < 0.1


def test_cli_console_script_end_to_end(seed_text: str, tmp_path: Path) -> None:
    """The issue's own command, through the installed entry point (a fresh process)."""
    p = tmp_path / "seed.txt"
    p.write_text(seed_text, encoding="utf-8")
    script = Path(sys.executable).with_name("frontwatch")
    proc = subprocess.run([str(script), "analyze", str(p), "--published", "2023-07-17", "--source", "RT",
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    names = {c["claimant"]["name"] for c in report["claims"]}
    assert {"Ganna Malyar", "Vladimir Putin", "Andriy Yermak", "Kiev"} <= names
