"""Many-row inserts without SQLAlchemy's per-row work: the ledger's hot path, an article's rows.

Storing one article inserts a few dozen rows into seven tables. Through ``Connection.execute(insert(t),
rows)`` SQLAlchemy checks, orders and processes every value of every row in Python, which cost more CPU
than the database's own work for the same rows (about 3 of the 19 ms an article took on SQLite). Here
each table's INSERT is rendered once per dialect by SQLAlchemy itself, and the rows go to the driver's
``executemany`` through ``exec_driver_sql`` (still inside the article's transaction, errors still
translated), with the only conversions these tables need done in one pass: JSON columns serialised as
SQLAlchemy's JSON type does (``json.dumps``), and dates as SQLite stores them (ISO text; psycopg takes
``date`` objects itself). Tables with other column types (timestamps, binaries) stay on the SQLAlchemy
path: :func:`insert_rows` refuses them rather than store them differently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Boolean, Connection, Date, Float, Integer, String, Table, Text, insert
from sqlalchemy.engine import Dialect

PLAIN = (String, Text, Integer, Float, Boolean)  # values the drivers take as they are (bool is an int to SQLite)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _converter(column: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    if isinstance(column.type, JSON):
        return _dumps
    if isinstance(column.type, Date):
        return _iso if dialect.name == "sqlite" else None
    if isinstance(column.type, PLAIN):
        return None
    raise TypeError(f"bulk.insert_rows cannot store {column.table.name}.{column.name} ({column.type}): "
                    "use SQLAlchemy's insert")


@lru_cache(maxsize=64)
def _prepared(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, tuple[str, ...], tuple[Any, ...]]:
    """The INSERT for these columns in the dialect's parameter style, its parameter names in order, and
    each one's converter."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    names = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else columns
    return str(compiled), names, tuple(_converter(table.c[name], dialect) for name in names)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts with the same keys, all of them columns of ``table``) in one executemany."""
    if not rows:
        return
    sql, names, converters = _prepared(table, tuple(rows[0]), conn.dialect)
    pairs = tuple(zip(names, converters, strict=True))
    if conn.dialect.positional:
        params: list[Any] = [tuple(row[n] if f is None else f(row[n]) for n, f in pairs) for row in rows]
    else:
        params = [{n: row[n] if f is None else f(row[n]) for n, f in pairs} for row in rows]
    conn.exec_driver_sql(sql, params)
