"""A partial index of the events whose claim was made out of step with them, for newest-first pages.

A date-filtered page of ``Ledger.claims`` walks ``ix_events_stated`` (the newest-first order itself) over
the days a window's claims were made, and stops when the page is full, instead of sorting every event of
the window. That walk covers the events stated from the window's first day to a week after its last,
which is every event told within a week of its start ("prompt"). ``ix_events_offtime`` holds the rest:
events stated before they began, more than ``Ledger.PROMPT_DAYS`` (7) days after, or undated claims;
they are few, read whole and merged in (see ``Ledger._event_claims``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 04:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Spelled as Ledger._offtime spells it: SQLite uses a partial index only when the query repeats its condition.
SQLITE_WHERE = "stated IS NULL OR stated < start OR julianday(stated) - julianday(start) > 7"
POSTGRESQL_WHERE = "stated IS NULL OR stated < start OR stated - start > 7"


def upgrade() -> None:
    op.create_index("ix_events_offtime", "events",
                    ["start", "end", "type", "claimant_side", "stated", "claim_id", "position", "id"],
                    sqlite_where=sa.text(SQLITE_WHERE), postgresql_where=sa.text(POSTGRESQL_WHERE))


def downgrade() -> None:
    op.drop_index("ix_events_offtime", "events")
