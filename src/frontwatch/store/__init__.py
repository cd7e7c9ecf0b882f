"""The claims ledger's storage: SQLAlchemy Core tables, Alembic migrations, ingest, queries.

``Ledger`` is the entry point (also ``frontwatch.Ledger``); ``docs/ledger.md`` describes the whole.
"""

from __future__ import annotations

from .ledger import Ledger, Outcome, Rows

__all__ = ["Ledger", "Outcome", "Rows"]
