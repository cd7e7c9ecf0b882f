"""Typed records that flow through the pipeline and make up the JSON contract.

Every record is a frozen dataclass. ``to_dict()`` gives the shape documented in
``docs/schema/report.schema.json`` (``frontwatch.report/1``); nothing else in the
code base decides what the JSON looks like.

Spans are ``(start, end)`` character offsets into the *original* article text
(the cleaning stage blanks removed text instead of deleting it, so offsets in the
cleaned text and the original are the same).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SCHEMA_VERSION = "frontwatch.report/1"

Side = str  # "UA", "RU", "other", "unknown" — extensible through the actors file
Span = tuple[int, int]

SIDES = ("UA", "RU", "other", "unknown")
EVENT_TYPES = (
    "advance",
    "withdrawal",
    "capture",
    "repelled",
    "clash",
    "shelling",
    "strike",
    "casualties",
    "weapons_supply",
    "weapons_use",
    "negotiation",
    "other",
)
POLARITIES = ("asserted", "denied", "hedged")
Polarity = Literal["asserted", "denied", "hedged"]
PlaceRole = Literal["place", "metonym", "demonym"]
ClaimantKind = Literal["person", "organisation", "outlet"]
Granularity = Literal["day", "week", "month", "quarter", "year", "open", "range", "unknown"]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


@dataclass(frozen=True)
class Removal:
    """A piece of the original text the cleaning stage took out."""

    kind: Literal["boilerplate", "duplicate_sentence"]
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "span": list(self.span)}


@dataclass(frozen=True)
class Place:
    """A place mention and its resolution (null coordinates when unresolved).

    ``precision`` follows ACLED's geo_precision: 1 the place itself, 2 near it /
    its area / "the X direction", 3 a region.
    ``role``: ``place`` for a location ("shelling in Kharkiv"); ``metonym`` for a toponym standing
    for a state, government or institution ("Moscow said", "Newark police"); ``demonym`` for a
    nationality word resolved to its country ("Russian", "Saudi"). Only ``place`` is an event place.
    """

    text: str
    span: Span
    name: str | None = None
    id: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    feature: str | None = None
    precision: int | None = None
    score: float | None = None
    role: PlaceRole = "place"

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_dict(self) -> dict[str, Any]:
        # Its fields are flat values: read them directly (``dataclasses.asdict`` deep-copies each one, which was
        # a sixth of the ledger store's CPU, every place of every claim and article being written as JSON).
        d = {name: getattr(self, name) for name in self.__dataclass_fields__}
        d["span"] = list(self.span)
        return d


@dataclass(frozen=True)
class TimeSpan:
    """A temporal expression resolved to an inclusive date interval.

    ``span`` is None when the interval was not read from the text (a claim's
    ``stated`` date defaults to the publication date).
    """

    text: str
    span: Span | None
    start: date | None = None
    end: date | None = None
    granularity: Granularity = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span) if self.span else None,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "granularity": self.granularity,
        }


@dataclass(frozen=True)
class Quantity:
    """A normalised amount: ``value`` in ``unit`` (km2, km, m, people, count).

    ``value`` is None for vague amounts ("several square kilometres", "dozens");
    ``range`` holds (low, high) for "600 to 1,000 metres" (``value`` is then the high end).
    """

    text: str
    span: Span
    value: float | None
    unit: str
    kind: str  # area, distance, people, count, other
    approx: bool = False
    range: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "approx": self.approx,
            "range": list(self.range) if self.range else None,
        }


@dataclass(frozen=True)
class Claimant:
    """Who makes a claim: a person, an organisation, or the outlet itself."""

    name: str
    kind: ClaimantKind
    side: Side = "unknown"
    role: str | None = None
    organisation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "side": self.side,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Event:
    """What a claim asserts (or denies) happened."""

    type: str
    polarity: Polarity
    actor_side: Side
    trigger: str | None = None
    places: tuple[Place, ...] = ()
    time: TimeSpan | None = None
    quantities: tuple[Quantity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "polarity": self.polarity,
            "actor_side": self.actor_side,
            "trigger": self.trigger,
            "places": [p.to_dict() for p in self.places],
            "time": self.time.to_dict() if self.time else None,
            "quantities": [q.to_dict() for q in self.quantities],
        }


@dataclass(frozen=True)
class Claim:
    """One statement in an article, attributed to a claimant."""

    id: str
    text: str
    span: Span
    claimant: Claimant
    cue: str | None = None
    direct_quote: bool = False
    stated: TimeSpan | None = None
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "span": list(self.span),
            "claimant": self.claimant.to_dict(),
            "cue": self.cue,
            "direct_quote": self.direct_quote,
            "stated": self.stated.to_dict() if self.stated else None,
            "events": [e.to_dict() for e in self.events],
        }


def article_id(text: str) -> str:
    """The content hash that identifies an article when no id is given."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """An input article, plus what the article-level stages found in it."""

    text: str
    id: str = ""
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    language: str = "en"
    origin: str | None = None  # the file or stream it came from, for error messages
    removed: tuple[Removal, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeSpan, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    # Fields of the input record frontwatch does not read (a scraper's authors, GDELT themes...),
    # passed through untouched to the report. JSON values; left out of the hash.
    meta: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": _iso(self.published),
            "language": self.language,
            "removed": [r.to_dict() for r in self.removed],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
            "meta": dict(self.meta),
        }


@dataclass(frozen=True)
class Report:
    """The result of analysing one article."""

    article: Article
    claims: tuple[Claim, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "article": self.article.to_dict(),
            "claims": [c.to_dict() for c in self.claims],
        }
