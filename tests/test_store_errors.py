"""A ledger database that cannot be used gives one clear StorageError, leaves nothing half-written, and
the next run continues: read-only, locked, full, unreachable, not a ledger, killed mid-ingest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from ledger_support import report
from sqlalchemy import event, func, select
from test_store import DAY, REPELLED, odesa_strike, ru_repelled

from frontwatch.config import Settings
from frontwatch.errors import StorageError
from frontwatch.store import Ledger
from frontwatch.store.schema import events, incident_members, incidents

TESTS = Path(__file__).resolve().parent


def test_read_only_database(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Ledger(str(path), create=True) as led:
        led.add(ru_repelled())
    # root ignores file modes, so open the file read-only the way SQLite itself would for a read-only file
    with Ledger(f"sqlite:///file:{path}?mode=ro&uri=true") as ro:
        assert len(ro.incidents()) == 1  # reading still works
        with pytest.raises(StorageError, match="read-only"):
            ro.add(odesa_strike())
    with Ledger(str(path)) as led:
        assert led.stats()["articles"] == 1
        assert led.add(odesa_strike()) is True  # writable again: the next run continues


def test_locked_database(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    Ledger(str(path), create=True).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    settings = Settings().replace("ledger", busy_timeout_s=0.2)
    try:
        with Ledger(str(path), settings) as led:
            with pytest.raises(StorageError, match="locked by another process"):
                led.add(ru_repelled())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Ledger(str(path), settings) as led:
        assert led.stats()["articles"] == 0
        assert led.add(ru_repelled()) is True


def test_full_disk_leaves_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Ledger(str(path), create=True) as led:
        led.add(ru_repelled())
        led.engine.dispose()
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

        @event.listens_for(led.engine, "connect")
        def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # no room to grow: SQLite's "disk is full"

        big = report(REPELLED + " More detail." * 4000, id="big-1", source="TASS", published=DAY,
                     claims=[{"claimant": "Russian Defence Ministry", "side": "RU", "events": []}])
        with pytest.raises(StorageError, match="disk is full"):
            led.add(big)
        assert led.stats()["articles"] == 1
    with Ledger(str(path)) as led:  # space again: the next run stores it
        assert led.add(big) is True and led.stats()["articles"] == 2


def test_unreachable_postgres() -> None:
    settings = Settings().replace("ledger", busy_timeout_s=1)
    with pytest.raises(StorageError, match=r"cannot reach PostgreSQL at postgresql://nobody:\*\*\*@127.0.0.1:9/ledger: is the server running\?"):
        Ledger("postgresql://nobody:secret@127.0.0.1:9/ledger", settings)


def _pg_ledger() -> str:
    """A PostgreSQL ledger holding one article (skips on a bare clone without a server)."""
    from ledger_support import reset_postgres

    url = reset_postgres()
    with Ledger(url, create=True) as led:
        led.add(ru_repelled())
    return url


def test_read_only_postgres_refuses_before_writing_and_the_next_run_continues() -> None:
    url = _pg_ledger()
    # a hot standby, or a role whose transactions default to read-only
    read_only = url.replace("options=", "options=-cdefault_transaction_read_only%3Don%20", 1)
    with Ledger(read_only) as ro:
        assert len(ro.incidents()) == 1  # reading still works
        with pytest.raises(StorageError, match=r"is read-only for this connection .*choose another with --db"):
            ro.add(odesa_strike())
        with pytest.raises(StorageError, match="read-only"):
            list(ro.ingest([], pipeline=object()))  # type: ignore[arg-type]  # refused before any analysis
    with Ledger(url) as led:
        assert led.stats()["articles"] == 1
        assert led.add(odesa_strike()) is True


def test_postgres_full_disk_mid_article_leaves_nothing_half_written() -> None:
    url = _pg_ledger()
    with Ledger(url) as led, led.engine.begin() as conn:
        # the server runs out of space when the article's incident memberships are written, its last step
        conn.exec_driver_sql("CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                             "RAISE EXCEPTION 'simulated: out of room' USING ERRCODE = 'disk_full'; END $$")
        conn.exec_driver_sql("CREATE TRIGGER no_room BEFORE INSERT ON incident_members "
                             "FOR EACH STATEMENT EXECUTE FUNCTION no_room()")
    before = None
    with Ledger(url) as led:
        before = led.stats()
        with pytest.raises(StorageError, match=r"the disk is full; free space and run again"):
            led.add(odesa_strike())
        assert led.stats() == before  # no article, claim or event row of the failed one
        with led.engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER no_room ON incident_members")
    with Ledger(url) as led:  # space again: the next run stores it
        assert led.add(odesa_strike()) is True
        assert led.stats()["articles"] == before["articles"] + 1


def test_ingest_on_a_locked_ledger_stops_before_analysing_anything(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    Ledger(str(path), create=True).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    settings = Settings().replace("ledger", busy_timeout_s=0.2)
    try:
        with Ledger(str(path), settings) as led, pytest.raises(StorageError, match="locked by another process"):
            list(led.ingest([], pipeline=object()))  # type: ignore[arg-type]  # the pipeline is never reached
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_not_a_ledger(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("shopping list\n" * 200)
    with pytest.raises(StorageError, match="not a frontwatch ledger"):
        Ledger(str(junk))
    with pytest.raises(StorageError, match="no ledger at"):
        Ledger(str(tmp_path / "missing.db"))


CHILD = """
import sys, time
from datetime import date
sys.path.insert(0, {tests!r})
from ledger_support import report, BAKHMUT, ODESA
from frontwatch.store import Ledger
led = Ledger({url!r}, create=True)
for n in range({n}):
    text = f"Report number {{n}}: shelling hit a district of the city overnight, officials said on day {{n}}."
    where = ("Bakhmut", BAKHMUT) if n % 2 else ("Odesa", ODESA)
    d = date(2023, 7, 1 + n % 20)
    led.add(report(text, id=f"r{{n}}", source=f"Outlet {{n % 3}}", published=d, claims=[
        {{"claimant": "Officials", "side": "UA", "events": [{{"type": "shelling", "actor": "RU", "place": where,
                                                           "dates": (d, d)}}]}},
        {{"claimant": "Officials", "side": "UA", "events": []}}]))
    print(n, flush=True)
    time.sleep({pause})
"""


def test_kill_9_mid_ingest_then_resume(ledger_url: str) -> None:
    n = 24
    env = dict(os.environ)
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(tests=str(TESTS), url=ledger_url, n=n, pause=0.05)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for _ in range(6):  # let a few articles commit, then kill it without warning
        child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    with Ledger(ledger_url) as led:
        partial = led.stats()["articles"]
    assert 6 <= partial < n
    again = subprocess.run([sys.executable, "-c", CHILD.format(tests=str(TESTS), url=ledger_url, n=n, pause=0)],
                           capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    with Ledger(ledger_url) as led:
        stats = led.stats()
        assert stats["articles"] == n and stats["claims"] == 2 * n and stats["events"] == n
        with led.engine.connect() as conn:
            members = conn.execute(select(func.count()).select_from(incident_members)).scalar()
            orphans = conn.execute(select(func.count()).select_from(incidents).where(
                ~incidents.c.id.in_(select(incident_members.c.incident_id)))).scalar()
            unassigned = conn.execute(select(func.count()).select_from(events).where(
                ~events.c.id.in_(select(incident_members.c.event_id)))).scalar()
        assert (members, orphans, unassigned) == (n, 0, 0)
        assert sum(len(i["articles"]) for i in led.incidents()) == n
