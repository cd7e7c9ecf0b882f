"""Writing one analysed article into the ledger: one transaction per article.

Inside the transaction: the article row (verbatim text, content hash, syndicate), its MinHash bands, its
claims (plus the SQLite full-text rows), places, events, and then incremental reconciliation — for each
event, the candidate incidents in the reconciler's window are loaded, :meth:`Reconciler.assign` picks one
(or a new incident opens), and only the incidents touched are summarised again. Either all of it commits
or none of it does, which is what makes ``ingest`` resumable after kill -9.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from ..reconcile import LedgerEvent, Reconciler, Window, events_from_report
from ..records import Place, Report, article_id
from .schema import article_bands, articles, claims, event_places, events, incident_members, incidents, places
from .syndication import Signature, band_rows, find_syndicate

DATE_FIELDS = ("start", "end", "stated")


def place_key(name: str | None) -> str | None:
    """How place names are compared (as the reconciler does): lower case, without a leading "the"."""
    if not name:
        return None
    return name.strip().lower().removeprefix("the ") or None


def event_from_record(record: Mapping[str, Any]) -> LedgerEvent:
    known = {f.name for f in dataclasses.fields(LedgerEvent)}
    values = {k: v for k, v in record.items() if k in known}
    for key in DATE_FIELDS:
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    return LedgerEvent(**values)


def content_hash(text_: str) -> str:
    return article_id(text_)


def known_hashes(conn: Connection, hashes: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = list(hashes[i:i + 500])
        found.update(conn.execute(select(articles.c.content_hash).where(articles.c.content_hash.in_(chunk))).scalars())
    return found


def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def _place_id(p: Place) -> str:
    return p.id or f"text:{place_key(p.name or p.text) or ''}"


def store_report(conn: Connection, report: Report, sig: Signature | None, threshold: float,
                 reconciler: Reconciler, origin: str | None = None) -> int | None:
    """Store one report; returns the new article's row id, or None when its text is already stored."""
    art = report.article
    digest = content_hash(art.text)
    if conn.execute(select(articles.c.id).where(articles.c.content_hash == digest)).first():
        return None
    syndicate = (find_syndicate(conn, sig, threshold) if sig else None) or art.id
    meta = report.to_dict()["article"]
    pk = conn.execute(insert(articles).values(
        content_hash=digest, external_id=art.id, source=art.source, url=art.url, title=art.title,
        published=art.published, fetched=datetime.now(UTC), origin=origin or art.origin, text=art.text,
        syndicate=syndicate, minhash=sig.to_bytes() if sig else None, meta=meta,
    )).inserted_primary_key[0]
    if sig:
        conn.execute(insert(article_bands), band_rows(pk, sig))
    _store_claims(conn, report, pk)
    # The reconciler's order (placed events before blanket ones); ``ordinal`` keeps it, so members load
    # in the order they were assigned, as the in-memory reconcile_all holds them.
    ledger_events = reconciler.order(events_from_report(report, syndicate))
    _store_events(conn, report, ledger_events, pk, reconciler)
    _reconcile(conn, ledger_events, reconciler, pk)
    return int(pk)


def _store_claims(conn: Connection, report: Report, pk: int) -> None:
    rows = []
    for c in report.claims:
        rows.append({
            "id": c.id, "article_id": pk, "text": c.text, "span_start": c.span[0], "span_end": c.span[1],
            "claimant": c.claimant.name, "claimant_kind": c.claimant.kind, "claimant_side": c.claimant.side,
            "claimant_role": c.claimant.role, "cue": c.cue, "direct_quote": c.direct_quote,
            "stated": c.stated.start if c.stated else None, "record": c.to_dict(),
        })
    # Claim ids hash the article id and span: a second text under the same external id could repeat one.
    _insert_ignore(conn, claims, rows)
    if rows and conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO claims_fts (claim_id, text, claimant) VALUES (:id, :text, :claimant)"),
                     [{"id": r["id"], "text": r["text"], "claimant": r["claimant"]} for r in rows])


