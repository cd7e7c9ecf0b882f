"""Opening the ledger database: URL resolution, engine set-up, schema version checks, error messages.

SQLite (the default, a file in the working directory) runs in WAL mode so readers never wait for the
writer; write transactions start with ``BEGIN IMMEDIATE`` so a second writer waits (``busy_timeout``)
and then fails cleanly at the start of a transaction instead of half-way through one. PostgreSQL is
reached through psycopg 3. Every driver error that means "this database cannot be used now" becomes a
one-line :class:`StorageError` saying what to do; nothing is left half-written because each article is
one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from ..errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_url(db: str | None, default: str = "frontwatch.db") -> URL:
    """``postgresql://…`` (psycopg 3), ``sqlite:///…``, or a plain file path (SQLite)."""
    raw = (db or default).strip()
    if "://" not in raw:
        return URL.create("sqlite", database=str(Path(raw).expanduser()))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise StorageError(f"not a database URL: {raw!r} (use a file path or postgresql://user:pass@host/db)") from None
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StorageError(f"unsupported database {url.drivername!r}: use a SQLite file or postgresql://")
    return url


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def create(url: URL, busy_timeout_s: float = 10.0, synchronous_commit: str | None = None) -> Engine:
    """An engine for the ledger; ``synchronous_commit``: PostgreSQL's setting for its connections (see
    ``ledger.pg_synchronous_commit``), None for the server's."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": busy_timeout_s})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # transactions are ours (see _begin), not the driver's
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
            # WAL with synchronous=NORMAL: a crash or kill -9 loses nothing committed and never corrupts;
            # only a power cut may drop the last transactions (then the next ingest stores them again).
            cur.execute("PRAGMA synchronous=NORMAL")
            # Reads through a memory map instead of a read() call per page: a claims page looks up a few
            # hundred rows scattered over the file (GET /api/claims CPU -20%). Address space, not memory.
            cur.execute("PRAGMA mmap_size=1073741824")
            try:
                cur.execute("PRAGMA journal_mode=WAL")
            except Exception:  # noqa: BLE001 - a read-only file keeps its journal mode; reads still work
                pass
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    engine = create_engine(url, connect_args={"connect_timeout": max(1, int(busy_timeout_s))})
    if synchronous_commit is not None:
        # Set once per connection (the pool keeps them): waiting for the WAL's flush at every article's
        # commit was half of PostgreSQL's time per article, where SQLite (synchronous=NORMAL) does not wait.
        @event.listens_for(engine, "connect")
        def _session(dbapi_conn: Any, _record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute("SELECT set_config('synchronous_commit', %s, false)", (synchronous_commit,))
            dbapi_conn.commit()

    return engine


@contextmanager
def translated(url: URL) -> Iterator[None]:
    """Turn driver errors into one-line StorageErrors that say what to do."""
    try:
        yield
    except StorageError:
        raise
    except DBAPIError as exc:
        raise StorageError(explain(url, exc)) from exc
    except SQLAlchemyError as exc:
        raise StorageError(f"database {describe(url)}: {str(exc).splitlines()[0]}") from exc
    except OSError as exc:  # the file system under SQLite (full disk while growing the WAL, …)
        raise StorageError(f"database {describe(url)}: {exc.strerror or exc}") from exc


# PostgreSQL's error classes (SQLSTATE), whatever language the server writes its messages in.
PG_STATES = {
    "53100": "disk full", "53000": "disk full",  # disk_full, insufficient_resources
    "25006": "read-only", "42501": "read-only",  # read_only_sql_transaction, insufficient_privilege
    "55P03": "locked", "40P01": "locked",  # lock_not_available, deadlock_detected
    "57P01": "unreachable", "57P03": "unreachable",  # admin_shutdown (server going down), cannot_connect_now
    "08000": "unreachable", "08001": "unreachable", "08006": "unreachable",  # connection exceptions
}


def explain(url: URL, exc: DBAPIError) -> str:
    where = describe(url)
    text = str(exc.orig or exc).strip()
    low = text.lower()
    first = text.splitlines()[0] if text else type(exc).__name__
    state = PG_STATES.get(getattr(exc.orig, "sqlstate", None) or "")
    if state == "disk full":
        return f"database {where}: the disk is full; free space and run again (nothing was half-written)"
    if state == "read-only":
        return f"database {where} is read-only for this connection ({first}); use a role that may write, " \
               "or choose another with --db"
    if state == "locked":
        return f"database {where} is locked by another process; run again when it has finished"
    if state == "unreachable":
        return f"cannot reach PostgreSQL at {where}: is the server running? ({first})"
    if "database is locked" in low or "database table is locked" in low:
        return f"database {where} is locked by another process (another ingest?); run again when it has finished"
    if "readonly database" in low or "read-only" in low or "permission denied" in low:
        return f"database {where} is read-only; make it writable or choose another with --db"
    if "disk is full" in low or "no space left" in low or "could not extend file" in low or "disk full" in low:
        return f"database {where}: the disk is full; free space and run again (nothing was half-written)"
    if "unable to open database file" in low:
        return f"cannot open database {where}: its folder is missing or not writable"
    if "file is not a database" in low or "file is encrypted" in low:
        return f"{where} is not a frontwatch ledger (not a SQLite database)"
    if "connection refused" in low or "could not connect" in low or "timeout expired" in low \
            or "name or service not known" in low or "connection failed" in low:
        return f"cannot reach PostgreSQL at {where}: is the server running? ({first})"
    if "password authentication failed" in low or "does not exist" in low and "database" in low:
        return f"PostgreSQL refused {where}: {first}"
    return f"database {where}: {first}"


def _alembic(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def check_schema(conn: Connection, url: URL) -> str:
    """``"current"``, ``"empty"`` (no ledger yet) or ``"behind"``; a newer schema raises StorageError."""
    script = ScriptDirectory(str(MIGRATIONS))
    rev = current_revision(conn)
    if rev is None:
        tables = set(inspect(conn).get_table_names())
        if tables & {"articles", "claims"}:
            raise StorageError(f"{describe(url)} has ledger tables but no schema version; it was not made by frontwatch")
        return "empty"
    try:
        script.get_revision(rev)
    except CommandError:
        raise StorageError(f"database {describe(url)} has schema version {rev}, newer than this frontwatch knows "
                           f"(up to {script.get_current_head()}); upgrade frontwatch to use it") from None
    return "current" if rev == script.get_current_head() else "behind"


def upgrade(engine: Engine, url: URL) -> tuple[str | None, str]:
    """Migrate to the newest schema in one transaction; returns (before, after) revisions."""
    with translated(url), engine.connect() as conn:
        conn.info["write"] = True
        try:
            with conn.begin():
                state = check_schema(conn, url)
                before = current_revision(conn)
                if state != "current":
                    command.upgrade(_alembic(conn), "head")
        finally:
            conn.info.pop("write", None)
    return before, head_revision()
