"""``frontwatch gazetteer``: lookup, import, info; errors as one line with exit codes 1 and 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.gazetteer.build import create_empty
from frontwatch.gazetteer.cli import app
from frontwatch.gazetteer.importer import import_dump

SAMPLE = Path(__file__).resolve().parent / "data" / "geonames" / "UA_sample.txt"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings pointing at a small gazetteer in a temporary directory."""
    path = tmp_path / "gazetteer.sqlite"
    create_empty(path)
    import_dump(path, SAMPLE)
    monkeypatch.setenv("FRONTWATCH_PLACES_GAZETTEER_PATH", str(path))
    monkeypatch.delenv("FRONTWATCH_CONFIG", raising=False)
    return path


def test_gazetteer_cli_lookup_prints_ranked_candidates(env: Path) -> None:
    result = CliRunner().invoke(app, ["lookup", "Mykolaivka", "--near", "46.5,30.7"])
    assert result.exit_code == 0, result.output
    assert "score" in result.output and "km" in result.output
    assert result.output.index("46.3100") < result.output.index("48.8619")  # the one near Odesa ranks first


def test_gazetteer_cli_lookup_region(env: Path) -> None:
    result = CliRunner().invoke(app, ["lookup", "the Kharkov region"])
    assert result.exit_code == 0 and "Kharkiv Oblast" in result.output and "region" in result.output


def test_gazetteer_cli_lookup_nothing(env: Path) -> None:
    result = CliRunner().invoke(app, ["lookup", "Nowhereville"])
    assert result.exit_code == 0 and "no candidates" in result.output


@pytest.mark.parametrize("near", ["48.6", "north,east", "95,38"])
def test_gazetteer_cli_lookup_bad_near_is_usage_error(env: Path, near: str) -> None:
    result = CliRunner().invoke(app, ["lookup", "Bakhmut", "--near", near])
    assert result.exit_code == 2 and result.output.startswith("error: --near")


def test_gazetteer_cli_import_and_info(env: Path) -> None:
    alternates = SAMPLE.with_name("alternateNamesV2_sample.txt")
    result = CliRunner().invoke(app, ["import", "--quiet", str(alternates)])
    assert result.exit_code == 0, result.output
    assert "imported 4 alternatenames rows" in result.output
    info = CliRunner().invoke(app, ["info"])
    assert info.exit_code == 0 and "alternateNamesV2_sample.txt" in info.output


def test_gazetteer_cli_import_bad_file_is_one_line_error(env: Path, tmp_path: Path) -> None:
    bad = tmp_path / "UA.txt"
    bad.write_text("just some text\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "--quiet", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("error: UA.txt: line 1 has 1 tab-separated columns")
    assert len(result.output.strip().splitlines()) == 1


def test_gazetteer_cli_info_without_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTWATCH_PLACES_GAZETTEER_PATH", str(tmp_path / "none.sqlite"))
    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 1 and "frontwatch gazetteer build" in result.output


def test_gazetteer_cli_bad_settings_is_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTWATCH_PLACES_MIN_POPULATION", "lots")
    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 2 and result.output.startswith("error: setting places.min_population")
