"""The article's context in the re-ranking (places_score.py): its home region. Sentences written
for these tests in the style of local news copy."""

from __future__ import annotations

import pytest
from test_places import FakeGazetteer, cand, doc_with

from frontwatch.config import PlacesSettings
from frontwatch.stages import places_score
from frontwatch.stages.places import resolve_places
from frontwatch.stages.places_score import RegionFocus, focus_region

WORLD = PlacesSettings(conflicts="")


def _town(name: str, lat: float, lon: float, score: float, state: str, population: int = 5_000):
    return cand(name, lat, lon, score, country="US", admin1=state, feature="town", population=population)


# a wrestling round-up: two towns read in Minnesota, each with a weaker namesake elsewhere (so neither is
# clear on its own), and two towns far from them with bigger namesakes in other states
GAZ = {
    "Delano": [_town("Delano", 45.04, -93.79, 0.88, "US.MN"), _town("Delano", 35.77, -119.25, 0.85, "US.CA")],
    "Hutchinson": [_town("Hutchinson", 44.89, -94.37, 0.89, "US.MN"),
                   _town("Hutchinson", 38.06, -97.93, 0.86, "US.KS")],
    "Montgomery": [_town("Montgomery", 32.37, -86.30, 0.90, "US.AL", 200_000),
                   _town("Montgomery", 47.50, -96.00, 0.82, "US.MN")],
    "Watertown": [_town("Watertown", 42.37, -71.18, 0.865, "US.MA", 30_000),
                  _town("Watertown", 43.98, -75.91, 0.862, "US.NY", 27_000),
                  _town("Watertown", 48.00, -91.50, 0.83, "US.MN")],
}
TEXT = ("Delano and Hutchinson sent four wrestlers each to the section meet in Montgomery on Saturday, "
        "where a Watertown junior took the 145-pound title.")
ENTS = (("Delano", "GPE"), ("Hutchinson", "GPE"), ("Montgomery", "GPE"), ("Watertown", "GPE"))


def test_places_the_article_s_home_region_chooses_among_namesakes(monkeypatch: pytest.MonkeyPatch) -> None:
    places = resolve_places(doc_with(TEXT, *ENTS), FakeGazetteer(GAZ), WORLD)
    assert [p.admin1 for p in places] == ["US.MN", "US.MN", "US.MN", "US.MN"]
    monkeypatch.setattr(places_score, "W_FOCUS_REGION", 0.0)  # without it, the state capital is not out of reach
    places = resolve_places(doc_with(TEXT, *ENTS), FakeGazetteer(GAZ), WORLD)
    assert places[2].admin1 != "US.MN"


def test_places_one_clear_place_makes_no_home_region() -> None:
    text = "Delano sent four wrestlers to the section meet in Montgomery on Saturday."
    places = resolve_places(doc_with(text, ("Delano", "GPE"), ("Montgomery", "GPE")), FakeGazetteer(GAZ), WORLD)
    assert places[1].admin1 == "US.AL"  # one vote is no home region: the state capital keeps its name


def test_places_focus_region_needs_votes_and_a_clear_lead_and_never_counts_a_name_for_itself() -> None:
    focus = RegionFocus()
    focus.add("Delano", "US.MN", 1.0)
    assert focus.region() is None  # one vote
    focus.add("Hutchinson", "US.MN", 1.0)
    assert focus.region() == "US.MN"
    assert focus.region(deciding="Delano") is None  # Delano's own vote does not decide Delano
    focus.add("Athens", "US.GA", 1.0)
    assert focus.region() is None  # two votes to one: no clear lead


def test_places_focus_region_counts_a_big_city_less() -> None:
    big = _town("Saint Paul", 44.94, -93.09, 0.9, "US.MN", 300_000)
    small = _town("Delano", 45.04, -93.79, 0.88, "US.MN")
    assert focus_region({"St. Paul": big, "Delano": small}).region() is None
    assert focus_region({"St. Paul": big, "Delano": small, "Hutchinson": small}).region() == "US.MN"



def _plain_rescore(c, m, focus, regions, anchors, support=None, home=None):  # type: ignore[no-untyped-def]
    """_rescore as first written: the other anchors listed again, and every anchor's term, for each reading."""
    import math

    from frontwatch.gazetteer.lookup import haversine_km

    ps = places_score
    score = c.score
    if home and c.admin1_code == home and c.feature not in ps.WIDE_FEATURES:
        score += ps.W_FOCUS_REGION
    if support and not (m.linked_regions or m.linked_countries):
        score += ps.W_COLOCATION * support.get((m.query, c.id), 0.0)
    if focus and c.country == focus:
        score += ps.W_FOCUS
    if c.feature not in ps.WIDE_FEATURES:
        if c.admin1_code in m.linked_regions or c.country in m.linked_countries:
            score += ps.W_REGION
        elif regions.get(c.admin1_code, set()) - {m.query}:
            score += ps.W_REGION_DOC
        others = [a for q, a in anchors if q != m.query]
        if others:
            same = [a for a in others if a.admin1_code == c.admin1_code]
            if same:
                score += ps.W_ANCHOR_ADMIN1 * max(ps._anchor_weight(a) for a in same)
            score += max(ps.W_DISTANCE * ps._anchor_weight(a) * math.exp(-haversine_km((c.lat, c.lon), (a.lat, a.lon))
                                                                         / ps.DISTANCE_KM) for a in others)
    elif c.feature == "region" and any(a.admin1_code == c.admin1_code for q, a in anchors if q != m.query):
        score += ps.W_ANCHOR_ADMIN1
    return score


def test_places_rescore_weighs_anchors_as_the_plain_formula_does() -> None:
    import random

    from frontwatch.stages.places_mentions import Mention

    rng = random.Random(11)
    states = ["UA.05", "UA.14", "UA.23", None]

    def place(i: int, feature: str = "village"):  # type: ignore[no-untyped-def]
        return cand(f"P{i}", 46 + rng.random() * 4, 33 + rng.random() * 6, 0.8 + rng.random() / 10,
                    admin1=rng.choice(states), feature=feature,
                    population=rng.choice([900, 30_000, 250_000, 2_000_000]))

    for trial in range(60):
        names = [f"N{k}" for k in range(rng.randint(1, 6))]
        plain = [(rng.choice(names), place(100 * trial + k)) for k in range(rng.randint(0, 8))]
        anchors = places_score.Anchors(plain)
        regions = {rng.choice(states): {rng.choice(names)}}
        for k, feature in enumerate(["village", "town", "region", "country", "region", "city"]):
            c = place(1000 + k, feature)
            m = Mention(start=0, end=2, text="N0", query=rng.choice(names), linked_regions={"UA.14"} if k == 1 else set())
            want = _plain_rescore(c, m, "UA", regions, plain, home="UA.05")
            # exactly the same number: from the terms kept per name, and from a plain list
            assert places_score._rescore(c, m, "UA", regions, anchors, home="UA.05") == want
            assert places_score._rescore(c, m, "UA", regions, plain, home="UA.05") == want
    assert anchors.terms  # the terms were kept
