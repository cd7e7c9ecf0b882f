"""The ledger's tables (SQLAlchemy Core). Alembic migrations under ``migrations/`` create them.

One article row per distinct text (``content_hash`` is unique: that is what makes ingest idempotent).
Claims and their events are flattened into rows whose indexed columns serve the place/date queries;
the full record of each claim is kept as JSON (the ``frontwatch.report/1`` contract) for ``show``.
Incidents are the reconciler's groups of events; their summary is stored as JSON and recomputed only
when an article touches them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(80), nullable=False, unique=True),
    Column("external_id", String(400), nullable=False, index=True),  # the input's id, else the content hash
    Column("source", String(400)),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("fetched", DateTime(timezone=True), nullable=False),
    Column("origin", Text),
    Column("text", Text, nullable=False),  # verbatim, as read
    Column("syndicate", String(400), nullable=False, index=True),  # near-duplicate group (first member's id)
    Column("minhash", LargeBinary),
    Column("meta", JSON, nullable=False),  # the report's article block (removals, article-level mentions)
)

# MinHash LSH bands: one row per band of each article's signature; equal keys are candidate near-duplicates.
article_bands = Table(
    "article_bands", metadata,
    Column("band", Integer, primary_key=True),
    Column("key", String(40), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

claims = Table(
    "claims", metadata,
    Column("id", String(80), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("claimant", String(400), nullable=False, index=True),
    Column("claimant_kind", String(20), nullable=False),
    Column("claimant_side", String(40), nullable=False),  # its index dropped in 0009: no query reads it
    Column("claimant_role", String(400)),
    Column("cue", String(200)),
    Column("direct_quote", Boolean, nullable=False),
    Column("stated", Date),
    Column("record", JSON, nullable=False),
    # The claim's date for newest-first pages: stated, else its article's publication (migration 0005).
    Column("dated", Date),
    # How many events the claim has (migration 0008): pages of claims count rows without reading events.
    Column("event_count", Integer, nullable=False, server_default=text("0")),
    # PostgreSQL: NULLS LAST, id COLLATE "C" (see 0005), the count as INCLUDE (0008)
    Index("ix_claims_dated", text("dated DESC"), "id", "event_count"),
)

places = Table(
    "places", metadata,
    Column("id", String(200), primary_key=True),  # gazetteer id, else "text:<casefolded mention>"
    Column("name", String(400), nullable=False),
    Column("key", String(400), nullable=False, index=True),  # casefolded name, what --place matches
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", String(400)),
    Column("country", String(10)),
    Column("feature", String(20)),
)

# One row per LedgerEvent (reconcile.events_from_report): the unit incidents are made of.
events = Table(
    "events", metadata,
    Column("id", String(100), primary_key=True),  # "<claim id>:<index>"
    Column("claim_id", String(80), ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # index of the event in its claim
    Column("ordinal", Integer, nullable=False),  # assignment order in its article: members load by (article_id, ordinal)
    Column("type", String(40), nullable=False, index=True),
    Column("family", String(40), nullable=False),
    Column("polarity", String(20), nullable=False),
    Column("actor_side", String(40), nullable=False),
    Column("claimant_side", String(40), nullable=False),
    Column("place", String(400)),
    Column("place_key", String(400)),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", String(400)),
    Column("precision", Integer),
    Column("start", Date),
    Column("end", Date),
    Column("stated", Date),
    Column("value", Float),
    Column("unit", String(20)),
    Column("kind", String(20)),
    Column("record", JSON, nullable=False),  # the LedgerEvent, so candidates rebuild without joins
    # (0009 dropped (place_key, start) and (start, end), which no query read: see that migration)
    Index("ix_events_lat_lon", "lat", "lon"),
    Index("ix_events_family_start", "family", "start"),
    # the reconciler's candidate query: family first, then the branch's column (place key, admin1, or the
    # box's lat and lon), then the end date (the index range) and the start date (tested in the index), 0007
    Index("ix_events_family_key_span", "family", "place_key", "end", "start"),
    Index("ix_events_family_admin1_span", "family", "admin1", "end", "start"),
    Index("ix_events_family_box_span", "family", "lat", "lon", "end", "start"),
    # Migration 0003 (claims newest first, two-step pages; see Ledger._event_claims): a covering index
    # for date-filtered pages, the sort order itself, and a partial index of the long events
    # (``ix_events_long``, its condition dialect-specific, so only in the migration).
    Index("ix_events_page", "start", "end", "type", "claimant_side", "stated", "claim_id", "position", "id"),
    Index("ix_events_stated", text("stated DESC"), "claim_id", "position", "type", "claimant_side", "start", "end",
          "id"),
)

# Every place of every event (events.place is only the first), for --place.
event_places = Table(
    "event_places", metadata,
    Column("event_id", String(100), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("place_id", String(200), ForeignKey("places.id"), nullable=False),
    Column("key", String(400), nullable=False),  # casefolded resolved name, else the text
    Column("text_key", String(400), nullable=False),  # casefolded mention text
    Column("precision", Integer),
    Column("start", Date),  # the event's dates again, so place + date queries are answered from this index
    Column("end", Date),
    Index("ix_event_places_key", "key", "start"),
    Index("ix_event_places_text_key", "text_key", "start"),
)

incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("family", String(40), nullable=False),
    Column("place", String(400)),
    Column("lat", Float),
    Column("lon", Float),
    Column("start", Date),
    Column("end", Date),
    Column("corroboration", Integer, nullable=False, default=0),
    Column("contradicted", Boolean, nullable=False, default=False, index=True),
    Column("summary", JSON, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

incident_members = Table(
    "incident_members", metadata,
    Column("event_id", String(100), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("content_hash", String(80)),
    Column("at", DateTime(timezone=True), nullable=False),
)
