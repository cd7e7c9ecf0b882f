"""Places, scoring: the article's context and the re-ranking of each mention's candidates.

:mod:`frontwatch.stages.places` finds the mentions and looks them up; this module weighs their
candidates with what the article says around them (docs/places.md, "Ranking"):

* the article's country focus (:func:`focus_country`): countries named, governments acting, places
  clear on their own, the outlet's country;
* regions named next to a place ("Mykolaivka in the Donetsk region", "Buffalo, New York") or
  elsewhere in the article (:func:`link_regions`);
* anchors, places clear on their own, and the distance to them (:func:`find_anchors`);
* the colocation support of the article's other ambiguous names (:mod:`.places_local`).

:func:`choose` then keeps the best candidate, or none when it is weak, loose without support, or
tied with a far-away rival: null beats a guess hundreds of kilometres away.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..gazetteer.lookup import AREA_FEATURES, Candidate, GazetteerLike, haversine_km
from ..gazetteer.translit import split_designator
from .parse import doc_ents, doc_text
from .places_local import CONTEXT_NAMES, IN_REGION, W_COLOCATION

if TYPE_CHECKING:
    from .places_mentions import Mention

# two-letter domains that say nothing about where an outlet is
VANITY_TLDS = frozenset({"co", "tv", "io", "me", "fm", "ly", "am", "ai", "cc", "ws", "to", "gg", "eu"})

# re-ranking weights (see docs/places.md, "Ranking")
W_OUTLET_VOTE = 1.5  # the outlet's country in the focus vote (a named country counts 2, a clear place 1)
W_FOCUS = 0.15  # candidate in the article's focus country
W_REGION = 0.25  # candidate in a region named next to it ("Mykolaivka in the Donetsk region")
W_REGION_DOC = 0.08  # candidate in a region named elsewhere in the article
REGION_LINK_TOKENS = 12  # "next to": the region follows within this many tokens in the same sentence
BIG_ANCHOR_POP = 200_000  # anchors this big (Moscow, Kyiv) say little about where a small place is
BIG_ANCHOR_WEIGHT = 0.4
W_ANCHOR_ADMIN1 = 0.1  # candidate in the region of an unambiguous place
W_DISTANCE = 0.3  # times exp(-d / DISTANCE_KM) to the nearest unambiguous place
DISTANCE_KM = 60.0
MIN_SCORE = 0.78  # best re-ranked score below this: unresolved
TIE_MARGIN = 0.015  # near-tie between candidates more than TIE_KM apart: unresolved
TIE_KM = 50.0
LOOSE_MAX_KM = 200.0  # a loose-only match must be in the focus country or this close to an anchor
REGION_OVER_TOWN_POP = 1_000_000  # a town this big competes with a region of the same name
BIG_COUNTRY_POP = 1_000_000  # a country this big owns its name against namesake towns the article does not place:
PLACED_KM = 100.0  # no clear place this close,
PLACED_SUPPORT = 0.4  # no names that fit it this well (places_local: one neighbour within ~25 km, or two in its state)
SMALL_REGION_POP = 250_000  # a first-level region smaller than this does not own its name against towns
INSTITUTION_MIN_POP = 10_000  # the place of "X Police Department" is a town at least this big
W_FOCUS_REGION = 0.1  # candidate in the article's focus region (a local paper's state)
FOCUS_REGION_VOTES = 2.0  # the focus region needs this many votes (a region named, a clear place: 1 each)
FOCUS_REGION_SHARE = 0.75  # and this share of the votes of the two leading regions
# areas too wide for a settlement's context (a named region nearby, distance to anchors) to say anything
WIDE_FEATURES = frozenset({"region", "country", "continent", "macroregion"})
BIG_CITY_POP = 500_000  # a city this big by its own name outranks namesake towns
BIG_CITY_RATIO = 20  # this many times smaller that the article does not place,
BIG_CITY_RIVAL_POP = 50_000  # and smaller than this (a city of 150,000 is known in its own right)
OUTLET_TOWN_POP = 5_000  # a town with a paper of its own: the readings of the outlet's town that lend support
HOME_FLATTEN = 0.5  # the outlet's own town: the gaps in size between its readings count this much
W_HOME_POINT = 0.2  # a reading within the reach of the outlet's home point (places_outlet.OutletHome.point)
HOME_DOOR_KM = 40.0  # against a world city's name, the home point reaches this far at most
# the outlet's home point and its reach in km: (lat, lon, reach)
HomePoint = tuple[float, float, float]
# a reading near the outlet's beat (places_outlet.OutletHome.beat) gains W_BEAT * exp(-distance / BEAT_KM):
# enough to part namesakes that tie (TIE_MARGIN), too little to outweigh a region named or a clear place near
W_BEAT, BEAT_KM = 0.06, 50.0


# --- context ----------------------------------------------------------------------------------

def top_candidate(m: Mention) -> Candidate | None:
    return m.candidates[0] if m.candidates else None


def outlet_country(source: str | None) -> str | None:
    """The country of an outlet's domain ("thestar.ca" -> CA, "bbc.co.uk" -> GB); None for .com and vanity TLDs."""
    if not source:
        return None
    host = source.lower().split("//")[-1].split("/")[0].rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or tld in VANITY_TLDS:
        return None
    return "GB" if tld == "uk" else tld.upper()


