"""``Ledger``: the claims ledger as a Python object — ingest, queries, export rows.

>>> ledger = Ledger("frontwatch.db")                                        # doctest: +SKIP
>>> ledger.claims(place="Bakhmut", since="2023-07-01").to_pandas()         # doctest: +SKIP
>>> [i["id"] for i in ledger.incidents(contradicted=True)]                 # doctest: +SKIP

The CLI (``frontwatch ingest|claims|incidents|show|export|db``) is a thin shell over this class.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, String, and_, bindparam, func, insert, literal_column, or_, select, text, type_coerce
from sqlalchemy.sql import Select

from ..config import Settings
from ..errors import FrontwatchError, InputError, NotFoundError, StorageError
from ..reconcile import Reconciler, haversine_km
from ..records import Article
from . import db
from .schema import articles, claims, event_places, events, failures, incident_members, incidents, places
from .syndication import signature
from .writer import content_hash, known_hashes, place_key, store_report

if TYPE_CHECKING:
    from ..pipeline import Pipeline

PLACE_IDS_INLINE = 5000  # a place with more events than this is filtered by subquery instead
SHORT_SPAN_DAYS = 31  # events up to this long are found by their start date alone (see Ledger._overlap)
PROMPT_DAYS = 7  # events stated up to this long after they began are found by their stated date (migration 0004)
RARE_CLAIMS = 2000  # a claimant filter matching at most this many claims reads them by name (Ledger._rare_claims)
CLAIM_COLUMNS = ("claim_id", "event_id", "article", "source", "published", "claimant", "claimant_side", "text",
                 "type", "polarity", "actor_side", "place", "lat", "lon", "admin1", "precision", "start", "end",
                 "value", "unit", "incident_id", "stated")


class Rows(list[dict[str, Any]]):
    """Query results: a list of dicts, and a DataFrame when pandas is installed."""

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: tuple[str, ...] = ()) -> None:
        super().__init__(rows)
        self.columns = columns

    def to_pandas(self) -> Any:
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is in the test extra
            raise ImportError("to_pandas() needs pandas: pip install 'frontwatch[pandas]'") from None
        return pd.DataFrame(list(self), columns=list(self.columns) or None)


@dataclass(frozen=True)
class Outcome:
    """What happened to one input during ingest."""

    origin: str
    status: str  # "new" | "duplicate" | "failed"
    article: str | None = None
    reason: str | None = None


def _day(value: str | date | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what} must be a date YYYY-MM-DD, got {value!r}") from None


class Ledger:
    """A ledger database (SQLite file or PostgreSQL URL); ``url=None`` takes ``[ledger] db``."""

    def __init__(self, url: str | None = None, settings: Settings | None = None, *, create: bool = False) -> None:
        self.settings = settings or Settings.load()
        self.url = db.resolve_url(url, self.settings.ledger.db)
        self.where = db.describe(self.url)
        self.reconciler = Reconciler(self.settings.reconcile)
        self._known: dict[str, Any] = {}  # stored events already decoded (writer._candidates)
        self._tallies: dict[int, Any] = {}  # incidents' running summaries (writer._reconcile)
        self._members: dict[int, list[Any]] = {}  # incidents' members as last stored (writer._candidates)
        if (self.url.get_backend_name() == "sqlite" and not create and "uri" not in self.url.query
                and self.url.database not in (None, "", ":memory:")):
            from pathlib import Path

            if not Path(self.url.database).exists():
                raise StorageError(f"no ledger at {self.where}: run `frontwatch ingest` first (or pass --db)")
        self.engine = db.create(self.url, self.settings.ledger.busy_timeout_s,
                                self.settings.ledger.pg_synchronous_commit)
        self._sqlite = self.url.get_backend_name() == "sqlite"
        self._ready(create)

    # -- schema ---------------------------------------------------------------------------------------------
    def _ready(self, create: bool) -> None:
        with db.translated(self.url), self.engine.connect() as conn:
            state = db.check_schema(conn, self.url)
        if state == "empty":
            if not create:
                raise StorageError(f"{self.where} holds no ledger yet: run `frontwatch ingest` or `frontwatch db upgrade`")
            db.upgrade(self.engine, self.url)
        elif state == "behind":
            raise StorageError(f"{self.where} has an older ledger schema: run `frontwatch db upgrade --db {self.where}`")

    @staticmethod
    def upgrade_database(url: str | None = None, settings: Settings | None = None) -> tuple[str | None, str]:
        """Create or migrate the schema (``frontwatch db upgrade``); returns (before, after) revisions."""
        settings = settings or Settings.load()
        resolved = db.resolve_url(url, settings.ledger.db)
        engine = db.create(resolved, settings.ledger.busy_timeout_s, settings.ledger.pg_synchronous_commit)
        try:
            return db.upgrade(engine, resolved)
        finally:
            engine.dispose()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self) -> Any:
        return _Reading(self)

    # -- ingest ---------------------------------------------------------------------------------------------
    def ingest(self, items: Iterable[Article | Any], pipeline: Pipeline | None = None,
               on_total: Callable[[int], None] | None = None) -> Iterator[Outcome]:
        """Analyse and store articles (``ingest.Failure`` items are recorded as failures), one transaction each.

        Texts already in the ledger are reported as duplicates without being analysed again, so a run
        stopped half-way (Ctrl-C, kill -9) resumes where it stopped when run again.
        """
        from ..ingest import Failure

        # Before any article is analysed: a locked or read-only ledger stops the run at once, not after the
        # minutes the first analysis takes.
        self.check_writable()
        pending: list[Article] = []
        for item in items:
            if isinstance(item, Failure):
                self.record_failure(item.origin, str(item.error))
                yield Outcome(item.origin, "failed", reason=str(item.error))
            else:
                pending.append(item)
        with db.translated(self.url), self.engine.connect() as conn:
            stored = known_hashes(conn, [content_hash(a.text) for a in pending])
        fresh: list[Article] = []
        seen: set[str] = set()
        for art in pending:
            digest = content_hash(art.text)
            if digest in stored or digest in seen:
                yield Outcome(art.origin or art.id, "duplicate", art.id)
            else:
                seen.add(digest)
                fresh.append(art)
        if on_total:
            on_total(len(fresh))
        if not fresh:
            return
        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = Pipeline(self.settings)
        failed: list[Outcome] = []

        def on_error(article: Article | str, error: FrontwatchError) -> None:
            origin = article if isinstance(article, str) else (article.origin or article.id)
            self.record_failure(origin, str(error), None if isinstance(article, str) else content_hash(article.text))
            failed.append(Outcome(origin, "failed", reason=str(error)))

        for report in pipeline.pipe(fresh, on_error=on_error):
            yield from failed
            failed.clear()
            is_new = self.add(report)
            yield Outcome(report.article.origin or report.article.id, "new" if is_new else "duplicate",
                          report.article.id)
        yield from failed

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A connection marked for writing (``db`` gives it the write lock), database errors translated."""
        with db.translated(self.url), self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                yield conn
            finally:
                conn.info.pop("write", None)

    def check_writable(self) -> None:
        """Raise StorageError now if the ledger cannot take a write (locked, read-only file, read-only
        PostgreSQL role or transaction): a write that changes nothing, rolled back."""
        with self._writing() as conn, conn.begin() as tx:
            conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
            tx.rollback()

    def add(self, report: Any) -> bool:
        """Store one analysed report in one transaction; False when its text was already stored."""
        try:
            with self._writing() as conn, conn.begin():
                return self._store(conn, report)
        except BaseException:
            self._forget()
            raise

    def _forget(self) -> None:
        """Clear the store's caches after a rollback: they may hold what the database lost."""
        self._known.clear()
        self._tallies.clear()
        self._members.clear()

    def record_failure(self, origin: str, reason: str, digest: str | None = None) -> None:
        with self._writing() as conn, conn.begin():
            self._fail(conn, origin, reason, digest)

    def add_many(self, items: Iterable[Any], group: int = 200) -> Iterator[str]:
        """``add`` and ``record_failure`` for many items, ``group`` of them to a transaction: a bulk load
        (``frontwatch load``) otherwise spends much of its time opening and committing one transaction per
        article. Each item has a savepoint of its own, so one whose storing fails rolls back alone: the items
        before it are committed and its error is raised. Items are reports or ``(origin, reason, digest)``
        failures; yields ``new``, ``duplicate`` or ``failed`` per item, once its transaction is committed."""
        chunks = iter(items)
        while chunk := list(itertools.islice(chunks, group)):
            done: list[str] = []
            error: Exception | None = None
            try:
                with self._writing() as conn, conn.begin():
                    for item in chunk:
                        try:
                            with conn.begin_nested():
                                if isinstance(item, tuple):
                                    self._fail(conn, *item)
                                    done.append("failed")
                                else:
                                    done.append("new" if self._store(conn, item) else "duplicate")
                        except Exception as exc:  # noqa: BLE001 - raised below, after the commit
                            error = exc
                            self._forget()  # the caches may hold what was just rolled back
                            break
            except BaseException:  # the whole group rolled back (its commit failed, Ctrl-C)
                self._forget()
                raise
            yield from done
            if error is not None:
                with db.translated(self.url):  # a database error reads as a StorageError, as from ``add``
                    raise error

    def _store(self, conn: Connection, report: Any) -> bool:
        lcfg = self.settings.ledger
        sig = signature(report.article.text, lcfg.syndication_threshold, lcfg.minhash_permutations)
        return store_report(conn, report, sig, lcfg.syndication_threshold, self.reconciler, known=self._known,
                            tallies=self._tallies, members=self._members) is not None

    @staticmethod
    def _fail(conn: Connection, origin: str, reason: str, digest: str | None) -> None:
        seen = conn.execute(select(failures.c.id).where(failures.c.origin == origin,
                                                       failures.c.reason == reason)).first()
        if not seen:
            conn.execute(insert(failures).values(origin=origin, reason=reason, content_hash=digest,
                                                 at=datetime.now(UTC)))

    # -- queries --------------------------------------------------------------------------------------------
    def claims(self, *, place: str | None = None, near: tuple[float, float, float] | None = None,
               since: str | date | None = None, until: str | date | None = None, side: str | None = None,
               type: str | None = None, claimant: str | None = None, text: str | None = None,
               limit: int | None = None, offset: int | None = None, place_id: str | None = None) -> Rows:
        """Claims (one row per event; claims without events have null event columns) matching every filter.

        ``place``: a place name or the mention's text; ``near``: (lat, lon, km); ``since``/``until``: the
        event's interval overlaps; ``side``: the claimant's side; ``text``: full-text words (all must
        occur). With any event filter (place, near, since, until, type) claims without events are left out.
        ``place_id``: a ``places`` id (``Ledger.place``); ``limit``/``offset``: one page. Rows come newest first:
        by the claim's date (``stated``: when it was made, else its article's publication) descending, undated
        last, then claim id and event position, a total order, so pages join up.
        """
        since_d, until_d = _day(since, "since"), _day(until, "until")
        with self._read() as conn:
            if place or place_id or near or since_d or until_d or type:
                rows = self._event_claims(conn, place=place, place_id=place_id, near=near, since=since_d,
                                          until=until_d, side=side, type=type, claimant=claimant, text=text,
                                          limit=limit, offset=offset)
            else:
                rows = self._all_claims(conn, side=side, claimant=claimant, text=text, limit=limit, offset=offset)
        for r in rows:  # SQLite's dates come as the ISO text stored (Ledger._iso), PostgreSQL's as dates
            for key in ("published", "start", "end", "stated"):
                value = r[key]
                r[key] = value if value is None or isinstance(value, str) else value.isoformat()
        return Rows(rows, CLAIM_COLUMNS)

    @functools.cached_property
    def _statements(self) -> dict[str, Any]:
        """Statements that take only bound values, built once: SQLAlchemy then also computes their cache keys
        once, where a statement built per call costs a few tenths of a millisecond before it runs."""
        c, e, a, m = claims.c, events.c, articles.c, incident_members.c
        iso = self._iso
        rows = (select(c.id, e.id, a.external_id, a.source, iso(a.published), c.claimant, c.claimant_side, c.text,
                       e.type, e.polarity, e.actor_side, e.place, e.lat, e.lon, e.admin1, e.precision, iso(e.start),
                       iso(e.end), e.value, e.unit, m.incident_id, iso(func.coalesce(c.stated, a.published)))
                .select_from(events.join(claims, c.id == e.claim_id).join(articles, a.id == c.article_id)
                             .outerjoin(incident_members, m.event_id == e.id))
                .where(e.id.in_(bindparam("ids", expanding=True))))
        # Materialised: SQLite would otherwise push the LIKE into DISTINCT and test every claim (35 ms, not 1).
        names = select(c.claimant).distinct().cte("names")
        if sqlite3.sqlite_version_info >= (3, 35):
            names = names.prefix_with("MATERIALIZED")
        # SQLite only (Ledger._rare_claims), with the index named: one name for most of the claims makes
        # SQLite's statistics price a list of rare names like a scan (the list is known to be short here).
        named = "SELECT id FROM claims INDEXED BY ix_claims_claimant WHERE claimant IN :names"
        # the full rows of some claims (Ledger._all_claims): their events, or one row without
        claim_rows = (select(c.id, e.id, a.external_id, a.source, iso(a.published), c.claimant, c.claimant_side,
                             c.text, e.type, e.polarity, e.actor_side, e.place, e.lat, e.lon, e.admin1, e.precision,
                             iso(e.start), iso(e.end), e.value, e.unit, m.incident_id, iso(c.dated),
                             func.coalesce(e.position, -1))
                      .select_from(claims.join(articles, a.id == c.article_id).outerjoin(events, e.claim_id == c.id)
                                   .outerjoin(incident_members, m.event_id == e.id))
                      .where(c.id.in_(bindparam("ids", expanding=True))))
        return {
            "rows": rows,  # the full rows of a page's events (Ledger._event_claims)
            "claim_rows": claim_rows,
            "names": select(names.c.claimant).where(names.c.claimant.ilike(bindparam("like"))),
            "named": text(named).bindparams(bindparam("names", expanding=True)),
            "named_count": text(f"SELECT count(*) FROM ({named} LIMIT :cap)").bindparams(
                bindparam("names", expanding=True)),
        }

    def _iso(self, column: Any) -> Any:
        """A date column as SQLite stores it, ISO text: what ``claims`` returns, without parsing and re-printing
        it (a page's four dates per row were a tenth of its CPU). PostgreSQL's dates stay dates."""
        return type_coerce(column, String) if self._sqlite else column

    def _newest(self, column: Any) -> Any:
        """``column`` descending with undated rows last (PostgreSQL puts NULLs first in DESC unless told)."""
        return column.desc() if self._sqlite else column.desc().nulls_last()

    def _event_claims(self, conn: Connection, *, place: str | None, place_id: str | None,
                      near: tuple[float, float, float] | None, since: date | None, until: date | None,
                      side: str | None, type: str | None, claimant: str | None, text: str | None,
                      limit: int | None, offset: int | None) -> list[dict[str, Any]]:
        """Rows for queries with an event filter, newest first (stated date, claim id, event position).

        Two steps, so that a page costs little more than it holds: 1. the page's event ids, sorted from their
        keys alone (covering indexes: SQLite never reads the wide event rows for broad filters), and 2. the full
        rows of those ids. Broad filters walk the newest-first order itself (``_broad_page``).
        """
        e = events.c
        conds: list[Any] = []
        if place:
            key = place_key(place)
            ep = event_places.c
            place_ids = select(ep.event_id).where(or_(ep.key == key, ep.text_key == key),
                                                  *([ep.end >= since] if since else []),
                                                  *([ep.start <= until] if until else []))
            if self._sqlite:
                # Looked up first: a literal id list makes SQLite's planner start from the place, not the dates.
                found = list(conn.execute(place_ids.distinct().limit(PLACE_IDS_INLINE + 1)).scalars())
                conds.append(e.id.in_(found) if len(found) <= PLACE_IDS_INLINE else e.id.in_(place_ids))
            else:
                # PostgreSQL starts from the place's index by itself (a semi-join from event_places), and one
                # statement saves a round trip; its shape never changes, so psycopg prepares it once repeated.
                conds.append(e.id.in_(place_ids))
        if place_id:
            conds.append(e.id.in_(select(event_places.c.event_id).where(event_places.c.place_id == place_id)))
        if near:
            lat, lon, km = near
            dlat = km / 111.0
            dlon = dlat / max(0.05, math.cos(math.radians(lat)))
            conds.append(and_(e.lat.between(lat - dlat, lat + dlat), e.lon.between(lon - dlon, lon + dlon)))
        if side:  # events carry their claim's side, so the covering index answers it (NOCASE: no call per row)
            conds.append(e.claimant_side.collate("NOCASE") == side if self._sqlite
                         else func.lower(e.claimant_side) == side.lower())
        if type:
            conds.append(e.type == type)
        like = claims.c.claimant.ilike(f"%{claimant}%") if claimant else None
        few = self._rare_claims(conn, claimant) if claimant else None
        if few is not None:  # a rare name: its claims' events are the candidates, like a place's
            conds.append(e.claim_id.in_(few))
            like = None
        if text:
            conds.append(e.claim_id.in_(self._text_ids(text)))
        c = claims.c
        # Claim ids compare bytewise in both databases (PostgreSQL's default collation may not), as in Python.
        newest = (self._newest(e.stated), e.claim_id if self._sqlite else e.claim_id.collate("C"), e.position)
        keys = select(e.id, e.claim_id, e.stated, e.position)
        if like is not None:  # checked event by event (for broad filters, as the walk goes: it stops when full)
            keys = keys.join(claims, c.id == e.claim_id).where(like)
        want = (offset or 0) + limit if limit else None
        if place or place_id or near or few is not None:
            # Few candidates (a place's events, a box on the map, a rare claimant's): their keys sorted whole, then
            # the full rows of the page alone.
            dates = [*([e.end >= since] if since else []), *([e.start <= until] if until else [])]
            if near:  # the circle is cut out of its box here, so near pages after that
                box = conn.execute(keys.add_columns(e.lat, e.lon).where(*conds, *dates).order_by(*newest))
                ids = [r.id for r in box if haversine_km(near[0], near[1], r.lat, r.lon) <= near[2]][offset or 0:want]
            elif few is not None and not place and not place_id:
                # A rare name's events, looked up by claim and sorted here: asked to sort, SQLite's planner would
                # walk the newest-first index past every other claimant's events instead.
                found = sorted(conn.execute(keys.where(*conds, *dates)), key=_newest_key)
                ids = [r.id for r in found[offset or 0:want]]
            else:
                ids = [r.id for r in conn.execute(keys.where(*conds, *dates).order_by(*newest).limit(limit)
                                                  .offset(offset))]
        else:  # broad filters (dates, type, side, a common name)
            ids = self._broad_page(conn, keys, conds, newest, since, until, offset, want)
        by_id: dict[str, dict[str, Any]] = {}
        for k in range(0, len(ids), 500):
            for r in conn.execute(self._statements["rows"], {"ids": ids[k:k + 500]}):
                by_id[r[1]] = dict(zip(CLAIM_COLUMNS, r))
        return [by_id[i] for i in ids if i in by_id]

    def _broad_page(self, conn: Connection, keys: Select[Any], conds: list[Any], newest: tuple[Any, ...],
                    since: date | None, until: date | None, offset: int | None, want: int | None) -> list[str]:
        """The event ids of one page for broad filters (dates, type, side, a common name), newest first."""
        e = events.c
        short, long_ = self._overlap(since, until)
        # Events longer than SHORT_SPAN_DAYS that began before the short range are few: asked apart (so no planner
        # trades their narrow partial index for the sort order's index), sorted here and merged in.
        extra = list(conn.execute(keys.where(*conds, *long_))) if long_ else []
        # The short range is read in the page's order (ix_events_stated) over the days its claims can have been
        # made, stopping when the page is full, rather than sorting the whole window: an event stated within
        # PROMPT_DAYS of its start lies in [since - SHORT_SPAN_DAYS, until + PROMPT_DAYS]. The others (stated
        # outside those days, or not at all) are in ix_events_offtime's few rows: read whole and merged in.
        walk: list[Any] = []
        if since or until:
            lo = since - timedelta(days=SHORT_SPAN_DAYS) if since else None
            hi = until + timedelta(days=PROMPT_DAYS) if until else None
            walk = [*([e.stated >= lo] if lo else []), *([e.stated <= hi] if hi else [])]
            outside = or_(e.stated.is_(None), *([e.stated < lo] if lo else []), *([e.stated > hi] if hi else []))
            extra += conn.execute(keys.where(*conds, *short, self._offtime(), outside))
        extra.sort(key=_newest_key)
        rows = conn.execute(keys.where(*conds, *short, *walk).order_by(*newest).limit(want)).all()
        return [r.id for r in itertools.islice(heapq.merge(rows, extra, key=_newest_key), offset or 0, want)]

    def _overlap(self, since: date | None, until: date | None) -> tuple[list[Any], list[Any]]:
        """Conditions for "the event's interval overlaps [since, until]": a short and a long part.

        An index on ``start`` alone reads every event that began before ``until``. Split instead at
        ``since - SHORT_SPAN_DAYS``: events that began after it are one narrow ``start`` range
        (``ix_events_page``); those that began before and still overlap are longer than SHORT_SPAN_DAYS,
        found through ``ix_events_long``, a partial index of the long events by their end.
        """
        e = events.c
        if not since:
            return ([e.start <= until] if until else []), []
        cut = since - timedelta(days=SHORT_SPAN_DAYS)
        upper = [e.start <= until] if until else []
        return [e.start >= cut, e.end >= since, *upper], [self._long(), e.end >= since, e.start < cut, *upper]

    def _offtime(self) -> Any:
        """``ix_events_offtime``'s condition (migration 0004): events not stated within PROMPT_DAYS of their start."""
        e = events.c
        days = (func.julianday(e.stated) - func.julianday(e.start)) if self._sqlite else (e.stated - e.start)
        return or_(e.stated.is_(None), e.stated < e.start, days > literal_column(str(PROMPT_DAYS)))

    def _rare_claims(self, conn: Connection, claimant: str) -> list[str] | None:
        """The ids of the claims whose claimant matches ``claimant``, when there are at most RARE_CLAIMS of them.

        ``None`` for a common name, checked event by event along the page's order instead. A substring
        match cannot use an index, so it is tried on the distinct names (SQLite reads them from
        ``ix_claims_claimant`` skipping each name's repeats: ~1 ms for 600 names over 100,000 claims) and the
        names' claims are then read from that index.
        PostgreSQL has no such skip and reads every entry for DISTINCT: there, every name goes in order.
        """
        if not self._sqlite:
            return None
        st = self._statements
        matching = list(conn.execute(st["names"], {"like": f"%{claimant}%"}).scalars())
        if not matching:
            return []
        if conn.execute(st["named_count"], {"names": matching, "cap": RARE_CLAIMS + 1}).scalar_one() > RARE_CLAIMS:
            return None
        return list(conn.execute(st["named"], {"names": matching}).scalars())

    def _long(self) -> Any:
        """``ix_events_long``'s condition, spelled as the migration spells it (a partial index is used only then)."""
        e = events.c
        days = (func.julianday(e.end) - func.julianday(e.start)) if self._sqlite else (e.end - e.start)
        return days > literal_column(str(SHORT_SPAN_DAYS))

    def _all_claims(self, conn: Connection, *, side: str | None, claimant: str | None, text: str | None,
                    limit: int | None, offset: int | None) -> list[dict[str, Any]]:
        """Every claim (those without events too) matching the claim filters, newest first.

        A claim's date is ``claims.dated`` (when it was stated, else its article's publication; migration
        0005). Two steps, as for event filters: 1. the claims up to the page's end with their number of rows
        (one per event, at least one: ``event_count``, migration 0008), read in order from ``ix_claims_dated``
        alone and stopped when there are enough, instead of sorting every claim or probing its events; 2. the rows of the page's claims alone, in that order.
        """
        c = claims.c
        query: Select[Any] = select(c.id, c.event_count)  # both in ix_claims_dated (migration 0008)
        if side:
            query = query.where(func.lower(c.claimant_side) == side.lower())
        if claimant:
            few = self._rare_claims(conn, claimant)
            query = query.where(c.claimant.ilike(f"%{claimant}%") if few is None else c.id.in_(few))
        if text:
            query = query.where(c.id.in_(self._text_ids(text)))
        # Claim ids compare bytewise in both databases (PostgreSQL's default collation may not), as in Python.
        query = query.order_by(self._newest(c.dated), c.id if self._sqlite else c.id.collate("C"))
        start, want = offset or 0, (offset or 0) + limit if limit else None
        if want is not None:
            query = query.limit(want)  # each claim is at least one row
        order: dict[str, int] = {}
        before = seen = 0  # rows of the claims before the page's first; rows so far
        for cid, n in conn.execute(query):
            if seen + max(1, n) > start:
                order[cid] = len(order)
            else:
                before += max(1, n)
            seen += max(1, n)
            if want is not None and seen >= want:
                break
        ids = list(order)
        rows: list[dict[str, Any]] = []
        for k in range(0, len(ids), 500):
            rows += (dict(zip((*CLAIM_COLUMNS, "position"), r))
                     for r in conn.execute(self._statements["claim_rows"], {"ids": ids[k:k + 500]}))
        rows.sort(key=lambda r: (order[r["claim_id"]], r.pop("position")))
        return rows[start - before:None if want is None else want - before]

    def _text_ids(self, words: str) -> Any:
        """The ids of claims in which every word occurs (full-text)."""
        if self.url.get_backend_name() == "sqlite":
            terms = " ".join('"' + w.replace('"', '""') + '"' for w in words.split())
            return select(text("claim_id")).select_from(text("claims_fts")).where(
                text("claims_fts MATCH :fts")).params(fts=terms)
        return select(claims.c.id).where(text("claims.tsv @@ plainto_tsquery('english', :fts)").bindparams(fts=words))

    def incidents(self, *, contradicted: bool = False, limit: int | None = None,
                  offset: int | None = None) -> list[dict[str, Any]]:
        """Incidents, contradicted ones first, then by corroboration; ``contradicted=True`` keeps only those."""
        i = incidents.c
        query = select(incidents).order_by(i.contradicted.desc(), i.corroboration.desc(), i.id)
        if contradicted:
            query = query.where(i.contradicted.is_(True))
        if limit:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
            claim_ids = self._claim_ids(conn, [r["id"] for r in rows])
        return [_incident(r, claim_ids.get(r["id"], [])) for r in rows]

    def _claim_ids(self, conn: Connection, ids: list[int]) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for k in range(0, len(ids), 500):
            q = (select(incident_members.c.incident_id, events.c.claim_id).distinct()
                 .join(events, events.c.id == incident_members.c.event_id)
                 .where(incident_members.c.incident_id.in_(ids[k:k + 500])))
            for iid, cid in conn.execute(q):
                out.setdefault(iid, []).append(cid)
        return {k: sorted(v) for k, v in out.items()}

    def show(self, ident: str) -> dict[str, Any]:
        """An incident (``12`` or ``I12``), a claim (its id), or an article (input id or content hash)."""
        ident = ident.strip()
        with self._read() as conn:
            num = ident[1:] if ident[:1] in {"I", "i"} else ident
            if num.isdigit():
                row = conn.execute(select(incidents).where(incidents.c.id == int(num))).mappings().first()
                if row:
                    result = _incident(row, self._claim_ids(conn, [row["id"]]).get(row["id"], []))
                    result["claims"] = [r["record"] | {"article": r["external_id"], "source": r["source"]}
                                        for r in self._claim_records(conn, result["claim_ids"])]
                    return {"kind": "incident", **result}
            row = conn.execute(select(claims.c.record, claims.c.article_id).where(claims.c.id == ident)).first()
            if row:
                art = conn.execute(select(articles.c.external_id, articles.c.source, articles.c.published,
                                          articles.c.url).where(articles.c.id == row.article_id)).mappings().one()
                iids = sorted(set(conn.execute(
                    select(incident_members.c.incident_id).join(events, events.c.id == incident_members.c.event_id)
                    .where(events.c.claim_id == ident)).scalars()))
                return {"kind": "claim", "article": _plain(dict(art)), "incidents": iids, **row.record}
            art = conn.execute(select(articles).where(or_(articles.c.external_id == ident,
                                                         articles.c.content_hash == ident))).mappings().first()
            if art:
                recs = [r.record for r in conn.execute(select(claims.c.record).where(claims.c.article_id == art["id"])
                                                       .order_by(claims.c.span_start))]
                info = {k: art[k] for k in ("external_id", "content_hash", "source", "url", "title", "published",
                                            "fetched", "origin", "syndicate")}
                return {"kind": "article", **_plain(info), "text": art["text"], "claims": recs}
        raise NotFoundError(f"nothing in {self.where} has the id {ident!r} (an incident number, claim id or article id)")

    def _claim_records(self, conn: Connection, ids: list[str]) -> list[Any]:
        return list(conn.execute(select(claims.c.record, articles.c.external_id, articles.c.source)
                                 .join(articles, articles.c.id == claims.c.article_id)
                                 .where(claims.c.id.in_(ids)).order_by(articles.c.id, claims.c.span_start)).mappings())

    def export_rows(self) -> Rows:
        """One row per event with ACLED's column names plus ours (see ``export.ACLED_COLUMNS``)."""
        from ..export import acled_row

        c, e, a, m, i = claims.c, events.c, articles.c, incident_members.c, incidents.c
        query = (select(e.record, e.type, e.polarity, e.actor_side, e.place, e.lat, e.lon, e.admin1, e.precision,
                        e.start, e.stated, c.id.label("claim_id"), c.text, c.claimant, c.claimant_side,
                        a.external_id, a.source, a.published, m.incident_id, i.corroboration, i.contradicted)
                 .select_from(events.join(claims, c.id == e.claim_id).join(articles, a.id == e.article_id)
                              .outerjoin(incident_members, m.event_id == e.id)
                              .outerjoin(incidents, i.id == m.incident_id))
                 .order_by(func.coalesce(e.start, e.stated), a.id, e.ordinal))
        with self._read() as conn:
            rows = [acled_row(r) for r in conn.execute(query).mappings()]
        from ..export import ACLED_COLUMNS

        return Rows(rows, ACLED_COLUMNS)

    def place(self, ident: str) -> dict[str, Any]:
        """One place of the ledger (a gazetteer id, or ``text:<name>`` for an unresolved mention)."""
        with self._read() as conn:
            row = conn.execute(select(places).where(places.c.id == ident)).mappings().first()
            if row is None:
                raise NotFoundError(f"no place {ident!r} in {self.where} (ids look like those in claims' places)")
            n = conn.execute(select(func.count(func.distinct(events.c.claim_id)))
                             .join(event_places, event_places.c.event_id == events.c.id)
                             .where(event_places.c.place_id == ident)).scalar_one()
        return {**dict(row), "claims": int(n)}

    def claimed_area(self, *, side: str | None = None, by: str = "week") -> list[dict[str, Any]]:
        """Ground each side says it took, in km² per ``by`` (day, week or month) period.

        Counted: asserted advances and captures whose actor is the claimant's own side, with an area figure.
        A figure counts once per incident, side and date (the largest), so copies of one report count once
        while a side's successive weekly figures add up.
        """
        if by not in {"day", "week", "month"}:
            raise InputError(f"by must be day, week or month, got {by!r}")
        e, m = events.c, incident_members.c
        query = (select(e.id, e.claimant_side, func.coalesce(e.end, e.start, e.stated), e.value, m.incident_id)
                 .select_from(events.outerjoin(incident_members, m.event_id == e.id))
                 .where(e.unit == "km2", e.type.in_(("advance", "capture")), e.polarity == "asserted",
                        e.actor_side == e.claimant_side, e.value.is_not(None)))
        if side:
            query = query.where(func.lower(e.claimant_side) == side.lower())
        best: dict[tuple[str, date, Any, date], float] = {}
        counts: dict[tuple[str, date], int] = {}
        with self._read() as conn:
            for eid, who, when, value, incident in conn.execute(query):
                if when is None:
                    continue
                when = date.fromisoformat(when) if isinstance(when, str) else when
                start = (when if by == "day" else when.replace(day=1) if by == "month"
                         else date.fromordinal(when.toordinal() - when.weekday()))
                key = (who, start, incident if incident is not None else eid, when)
                best[key] = max(best.get(key, 0.0), float(value))
                counts[(who, start)] = counts.get((who, start), 0) + 1
        totals: dict[tuple[str, date], float] = {}
        for (who, start, _, _), value in best.items():
            totals[(who, start)] = totals.get((who, start), 0.0) + value
        return [{"period": start.isoformat(), "side": who, "km2": round(km2, 3), "claims": counts[(who, start)]}
                for (who, start), km2 in sorted(totals.items(), key=lambda kv: (kv[0][1], kv[0][0]))]

    def members(self, incident_ids: Iterable[int] | None = None) -> dict[int, list[Any]]:
        """The ledger events of each incident (all incidents by default), in the order they were assigned."""
        from .writer import load_members

        with self._read() as conn:
            ids = list(incident_ids) if incident_ids is not None else list(
                conn.execute(select(incidents.c.id).order_by(incidents.c.id)).scalars())
            return load_members(conn, ids)

    def stats(self) -> dict[str, int]:
        with self._read() as conn:
            return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                    for t in (articles, claims, events, incidents, failures)}

    def failures(self) -> list[dict[str, Any]]:
        with self._read() as conn:
            return [_plain(dict(r)) for r in conn.execute(select(failures).order_by(failures.c.id)).mappings()]


