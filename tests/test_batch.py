"""``frontwatch batch`` on a local Dask cluster of two worker processes, one of them killed mid-run; the
output against single-process ``analyze``; resuming; ``frontwatch load`` against ``frontwatch ingest``.

One cluster and one batch run serve the whole module (each worker loads spaCy and the gazetteer once).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from batch_corpus import EXPECTED_FAILURES, GOOD, MAX_BYTES, write_corpus
from sqlalchemy import select
from typer.testing import CliRunner

from frontwatch.batch import load_batch, read_manifest, run_batch
from frontwatch.batch.run import local_cluster, part_path
from frontwatch.batch.tables import TABLES, report_from_row
from frontwatch.cli import app
from frontwatch.config import Settings
from frontwatch.ingest.feed import read_paths
from frontwatch.records import Article
from frontwatch.store import schema
from frontwatch.store.ledger import Ledger

pytestmark = pytest.mark.slow
SLOW_PARTITION = 1  # partition size 2: [empty, garbage], [long article, oversize], then the JSONL lines


@pytest.fixture(scope="module")
def batch_settings() -> Settings:
    return Settings.load().replace("input", max_bytes=MAX_BYTES)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("batch") / "corpus")


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from distributed import Client

    with local_cluster(2) as cluster, Client(cluster) as dask:
        yield dask


@pytest.fixture(scope="module")
def killed_run(client, corpus: Path, batch_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One batch run over the corpus during which the worker analysing the long article is killed (SIGKILL)."""
    out = tmp_path_factory.mktemp("batch") / "out"
    pids = client.run(os.getpid)
    result: dict[str, Any] = {"out": out}

    def run() -> None:
        try:
            result["summary"] = run_batch([str(corpus / "*")], out, batch_settings, client=client, partition_size=2)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 300
    while thread.is_alive() and "killed" not in result and time.monotonic() < deadline:
        for addr, keys in client.processing().items():
            if any(f"partition-{SLOW_PARTITION:05d}-" in str(k) for k in keys) and addr in pids:
                os.kill(pids[addr], signal.SIGKILL)
                result["killed"] = pids[addr]
                break
        time.sleep(0.02)
    thread.join(timeout=300)
    if "error" in result:
        raise result["error"]
    return result


def table(out: Path, name: str) -> list[dict[str, Any]]:
    return pq.read_table(out / name).to_pylist()


def test_a_killed_worker_is_retried_and_the_run_completes(killed_run: dict[str, Any]) -> None:
    assert "killed" in killed_run, "the long article's partition was never seen running"
    summary = killed_run["summary"]
    assert summary.failed == [] and summary.done == summary.partitions == 7
    manifest = read_manifest(killed_run["out"])
    assert all(p["status"] == "done" for p in manifest["partitions"])
    slow = manifest["partitions"][SLOW_PARTITION]
    assert slow["worker_pid"] != killed_run["killed"]  # analysed again, by a live worker
    assert slow["rows"]["articles"] == 1 and slow["rows"]["failures"] == 1
    assert manifest["totals"]["articles"] == GOOD and manifest["totals"]["failures"] == len(EXPECTED_FAILURES)


def test_output_equals_single_process_analyze(killed_run: dict[str, Any], corpus: Path, pipeline,  # type: ignore[no-untyped-def]
                                              batch_settings: Settings) -> None:
    out = killed_run["out"]
    items = [i for i in read_paths([str(p) for p in sorted(corpus.iterdir())], batch_settings.input)
             if isinstance(i, Article)]
    expected = {r.article.id: r.to_dict() for r in pipeline.pipe(items, on_error=lambda a, e: None)}
    articles = table(out, "articles")
    assert len(expected) == GOOD
    assert {r["id"]: json.loads(r["report"]) for r in articles} == expected
    # The flat tables hold the same claims and events as the reports.
    claims = table(out, "claims")
    assert sorted(c["claim_id"] for c in claims) == sorted(c["id"] for r in expected.values() for c in r["claims"])
    assert len(table(out, "events")) == sum(len(c["events"]) for r in expected.values() for c in r["claims"])
    assert len(table(out, "places")) == sum(len(r["article"]["places"]) for r in expected.values())
    # ...and each report rebuilds into the very record the pipeline made.
    rebuilt = {r["id"]: report_from_row(r) for r in articles}
    for report in pipeline.pipe(items, on_error=lambda a, e: None):
        assert rebuilt[report.article.id] == report


def test_bad_inputs_are_failures_rows(killed_run: dict[str, Any]) -> None:
    failures = table(killed_run["out"], "failures")
    got = {Path(f["origin"]).name: f["stage"] for f in failures}
    assert got == EXPECTED_FAILURES
    assert all(f["reason"].startswith(f["origin"]) for f in failures)  # "origin: reason", as analyze prints
    positions = [f["position"] for f in failures]
    assert positions == sorted(positions)