@dataclass
class Focus:
    """The focus vote of an article: every country's votes, and the votes each name cast."""

    votes: Counter[str] = field(default_factory=Counter)
    by_name: dict[str, Counter[str]] = field(default_factory=dict)
    times: Counter[str] = field(default_factory=Counter)  # how often each name voted (counted beside an add)
    # country() per deciding name: each name is decided twice or more, against the same votes
    _asked: dict[str | None, str | None] = field(default_factory=dict, repr=False, compare=False)

    def add(self, name: str | None, country: str, n: float) -> None:
        self._asked.clear()
        self.votes[country] += n
        if name is not None:
            self.by_name.setdefault(name, Counter())[country] += n

    def country(self, deciding: str | None = None) -> str | None:
        """The country the article is about; when ``deciding`` a name, that name votes once.

        A town or region repeated does not outvote the rest of the article for its own reading: a
        local paper's "Dublin", named a dozen times beside one "Ohio", must not make Ireland the
        focus that then decides "Dublin". Named once, it counts as any other name does; a country
        named again and again is what the article is about, and all its votes count.
        """
        if deciding not in self._asked:
            self._asked[deciding] = self._country(deciding)
        return self._asked[deciding]

    def _country(self, deciding: str | None) -> str | None:
        votes = Counter(self.votes)
        own, times = self.by_name.get(deciding or ""), self.times[deciding or ""]
        if own and times > 1:
            for cc, n in own.items():
                votes[cc] -= n - n / times
        (country, n), *rest = sorted(votes.items(), key=lambda kv: -kv[1])[:2] + [("", 0.0)]
        return country if n >= 1 and n > rest[0][1] + 1e-9 else None


def focus_country(doc: Doc, mentions: list[Mention], gazetteer: GazetteerLike,
                   outlet: str | None = None) -> Focus:
    """The country the article is about: named countries, governments acting, clear places, the outlet's country."""
    focus = Focus()
    if outlet:  # worth a little more than one clear place: a local outlet's bare "London" is its own
        focus.add(None, outlet, W_OUTLET_VOTE)
    for m in mentions:
        top = top_candidate(m)
        if top is None or top.country is None:
            continue
        if top.feature == "country":
            # "Georgia" is also a US state: such a name votes weakly, and for both countries
            namesakes = {c.country for c in m.candidates[1:] if c.feature == "region" and c.match in ("name", "alternate")
                         and c.country and c.country != top.country and top.score - c.score < 0.1}
            # a country named again and again is what the article is about: its votes all count
            focus.add(None, top.country, 1 if namesakes else 2)
            for cc in namesakes:
                focus.add(None, cc, 0.5)
        elif top.match != "loose":
            rivals = [c for c in m.candidates[1:] if c.country != top.country]
            clear = not rivals or top.score - rivals[0].score >= 0.05
            focus.times[m.query] += 1
            focus.add(m.query, top.country, 1 if clear else 0.5)
    for ent in doc_ents(doc):
        if ent.label_ == "GOV":  # "Kiev said", "Moscow reserves the right": the government's country
            cands = gazetteer.lookup(ent.text, limit=1)
            if cands and cands[0].country:
                focus.add(None, cands[0].country, 1)
    return focus


