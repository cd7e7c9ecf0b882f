"""Places, the outlet's home region learned across a batch (docs/places.md, "The outlet's home region").

A local paper's copy is mostly about one state, which it seldom names: "Columbus", "Athens" or
"Springfield" in a paper whose ``.com`` says nothing is the one near the paper. One article may not
say where that is; the paper's other articles do. :class:`OutletPriors` collects, per source, what a
first reading of each article found (the first-level region most of its places lie in), and
:meth:`OutletPriors.home` gives a source's home region when enough of its *other* articles agree on
one. :func:`frontwatch.stages.places.resolve_places` then reads the article again with that region as
a prior for its ambiguous names, as it does with the article's own home region
(:func:`.places_score.focus_region`).

A region is wide (a paper in Alexandria, Minnesota still writes of Alexandria, Virginia) and a paper on a
state line has none: :meth:`OutletPriors.home` also gives the outlet's home *point*, the median of the
local places its other articles resolved, when they lie close together (``places.outlet_point``). A
reading within its reach gains as a reading in the home region does, and may keep a town that a
country or a far bigger namesake would otherwise own ("Jordan", "Lebanon" in a Minnesota paper).

A war monitor's copy has neither: it names the villages shelled along a front some hundreds of km long, and
the front is no home (:func:`front_line`). It still has a *beat*: the copy of the same few days follows the
fighting in one sector. :meth:`OutletPriors.home` gives, when the outlet has no home point, the median of
the local places its other articles of the same days resolved, when they lie close together
(``OutletHome.beat``); a reading near it gains a little, enough to choose between namesakes that otherwise
tie ("Svitle", a village in each of two oblasts, in a list that names only villages of one).

Only the text's own resolutions are evidence, never gold or coordinates from elsewhere; an article
does not vote for its own prior, so a source with too few other articles gets nothing.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from ..gazetteer.lookup import Candidate, GazetteerLike, conflict_regions, haversine_km
from ..records import Place
from .places_score import RegionFocus


class _Named(Protocol):
    candidates: list[Candidate]

# an article votes for the region holding at least this many of its local places,
ARTICLE_MIN_PLACES = 2
ARTICLE_SHARE = 0.5  # and at least this share of them (a round-up of three states votes for none)
# a source's home region: at least this many of its other articles vote for it,
MIN_ARTICLES = 2
HOME_SHARE = 0.4  # this share of the other articles that vote at all,
HOME_LEAD = 1.5  # and this many times the votes of the runner-up
# features that say where a local paper's copy is: not countries or continents, named from anywhere
LOCAL_FEATURES = frozenset({"city", "town", "village", "district", "county", "region", "area", "facility",
                            "island"})
# the home point: the median of the local places (no regions: their points are a convention) of at least
POINT_MIN_ARTICLES = 2  # this many other articles,
POINT_MIN_PLACES = 5  # this many places in all;
POINT_SPREAD_KM = 120.0  # the median distance of those places to it at most this (a state-wide paper has none),
POINT_REACH_KM = 60.0  # and a reading within the spread, or at least this, of it is near home
POINT_FEATURES = LOCAL_FEATURES - {"region"}
# the outlet's beat: the local places of its other articles published this many days before or after one,
BEAT_DAYS = 1  # (as many articles and places as the home point, 2 and 5, and a median spread of at most
BEAT_SPREAD_KM = 120.0


@dataclass(frozen=True)
class OutletHome:
    """A source's home: the country and first-level region (``Place.admin1``) its other articles agree
    on, with how many of them did and out of how many that voted; and, when their local places lie
    close together, their median ``point`` and its ``reach`` in km. A paper on a state line has a point
    and no region (``admin1`` None); ``regions`` are the first-level regions of the places within reach."""

    source: str
    country: str
    admin1: str | None
    articles: int
    voting: int
    point: tuple[float, float] | None = None
    reach: float = POINT_REACH_KM
    regions: frozenset[str] = frozenset()
    beat: tuple[float, float, float] | None = None  # (lat, lon, reach): the same days' copy, with no point

    @property
    def beat_only(self) -> bool:
        """A home that is no more than the outlet's beat (no region, no point)."""
        return self.admin1 is None and self.point is None

    def beat_home(self) -> OutletHome | None:
        """This home with its region and point dropped (a home on the front), or None with no beat."""
        return None if self.beat is None else OutletHome(self.source, self.country, None, 0, 0, beat=self.beat)

    def near(self, lat: float, lon: float) -> bool:
        """Is (lat, lon) within the reach of the home point?"""
        return self.point is not None and haversine_km(self.point, (lat, lon)) <= self.reach


