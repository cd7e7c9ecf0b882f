"""A claim's date as a column of its own, indexed newest first, for pages of claims without filters.

``Ledger.claims()`` with no event filter lists every claim (those without events too) newest first by
the claim's date: when it was stated, else its article's publication. That date spanned two tables
(``coalesce(claims.stated, articles.published)``), so no index could give the order and each page sorted
every claim (~200 ms at 100,000 claims). ``claims.dated`` holds it (the store fills it; this migration
fills it for the claims already stored), and ``ix_claims_dated`` is the page order itself (date
descending, undated last, then claim id bytewise), so a page reads its rows from the index and stops.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("dated", sa.Date(), nullable=True))
    op.execute("UPDATE claims SET dated = coalesce(stated, "
               "(SELECT articles.published FROM articles WHERE articles.id = claims.article_id))")
    if op.get_bind().dialect.name == "postgresql":
        # the order Ledger._all_claims asks for: NULLs last, and ids compared bytewise as SQLite does
        op.execute('CREATE INDEX ix_claims_dated ON claims (dated DESC NULLS LAST, id COLLATE "C")')
    else:
        op.create_index("ix_claims_dated", "claims", [sa.text("dated DESC"), "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_dated", "claims")
    # Not a batch (copy-and-rename) alteration: dropping the old claims table would cascade to their events.
    # SQLite drops a column in place since 3.35.
    op.execute("ALTER TABLE claims DROP COLUMN dated")
