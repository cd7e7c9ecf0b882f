"""Indexes for the reconciler's candidate query: each led by the event's family, then the place key, the
admin1 or the latitude, then the start date, so that every branch of the query is an index range.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 01:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_family_key_start", "events", ["family", "place_key", "start"])
    op.create_index("ix_events_family_admin1_start", "events", ["family", "admin1", "start"])
    op.create_index("ix_events_family_lat_lon", "events", ["family", "lat", "lon"])


def downgrade() -> None:
    op.drop_index("ix_events_family_lat_lon", "events")
    op.drop_index("ix_events_family_admin1_start", "events")
    op.drop_index("ix_events_family_key_start", "events")
