"""The ledger commands: ingest (summary, exit codes, idempotence), claims, incidents, show, export, db upgrade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ingest_feed import RSS
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.store import Ledger

runner = CliRunner()

KYIV = ("Ukrainian troops advanced about two kilometres near the village of Klishchiivka south of Bakhmut on "
        "Monday, the deputy defence minister said, adding that fighting there remained intense.")
MOSCOW = ("Russia's defence ministry said on Monday that its forces had repelled all Ukrainian attacks near "
          "Klishchiivka, south of Bakhmut, and inflicted heavy losses on the attackers.")


@pytest.fixture(autouse=True)
def _shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline) -> None:  # type: ignore[no-untyped-def]
    """Reuse the session's loaded pipeline instead of loading spaCy for every command."""
    monkeypatch.setattr("frontwatch.pipeline.Pipeline", lambda settings=None, progress=False: pipeline)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "articles.jsonl").write_text(
        json.dumps({"id": "kyiv-77", "text": KYIV, "published": "2023-07-17", "source": "Kyiv Daily"}) + "\n"
        + json.dumps({"id": "moscow-12", "text": MOSCOW, "published": "2023-07-17", "source": "Moscow Herald"}) + "\n",
        encoding="utf-8")
    (d / "steppe.rss").write_text(RSS, encoding="utf-8")
    return d


def ingest(*args: str) -> object:
    return runner.invoke(app, ["ingest", "--no-progress", *args])


@pytest.mark.slow
def test_ingest_then_query_everything(inputs: Path, tmp_path: Path, ledger_url: str) -> None:
    result = ingest(str(inputs), "--db", ledger_url)
    # the feed's third item has no text: it fails, is recorded, and the rest is stored
    assert result.exit_code == 1, result.output
    assert "4 new, 0 duplicate, 1 failed" in result.stdout
    assert "steppe.rss#3" in result.stdout and "no summary" in result.stdout
    with Ledger(ledger_url) as led:
        assert [f["origin"] for f in led.failures()] == [f"{inputs}/steppe.rss#3"]
        assert led.stats()["articles"] == 4

    again = ingest(str(inputs / "articles.jsonl"), "--db", ledger_url)
    assert again.exit_code == 0, again.output
    assert "0 new, 2 duplicate, 0 failed" in again.stdout

    claims = runner.invoke(app, ["claims", "--db", ledger_url, "--place", "Klishchiivka", "--format", "json"])
    assert claims.exit_code == 0, claims.output
    rows = json.loads(claims.stdout)
    assert {r["article"] for r in rows} == {"kyiv-77", "moscow-12"}
    words = runner.invoke(app, ["claims", "--db", ledger_url, "--text", "school", "--format", "json"])
    assert {r["article"] for r in json.loads(words.stdout)} == {"steppe-1001"}

    found = json.loads(runner.invoke(app, ["incidents", "--db", ledger_url, "--format", "json"]).stdout)
    assert found and all({"articles", "claim_ids", "outlets", "corroboration", "contradictions", "updates"} <= set(i)
                         for i in found)
    flags = [i["contradicted"] for i in found]
    assert flags == sorted(flags, reverse=True)  # contradicted first
    table = runner.invoke(app, ["incidents", "--db", ledger_url])
    assert table.exit_code == 0 and "incidents," in table.stdout

    shown = json.loads(runner.invoke(app, ["show", str(found[0]["id"]), "--db", ledger_url, "--format", "json"]).stdout)
    assert shown["kind"] == "incident" and shown["claims"]
    article = runner.invoke(app, ["show", "kyiv-77", "--db", ledger_url])
    assert article.exit_code == 0 and "kyiv-77" in article.stdout
    missing = runner.invoke(app, ["show", "nope", "--db", ledger_url])
    assert missing.exit_code == 1 and "nope" in missing.stderr

    csv_out = tmp_path / "out.csv"
    assert runner.invoke(app, ["export", "--db", ledger_url, "-f", "csv", "-o", str(csv_out)]).exit_code == 0
    assert csv_out.read_text(encoding="utf-8").startswith("event_date,event_type,sub_event_type,actor1,admin1,")


