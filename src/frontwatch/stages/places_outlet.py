"""Places, the outlet's home region learned across a batch (docs/places.md, "The outlet's home region").

A local paper's copy is mostly about one state, which it seldom names: "Columbus", "Athens" or
"Springfield" in a paper whose ``.com`` says nothing is the one near the paper. One article may not
say where that is; the paper's other articles do. :class:`OutletPriors` collects, per source, what a
first reading of each article found (the first-level region most of its places lie in), and
:meth:`OutletPriors.home` gives a source's home region when enough of its *other* articles agree on
one. :func:`frontwatch.stages.places.resolve_places` then reads the article again with that region as
a prior for its ambiguous names, as it does with the article's own home region
(:func:`.places_score.focus_region`).

Only the text's own resolutions are evidence, never gold or coordinates from elsewhere; an article
does not vote for its own prior, so a source with too few other articles gets nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..gazetteer.lookup import Candidate, GazetteerLike, conflict_regions
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


@dataclass(frozen=True)
class OutletHome:
    """A source's home region: the country and first-level region (``Place.admin1``) its other
    articles agree on, with how many of them did and out of how many that voted."""

    source: str
    country: str
    admin1: str
    articles: int
    voting: int


@dataclass(frozen=True)
class ArticleVote:
    country: str
    admin1: str


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

    def add(self, source: str | None, key: str, places: Iterable[Place]) -> None:
        """Record article ``key`` of ``source`` (its vote replaces an earlier one under the same key)."""
        if source:
            self.votes.setdefault(source.lower(), {})[key] = article_vote(places)

    def home(self, source: str | None, exclude: str | None = None) -> OutletHome | None:
        """The home region of ``source`` from its articles other than ``exclude``, or None."""
        if not source:
            return None
        counts = Counter(v for k, v in self.votes.get(source.lower(), {}).items() if k != exclude and v is not None)
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2) + [(None, 0)]
        voting = sum(counts.values())
        if n < MIN_ARTICLES or n < HOME_SHARE * voting or n < HOME_LEAD * rest[0][1]:
            return None
        return OutletHome(source.lower(), top.country, top.admin1, n, voting)  # type: ignore[union-attr]


# the outlet's home region in the article's region vote: alone it is enough (FOCUS_REGION_VOTES 2), and it
# holds against a stray vote ("420 Augusta St."), not against two names of the article in another state
W_OUTLET_REGION = 3.0
# what a reading in the home region gains when the outlet's region is the article's (W_FOCUS_REGION is 0.1):
# the paper's region is known from many articles, not guessed from this one's names
W_OUTLET_HOME = 0.2


def front_line(outlet: OutletHome, mentions: Iterable[_Named], conflict: Mapping[str, float]) -> bool:
    """Is the outlet's home region one where a selected conflict is fought (``places.conflicts``)? A war
    reporter's articles all name the front (Donetsk Oblast), wherever the outlet is; the conflict prior
    already prefers those regions, and a home there would pull "Mykolaiv" to a Donetsk "Mykolaivka"."""
    return outlet.country in conflict or any(code in conflict for code in _home_codes(outlet, mentions))


def home_on_front(outlet: OutletHome, gazetteer: GazetteerLike, conflicts: str, year: int | None) -> bool:
    """:func:`front_line` before a second reading, from the home region's own entry in the gazetteer: the
    pipeline skips reading an article again for a home that :func:`front_line` would ignore."""
    prior = conflict_regions(conflicts, year)
    return outlet.country in prior or any(
        c.admin1_code in prior for c in gazetteer.lookup(outlet.admin1, limit=10)
        if c.feature == "region" and c.country == outlet.country and c.admin1 == outlet.admin1 and c.admin1_code)


def outlet_vote(home: RegionFocus, outlet: OutletHome, mentions: Iterable[_Named]) -> str | None:
    """Add the outlet's home region to the article's region vote (``places_score.RegionFocus``), under a
    name no mention has, when a reading of one of the article's names lies in it: a region the article
    cannot use changes nothing."""
    code = next(_home_codes(outlet, mentions), None)
    if code is not None:
        home.add("|outlet", code, W_OUTLET_REGION)
    return code


def _home_codes(outlet: OutletHome, mentions: Iterable[_Named]) -> Iterator[str]:
    """The admin1 codes of the mentions' readings in the outlet's home region, in mention order."""
    return (c.admin1_code for m in mentions for c in m.candidates
            if c.admin1_code and c.country == outlet.country and c.admin1 == outlet.admin1)