@dataclass
class RegionFocus:
    """The first-level region (a US state, a province) a local article is about, from the regions it
    names and the places that are clear on their own; each name's own votes kept apart, so a name
    never decides itself."""

    by_name: dict[str, Counter[str]] = field(default_factory=dict)
    # region() per deciding name: asked again for every mention of a name (linear cost in a long article)
    _asked: dict[str | None, str | None] = field(default_factory=dict, repr=False, compare=False)

    def add(self, name: str, admin1_code: str, n: float) -> None:
        self.by_name.setdefault(name, Counter())[admin1_code] += n
        self._asked.clear()

    def region(self, deciding: str | None = None) -> str | None:
        if deciding not in self._asked:
            self._asked[deciding] = self._region(deciding)
        return self._asked[deciding]

    def _region(self, deciding: str | None) -> str | None:
        votes: Counter[str] = Counter()
        for name, own in self.by_name.items():
            if name != deciding:
                votes.update(own)
        (code, n), *rest = votes.most_common(2) + [("", 0.0)]
        return code if n >= FOCUS_REGION_VOTES and n >= FOCUS_REGION_SHARE * (n + rest[0][1]) else None


def focus_region(decided: dict[str, Candidate | None]) -> RegionFocus:
    """Votes for the article's region from a first reading of its places: every region it names
    ("Texas", "Ga.", "Buffalo, New York") and every place read in a region (a big city's vote counts
    less: it is named from afar)."""
    focus = RegionFocus()
    for q, c in decided.items():
        if c is None or not c.admin1_code or c.feature in WIDE_FEATURES - {"region"}:
            continue
        focus.add(q, c.admin1_code, 1.0 if c.feature == "region" else _anchor_weight(c))
    return focus


def find_anchors(mentions: list[Mention], focus: str | None) -> list[tuple[str, Candidate]]:
    """Places that are clear on their own (one candidate far ahead), with the text naming them."""
    out = []
    for m in mentions:
        top = top_candidate(m)
        if top is None or m.vague or top.feature in WIDE_FEATURES - {"region"} or top.match == "loose":
            continue
        rivals = [c for c in m.candidates[1:] if haversine_km((c.lat, c.lon), (top.lat, top.lon)) > TIE_KM]
        if not rivals or top.score - rivals[0].score >= 0.06 or (focus and top.country == focus and all(
                r.country != focus for r in rivals)):
            out.append((m.query, top))
    # once each: a name mentioned again adds the same anchor, and every use is a max or an any over them
    anchors = Anchors({(q, id(a)): (q, a) for q, a in out}.values())
    for m in mentions:
        anchors.order.setdefault(m.query, len(anchors.order))
    return anchors