@dataclass(frozen=True)
class ArticleVote:
    country: str
    admin1: str


# an article's local places as the home point counts them: (lat, lon, country, admin1)
_Local = tuple[float, float, str | None, str | None]


def local_points(places: Iterable[Place]) -> list[_Local]:
    """An article's resolved local places, once per place (a town named ten times is one town)."""
    seen = {(p.lat, p.lon, p.country, p.admin1) for p in places
            if p.role == "place" and p.resolved and p.feature in POINT_FEATURES}
    return sorted(seen, key=repr)  # type: ignore[arg-type]


def home_point(points: list[_Local], spread_km: float = POINT_SPREAD_KM) -> tuple[tuple[float, float], float] | None:
    """The median of ``points`` and its reach (the median distance to it, at least ``POINT_REACH_KM``),
    or None when they are too few or spread too wide."""
    if len(points) < POINT_MIN_PLACES:
        return None
    point = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    spread = statistics.median(haversine_km(point, (p[0], p[1])) for p in points)
    if spread > spread_km:
        return None
    return point, max(spread, POINT_REACH_KM)


def article_vote(places: Iterable[Place]) -> ArticleVote | None:
    """The region most of an article's resolved local places lie in, or None when too few agree.
    Metonyms and demonyms lend no vote: "Washington said" is no place the paper covers."""
    regions = Counter((p.country, p.admin1) for p in places
                      if p.role == "place" and p.resolved and p.country and p.admin1 and p.feature in LOCAL_FEATURES)
    if not regions:
        return None
    ((country, admin1), n), = regions.most_common(1)
    if n < ARTICLE_MIN_PLACES or n < ARTICLE_SHARE * sum(regions.values()):
        return None
    return ArticleVote(country, admin1)  # type: ignore[arg-type]


@dataclass
class OutletPriors:
    """Per source, each article's vote for a home region; built from first readings (reports' places),
    added to as articles come (a ledger can keep one across batches)."""

    votes: dict[str, dict[str, ArticleVote | None]] = field(default_factory=dict)
    points: dict[str, dict[str, list[_Local]]] = field(default_factory=dict)
    days: dict[str, dict[str, date | None]] = field(default_factory=dict)
    point: bool = True  # learn the home point too (``places.outlet_point``)

    def add(self, source: str | None, key: str, places: Iterable[Place], day: date | None = None) -> None:
        """Record article ``key`` of ``source``, published on ``day`` (its vote replaces an earlier one under
        the same key)."""
        if source:
            places = list(places)
            self.votes.setdefault(source.lower(), {})[key] = article_vote(places)
            if self.point:
                self.points.setdefault(source.lower(), {})[key] = local_points(places)
                self.days.setdefault(source.lower(), {})[key] = day

    def home(self, source: str | None, exclude: str | None = None, day: date | None = None) -> OutletHome | None:
        """The home of ``source`` from its articles other than ``exclude``: its region, its point, both or None;
        with no point, the beat of the articles published around ``day`` (if known)."""
        if not source:
            return None
        region = self._region(source.lower(), exclude)
        others = [v for k, v in self.points.get(source.lower(), {}).items() if k != exclude and v]
        found = home_point([p for v in others for p in v]) if len(others) >= POINT_MIN_ARTICLES else None
        beat = self._beat(source.lower(), exclude, day)
        if found is None:
            if beat is None:
                return region
            if region is not None:
                return replace(region, beat=beat[:3])
            return OutletHome(source.lower(), beat[3], None, 0, 0, beat=beat[:3])
        point, reach = found
        near = [p for v in others for p in v if haversine_km(point, (p[0], p[1])) <= reach]
        regions = frozenset(p[3] for p in near if p[3])
        if region is not None:
            return replace(region, point=point, reach=reach, regions=regions, beat=beat and beat[:3])
        country = Counter(p[2] for p in near).most_common(1)[0][0]
        if not country:
            return None
        return OutletHome(source.lower(), country, None, 0, 0, point, reach, regions, beat and beat[:3])

    def _beat(self, source: str, exclude: str | None, day: date | None
              ) -> tuple[float, float, float, str] | None:
        """The median of the local places of the source's other articles published within ``BEAT_DAYS`` of
        ``day``, its reach and the country most of them lie in, when they lie close together."""
        if day is None:
            return None
        days = self.days.get(source, {})
        others = [v for k, v in self.points.get(source, {}).items() if k != exclude and v and (d := days.get(k))
                  and abs(d.toordinal() - day.toordinal()) <= BEAT_DAYS]
        found = home_point([p for v in others for p in v], BEAT_SPREAD_KM) if len(others) >= POINT_MIN_ARTICLES \
            else None
        if found is None:
            return None
        (lat, lon), reach = found
        country = Counter(p[2] for v in others for p in v).most_common(1)[0][0]
        return (lat, lon, reach, country) if country else None

    def _region(self, source: str, exclude: str | None) -> OutletHome | None:
        counts = Counter(v for k, v in self.votes.get(source, {}).items() if k != exclude and v is not None)
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2) + [(None, 0)]
        voting = sum(counts.values())
        if n < MIN_ARTICLES or n < HOME_SHARE * voting or n < HOME_LEAD * rest[0][1]:
            return None
        return OutletHome(source, top.country, top.admin1, n, voting)  # type: ignore[union-attr]