def test_rerun_skips_finished_partitions(killed_run: dict[str, Any], client, corpus: Path,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    """Through the CLI, on the same cluster: a partition lost in a crash is redone, the rest skipped."""
    out = tmp_path / "resumed"
    config = tmp_path / "settings.toml"
    config.write_text(f"[input]\nmax_bytes = {MAX_BYTES}\n", encoding="utf-8")
    args = ["batch", str(corpus / "*"), "--out", str(out), "--scheduler", client.scheduler.address,
            "--partition-size", "2", "--config", str(config), "--no-progress"]
    # Start from the killed run's output, as if the run had crashed before recording partition 5.
    import shutil

    shutil.copytree(killed_run["out"], out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["partitions"] = [p for p in manifest["partitions"] if p["index"] != 5]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = {t: part_path(out, t, 0).stat().st_mtime_ns for t in TABLES}
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output  # the corpus's bad inputs
    assert "7 partitions (1 analysed, 6 already finished, 0 failed)" in result.output
    assert {t: part_path(out, t, 0).stat().st_mtime_ns for t in TABLES} == before
    assert table(out, "articles") == table(killed_run["out"], "articles")
    # Another partition size cannot resume this output: bad usage.
    result = CliRunner().invoke(app, [*args[:-4], "3", *args[-3:]])
    assert result.exit_code == 2 and "partition size" in result.output


def _snapshot(url: str) -> dict[str, list[str]]:
    """Every ledger table's rows, without the columns that hold the time of writing."""
    volatile = {"fetched", "updated", "at"}
    with Ledger(url) as led, led.engine.connect() as conn:
        out = {}
        for t in schema.metadata.sorted_tables:
            if t.name == "alembic_version":
                continue
            cols = [c for c in t.c if c.name not in volatile and not (t.name == "failures" and c.name == "id")]
            rows = conn.execute(select(*cols)).mappings().all()
            out[t.name] = sorted(json.dumps(dict(r), sort_keys=True, default=str) for r in rows)
    return out


def test_load_stores_what_ingest_stores(killed_run: dict[str, Any], corpus: Path, ledger_url: str, pipeline,  # type: ignore[no-untyped-def]
                                        batch_settings: Settings, tmp_path: Path) -> None:
    inputs = [str(p) for p in sorted(corpus.iterdir())]
    with Ledger(ledger_url, batch_settings, create=True) as led:
        outcomes = list(led.ingest(read_paths(inputs, batch_settings.input), pipeline=pipeline))
    assert sum(o.status == "new" for o in outcomes) == GOOD
    ingested = _snapshot(ledger_url)
    assert len(ingested["articles"]) == GOOD and len(ingested["failures"]) == len(EXPECTED_FAILURES)
    if ledger_url.startswith("postgresql"):
        from ledger_support import reset_postgres

        loaded_url = reset_postgres()
    else:
        loaded_url = str(tmp_path / "loaded.db")
    statuses: list[str] = []
    load_batch(killed_run["out"], loaded_url, batch_settings, on_item=statuses.append)
    assert statuses.count("new") == GOOD and statuses.count("failed") == len(EXPECTED_FAILURES)
    assert _snapshot(loaded_url) == ingested
    # Loading again changes nothing.
    statuses.clear()
    load_batch(killed_run["out"], loaded_url, batch_settings, on_item=statuses.append)
    assert statuses.count("new") == 0 and statuses.count("duplicate") == GOOD
    assert _snapshot(loaded_url) == ingested


def test_load_cli_summary(killed_run: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["load", str(killed_run["out"]), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1, result.output  # the failures are reported as ingest reports them
    assert f"{GOOD} new, 0 duplicate, {len(EXPECTED_FAILURES)} failed" in result.output
    result = CliRunner().invoke(app, ["load", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 1 and "no batch output" in result.output


def test_load_leaves_out_unfinished_partitions(killed_run: dict[str, Any], tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "partial"
    shutil.copytree(killed_run["out"], out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    lost = manifest["partitions"][3]
    lost.update(status="failed", error="KilledWorker: ...")
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = CliRunner().invoke(app, ["load", str(out), "--db", str(tmp_path / "p.db"), "--no-progress"])
    assert result.exit_code == 1 and "1 partitions failed in the batch" in result.output
    with Ledger(str(tmp_path / "p.db")) as led:
        assert led.stats()["articles"] == GOOD - lost["rows"]["articles"]


def test_batch_usage_errors(corpus: Path, tmp_path: Path) -> None:
    def run(*args: str) -> Any:
        return CliRunner().invoke(app, ["batch", str(corpus / "*"), "--no-progress", *args])

    both = run("--out", str(tmp_path / "a"), "--scheduler", "tcp://127.0.0.1:1", "--workers", "2")
    assert both.exit_code == 2 and "--workers" in both.output
    assert run("--out", str(tmp_path / "b"), "--partition-size", "0").exit_code == 2
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("not a batch output", encoding="utf-8")
    refused = run("--out", str(busy), "--workers", "1")
    assert refused.exit_code == 2 and "holds no batch manifest" in refused.output


def test_a_parser_crash_loses_only_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the spaCy pass itself raise, the partition's other articles are still analysed."""
    import frontwatch.batch.worker as worker
    from frontwatch.pipeline import make_article
    from frontwatch.records import Report

    class Crashing:
        def pipe(self, articles: list[Article], on_error: Any = None) -> Any:
            for art in articles:
                if "parser-breaking" in art.text:
                    raise RuntimeError("the parser broke")
                yield Report(article=art)

    monkeypatch.setattr(worker, "pipeline_for", lambda settings: (Crashing(), threading.Lock()))
    texts = ["Kyiv said the strike hit a depot.", "A parser-breaking text.", "Moscow said the drones were downed."]
    items = [(10 + n, make_article(t, origin=f"f.jsonl:{n + 1}")) for n, t in enumerate(texts)]
    result = worker.analyse_partition(3, [*items, (13, "g.txt", "g.txt: empty input: nothing to analyse")],
                                      Settings())
    articles, failures = result.tables["articles"].to_pylist(), result.tables["failures"].to_pylist()
    assert [a["position"] for a in articles] == [10, 12]
    assert [(f["position"], f["stage"]) for f in failures] == [(11, "parse"), (13, "read")]
    assert failures[0]["reason"] == "f.jsonl:2: RuntimeError: the parser broke"
    assert {a["partition"] for a in articles} == {3}