def link_regions(doc: Doc, mentions: list[Mention]) -> None:
    """Regions named right after a place in its sentence: "Oleksandrivka in the Kirovohrad region".

    A region or country right after a comma ("Buffalo, New York", "Mareeba, Queensland", "Kalam,
    Pakistan") links every area reading of it to the place before it.
    """
    for m, r in zip(mentions, mentions[1:]):
        if doc_text(doc)[m.end:r.start] == ", " and not r.vague and not m.unanchored and not r.unanchored:
            r.after_comma = m
            m.comma_regions = {c.admin1_code for c in r.candidates if c.feature == "region" and c.admin1_code}
            m.linked_regions |= m.comma_regions
            m.linked_countries |= {c.country for c in r.candidates if c.feature == "country" and c.country}
            # (not "New York City, Long Island, New York": a list, where an island is also a Bahamian district)
            m.state_after = (top := top_candidate(r)) is not None and top.feature in ("region", "country")
    for i, m in enumerate(mentions):
        for r in mentions[i + 1:]:
            top = top_candidate(r)
            if top is None or top.feature != "region" or r.vague or r.query == m.query or r.start < m.end:
                continue  # (a name is no region "next to" itself: "New York ... New York")
            span = doc.char_span(m.end, r.start, alignment_mode="expand")
            # linked when close, in the same clause: no verb, no sentence break in between
            if span is None or len(span) > REGION_LINK_TOKENS or any(t.is_sent_start for t in span[1:]) or \
                    any(t.text in (".", ";") or t.pos_ in ("VERB", "AUX") for t in span):
                break
            m.linked_regions.add(top.admin1_code or "")


def _anchor_weight(a: Candidate) -> float:
    return BIG_ANCHOR_WEIGHT if a.population >= BIG_ANCHOR_POP else 1.0


class Anchors(list[tuple[str, Candidate]]):
    """``find_anchors``' list, keeping ``_anchor_terms`` per name: every reading of a name is weighed
    against the same anchors (they were listed again for each reading)."""

    def __init__(self, items: Iterable[tuple[str, Candidate]] = ()) -> None:
        super().__init__(items)
        self.terms: dict[str, _Terms | None] = {}
        self.order: dict[str, int] = {}  # name -> its rank by first mention (CONTEXT_NAMES)
        self.near: dict[tuple[str, tuple[float, float]], float] = {}  # _near_term per (name, point)


# the anchors other than a name's own: admin1 code -> the biggest anchor weight there; (weight, points)
_Terms = tuple[dict[str | None, float], list[tuple[float, list[tuple[float, float]]]]]


def _anchor_terms(anchors: list[tuple[str, Candidate]], query: str) -> _Terms | None:
    """The anchors not named ``query``, by region and by weight (None: there are none)."""
    cache = getattr(anchors, "terms", None)
    if cache is not None and query in cache:
        return cache[query]  # type: ignore[no-any-return]
    admin1: dict[str | None, float] = {}
    groups: dict[float, list[tuple[float, float]]] = {}
    order: dict[str, int] = getattr(anchors, "order", {})
    here = order.get(query)
    for q, a in anchors:
        if here is not None and abs(order.get(q, here) - here) > CONTEXT_NAMES:
            continue  # far off in a long article (places_local.CONTEXT_NAMES)
        if not _own_reading(q, a, query):
            w = _anchor_weight(a)
            admin1[a.admin1_code] = max(admin1.get(a.admin1_code, w), w)
            groups.setdefault(w, []).append((a.lat, a.lon))
    terms = (admin1, list(groups.items())) if groups else None
    if cache is not None:
        cache[query] = terms
    return terms


def near_home(c: Candidate, point: HomePoint | None) -> bool:
    """Is reading ``c`` a place within the reach of the outlet's home point?"""
    return point is not None and c.feature not in WIDE_FEATURES and \
        haversine_km((point[0], point[1]), (c.lat, c.lon)) <= point[2]


