"""store.bulk: rows inserted through the driver read back exactly as rows inserted through SQLAlchemy."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select

from frontwatch.store import Ledger
from frontwatch.store.bulk import insert_rows
from frontwatch.store.schema import articles, claims, incidents


def test_bulk_rows_read_back_as_sqlalchemy_rows(ledger_url: str) -> None:
    def claim(id: str, article: int) -> dict:
        return {"id": id, "article_id": article, "text": "Shelling hit the port, the governor said.",
                "span_start": 0, "span_end": 41, "claimant": "Odesa governor", "claimant_kind": "person",
                "claimant_side": "UA", "claimant_role": None, "cue": "said", "direct_quote": True,
                "stated": date(2023, 7, 17), "dated": None,
                "record": {"id": id, "events": [{"type": "strike", "time": None}], "score": 0.5, "ok": False}}

    with Ledger(ledger_url, create=True) as ledger, ledger.engine.begin() as conn:
        for pk in (1, 2):
            conn.execute(insert(articles), {"id": pk, "content_hash": f"sha256:{pk}", "external_id": f"a{pk}",
                                            "fetched": date(2023, 7, 17), "text": "t", "syndicate": f"a{pk}",
                                            "meta": {}})
        conn.execute(insert(claims), [claim("via-sqlalchemy", 1)])
        insert_rows(conn, claims, [claim("via-driver", 2), claim("via-driver-2", 2) | {"stated": None}])
        got = {r.id: r._asdict() for r in conn.execute(select(claims))}
    reference = {k: v for k, v in got.pop("via-sqlalchemy").items() if k not in {"id", "article_id", "record", "tsv"}}
    first = got["via-driver"]
    assert {k: v for k, v in first.items() if k in reference} == reference
    assert first["record"] == claim("via-driver", 2)["record"] and first["stated"] == date(2023, 7, 17)
    assert got["via-driver-2"]["stated"] is None and got["via-driver-2"]["direct_quote"] is True


def test_bulk_refuses_columns_it_would_store_differently(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Ledger(str(tmp_path / "l.db"), create=True) as ledger, ledger.engine.begin() as conn:
        with pytest.raises(TypeError, match="incidents.updated"):
            insert_rows(conn, incidents, [{"family": "ground", "corroboration": 1, "contradicted": False,
                                           "summary": {}, "updated": None}])


def test_postgresql_arrays_refuse_a_value_too_long_for_its_column() -> None:
    """On PostgreSQL the rows travel as arrays of text: a value longer than its column is refused, as a
    plain INSERT refuses it, never cut to fit."""
    from ledger_support import reset_postgres
    from sqlalchemy.exc import DBAPIError

    with Ledger(reset_postgres(), create=True) as ledger, ledger.engine.connect() as conn:
        with pytest.raises(DBAPIError, match="too long"):
            insert_rows(conn, incidents.metadata.tables["places"], [
                {"id": "gn:1", "name": "Odesa", "key": "odesa", "lat": 46.5, "lon": 30.7, "admin1": "Odesa Oblast",
                 "country": "UA" * 6, "feature": "city"}])