# the outlet's home region in the article's region vote: alone it is enough (FOCUS_REGION_VOTES 2), and it
# holds against a stray vote ("420 Augusta St."), not against two names of the article in another state
W_OUTLET_REGION = 3.0
# what a reading in the home region gains when the outlet's region is the article's (W_FOCUS_REGION is 0.1):
# the paper's region is known from many articles, not guessed from this one's names
W_OUTLET_HOME = 0.2


def front_line(outlet: OutletHome, mentions: Iterable[_Named], conflict: Mapping[str, float]) -> bool:
    """Is the outlet's home region one where a selected conflict is fought (``places.conflicts``)? A war
    reporter's articles all name the front (Donetsk Oblast), wherever the outlet is; the conflict prior
    already prefers those regions, and a home there would pull "Mykolaiv" to a Donetsk "Mykolaivka". (A home
    point with no region: the regions around it.)"""
    return outlet.country in conflict or any(code in conflict for code in _home_codes(outlet, mentions, _areas(outlet)))


def home_on_front(outlet: OutletHome, gazetteer: GazetteerLike, conflicts: str, year: int | None) -> bool:
    """:func:`front_line` before a second reading, from the home region's own entry in the gazetteer: the
    pipeline skips reading an article again for a home that :func:`front_line` would ignore."""
    prior = conflict_regions(conflicts, year)
    return outlet.country in prior or any(
        c.admin1_code in prior for region in _areas(outlet) for c in gazetteer.lookup(region, limit=10)
        if c.feature == "region" and c.country == outlet.country and c.admin1 == region and c.admin1_code)


def outlet_vote(home: RegionFocus, outlet: OutletHome, mentions: Iterable[_Named]) -> str | None:
    """Add the outlet's home region to the article's region vote (``places_score.RegionFocus``), under a
    name no mention has, when a reading of one of the article's names lies in it: a region the article
    cannot use changes nothing."""
    if outlet.admin1 is None:
        return None  # a home point only: the paper's copy spans two regions
    code = next(_home_codes(outlet, mentions, {outlet.admin1}), None)
    if code is not None:
        home.add("|outlet", code, W_OUTLET_REGION)
    return code


def _areas(outlet: OutletHome) -> set[str]:
    """The outlet's home region, or with a home point only the regions around it."""
    return {outlet.admin1} if outlet.admin1 is not None else set(outlet.regions)


def _home_codes(outlet: OutletHome, mentions: Iterable[_Named], areas: set[str]) -> Iterator[str]:
    """The admin1 codes of the mentions' readings in ``areas`` of the outlet's country, in mention order."""
    return (c.admin1_code for m in mentions for c in m.candidates
            if c.admin1_code and c.country == outlet.country and c.admin1 in areas)