def _rescore(c: Candidate, m: Mention, focus: str | None, regions: dict[str | None, set[str]],
             anchors: list[tuple[str, Candidate]], support: dict[tuple[str, str], float] | None = None,
             home: str | None = None, home_weight: float | None = None, point: HomePoint | None = None,
             beat: HomePoint | None = None) -> float:
    score = c.score
    if beat is not None and c.feature not in WIDE_FEATURES:
        score += W_BEAT * math.exp(-haversine_km((beat[0], beat[1]), (c.lat, c.lon)) / BEAT_KM)
    if home and c.admin1_code == home and c.feature not in WIDE_FEATURES:
        score += W_FOCUS_REGION if home_weight is None else home_weight
    if near_home(c, point):
        score += W_HOME_POINT
    if support and not (m.linked_regions or m.linked_countries):
        # the article's other ambiguous names that fit this reading (places_local.py); a region
        # named with it ("Makiivka, Donetsk region") already says which reading is meant
        score += W_COLOCATION * support.get((m.query, c.id), 0.0)
    if focus and c.country == focus:
        score += W_FOCUS
    if c.feature not in WIDE_FEATURES:
        if c.admin1_code in m.linked_regions or c.country in m.linked_countries:
            score += W_REGION
        elif regions.get(c.admin1_code, set()) - {m.query}:
            score += W_REGION_DOC
        terms = _anchor_terms(anchors, m.query)
        if terms is not None:
            if c.admin1_code in terms[0]:  # the biggest weight of the anchors in its region
                score += W_ANCHOR_ADMIN1 * terms[0][c.admin1_code]
            score += _near_term(anchors, m.query, terms, (c.lat, c.lon))
    elif c.feature == "region" and (terms := _anchor_terms(anchors, m.query)) is not None and \
            c.admin1_code in terms[0]:
        score += W_ANCHOR_ADMIN1  # "Atlanta ... Georgia": the state Atlanta is in
    return score


def _placed(c: Candidate, m: Mention, anchors: list[tuple[str, Candidate]],
            support: dict[tuple[str, str], float] | None, regions: dict[str | None, set[str]]) -> bool:
    """Does the article place reading ``c`` of ``m``: a region named with it, names that fit it, a clear
    place in its region or close by? Its state named somewhere in the article does not on its own: a
    legislator's "R-Iowa" leaves "WASHINGTON —" the capital, not Washington, Iowa (the state's share of
    the support, ``places_local.IN_REGION``, is not counted)."""
    if c.admin1_code in m.linked_regions:
        return True
    if support and (found := support.get((m.query, c.id), 0.0)) > 0:
        if regions.get(c.admin1_code, set()) - {m.query}:
            found -= IN_REGION
        if found >= PLACED_SUPPORT:
            return True
    return any(haversine_km((c.lat, c.lon), (a.lat, a.lon)) <= PLACED_KM
               for q, a in anchors if not _own_reading(q, a, m.query) and a.feature not in WIDE_FEATURES)


def _own_reading(q: str, a: Candidate, query: str) -> bool:
    """Is anchor ``a`` (of name ``q``) a reading of ``query`` itself: the same name, or the same town with
    "city", "town" or "village" after it ("Springfield City" of "Springfield City Schools", read as the
    biggest Springfield, for "Springfield")? Then it is no second opinion on where ``query`` is. A county
    is another place ("DeKalb County" still places "DeKalb")."""
    if q == query:
        return True
    d = split_designator(q)
    return d is not None and d.precision == 1 and d.want == "place" and d.base == query \
        and a.feature not in AREA_FEATURES


def _near_term(anchors: list[tuple[str, Candidate]], query: str, terms: _Terms, at: tuple[float, float]) -> float:
    """The term of the nearest anchor of each weight (it falls with the distance), kept per name and point
    in ``Anchors``: a name is chosen twice (a first reading, then in the article's home region) and each
    time its readings are weighed against every anchor."""
    cache = getattr(anchors, "near", None)
    key = (query, at)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    value = max(W_DISTANCE * weight * math.exp(-min([haversine_km(at, p) for p in points]) / DISTANCE_KM)
                for weight, points in terms[1])
    if cache is not None:
        cache[key] = value
    return value


