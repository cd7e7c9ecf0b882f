"""Indexes for the reconciler's candidate query by end date: (family, place key, end), (family, admin1, end).

A member overlaps an event's window when it starts before the window ends and ends after it starts.
The 0002 indexes answered the named branches by ``start <= window end``: every dated member at the place
(or in the region) that began before the window closed, so the range grew with the ledger, a front
fought over for months being read again for every article about it. News arrives in the order things
happen, so ``end >= window start`` is the narrow side: the members still going on or recent. The query
(``writer._candidate_statement``) keeps SQLite's planner off the start column for those terms. The
undated terms (no start, hence no end) read ``end IS NULL`` from the same indexes, so 0002's pair by
start is dropped: an event row keeps the same number of indexes to update.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_family_key_end", "events", ["family", "place_key", "end"])
    op.create_index("ix_events_family_admin1_end", "events", ["family", "admin1", "end"])
    op.drop_index("ix_events_family_key_start", "events")
    op.drop_index("ix_events_family_admin1_start", "events")


def downgrade() -> None:
    op.create_index("ix_events_family_admin1_start", "events", ["family", "admin1", "start"])
    op.create_index("ix_events_family_key_start", "events", ["family", "place_key", "start"])
    op.drop_index("ix_events_family_admin1_end", "events")
    op.drop_index("ix_events_family_key_end", "events")
