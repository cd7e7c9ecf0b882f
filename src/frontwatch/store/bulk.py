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

On PostgreSQL the rows go as one ``INSERT … SELECT * FROM unnest(…)`` with one array per column instead:
an executemany sends, binds and executes every row on its own (two thirds of the psycopg calls of an
article's store, the client's CPU and the server's), while the arrays make one statement per table whose
text does not depend on the number of rows, so psycopg prepares it once.
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


def _array_type(column: Any, dialect: Dialect) -> str:
    """The array a column's values travel in: strings as text (an array of ``VARCHAR(n)`` would cut a
    value that is too long where the column's own type refuses it), others as the column's type."""
    if isinstance(column.type, (String, Text)) and not isinstance(column.type, JSON):
        return "TEXT[]"
    return f"{column.type.compile(dialect=dialect)}[]"


@lru_cache(maxsize=64)
def _prepared(table: Table, columns: tuple[str, ...], dialect: Dialect,
              keep_stored: bool = False) -> tuple[str, tuple[str, ...], tuple[Any, ...]]:
    """The INSERT for these columns in the dialect's parameter style, its parameter names in order, and
    each one's converter."""
    converters = tuple(_converter(table.c[name], dialect) for name in columns)  # (refuses other types first)
    if dialect.name == "postgresql":
        preparer = dialect.identifier_preparer
        arrays = ", ".join(f"%(c{i})b::{_array_type(table.c[name], dialect)}" for i, name in enumerate(columns))
        sql = (f"INSERT INTO {preparer.format_table(table)} ({', '.join(preparer.quote(c) for c in columns)}) "
               f"SELECT * FROM unnest({arrays})" + (" ON CONFLICT DO NOTHING" if keep_stored else ""))
        return sql, columns, converters
    if keep_stored:
        raise ValueError("bulk.insert_rows keeps stored rows on PostgreSQL only")
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    names = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else columns
    return str(compiled), names, tuple(_converter(table.c[name], dialect) for name in names)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], keep_stored: bool = False) -> None:
    """Insert rows (dicts with the same keys, all of them columns of ``table``) in one executemany;
    ``keep_stored`` (PostgreSQL only): a row whose key is stored already is left out (ON CONFLICT DO NOTHING)."""
    if not rows:
        return
    sql, names, converters = _prepared(table, tuple(rows[0]), conn.dialect, keep_stored)
    pairs = tuple(zip(names, converters, strict=True))
    if conn.dialect.name == "postgresql":  # one array per column (see the module's docstring)
        conn.exec_driver_sql(sql, {f"c{i}": [row[n] for row in rows] if f is None else [f(row[n]) for row in rows]
                                   for i, (n, f) in enumerate(pairs)})
        return
    if conn.dialect.positional:
        params: list[Any] = [tuple(row[n] if f is None else f(row[n]) for n, f in pairs) for row in rows]
    else:
        params = [{n: row[n] if f is None else f(row[n]) for n, f in pairs} for row in rows]
    conn.exec_driver_sql(sql, params)
