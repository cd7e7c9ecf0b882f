"""The Parquet tables of a batch output: their Arrow schemas, reports to rows, and rows back to reports.

Five tables, one file per partition each (``docs/batch.md`` lists every column):

* ``articles``: one row per analysed article, with its verbatim text and the report's JSON contract
  (``docs/schema/report.schema.json``) in ``report``, so ``frontwatch load`` rebuilds the very
  :class:`Report` that ``frontwatch ingest`` would have stored;
* ``claims``, ``events`` (one row per event, flattened as the ledger does: ``reconcile.events_from_report``)
  and ``places`` (every place mention of the article): typed columns for pandas, DuckDB or Spark;
* ``failures``: one row per input or article that could not be analysed, with the stage that refused it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pyarrow as pa

from ..errors import FrontwatchError, InputError, NotEnglishError, StageError
from ..reconcile import events_from_report
from ..records import Article, Claim, Claimant, Event, Place, Quantity, Removal, Report, TimeSpan, article_id

TABLES = ("articles", "claims", "events", "places", "failures")

_S, _I32, _I64, _F64, _B, _D = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("partition", _I32), ("position", _I64), ("id", _S), ("content_hash", _S), ("origin", _S), ("source", _S),
        ("url", _S), ("title", _S), ("published", _D), ("language", _S), ("words", _I32), ("claims", _I32),
        ("events", _I32), ("text", pa.large_string()), ("report", pa.large_string()),
    ]),
    "claims": pa.schema([
        ("article_id", _S), ("claim_id", _S), ("position", _I32), ("text", _S), ("span_start", _I32),
        ("span_end", _I32), ("claimant", _S), ("claimant_kind", _S), ("claimant_side", _S), ("claimant_role", _S),
        ("claimant_organisation", _S), ("cue", _S), ("direct_quote", _B), ("stated_start", _D),
        ("stated_end", _D), ("events", _I32),
    ]),
    "events": pa.schema([
        ("article_id", _S), ("claim_id", _S), ("event_id", _S), ("type", _S), ("polarity", _S),
        ("actor_side", _S), ("claimant", _S), ("claimant_side", _S), ("trigger", _S), ("place", _S),
        ("lat", _F64), ("lon", _F64), ("admin1", _S), ("country", _S), ("feature", _S), ("precision", _I32),
        ("start", _D), ("end", _D), ("stated", _D), ("value", _F64), ("unit", _S), ("kind", _S),
    ]),
    "places": pa.schema([
        ("article_id", _S), ("position", _I32), ("text", _S), ("span_start", _I32), ("span_end", _I32),
        ("name", _S), ("place_id", _S), ("lat", _F64), ("lon", _F64), ("admin1", _S), ("country", _S),
        ("feature", _S), ("precision", _I32), ("score", _F64), ("role", _S),
    ]),
    "failures": pa.schema([
        ("partition", _I32), ("position", _I64), ("origin", _S), ("article_id", _S), ("content_hash", _S),
        ("stage", _S), ("reason", _S),
    ]),
}


def failure_stage(error: BaseException) -> str:
    """The stage an article failed in: ``read`` (the input), ``input`` (its text), ``language``, or a
    pipeline stage's name; anything unexpected is the ``parse`` pass (spaCy) that ran it."""
    if isinstance(error, StageError):
        return error.stage
    if isinstance(error, NotEnglishError):
        return "language"
    if isinstance(error, InputError):
        return "input"
    if isinstance(error, FrontwatchError):
        return "pipeline"
    return "parse"


