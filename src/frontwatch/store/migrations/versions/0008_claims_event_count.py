"""Each claim's number of events as a column (``claims.event_count``), carried in ``ix_claims_dated``.

A page of claims without filters (``Ledger._all_claims``, the web page's first view) walks the claims
newest first up to the page's end, counting each claim's rows (one per event, at least one) to find where
the page starts. The count was a lookup in ``ix_events_claim_id`` per claim: at offset 5,000, some 5,000
index probes (on PostgreSQL about 350 ms). The store now writes the count with the claim (an article's
events are stored with its claims, in one transaction, and never change), this migration fills it for the
claims already stored, and ``ix_claims_dated`` carries it, so the walk reads the index alone.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("event_count", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE claims SET event_count = (SELECT count(*) FROM events WHERE events.claim_id = claims.id)")
    op.drop_index("ix_claims_dated", "claims")
    if op.get_bind().dialect.name == "postgresql":
        # the order Ledger._all_claims asks for (NULLs last, ids bytewise), the count carried for an index-only walk
        op.execute('CREATE INDEX ix_claims_dated ON claims (dated DESC NULLS LAST, id COLLATE "C") INCLUDE (event_count)')
    else:
        op.create_index("ix_claims_dated", "claims", [sa.text("dated DESC"), "id", "event_count"])


def downgrade() -> None:
    op.drop_index("ix_claims_dated", "claims")
    if op.get_bind().dialect.name == "postgresql":
        op.execute('CREATE INDEX ix_claims_dated ON claims (dated DESC NULLS LAST, id COLLATE "C")')
    else:
        op.create_index("ix_claims_dated", "claims", [sa.text("dated DESC"), "id"])
    # not a batch (copy-and-rename) alteration: dropping the old claims table would cascade to their events
    op.execute("ALTER TABLE claims DROP COLUMN event_count")
