"""Helpers for the ledger tests: hand-built reports (no spaCy needed) and the test PostgreSQL server.

The sentences are ours, written in the style of wire reports; coordinates are rounded real ones.
"""

from __future__ import annotations

import os
from datetime import date

from needs import require

from frontwatch.records import Article, Claim, Claimant, Event, Place, Quantity, Report, TimeSpan

PG_ENV = "FRONTWATCH_TEST_PG"

BAKHMUT = dict(name="Bakhmut", id="gn:bakhmut", lat=48.595, lon=38.0, admin1="Donetsk Oblast", country="UA",
               feature="city", precision=1)
KLISHCHIIVKA = dict(name="Klishchiivka", id="gn:klishchiivka", lat=48.53, lon=37.97, admin1="Donetsk Oblast",
                    country="UA", feature="village", precision=1)
KUPIANSK = dict(name="Kupiansk", id="gn:kupiansk", lat=49.71, lon=37.61, admin1="Kharkiv Oblast", country="UA",
                feature="city", precision=1)
ODESA = dict(name="Odesa", id="gn:odesa", lat=46.48, lon=30.74, admin1="Odesa Oblast", country="UA",
             feature="city", precision=1)


def reset_postgres() -> str:
    """The test database URL with an empty public schema; skip (bare clone) or fail (CI) without a server."""
    url = os.environ.get(PG_ENV, "")
    require(bool(url), f"{PG_ENV} is not set: no PostgreSQL server for the ledger tests (.ci/run starts one)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except OperationalError as exc:
        require(False, f"PostgreSQL at {PG_ENV} is unreachable: {str(exc.orig).splitlines()[0]}")
    finally:
        engine.dispose()
    return url


def place(text: str, where: dict | None) -> Place:
    return Place(text=text, span=(0, len(text)), **(where or {}))


def report(text: str, *, id: str, source: str, published: date, claims: list[dict]) -> Report:
    """A report whose claims are given as dicts: claimant, side, and events (type, polarity, actor, place, dates)."""
    built = []
    for n, c in enumerate(claims):
        events = []
        for e in c["events"]:
            start, end = e.get("dates", (None, None))
            events.append(Event(
                type=e["type"], polarity=e.get("polarity", "asserted"), actor_side=e["actor"],
                trigger=e.get("trigger"),
                places=(place(e["place"][0], e["place"][1]),) if e.get("place") else (),
                time=TimeSpan("t", None, start, end, "day") if start else None,
                quantities=(Quantity("q", (0, 1), e["value"], e.get("unit", "people"), e.get("kind", "people")),)
                if e.get("value") is not None else (),
            ))
        sentence = c.get("text", text)
        built.append(Claim(id=f"{id}-c{n}", text=sentence, span=(0, len(sentence)),
                           claimant=Claimant(c["claimant"], c.get("kind", "organisation"), c["side"]),
                           stated=TimeSpan("published", None, published, published, "day"), events=tuple(events)))
    return Report(Article(text=text, id=id, published=published, source=source), tuple(built))