def test_usage_and_storage_exit_codes(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["claims", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 3 and "no ledger at" in missing.stderr
    bad_near = runner.invoke(app, ["claims", "--near", "48.5,38"])
    assert bad_near.exit_code == 2 and "LAT,LON,KM" in bad_near.stderr
    parquet = runner.invoke(app, ["export", "-f", "parquet"])
    assert parquet.exit_code == 2 and "--output" in parquet.stderr
    down = runner.invoke(app, ["incidents", "--db", "postgresql://nobody@127.0.0.1:9/ledger"])
    assert down.exit_code == 3 and "cannot reach PostgreSQL" in down.stderr
    assert len(down.stderr.strip().splitlines()) == 1


def test_db_upgrade_and_newer_schema(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    first = runner.invoke(app, ["db", "upgrade", "--db", db])
    assert first.exit_code == 0 and "(was empty)" in first.stdout
    assert "already current" in runner.invoke(app, ["db", "upgrade", "--db", db]).stdout
    led = Ledger(db)
    with led.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    led.close()
    newer = runner.invoke(app, ["incidents", "--db", db])
    assert newer.exit_code == 3 and "newer than this frontwatch" in newer.stderr


def test_ledger_setting_and_environment_select_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("FRONTWATCH_LEDGER_DB", str(db))
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert db.exists()
    config = tmp_path / "fw.toml"
    other = tmp_path / "from-file.db"
    config.write_text(f'[ledger]\ndb = "{other}"\n', encoding="utf-8")
    monkeypatch.delenv("FRONTWATCH_LEDGER_DB")
    assert runner.invoke(app, ["db", "upgrade", "--config", str(config)]).exit_code == 0
    assert other.exists()


def _one_error_line(result: object, *needles: str) -> str:
    """The command's error: exactly one line starting "error:", holding every needle."""
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]  # type: ignore[attr-defined]
    assert len(lines) == 1, result.stderr  # type: ignore[attr-defined]
    assert all(n in lines[0] for n in needles), lines[0]
    return lines[0]


def test_ingest_into_an_unusable_ledger_exits_3_and_the_next_run_continues(inputs: Path, tmp_path: Path) -> None:
    import sqlite3

    from frontwatch.store.db import head_revision

    db = tmp_path / "l.db"
    jsonl = str(inputs / "articles.jsonl")
    assert runner.invoke(app, ["db", "upgrade", "--db", str(db)]).exit_code == 0
    config = tmp_path / "fw.toml"
    config.write_text("[ledger]\nbusy_timeout_s = 0.2\n", encoding="utf-8")
    # locked by another writer
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        locked = ingest(jsonl, "--db", str(db), "--config", str(config))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert locked.exit_code == 3
    _one_error_line(locked, str(db), "locked by another process", "run again")
    # read-only (root ignores file modes: open it read-only the way SQLite does a read-only file)
    read_only = ingest(jsonl, "--db", f"sqlite:///file:{db}?mode=ro&uri=true")
    assert read_only.exit_code == 3
    _one_error_line(read_only, str(db), "read-only", "--db")
    with Ledger(str(db)) as led:
        assert led.stats()["articles"] == 0  # nothing half-written
    # a newer schema: refused before anything is read or written
    with Ledger(str(db)) as led, led.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    newer = ingest(jsonl, "--db", str(db))
    assert newer.exit_code == 3
    _one_error_line(newer, str(db), "newer than this frontwatch", "upgrade frontwatch")
    with sqlite3.connect(db) as conn:  # back to this frontwatch's version (a Ledger would refuse to open it)
        conn.execute("UPDATE alembic_version SET version_num = ?", (head_revision(),))
    again = ingest(jsonl, "--db", str(db))
    assert again.exit_code == 0, again.output
    assert "2 new, 0 duplicate, 0 failed" in again.stdout


@pytest.mark.slow
def test_make_demo_upgrades_a_returning_users_older_ledger_before_ingesting(inputs: Path, tmp_path: Path) -> None:
    """`make demo` on an out/demo.db left by an older frontwatch: the Makefile runs `db upgrade` before
    `ingest`, which itself keeps refusing an older schema with the command to run."""
    import shlex
    import shutil
    import subprocess

    from alembic import command

    from frontwatch.store import db as store_db

    if not shutil.which("make"):
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parent.parent
    dry = subprocess.run(["make", "-n", "-C", str(root), "demo"],
                         capture_output=True, text=True, check=True).stdout
    steps = [shlex.split(line)[1:] for line in dry.splitlines() if line.startswith("$(BIN)/frontwatch ")
             or line.startswith(".venv/bin/frontwatch ")]
    assert [s[0] for s in steps[:3]] == ["db", "ingest", "incidents"], dry
    older = tmp_path / "demo.db"
    with Ledger(str(older), create=True) as led, led.engine.begin() as conn:
        command.downgrade(store_db._alembic(conn), "0004")
    refused = ingest(str(inputs / "articles.jsonl"), "--db", str(older))
    assert refused.exit_code == 3 and "older ledger schema: run `frontwatch db upgrade" in refused.stderr
    upgrade = [str(older) if arg == "out/demo.db" else arg for arg in steps[0]]
    done = runner.invoke(app, upgrade)
    assert done.exit_code == 0 and "(was 0004)" in done.stdout, done.output
    stored = ingest(str(inputs / "articles.jsonl"), "--db", str(older))
    assert stored.exit_code == 0 and "2 new" in stored.stdout, stored.output
