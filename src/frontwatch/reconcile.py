"""Reconciliation: events of many claims, from many articles, grouped into incidents.

Pure code over records — no database, no I/O — so the ledger store (``store.py``) and the tests use the
same rules. ``docs/ledger-reconciliation.md`` states the rules; in short:

* Every event of every claim becomes a :class:`LedgerEvent` (``ledger_events.py``, re-exported here).
* Two events can describe one incident when their types share a *family* and they are about the same
  *mover* (the side whose action it is), their places match, and their time intervals overlap.
  Families know mirrors: "X took Avdiivka", "Y pulled out of Avdiivka" and "X's attack on Avdiivka was
  repelled" are all the ground family with mover X.
* Places have a *scope*: a point (a settlement, its area, a direction), a region (an admin1 at precision
  3), or blanket (no resolved place, or a whole country — "every attempt failed"). Points match points
  within ``distance_km`` (or by name); coarser events attach to the finer incident they bear on and never
  pull finer events together, so one vague claim cannot chain two towns into one incident.
* :meth:`Reconciler.assign` is deterministic: the strongest match wins, ties go to the lowest incident id,
  and an existing incident is never renumbered.
* :meth:`Reconciler.summarize` counts independent sources (syndicates), the sides asserting and denying,
  contradictions between opposing sides and updates from the same side.
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import groupby
from typing import Any

from .config import ReconcileSettings
from .ledger_events import BLANKET, POINT, REGION, LedgerEvent, article_date, events_from_report, month_days

__all__ = [
    "Contradiction",
    "IncidentSummary",
    "IncidentTally",
    "LedgerEvent",
    "Reconciler",
    "Update",
    "Window",
    "article_date",
    "events_from_report",
    "lead_incidents",
    "reconcile_all",
]

# Type -> family. Members of a family can describe the same happening seen from different sides.
FAMILIES: dict[str, str] = {
    "advance": "ground",
    "capture": "ground",
    "withdrawal": "ground",
    "repelled": "ground",
    "clash": "ground",
    "strike": "attack",
    "shelling": "attack",
    "casualties": "attack",
    "weapons_supply": "supply",
    "weapons_use": "weapons_use",
    "negotiation": "negotiation",
}
# Families whose place is not where it happened: a supply is announced in Washington, signed in Brussels
# and delivered to a side; what identifies it is the receiving side (the mover) and the time.
PLACELESS_FAMILIES = frozenset({"supply", "negotiation"})
OPPOSITE = {"UA": "RU", "RU": "UA"}
KNOWN_SIDES = ("UA", "RU")
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Window:
    """Where the store looks for candidate incidents of an event.

    A candidate is an incident with a member of ``family`` whose dates overlap ``start``..``end`` (or are
    unknown) and that is either from the event's own article, or has its (lat, lon) in the box, or has
    the place ``place``, or the admin1 ``admin1``, or has no coordinates. ``None`` bounds are unbounded:
    a region's or blanket claim's box, an event without a time. Over-inclusion is harmless, because
    :meth:`Reconciler.assign` decides. The store must pass each candidate incident with **all** its
    members: whether a coarse member may carry a match depends on the finer ones.
    """

    family: str
    min_lat: float | None
    max_lat: float | None
    min_lon: float | None
    max_lon: float | None
    start: date | None
    end: date | None
    place: str | None = None
    admin1: str | None = None
    anywhere: bool = False  # a placeless family (supply): every member of the family in the period is a candidate


@dataclass(frozen=True)
class Contradiction:
    a: str  # LedgerEvent ids
    b: str
    reason: str  # "polarity" | "figures"
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Update:
    earlier: str  # LedgerEvent ids
    later: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class IncidentSummary:
    family: str
    place: str | None
    lat: float | None
    lon: float | None
    start: date | None
    end: date | None
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    claimants: tuple[str, ...]
    corroboration: int  # independent sources: distinct syndicates (a syndicated copy counts once)
    asserted_by: tuple[str, ...]  # sides asserting
    denied_by: tuple[str, ...]  # sides denying / contradicting
    confirmed_by_both_sides: bool
    contradictions: tuple[Contradiction, ...]
    updates: tuple[Update, ...]

    def to_dict(self) -> dict[str, Any]:
        # field by field: dataclasses.asdict deep-copies every member, and the store calls this for each
        # incident an article touches
        d: dict[str, Any] = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        for key in ("start", "end"):
            d[key] = d[key].isoformat() if d[key] else None
        for key in ("articles", "outlets", "claimants", "asserted_by", "denied_by"):
            d[key] = list(d[key])
        d["contradictions"] = [c.to_dict() for c in self.contradictions]
        d["updates"] = [u.to_dict() for u in self.updates]
        return d


# -- helpers ------------------------------------------------------------------------------------------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=4096)
def _month_days(floating: str) -> tuple[tuple[int, int], tuple[int, int]]:
    return month_days(floating)


def scope(e: LedgerEvent) -> int:
    """POINT (a place or its area), REGION (an admin1), or BLANKET (nowhere in particular, or a country)."""
    return e.place_scope


def vague(e: LedgerEvent, max_span_days: int) -> bool:
    """A time that spans more than ``max_span_days`` ("since the invasion began"): background, not a date."""
    return e.start is not None and e.end is not None and (e.end - e.start).days > max_span_days


def mover(e: LedgerEvent) -> str:
    """The side whose action the event is about: the attacker, the advancing side; for a withdrawal, the
    side that gains ("Ukraine pulled out" is Russia's gain); for a clash, nobody in particular."""
    if e.type == "withdrawal":
        return OPPOSITE.get(e.actor_side, "unknown")
    if e.type == "clash":
        return "unknown"
    return e.actor_side


def stance(e: LedgerEvent) -> int:
    """+1: says the mover's action happened / succeeded; -1: says it failed or did not happen; 0: neither."""
    if e.polarity == "hedged" or e.type == "clash":
        return 0
    sign = 1 if e.polarity == "asserted" else -1 if e.polarity == "denied" else 0
    return -sign if e.type == "repelled" else sign


_DEAD = re.compile(r"kill|dead|die|death|lives|bod(?:y|ies)|perish|fatal", re.I)
_HURT = re.compile(r"wound|injur|hurt|casualt", re.I)


def toll(e: LedgerEvent) -> str:
    """Which toll a people figure counts, from its trigger: "dead", "injured" or "other"."""
    trigger = e.trigger or ""
    return "dead" if _DEAD.search(trigger) else "injured" if _HURT.search(trigger) else "other"


def _speaks_for_a_side(e: LedgerEvent) -> bool:
    """A claimant who is a party: not nobody, and not the outlet itself narrating."""
    return e.claimant_side != "unknown" and e.claimant != e.outlet


def _sides_compatible(a: str, b: str) -> bool:
    return a == b or a not in KNOWN_SIDES or b not in KNOWN_SIDES


def _opposing(a: str, b: str) -> bool:
    """Two parties to the war: "unknown" is nobody, and "other" lumps every third party together."""
    return a != b and a not in ("unknown", "other") and b not in ("unknown", "other")


def _norm(name: str | None) -> str:
    return (name or "").strip().lower().removeprefix("the ")


class Reconciler:
    """The matching, assignment and summary rules (``[reconcile]`` settings)."""

    def __init__(self, settings: ReconcileSettings | None = None) -> None:
        self.settings = settings or ReconcileSettings()
        self._slacks: dict[str, timedelta] = {}  # per event type (the settings are frozen)

    # -- matching -----------------------------------------------------------------------------------------
    def family(self, event_type: str) -> str:
        return FAMILIES.get(event_type, event_type)

    def window(self, event: LedgerEvent) -> Window:
        slack = self.slack(event.type)
        start = event.start - slack if event.start else None
        end = event.end + slack if event.end else None
        if scope(event) == POINT:
            assert event.lat is not None and event.lon is not None
            dlat = self.settings.distance_km / 111.0
            # the longitude span at the box's poleward edge, where a degree is shortest
            dlon = dlat / max(0.05, math.cos(math.radians(min(89.0, abs(event.lat) + dlat))))
            return Window(self.family(event.type), event.lat - dlat, event.lat + dlat, event.lon - dlon,
                          event.lon + dlon, start, end, event.place, event.admin1,
                          anywhere=self.family(event.type) in PLACELESS_FAMILIES)
        return Window(self.family(event.type), None, None, None, None, start, end, event.place, event.admin1,
                      anywhere=self.family(event.type) in PLACELESS_FAMILIES)

    def slack(self, event_type: str) -> timedelta:
        slack = self._slacks.get(event_type)
        if slack is None:
            ground = self.family(event_type) == "ground"
            slack = self._slacks[event_type] = timedelta(
                days=self.settings.ground_slack_days if ground else self.settings.time_slack_days)
        return slack

    def _times_overlap(self, a: LedgerEvent, b: LedgerEvent) -> bool | None:
        """True/False when both times are known; None when either is unknown. A yearless day against a
        dated event: whether it falls in the other's interval (with the slack) in some year."""
        if a.start is None or b.start is None:
            if b.start is not None and a.floating:
                return bool(self.floating_years(a, b))
            if a.start is not None and b.floating:
                return bool(self.floating_years(b, a))
            return None
        slack = self.slack(a.type)
        a_end, b_end = a.end or a.start, b.end or b.start
        return a.start <= b_end + slack and b.start <= a_end + slack

    def floating_years(self, f: LedgerEvent, d: LedgerEvent) -> list[int]:
        """The years in which ``f``'s yearless day falls in dated ``d``'s interval, widened by the slack."""
        assert f.floating is not None and d.start is not None
        (m1, d1), (m2, d2) = _month_days(f.floating)
        slack = self.slack(d.type)
        lo, hi = d.start - slack, (d.end or d.start) + slack
        years = []
        for y in range(lo.year - 1, hi.year + 1):
            try:
                start, end = date(y, m1, d1), date(y + ((m2, d2) < (m1, d1)), m2, d2)
            except ValueError:  # 29 February of a common year
                continue
            if start <= hi and lo <= end:
                years.append(y)
        return years

    def _place_strength(self, e: LedgerEvent, m: LedgerEvent) -> tuple[int, float] | None:
        """How well ``e`` fits member ``m`` by place: (strength, distance km), or None for no fit.

        Strength 3: the same point or a point within ``distance_km``; 2: the same region, or the same
        named blanket scope ("Ukraine", "the southern front"); 1: a coarser event bearing on a finer one —
        a region on a town in it, or a blanket claim on what its own article puts beside it (outside its
        article nobody can tell which sector "every attempt failed" answers).
        """
        se, sm = e.place_scope, m.place_scope
        if se == POINT and sm == POINT:
            assert e.lat is not None and e.lon is not None and m.lat is not None and m.lon is not None
            # distance alone: many villages share a name ("Novoselivka" in a dozen oblasts)
            d = haversine_km(e.lat, e.lon, m.lat, m.lon)
            return (3, d) if d <= self.settings.distance_km else None
        if se == REGION and sm == REGION:
            return (2, 0.0) if e.admin1 == m.admin1 else None
        if {se, sm} == {POINT, REGION}:
            return (1, 0.0) if e.admin1 and e.admin1 == m.admin1 else None
        # one or both blanket
        if e.country and m.country and e.country != m.country:
            return None
        if se == BLANKET and sm == BLANKET and _norm(e.place) and _norm(e.place) == _norm(m.place):
            # a named place the gazetteer lacks (a small village) is as good as a point; a country is wide
            return (3, 0.0) if e.lat is None and m.lat is None else (2, 0.0)
        if e.article_id == m.article_id:
            return (1, 0.1 * sm)  # within the article, the finest neighbour first
        return None

    def matches(self, e: LedgerEvent, m: LedgerEvent) -> tuple[int, float] | None:
        """Whether ``e`` and member ``m`` can be one incident: family, mover, time, place."""
        return self._matches(e, m, FAMILIES.get(e.type, e.type), mover(e), self._vague(e))

    def _matches(self, e: LedgerEvent, m: LedgerEvent, family: str, moved: str, e_vague: bool,
                 ) -> tuple[int, float] | None:
        """:meth:`matches`, with what depends on ``e`` alone (its family, mover, vagueness) worked out by the
        caller once for all the members it compares ``e`` with."""
        if FAMILIES.get(m.type, m.type) != family or not _sides_compatible(moved, mover(m)):
            return None
        overlap = self._times_overlap(e, m)
        if overlap is False:
            return None
        fit = self._place_strength(e, m)
        if fit is None and family in PLACELESS_FAMILIES:
            fit = (2, 0.0)
        if fit is None:
            return None
        if e.article_id != m.article_id and fit[0] < 3 and (overlap is None or e_vague or self._vague(m)):
            # across articles, a time that is unknown or spans months ("in 2023") is no evidence of the
            # same period: only the same place can carry the match then
            return None
        return fit

    def _vague(self, e: LedgerEvent) -> bool:
        return vague(e, self.settings.max_span_days)

    def order(self, events: Sequence[LedgerEvent]) -> list[LedgerEvent]:
        """The order to assign one article's events in: points, then regions, then blanket claims
        (stable otherwise), so that "every attempt failed" finds the placed claim its article sets it
        beside even when it comes first in the text."""
        return sorted(events, key=scope)

    def fit(self, event: LedgerEvent, members: Sequence[LedgerEvent]) -> tuple[int, float] | None:
        """How well ``event`` fits an incident: (place strength, distance km) of its best member, or None.

        A finer event never joins through a coarser member alone when the incident already has members
        as fine as itself: a blanket claim attached to the Bakhmut incident must not pull an Avdiivka
        advance into it. Likewise a timed event must fit a timed member when there is one.
        """
        if not members:
            return None
        se = event.place_scope
        placeless = self.family(event.type) in PLACELESS_FAMILIES  # no place to be coarse or fine about
        scopes = [m.place_scope for m in members]
        finest = min(scopes)
        pool = [m for m, sm in zip(members, scopes, strict=True) if sm == finest] \
            if finest <= se and not placeless else list(members)
        if (event.start is not None or event.floating) and any(m.start is not None for m in pool):
            # a member without a time matches any date: it must not bridge two periods (and a yearless day
            # must fall in a dated member's period)
            pool = [m for m in pool if m.start is not None]
        if se == BLANKET and not placeless:
            # a blanket claim fits its own article's members, or blanket ones of the same wording only. Its own
            # article's members count at any scope: "the Russians pulled out", beside a report of the pull-out
            # from Kherson Oblast, belongs with it also after other reports put the city into that incident
            name = _norm(event.place)
            own = [m for m in members if m.article_id == event.article_id]
            if event.start is not None and any(m.start is not None for m in own):
                own = [m for m in own if m.start is not None]  # a timed claim fits a timed member, as above
            pool = own + [m for m in pool if m.article_id != event.article_id and name and _norm(m.place) == name]
        best: tuple[int, float] | None = None
        family, moved, e_vague = FAMILIES.get(event.type, event.type), mover(event), self._vague(event)
        for m in reversed(pool):  # the newest first: the same article's, the same point's, are usually late
            f = self._matches(event, m, family, moved, e_vague)
            if f is not None and (best is None or (f[0], -f[1]) > (best[0], -best[1])):
                best = f
                if f == (3, 0.0):
                    break  # nothing fits better than the same point: big incidents need not be read to the end
        return best

    def matching(self, event: LedgerEvent, candidates: Mapping[int, Sequence[LedgerEvent]]) -> list[int]:
        """Every candidate incident ``event`` fits, best first: strongest, then nearest, then lowest id.

        More than one at point strength means the event bridges incidents that describe one happening:
        the store may record a merge of the later ones into the first (ids are never renumbered).
        """
        keyed = [(-f[0], f[1], iid) for iid in candidates if (f := self.fit(event, candidates[iid])) is not None]
        if event.start is None and event.floating:
            if not keyed:  # the day fits nothing: the event is left as it was, without a time
                return self.matching(dataclasses.replace(event, floating=None), candidates)
            if len(keyed) > 1:
                keyed = self._one_year(event, candidates, keyed)
        return [iid for _, _, iid in sorted(keyed)]

    def _one_year(self, event: LedgerEvent, candidates: Mapping[int, Sequence[LedgerEvent]],
                  keyed: list[tuple[int, float, int]]) -> list[tuple[int, float, int]]:
        """A yearless day joins another report's incident only when the incidents it fits agree on the year:
        "August 27" beside a dated incident of August 2023 and another of August 2024 is either, so it
        joins neither (its own article's incidents stay open to it)."""
        years: set[int] = set()
        for _, _, iid in keyed:
            for m in candidates[iid]:
                if m.article_id != event.article_id and m.start is not None and self.matches(event, m) is not None:
                    years.update(self.floating_years(event, m))
        if len(years) <= 1:
            return keyed
        return [k for k in keyed if any(m.article_id == event.article_id for m in candidates[k[2]])]

    def assign(self, event: LedgerEvent, candidates: Mapping[int, Sequence[LedgerEvent]]) -> int | None:
        """The incident ``event`` joins (a key of ``candidates``), or None to open a new one.

        Deterministic: the strongest fit wins, then the nearest, then the lowest id, so existing incidents
        are never renumbered.
        """
        found = self.matching(event, candidates)
        return found[0] if found else None

    # -- summary ------------------------------------------------------------------------------------------
    def summarize(self, members: Sequence[LedgerEvent]) -> IncidentSummary:
        """What the incident's members say together. ``members`` in ingestion order (orders same-day updates).
        The store keeps an :class:`IncidentTally` per incident instead, and adds only an article's new members."""
        if not members:
            raise ValueError("an incident needs at least one member")
        return IncidentTally(self).add(members).summary()

    def _same_figure(self, a: LedgerEvent, b: LedgerEvent) -> bool:
        """Two figures about the same thing: same unit and kind, and for people the same toll (a death toll
        is not a count of the wounded)."""
        if a.value is None or b.value is None or a.unit != b.unit or a.kind != b.kind:
            return False
        return a.kind != "people" or toll(a) == toll(b)

    def _differ(self, a: float, b: float) -> bool:
        hi = max(abs(a), abs(b))
        return hi > 0 and abs(a - b) / hi > self.settings.figure_tolerance

    def contradictions(self, members: Sequence[LedgerEvent]) -> list[Contradiction]:
        """Opposing sides on the same place and period: opposite stance, or figures beyond the tolerance."""
        return list(IncidentTally(self).add(members).contradictions)

    def _same_scene(self, a: LedgerEvent, b: LedgerEvent) -> bool:
        """The same place and period, pairwise (an incident may chain wider than any one pair)."""
        return self._times_overlap(a, b) is not False and self._place_strength(a, b) is not None

    def updates(self, members: Sequence[LedgerEvent]) -> list[Update]:
        """A side's figure replaced by its own later figure: per side and figure, consecutive changes."""
        return IncidentTally(self).add(members).updates()


class IncidentTally:
    """An incident's summary kept up to date as members join, so that an article joining an incident of
    hundreds of members costs what it adds (its pairs with the earlier members, the update chains it joins),
    not a new pass over every pair. ``summary()`` is the same whether the members came at once or one by one:
    contradictions are listed by their later member, and each pair of (source, claimant) keeps its first pair.
    """

    def __init__(self, reconciler: Reconciler) -> None:
        self.rec = reconciler
        self.members: list[LedgerEvent] = []
        self._anchor: tuple[tuple[int, int], LedgerEvent] | None = None
        self._start: date | None = None
        self._end: date | None = None
        self._articles: dict[str, None] = {}
        self._outlets: set[str] = set()
        self._claimants: dict[str, None] = {}
        self._syndicates: set[str] = set()
        self._asserted: set[str] = set()
        self._denied: set[str] = set()
        self._placed: set[str] = set()  # sides asserting it in a claim that names the place
        # members that could contradict another (a stance or a figure, a claimant of a party): (index, stance)
        self._active: list[tuple[int, int]] = []
        self.contradictions: list[Contradiction] = []
        self._seen: set[tuple[object, str]] = set()
        # update chains: per (side, unit, kind, toll), figures ordered by (stated, ingestion order)
        self._chains: dict[tuple[str, str | None, str | None, str], list[tuple[tuple[date, int], LedgerEvent]]] = {}
        self._chain_updates: dict[tuple[str, str | None, str | None, str], list[Update]] = {}

    def add(self, new: Iterable[LedgerEvent]) -> IncidentTally:
        """Take in members that joined after the ones already added (in ingestion order)."""
        touched: set[tuple[str, str | None, str | None, str]] = set()
        for m in new:
            self._add(m, touched)
        for key in touched:
            self._chain_updates[key] = self._chain(self._chains[key])
        return self

    def _add(self, m: LedgerEvent, touched: set[tuple[str, str | None, str | None, str]]) -> None:
        j = len(self.members)
        self.members.append(m)
        rank = (scope(m), m.precision or 9)
        if self._anchor is None or rank < self._anchor[0]:  # the finest member; the first of equals
            self._anchor = (rank, m)
        if m.start is not None:
            self._start = m.start if self._start is None else min(self._start, m.start)
            end = m.end or m.start
            self._end = end if self._end is None else max(self._end, end)
        self._articles[m.article_id] = None
        if m.outlet:
            self._outlets.add(m.outlet)
        self._claimants[m.claimant] = None
        self._syndicates.add(m.syndicate)
        s = stance(m)
        if s and _speaks_for_a_side(m):
            (self._asserted if s > 0 else self._denied).add(m.claimant_side)
            if s > 0 and scope(m) != BLANKET:
                self._placed.add(m.claimant_side)
        if m.value is not None:
            key = (m.claimant_side, m.unit, m.kind, toll(m) if m.kind == "people" else "")
            insort(self._chains.setdefault(key, []), ((m.stated or date.min, j), m), key=lambda c: c[0])
            touched.add(key)
        if s == 0 and m.value is None:
            return  # neither a stance nor a figure: nothing to contradict
        for i, si in self._active:
            self._contradict(self.members[i], si, m, s)
        if m.claimant_side not in ("unknown", "other"):
            self._active.append((j, s))

    def _contradict(self, a: LedgerEvent, sa: int, b: LedgerEvent, sb: int) -> None:
        """Record whether earlier member ``a`` and new member ``b`` contradict each other."""
        if a.claimant_side == b.claimant_side or b.claimant_side in ("unknown", "other"):
            return  # not two parties (the active list holds parties only)
        if a.article_id == b.article_id and a.claim_id == b.claim_id:
            return
        rec = self.rec
        # the cheap tests first: the place and period are compared only for pairs that could clash
        # (in an incident of hundreds of members this was most of the store's time)
        polar = sa * sb == -1
        if not polar and not (rec._same_figure(a, b) and rec._differ(a.value, b.value)):  # type: ignore[arg-type]
            return
        # a syndicated copy repeats a claim: one contradiction per pair of (source, claimant)
        pair = tuple(sorted([(a.syndicate, a.claimant), (b.syndicate, b.claimant)]))
        key = (pair, "polarity" if polar else "figures")
        if key in self._seen or not rec._same_scene(a, b):
            return
        self._seen.add(key)
        if polar:
            pos, neg = (a, b) if sa > 0 else (b, a)
            self.contradictions.append(Contradiction(
                a.id, b.id, "polarity", f"{pos.claimant} ({pos.claimant_side}): {pos.type} {pos.polarity}"
                f" vs {neg.claimant} ({neg.claimant_side}): {neg.type} {neg.polarity}"))
        else:
            self.contradictions.append(Contradiction(
                a.id, b.id, "figures", f"{a.claimant} ({a.claimant_side}): {a.value:g} {a.unit} vs "
                f"{b.claimant} ({b.claimant_side}): {b.value:g} {b.unit}"))

    @staticmethod
    def _chain(chain: list[tuple[tuple[date, int], LedgerEvent]]) -> list[Update]:
        out: list[Update] = []
        prev: LedgerEvent | None = None
        for _, m in chain:
            if prev is not None and m.article_id != prev.article_id and m.value != prev.value:
                out.append(Update(prev.id, m.id, f"{m.claimant_side}: {prev.value:g} -> {m.value:g} {m.unit}"
                                  f" ({prev.stated} -> {m.stated})"))
            prev = m
        return out

    def updates(self) -> list[Update]:
        """Chains in the order their first figure came, each in its own order."""
        return [u for key in self._chains for u in self._chain_updates.get(key, ())]

    def summary(self) -> IncidentSummary:
        if self._anchor is None:
            raise ValueError("an incident needs at least one member")
        anchor = self._anchor[1]
        return IncidentSummary(
            family=self.rec.family(self.members[0].type),
            place=anchor.place, lat=anchor.lat, lon=anchor.lon, start=self._start, end=self._end,
            articles=tuple(self._articles), outlets=tuple(sorted(self._outlets)), claimants=tuple(self._claimants),
            corroboration=len(self._syndicates),
            asserted_by=tuple(sorted(self._asserted)), denied_by=tuple(sorted(self._denied)),
            confirmed_by_both_sides=any(_opposing(a, b) for a in self._placed for b in self._placed),
            contradictions=tuple(self.contradictions), updates=tuple(self.updates()),
        )


class _Envelope:
    """What an incident's members span, to skip incidents an event cannot fit without looking at members.

    A superset test: every incident :meth:`Reconciler.fit` could accept passes (checked against the plain
    loop in the tests); the rest are skipped, which keeps ``reconcile_all`` near linear.
    """

    def __init__(self) -> None:
        self.articles: set[str] = set()
        self.admin1: set[str] = set()
        self.names: set[str] = set()
        self.box: list[float] | None = None  # min lat, max lat, min lon, max lon of point members
        self.start: date | None = None
        self.end: date | None = None
        self.timeless = False

    def add(self, m: LedgerEvent) -> None:
        self.articles.add(m.article_id)
        if m.admin1:
            self.admin1.add(m.admin1)
        if m.place:
            self.names.add(_norm(m.place))
        if scope(m) == POINT:
            assert m.lat is not None and m.lon is not None
            b = self.box
            self.box = [m.lat, m.lat, m.lon, m.lon] if b is None else [
                min(b[0], m.lat), max(b[1], m.lat), min(b[2], m.lon), max(b[3], m.lon)]
        if m.start is None:
            self.timeless = True
        else:
            end = m.end or m.start
            self.start = m.start if self.start is None else min(self.start, m.start)
            self.end = end if self.end is None else max(self.end, end)

    def admits(self, e: LedgerEvent, slack: timedelta, name: str, point: bool, dlat: float,
               anywhere: bool = False) -> bool:
        """``slack``, ``name`` (normalised place), ``point`` (scope) and ``dlat`` (distance in degrees of
        latitude) are the event's, worked out once per event by the caller."""
        if e.start is not None and not self.timeless and self.start is not None and self.end is not None:
            if e.start > self.end + slack or (e.end or e.start) < self.start - slack:
                return False
        if anywhere or e.article_id in self.articles or (e.admin1 and e.admin1 in self.admin1) or name in self.names:
            return True
        if not point or self.box is None:
            return False
        assert e.lat is not None and e.lon is not None
        b = self.box
        dlon = dlat / max(0.05, math.cos(math.radians(min(89.0, max(abs(e.lat), abs(b[0]), abs(b[1]))))))
        return b[0] - dlat <= e.lat <= b[1] + dlat and b[2] - dlon <= e.lon <= b[3] + dlon


def reconcile_all(events: Iterable[LedgerEvent], settings: ReconcileSettings | None = None,
                  ) -> dict[int, list[LedgerEvent]]:
    """The in-memory reference: assign events in order with the store's rules; incident ids from 1.

    Incidents are indexed per family by article, place name, admin1 and a grid of point cells at least
    ``distance_km`` wide, the way the store's window query uses its indexes; the envelope then checks the
    period. The tests check the result against assigning among every incident.
    """
    rec = Reconciler(settings)
    incidents: dict[int, list[LedgerEvent]] = {}
    envelopes: dict[int, _Envelope] = {}
    index: dict[tuple[str, str, object], set[int]] = defaultdict(set)
    dlat = rec.settings.distance_km / 111.0 + 0.01
    dlon = dlat / math.cos(math.radians(70.0))  # cells are wide enough up to 70 degrees of latitude

    def cell(e: LedgerEvent) -> tuple[int, int] | None:
        if scope(e) != POINT or e.lat is None or e.lon is None:
            return None
        if abs(e.lat) > 70.0:
            return (0, 0) if e.lat > 0 else (0, 1)  # near the poles: one cell per hemisphere
        return (math.floor(e.lat / dlat), math.floor(e.lon / dlon))

    def keys(e: LedgerEvent, fam: str, near: bool) -> list[tuple[str, str, object]]:
        out: list[tuple[str, str, object]] = [(fam, "article", e.article_id), (fam, "name", _norm(e.place))]
        if fam in PLACELESS_FAMILIES:
            out.append((fam, "family", None))
        if e.admin1:
            out.append((fam, "admin1", e.admin1))
        c = cell(e)
        if c is not None:
            cells = [c] if not near or c[0] == 0 and abs(e.lat or 0) > 70.0 else [
                (c[0] + i, c[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]
            out += [(fam, "cell", k) for k in cells]
        return out

    for e in (e for _, group in groupby(events, key=lambda e: e.article_id) for e in rec.order(list(group))):
        fam = rec.family(e.type)
        slack, name, point = rec.slack(e.type), _norm(e.place), scope(e) == POINT
        near = set().union(*(index.get(k, set()) for k in keys(e, fam, near=True)))
        anywhere = fam in PLACELESS_FAMILIES
        candidates = {iid: incidents[iid] for iid in sorted(near)
                      if envelopes[iid].admits(e, slack, name, point, dlat, anywhere)}
        iid = rec.assign(e, candidates)
        if iid is None:
            iid = len(incidents) + 1
            incidents[iid], envelopes[iid] = [], _Envelope()
        incidents[iid].append(e)
        envelopes[iid].add(e)
        for k in keys(e, fam, near=False):
            index[k].add(iid)
    return incidents


# Independent sources that make an incident established news; past this, more sources no longer outweigh
# how much of the article an incident holds (a front told by every outlet must not win an article's lead
# over the story its placed events tell, through one undated background line).
ESTABLISHED_SOURCES = 3


def lead_incidents(incidents: Mapping[int, Sequence[LedgerEvent]],
                   settings: ReconcileSettings | None = None) -> dict[str, int]:
    """Each article's lead incident: the one most corroborated by independent sources (counted up to
    ``ESTABLISHED_SOURCES``), then holding most of its placed events, then most of its events, then the
    one it reached first. An article tells one story; its background sentences ("since the invasion
    began", another town last month) land in other incidents. A placed event whose time spans months
    ("the only city taken after 24 February", told in November) is background too: it does not count
    as placed."""
    max_span_days = (settings or ReconcileSettings()).max_span_days
    placed: dict[str, Counter[int]] = defaultdict(Counter)
    total: dict[str, Counter[int]] = defaultdict(Counter)
    first: dict[tuple[str, int], int] = {}
    n = 0
    for iid in sorted(incidents):
        for m in incidents[iid]:
            total[m.article_id][iid] += 1
            placed[m.article_id][iid] += scope(m) == POINT and not vague(m, max_span_days)
            first.setdefault((m.article_id, iid), n)
            n += 1
    sources = {iid: min(ESTABLISHED_SOURCES, len({m.syndicate for m in ms})) for iid, ms in incidents.items()}
    return {a: max(c, key=lambda i: (sources[i], placed[a][i], c[i], -first[(a, i)]))
            for a, c in total.items()}