def _store_events(conn: Connection, report: Report, ledger_events: list[LedgerEvent], pk: int,
                  reconciler: Reconciler) -> None:
    by_id = {f"{c.id}:{i}": ev for c in report.claims for i, ev in enumerate(c.events)}
    event_rows, place_rows, link_rows = [], {}, []
    for ordinal, le in enumerate(ledger_events):
        event_rows.append({
            "id": le.id, "claim_id": le.claim_id, "article_id": pk, "position": int(le.id.rsplit(":", 1)[1]),
            "ordinal": ordinal, "type": le.type, "family": reconciler.family(le.type), "polarity": le.polarity,
            "actor_side": le.actor_side, "claimant_side": le.claimant_side, "place": le.place,
            "place_key": place_key(le.place), "lat": le.lat, "lon": le.lon, "admin1": le.admin1,
            "precision": le.precision, "start": le.start, "end": le.end, "stated": le.stated,
            "value": le.value, "unit": le.unit, "kind": le.kind, "record": le.to_dict(),
        })
        for n, p in enumerate(by_id[le.id].places):
            pid = _place_id(p)
            place_rows[pid] = {"id": pid, "name": p.name or p.text, "key": place_key(p.name or p.text) or "",
                               "lat": p.lat, "lon": p.lon, "admin1": p.admin1, "country": p.country,
                               "feature": p.feature}
            link_rows.append({"event_id": le.id, "position": n, "place_id": pid,
                              "key": place_key(p.name or p.text) or "", "text_key": place_key(p.text) or "",
                              "precision": p.precision, "start": le.start, "end": le.end})
    _insert_ignore(conn, places, list(place_rows.values()))
    _insert_ignore(conn, events, event_rows)
    _insert_ignore(conn, event_places, link_rows)


def candidate_filter(le: LedgerEvent, w: Window, article_pk: int) -> Any:
    """Members that may share an incident with ``le`` (over-inclusion is harmless: ``assign`` decides).

    The reconciler's window gives the family, the period and, for a point, the box. Places are then
    narrowed by its matching rules instead of taking every member of the family when the box is
    unbounded: across articles a coarser event only joins by name (a region by its admin1, a blanket claim
    by the same wording), and anything may join within its own article. ``test_store`` checks the store
    against the in-memory ``reconcile_all`` so the two cannot drift apart unnoticed.
    """
    e = events.c
    conds = [e.family == w.family]
    if w.end is not None:
        conds.append(or_(e.start.is_(None), e.start <= w.end))
    if w.start is not None:
        conds.append(or_(e.end.is_(None), e.end >= w.start))
    where = [e.article_id == article_pk]
    if None not in (w.min_lat, w.max_lat, w.min_lon, w.max_lon):
        where.append(and_(e.lat.between(w.min_lat, w.max_lat), e.lon.between(w.min_lon, w.max_lon)))
    for name in {w.place, le.place} - {None}:
        where.append(e.place_key == place_key(name))
    for region in {w.admin1, le.admin1} - {None}:
        where.append(e.admin1 == region)
    return and_(*conds, or_(*where))


def load_members(conn: Connection, incident_ids: Sequence[int]) -> dict[int, list[LedgerEvent]]:
    """Members of the given incidents, each in ingestion order."""
    out: dict[int, list[LedgerEvent]] = {i: [] for i in incident_ids}
    if not incident_ids:
        return out
    rows = conn.execute(
        select(incident_members.c.incident_id, events.c.record)
        .join(events, events.c.id == incident_members.c.event_id)
        .where(incident_members.c.incident_id.in_(list(incident_ids)))
        .order_by(events.c.article_id, events.c.ordinal)
    ).all()
    for iid, record in rows:
        out[iid].append(event_from_record(record))
    return out


def _reconcile(conn: Connection, ledger_events: list[LedgerEvent], reconciler: Reconciler, article_pk: int) -> None:
    touched: dict[int, None] = {}
    now = datetime.now(UTC)
    for le in ledger_events:  # already in the reconciler's order (see store_report)
        already = conn.execute(select(incident_members.c.incident_id)
                               .where(incident_members.c.event_id == le.id)).scalar()
        if already is not None:  # an event id repeated under one external id: it is in its incident
            continue
        ids = conn.execute(
            select(incident_members.c.incident_id).distinct()
            .join(events, events.c.id == incident_members.c.event_id)
            .where(candidate_filter(le, reconciler.window(le), article_pk))
        ).scalars().all()
        iid = reconciler.assign(le, load_members(conn, sorted(ids)))
        if iid is None:
            summary = reconciler.summarize([le])
            iid = conn.execute(insert(incidents).values(**_incident_columns(summary), updated=now)).inserted_primary_key[0]
        conn.execute(insert(incident_members).values(event_id=le.id, incident_id=iid))
        touched[iid] = None
    if not touched:
        return
    for iid, members in load_members(conn, list(touched)).items():
        summary = reconciler.summarize(members)
        conn.execute(update(incidents).where(incidents.c.id == iid).values(**_incident_columns(summary), updated=now))


def _incident_columns(summary: Any) -> dict[str, Any]:
    return {"family": summary.family, "place": summary.place, "lat": summary.lat, "lon": summary.lon,
            "start": summary.start, "end": summary.end, "corroboration": summary.corroboration,
            "contradicted": bool(summary.contradictions), "summary": summary.to_dict()}


def count_rows(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