def choose(m: Mention, focus: str | None, regions: dict[str | None, set[str]],
            anchors: list[tuple[str, Candidate]], support: dict[tuple[str, str], float] | None = None,
            home: str | None = None, home_weight: float | None = None, point: HomePoint | None = None,
            beat: HomePoint | None = None) -> Candidate | None:
    """The best reading of ``m`` in the article's context, or None. ``home``: the article's home region (its
    admin1 code), ``home_weight`` its weight when it is the outlet's; ``point``: the outlet's home point;
    ``beat``: where the outlet's copy of the same days is (places_outlet.OutletHome.beat)."""
    if not m.candidates:
        return None
    candidates = m.candidates
    if m.institution:
        candidates = institution_candidates(m)
        if not candidates:
            return None
    if m.tentative:  # a name the model did not call a place: only a place of that very name
        candidates = [c for c in candidates if c.match in ("name", "alternate")]
        if not candidates:
            return None
    if m.text.endswith(".") and any(c.feature in AREA_FEATURES for c in candidates):
        # "Ind.", "Tenn.", "Ont.": a postal-style abbreviation names a state or province, never the
        # city that shares its letters as a code (Indianapolis, "IND")
        candidates = [c for c in candidates if c.feature in AREA_FEATURES]
    towns = [c for c in candidates if c.feature not in WIDE_FEATURES and c.match in ("name", "alternate")]
    # "Norfolk": a territory of 1,800 people (Norfolk Island) does not own the name of a city of 240,000 abroad
    candidates = [c for c in candidates if c.feature != "country" or all(
        t.population <= c.population for t in towns if t.country != c.country)]
    countries = {c.country for c in candidates if c.feature == "country" and c.match in ("name", "alternate")}
    if countries and not m.city_reading:
        # "Kuwait", "Mexico", "Djibouti": the country, not its capital or another town of its own
        # that carries the country's name (a namesake abroad, "Mexico, Missouri", still competes)
        candidates = [c for c in candidates if c.feature in AREA_FEATURES or c.country not in countries]
        if any(c.feature == "country" and c.match == "name" and c.population >= BIG_COUNTRY_POP for c in candidates):
            # "Italy", "China", "Lebanon": a country of some size by its own name, not a town abroad that
            # carries it (Italy, Texas), unless the article places the town: its state named with it
            # ("Italy, Texas"), or its neighbours named (Lebanon, Indiana, beside Boone County)
            # ... or the town is near the paper's home ("Jordan" in a Minnesota paper's copy)
            candidates = [c for c in candidates if c.feature in AREA_FEATURES or _placed(c, m, anchors, support, regions)
                          or near_home(c, point)]
    elif m.city_reading:
        candidates = [c for c in candidates if c.feature not in WIDE_FEATURES] or candidates
    if countries and m.comma_regions:
        # "Italy, Texas", "Mexico, Mo.": a state right after the name places the town in it
        candidates = [c for c in candidates if c.feature not in WIDE_FEATURES and c.admin1_code in m.comma_regions] \
            or candidates
    if m.comma_regions and m.state_after and all(c.feature not in AREA_FEATURES for c in candidates):
        # "Orient, Ohio": the state after the comma holds the town; when it holds none of the gazetteer's
        # readings (a village too small for it), a namesake elsewhere is certainly wrong: unresolved
        # ("TBILISI, Georgia": the country by that name holds it)
        candidates = [c for c in candidates if c.admin1_code in m.comma_regions or c.country in m.linked_countries]
        if not candidates:
            return None
    big = next((c for c in candidates if c.feature in ("city", "town") and c.match == "name"), None)
    if big is not None and big.population >= BIG_CITY_POP and not m.outlet_town:
        # "Moscow", "Brussels", "Montreal": a world city by its own name, not a small town a twentieth its
        # size that shares the name (Moscow, Idaho), unless the article places that town; a focus country
        # alone does not (a local paper writes of Moscow too). The paper's home region does when the article's
        # names agree with it (``home_weight`` set: the region the outlet's other articles give won the vote), and
        # so does the paper's home point, only at its door: a Woodstock, Ontario paper's "Brussels" is Belgium's
        if point is not None:
            point = (point[0], point[1], min(point[2], HOME_DOOR_KM))
        candidates = [c for c in candidates if c is big or c.feature not in ("city", "town", "village")
                      or c.population >= BIG_CITY_RIVAL_POP or c.population * BIG_CITY_RATIO > big.population
                      or _placed(c, m, anchors, support, regions)
                      or (home_weight is not None and c.admin1_code == home) or near_home(c, point)]
    named_regions = [c.population for c in candidates if c.feature == "region" and c.match == "name"]
    if named_regions and not 0 < max(named_regions) < SMALL_REGION_POP:
        # "California", "Alberta", "Victoria": a first-level region by its own name outranks the
        # small towns named after it; a big city keeps its chance ("New York"). A region of a small
        # country ("Hanover", "Manchester", "Portland": Jamaican parishes) does not own its name:
        # the usual ranking weighs it against the towns
        candidates = [c for c in candidates if c.feature in AREA_FEATURES or c.population >= REGION_OVER_TOWN_POP]
    if m.after_comma is not None:
        # "Buffalo, New York": the area that holds a reading of the place before the comma
        before = m.after_comma.candidates[:5]
        holding = [c for c in candidates if (c.feature == "region" and any(b.admin1_code == c.admin1_code
                                                                               for b in before))
                   or (c.feature == "country" and any(b.country == c.country for b in before))]
        if holding:
            candidates = holding
    scored = sorted(((_rescore(c, m, focus, regions, anchors, support, home, home_weight, point, beat), c)
                     for c in candidates),
                    key=lambda x: -x[0])
    if m.vague:  # "northern Gaza": the Gaza Strip rather than Gaza City, when both fit
        areas = [(sc, c) for sc, c in scored if c.feature in AREA_FEATURES and c.match != "loose"]
        scored = areas + [x for x in scored if x not in areas]
    best_score, best = scored[0]
    if best_score < MIN_SCORE:
        return None
    if best.match == "loose":
        others = [a for q, a in anchors if q != m.query]
        near = any(haversine_km((best.lat, best.lon), (a.lat, a.lon)) <= LOOSE_MAX_KM for a in others)
        if not (focus and best.country == focus) and not near and not best.prior:
            return None  # (a conflict region, places.conflicts, also supports a loose match)
    for score, other in scored[1:]:
        if best_score - score > TIE_MARGIN:
            break
        if haversine_km((best.lat, best.lon), (other.lat, other.lon)) > TIE_KM:
            return None  # two far-apart places fit equally well: do not guess
    return best.with_score(best_score)


