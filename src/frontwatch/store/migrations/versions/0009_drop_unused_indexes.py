"""Drop three indexes no query of the ledger reads: every stored event and claim paid for them.

Found with SQLite's EXPLAIN QUERY PLAN of every statement the store and the queries run (an ingest of 600
bench articles, then claims pages with each filter, incidents, show, export, claimed area, places):
- ``ix_events_start_end`` (start, end): the first two columns of ``ix_events_page`` (0003), which serves
  every query it could;
- ``ix_events_place_start`` (place_key, start): place queries go through ``event_places``, and the
  reconciler's candidate query leads with the family (``ix_events_family_key_span``, 0007);
- ``ix_claims_claimant_side``: the side filter compares ``lower(claimant_side)`` on claims (and
  events carry the side in their own covering indexes), which a plain index cannot answer.
An event is now written into 12 indexes instead of 14 (plus the two partial ones when they apply).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 17:25:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_start_end", "events")
    op.drop_index("ix_events_place_start", "events")
    op.drop_index("ix_claims_claimant_side", "claims")


def downgrade() -> None:
    op.create_index("ix_claims_claimant_side", "claims", ["claimant_side"])
    op.create_index("ix_events_place_start", "events", ["place_key", "start"])
    op.create_index("ix_events_start_end", "events", ["start", "end"])