def report_rows(report: Report, partition: int, position: int) -> dict[str, list[dict[str, Any]]]:
    """The rows one report adds to each table (failures: none)."""
    art = report.article
    ledger_events = events_from_report(report)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["articles"].append({
        "partition": partition, "position": position, "id": art.id, "content_hash": article_id(art.text),
        "origin": art.origin, "source": art.source, "url": art.url, "title": art.title, "published": art.published,
        "language": art.language, "words": len(art.text.split()), "claims": len(report.claims),
        "events": len(ledger_events), "text": art.text,
        "report": json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":")),
    })
    for n, c in enumerate(report.claims):
        rows["claims"].append({
            "article_id": art.id, "claim_id": c.id, "position": n, "text": c.text, "span_start": c.span[0],
            "span_end": c.span[1], "claimant": c.claimant.name, "claimant_kind": c.claimant.kind,
            "claimant_side": c.claimant.side, "claimant_role": c.claimant.role,
            "claimant_organisation": c.claimant.organisation, "cue": c.cue, "direct_quote": c.direct_quote,
            "stated_start": c.stated.start if c.stated else None, "stated_end": c.stated.end if c.stated else None,
            "events": len(c.events),
        })
    for le in ledger_events:
        rows["events"].append({
            "article_id": art.id, "claim_id": le.claim_id, "event_id": le.id, "type": le.type,
            "polarity": le.polarity, "actor_side": le.actor_side, "claimant": le.claimant,
            "claimant_side": le.claimant_side, "trigger": le.trigger, "place": le.place, "lat": le.lat,
            "lon": le.lon, "admin1": le.admin1, "country": le.country, "feature": le.feature,
            "precision": le.precision, "start": le.start, "end": le.end, "stated": le.stated, "value": le.value,
            "unit": le.unit, "kind": le.kind,
        })
    for n, p in enumerate(art.places):
        rows["places"].append({
            "article_id": art.id, "position": n, "text": p.text, "span_start": p.span[0], "span_end": p.span[1],
            "name": p.name, "place_id": p.id, "lat": p.lat, "lon": p.lon, "admin1": p.admin1, "country": p.country,
            "feature": p.feature, "precision": p.precision, "score": p.score, "role": p.role,
        })
    return rows


def failure_row(partition: int, position: int, origin: str, reason: str, stage: str,
                article: Article | None = None) -> dict[str, Any]:
    """A failure row; ``reason`` is the error's one line, as ``frontwatch ingest`` records it."""
    return {"partition": partition, "position": position, "origin": origin,
            "article_id": article.id if article else None,
            "content_hash": article_id(article.text) if article else None, "stage": stage, "reason": reason}


def to_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


# -- rows back to reports (frontwatch load) ------------------------------------------------------------------
def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(value: list[int] | None) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def _place(d: dict[str, Any]) -> Place:
    return Place(**{**d, "span": _span(d["span"])})


def _time(d: dict[str, Any] | None) -> TimeSpan | None:
    if d is None:
        return None
    return TimeSpan(text=d["text"], span=_span(d["span"]), start=_day(d["start"]), end=_day(d["end"]),
                    granularity=d["granularity"])


def _quantity(d: dict[str, Any]) -> Quantity:
    rng = d.get("range")
    return Quantity(text=d["text"], span=_span(d["span"]), value=d["value"], unit=d["unit"], kind=d["kind"],  # type: ignore[arg-type]
                    approx=d["approx"], range=(rng[0], rng[1]) if rng else None)


def _event(d: dict[str, Any]) -> Event:
    return Event(type=d["type"], polarity=d["polarity"], actor_side=d["actor_side"], trigger=d["trigger"],
                 places=tuple(_place(p) for p in d["places"]), time=_time(d["time"]),
                 quantities=tuple(_quantity(q) for q in d["quantities"]))


def _claim(d: dict[str, Any]) -> Claim:
    who = d["claimant"]
    return Claim(id=d["id"], text=d["text"], span=_span(d["span"]),  # type: ignore[arg-type]
                 claimant=Claimant(name=who["name"], kind=who["kind"], side=who["side"], role=who["role"],
                                   organisation=who["organisation"]),
                 cue=d["cue"], direct_quote=d["direct_quote"], stated=_time(d["stated"]),
                 events=tuple(_event(e) for e in d["events"]))


def report_from_row(row: dict[str, Any]) -> Report:
    """The :class:`Report` an ``articles`` row was written from (its JSON contract, text and origin)."""
    d = json.loads(row["report"])
    a = d["article"]
    article = Article(
        text=row["text"], id=a["id"], published=_day(a["published"]), source=a["source"], url=a["url"],
        title=a["title"], language=a["language"], origin=row["origin"],
        removed=tuple(Removal(kind=r["kind"], text=r["text"], span=_span(r["span"])) for r in a["removed"]),  # type: ignore[arg-type]
        places=tuple(_place(p) for p in a["places"]), times=tuple(t for t in map(_time, a["times"]) if t),
        quantities=tuple(_quantity(q) for q in a["quantities"]), meta=a["meta"],
    )
    return Report(article=article, claims=tuple(_claim(c) for c in d["claims"]))