def institution_candidates(m: Mention, *, small: bool = True) -> list[Candidate]:
    """"Smith College": only a name the gazetteer knows as such, a town of some size or an area; a town of
    any size for an institution only a town has ("the Grand Ledge Police Department"), unless not ``small``."""
    return [c for c in m.candidates if c.match in ("name", "alternate")
            and (c.feature in AREA_FEATURES or c.population >= INSTITUTION_MIN_POP
                 or (small and m.municipal and c.feature in ("city", "town", "village")))]


# --- the outlet's home town --------------------------------------------------------------------

# the words of a masthead after its town's name: "parisbeacon.com", "springfieldnewssun.com"
MASTHEAD_WORDS = frozenset({
    "news", "herald", "times", "press", "post", "register", "telegram", "tribune", "gazette", "journal", "star",
    "sun", "review", "beacon", "advocate", "chronicle", "daily", "record", "citizen", "sentinel", "monitor",
    "enquirer", "inquirer", "observer", "courier", "dispatch", "leader", "standard", "examiner", "independent",
    "bulletin", "democrat", "republican", "argus", "ledger", "express", "today", "online", "weekly", "local",
    "state", "reporter", "messenger", "banner", "eagle", "globe", "mail", "guardian", "statesman", "union",
    "pioneer", "signal", "world", "live", "now", "patch", "media", "magazine", "newspaper", "newspapers",
})
_MASTHEAD_OPENERS = ("thisis", "online", "the", "my")  # "onlineathens.com", "thecolumbiastar.com"
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "www", "news"})