def _newest_key(row: Any) -> tuple[bool, int, str, int]:
    """The sort key of ``Ledger._event_claims``'s order in Python: stated date descending (undated last),
    then claim id and event position."""
    return row.stated is None, -row.stated.toordinal() if row.stated else 0, row.claim_id, row.position


class _Reading:
    """A read connection with driver errors translated.

    On PostgreSQL it runs in autocommit: a query is then one round trip, where a transaction adds a BEGIN
    before it and a ROLLBACK when the connection goes back to the pool (a third of a place query's time
    on a loaded machine). Reads only add nothing, and the ledger only ever adds rows, so a query of two
    statements (a page's ids, then their rows) still finds every row it asks for.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.guard = db.translated(ledger.url)

    def __enter__(self) -> Connection:
        self.guard.__enter__()
        self.conn = self.ledger.engine.connect()
        if not self.ledger._sqlite:
            self.conn = self.conn.execution_options(isolation_level="AUTOCOMMIT")
        return self.conn

    def __exit__(self, *exc: Any) -> None:
        self.conn.close()
        self.guard.__exit__(*exc)


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in d.items()}


def _incident(row: Any, claim_ids: list[str]) -> dict[str, Any]:
    s = dict(row["summary"])
    return {"id": row["id"], "family": row["family"], "place": row["place"], "lat": row["lat"], "lon": row["lon"],
            "start": s.get("start"), "end": s.get("end"), "corroboration": row["corroboration"],
            "contradicted": bool(row["contradicted"]), "articles": s.get("articles", []), "claim_ids": claim_ids,
            "outlets": s.get("outlets", []), "claimants": s.get("claimants", []),
            "asserted_by": s.get("asserted_by", []), "denied_by": s.get("denied_by", []),
            "confirmed_by_both_sides": s.get("confirmed_by_both_sides", False),
            "contradictions": s.get("contradictions", []), "updates": s.get("updates", [])}
