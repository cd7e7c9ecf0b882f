"""Indexes for paging claims newest first (``Ledger.claims``, ``GET /api/claims``).

- ``ix_events_page``: every column a date-filtered page reads from ``events`` (dates, type, side, the
  sort keys, the id), so SQLite answers the first step of ``Ledger._event_claims`` from the index alone.
- ``ix_events_long``: the same columns by end date, for events longer than 31 days only (a partial
  index whose condition ``Ledger._long`` spells the same way per dialect), which finds the few long
  events a date window overlaps from before its start.
- ``ix_events_stated``: the newest-first order itself (stated date descending, then claim and position),
  so a query without dates stops after one page.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_page", "events",
                    ["start", "end", "type", "claimant_side", "stated", "claim_id", "position", "id"])
    op.create_index("ix_events_stated", "events",
                    [sa.text("stated DESC"), "claim_id", "position", "type", "claimant_side", "start", "end", "id"])
    op.create_index("ix_events_long", "events",
                    ["end", "start", "type", "claimant_side", "stated", "claim_id", "position", "id"],
                    sqlite_where=sa.text('julianday("end") - julianday(start) > 31'),
                    postgresql_where=sa.text('"end" - start > 31'))


def downgrade() -> None:
    op.drop_index("ix_events_long", "events")
    op.drop_index("ix_events_stated", "events")
    op.drop_index("ix_events_page", "events")