@functools.lru_cache(maxsize=4096)
def outlet_labels(source: str | None) -> tuple[str, ...]:
    """The name parts of an outlet's domain, letters only: ("parisbeacon",) for "www.parisbeacon.com",
    ("chronicle", "augusta") for "chronicle.augusta.com", ("cambridgenews",) for "cambridge-news.co.uk"."""
    if not source:
        return ()
    host = source.lower().split("//")[-1].split("/")[0].rstrip(".")
    labels = [re.sub(r"[^a-z]", "", part) for part in host.split(".")[:-1] if part not in _SECOND_LEVEL]
    out = []
    for label in labels:
        for opener in _MASTHEAD_OPENERS:
            if label.startswith(opener) and len(label) > len(opener) + 3:
                label = label[len(opener):]
                break
        out.append(label)
    return tuple(x for x in out if x)


def _masthead_tail(tail: str) -> bool:
    """Is ``tail`` nothing, or masthead words run together ("newssun", "sentinelreview")?"""
    if not tail:
        return True
    return any(tail.startswith(w) and _masthead_tail(tail[len(w):]) for w in MASTHEAD_WORDS)


def names_outlet_town(name: str, labels: tuple[str, ...]) -> bool:
    """Does the outlet's domain name its town ``name``: "Paris" of parisbeacon.com, "Athens" of
    onlineathens.com, "Kansas City" of kansascity.com (but not "Kansas")? The town's name opens a label
    and masthead words, if any, follow it."""
    key = re.sub(r"[^a-z]", "", name.lower())
    if len(key) < 4 or key in MASTHEAD_WORDS:
        return False
    return any(label.startswith(key) and _masthead_tail(label[len(key):]) for label in labels)


def home_town_readings(candidates: list[Candidate]) -> list[Candidate]:
    """The readings of a name the outlet's domain carries ("Paris" in parisbeacon.com's copy): the size of
    each namesake town counts less, since a paper is named after its town whatever the town's size, so the
    article's context (its state, its neighbours) decides between Paris, Texas and Paris, France more often.
    A country or first-level region by that name (chinapost.com.tw, masslive.com) is the paper's: unchanged."""
    if any(c.feature in ("country", "region") and c.match == "name" for c in candidates):
        return candidates
    towns = [c for c in candidates if c.feature in ("city", "town", "village") and c.match in ("name", "alternate")]
    if not towns:
        return candidates
    top = towns[0].score
    return [c.with_score(top - HOME_FLATTEN * (top - c.score)) for c in towns]


@dataclass
class OutletTown:
    """The town an outlet's domain names, as a name of the article for the support of names that fit
    together (:func:`.places_local.colocation`): its readings, no span."""

    query: str
    candidates: list[Candidate]


def outlet_town(gazetteer: GazetteerLike, labels: tuple[str, ...]) -> list[OutletTown]:
    """The town a domain opens with, before masthead words ("columbus" of columbuslocalnews.com), when the
    gazetteer knows towns of some size by that very name and no country or region ("chinapost"): [] otherwise."""
    for label in labels:
        for end in range(len(label), 3, -1):  # the longest name first
            name = label[:end]
            if name in MASTHEAD_WORDS or not _masthead_tail(label[end:]):
                continue
            found = gazetteer.lookup(name, limit=10)
            if any(c.feature in ("country", "region") and c.match == "name" for c in found):
                return []
            towns = [c for c in found if c.feature in ("city", "town", "village") and c.match == "name"
                     and c.population >= OUTLET_TOWN_POP]
            if towns:
                return [OutletTown(f"{name}|outlet", towns)]
    return []
