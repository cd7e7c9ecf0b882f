"""Places that fit together (places_local.py): ambiguous names that support each other's readings.
Sentences written for these tests in the style of local news copy."""

from __future__ import annotations

from test_places import FakeGazetteer, cand, doc_with

from frontwatch.config import PlacesSettings
from frontwatch.stages.places import resolve_places
from frontwatch.stages.places_local import CONTEXT_NAMES, MAX_NAMES, _same_name, colocation, link, plausible

WORLD = PlacesSettings(conflicts="")

# a town with namesakes in three states and a county with namesakes in three others: only one
# reading of each lies next to a reading of the other
MARLOW = [cand("Marlow", 33.70, -95.50, 0.87, country="US", admin1="US.TX", feature="town", population=25_000),
          cand("Marlow", 36.30, -88.33, 0.85, country="US", admin1="US.TN", feature="town", population=10_000),
          cand("Marlow", 39.61, -87.70, 0.84, country="US", admin1="US.IL", feature="town", population=8_000)]
BRANT_COUNTY = [
    cand("Brant County", 33.43, -84.19, 0.88, country="US", admin1="US.GA", feature="county", population=60_000),
    cand("Brant County", 41.33, -90.19, 0.87, country="US", admin1="US.IA", feature="county", population=37_000),
    cand("Brant County", 36.37, -88.33, 0.85, country="US", admin1="US.TN", feature="county", population=11_000)]


def test_places_two_ambiguous_names_take_the_readings_that_lie_together() -> None:
    gaz = FakeGazetteer({"Marlow": MARLOW, "Brant County": BRANT_COUNTY})
    text = ("Marlow opens its new library on Saturday. Residents of Marlow and Brant County may borrow "
            "books there free of charge, the city said.")
    doc = doc_with(text, ("Marlow", "GPE"), ("Marlow", "GPE"), ("Brant County", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [p.admin1 for p in places] == ["US.TN", "US.TN", "US.TN"]


def test_places_a_region_named_with_the_place_outweighs_the_names_around_it() -> None:
    # three ambiguous neighbours fit the Tennessee reading; the state named with the town says Illinois
    marlows = [MARLOW[0], cand("Marlow", 36.30, -88.33, 0.98, country="US", admin1="US.TN", feature="town"),
               cand("Marlow", 39.61, -87.70, 0.72, country="US", admin1="US.IL", feature="town")]
    illinois = cand("Illinois", 40.0, -89.25, 0.93, country="US", admin1="US.IL", feature="region", precision=3)
    camden = [cand("Camden", 39.93, -75.12, 0.88, country="US", admin1="US.NJ", feature="town"),
              cand("Camden", 36.06, -88.10, 0.85, country="US", admin1="US.TN", feature="town")]
    holt = [cand("Holt", 42.64, -84.52, 0.87, country="US", admin1="US.MI", feature="town"),
            cand("Holt", 36.35, -88.40, 0.85, country="US", admin1="US.TN", feature="town")]
    gaz = FakeGazetteer({"Marlow": marlows, "Brant County": BRANT_COUNTY, "Illinois": [illinois], "Camden": camden,
                         "Holt": holt})
    text = "Marlow, Illinois, Brant County, Camden and Holt split the cost of the bridge."
    doc = doc_with(text, ("Marlow", "GPE"), ("Illinois", "GPE"), ("Brant County", "GPE"), ("Camden", "GPE"),
                   ("Holt", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert places[0].admin1 == "US.IL" and places[2].admin1 == "US.TN"


def test_places_alone_each_name_keeps_its_own_best_reading() -> None:
    gaz = FakeGazetteer({"Marlow": MARLOW})
    doc = doc_with("Marlow opens its new library on Saturday.", ("Marlow", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[0].admin1 == "US.TX"


def test_places_local_a_name_lends_no_support_to_itself_or_to_its_county() -> None:
    # "Marlow" and "Marlow County" are one name: no second opinion on where it is
    county = [cand("Marlow County", 36.31, -88.30, 0.86, country="US", admin1="US.TN", feature="county")]

    class M:
        def __init__(self, query: str, candidates: list) -> None:  # type: ignore[type-arg]
            self.query, self.candidates = query, candidates

    assert colocation([M("Marlow", MARLOW), M("Marlow", MARLOW), M("Marlow County", county)]) == {}
    support = colocation([M("Marlow", MARLOW), M("Brant County", BRANT_COUNTY)])
    tn = support[("Marlow", MARLOW[1].id)]
    assert tn > support.get(("Marlow", MARLOW[0].id), 0.0) and tn > 0.5


def test_places_local_links() -> None:
    state = cand("Tennessee", 35.8, -86.4, 0.93, country="US", admin1="US.TN", feature="region", precision=3)
    assert link(MARLOW[1], state) > 0.5 and link(MARLOW[0], state) == 0.0  # a state holds its towns
    assert link(state, state) == 0.0
    assert link(MARLOW[1], BRANT_COUNTY[2]) > 0.7  # a few km apart
    assert link(MARLOW[0], BRANT_COUNTY[0]) < 0.01  # hundreds of km, other states
    weak = cand("Marlow", 10.0, 10.0, 0.6, country="NG", admin1="NG.01", feature="village")
    loose = cand("Marlo", 36.3, -88.3, 0.86, country="US", admin1="US.TN", feature="village", match="loose")
    assert weak not in plausible([*MARLOW, weak]) and plausible([loose, *MARLOW]) == MARLOW


def test_places_a_state_does_not_lift_the_city_of_its_own_name() -> None:
    # "New York" the state is named; that must not count as "a region named elsewhere" for the
    # city reading of the same words (it did: the city then tied with the state and was dropped)
    gaz = FakeGazetteer({
        "Albion": [cand("Albion", 42.6, -75.8, 0.93, country="US", admin1="US.NY", feature="region", precision=3,
                        population=20_000_000),
                   cand("Albion City", 40.71, -74.01, 0.85, country="US", admin1="US.NY", feature="city",
                        match="alternate", population=8_000_000)]})
    text = "She moved to Albion in 1990 and has lived in Albion ever since."
    doc = doc_with(text, ("Albion", "GPE"), ("Albion", "GPE"))
    assert [p.feature for p in resolve_places(doc, gaz, WORLD)] == ["region", "region"]


def test_places_local_idioms_party_home_towns_and_county_lists() -> None:
    from frontwatch.stages.places_local import local_idioms

    text = ("Sen. Ann Lee, R-Glen Harbor, and Rep. Tom Ray (DFL-Cook) backed the bill. In Pike, Adair and "
            "Knox counties and in Lafourche and Terrebonne parishes, crews cleared roads.")
    got = [(i.text, i.query) for i in local_idioms(text)]
    assert got == [("Glen Harbor", "Glen Harbor"), ("Cook", "Cook"), ("Pike", "Pike County"),
                   ("Adair", "Adair County"), ("Knox", "Knox County"), ("Lafourche", "Lafourche Parish"),
                   ("Terrebonne", "Terrebonne Parish")]
    assert all(text[i.start:i.end] == i.text for i in local_idioms(text))
    assert local_idioms("Two counties voted. The R-rated film, and D-Day, came later.") == []


def test_places_a_county_list_names_counties_and_falls_back_to_the_bare_name() -> None:
    gaz = FakeGazetteer({
        "Adair County": [cand("Adair County", 40.19, -92.60, 0.85, country="US", admin1="US.MO", feature="county",
                              precision=3)],
        "Adair": [cand("Adair", 41.5, -94.64, 0.8, country="US", admin1="US.IA", feature="town")],
        "Texas": [cand("Texas", 31.25, -99.25, 0.93, country="US", admin1="US.TX", feature="region", precision=3)]})
    text = "Snow closed schools in Texas and Adair counties on Monday."
    places = resolve_places(doc_with(text), gaz, WORLD)
    assert [(p.text, p.name) for p in places] == [("Texas", "Texas"), ("Adair", "Adair County")]


def test_places_a_two_word_demonym_is_a_demonym_not_an_unknown_place() -> None:
    gaz = FakeGazetteer({"Sri Lanka": [cand("Sri Lanka", 7.0, 81.0, 1.0, country="LK", admin1=None,
                                            feature="country", precision=3)]})
    doc = doc_with("Sri Lankan troops advanced on Monday.", ("Sri Lankan", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.role, p.country) for p in places] == [("Sri Lankan", "demonym", "LK")]


def test_places_a_small_country_s_region_does_not_own_its_name() -> None:
    # a parish of 80,000 in a small country and a town of 11,000 in the outlet's country: the
    # usual ranking (with the focus) decides, where a big state would own its name outright
    parish = cand("Hanford", 18.4, -78.1, 0.86, country="JM", admin1="JM.09", feature="region", precision=3,
                  population=80_000)
    town = cand("Hanford", 43.7, -72.29, 0.84, country="US", admin1="US.NH", feature="town", population=11_000)
    gaz = FakeGazetteer({"Hanford": [parish, town]})
    doc = doc_with("Selectmen in Hanford met on Tuesday.", ("Hanford", "GPE"))
    assert resolve_places(doc, gaz, WORLD, source="example.us")[0].country == "US"
    big = FakeGazetteer({"Hanford": [parish.__class__(**{**parish.__dict__, "population": 5_000_000}), town]})
    assert resolve_places(doc, big, WORLD, source="example.us")[0].country == "JM"


def test_places_the_word_before_joins_a_name_the_gazetteer_knows() -> None:
    # the ruler tags "London" of "New London" and "Paul" of "St. Paul"; "Old" + "Mill" is no name
    gaz = FakeGazetteer({
        "London": [cand("London", 51.5, -0.13, 0.95, country="GB", admin1="GB.ENG", feature="city",
                        population=8_000_000)],
        "New London": [cand("New London", 41.36, -72.1, 0.86, country="US", admin1="US.CT", feature="town")],
        "Paul": [cand("Paul", 42.6, -113.8, 0.8, country="US", admin1="US.ID", feature="village")],
        "St. Paul": [cand("Saint Paul", 44.94, -93.09, 0.9, country="US", admin1="US.MN", feature="city",
                          match="alternate")],
        "Old London": [cand("Londonderry", 55.0, -7.3, 0.7, country="GB", admin1="GB.NIR", feature="city",
                            match="loose")]})
    text = "Crime in New London fell, the St. Paul paper said, and Old London stayed calm."
    doc = doc_with(text, ("London", "GPE"), ("Paul", "GPE"), ("London", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.name) for p in places] == [("New London", "New London"), ("St. Paul", "Saint Paul"),
                                                  ("London", "London")]
    assert text[places[0].span[0]:places[0].span[1]] == "New London"


def test_places_local_colocation_weighs_each_pair_once_with_the_same_sums() -> None:
    """colocation uses a link both ways: links are symmetric, and its sums are those of the plain formula
    (each reading, each other name, its best link), to the last bit."""
    state = cand("Tennessee", 35.8, -86.4, 0.93, country="US", admin1="US.TN", feature="region", precision=3)
    camden = [cand("Camden", 39.93, -75.12, 0.88, country="US", admin1="US.NJ", feature="town"),
              cand("Camden", 36.06, -88.10, 0.85, country="US", admin1="US.TN", feature="town")]
    every = [*MARLOW, *BRANT_COUNTY, state, *camden]
    assert all(link(a, b) == link(b, a) for a in every for b in every)

    class M:
        def __init__(self, query: str, candidates: list) -> None:  # type: ignore[type-arg]
            self.query, self.candidates = query, candidates

    mentions = [M("Marlow", MARLOW), M("Brant County", BRANT_COUNTY), M("Tennessee", [state]), M("Camden", camden),
                M("Marlow County", MARLOW[1:])]
    readings = {m.query: plausible(m.candidates) for m in mentions}
    plain = {}
    for q, rq in readings.items():
        for c in rq:
            links = sorted((max(link(c, o) for o in readings[p]) for p in readings
                            if p != q and not _same_name(p, q)), reverse=True)
            if sum(links[:MAX_NAMES]) > 0:
                plain[(q, c.id)] = sum(links[:MAX_NAMES])
    assert colocation(mentions) == plain and len(plain) > 5


def test_places_local_a_long_article_weighs_names_against_their_neighbours_only() -> None:
    """A name first met CONTEXT_NAMES or more names further on lends no support: a 20,000-word report costs
    in proportion to its length, and the real sets' articles (31 names at most) are weighed whole."""
    class M:
        def __init__(self, query: str, candidates: list) -> None:  # type: ignore[type-arg]
            self.query, self.candidates = query, candidates

    filler = [M(f"Place {k}", [cand(f"Place {k}", -40.0 - k * 0.5, 150.0, 0.9, country="AU", admin1=f"AU.{k}",
                                    feature="town")]) for k in range(CONTEXT_NAMES)]
    near = colocation([M("Marlow", MARLOW), M("Brant County", BRANT_COUNTY)])
    far = colocation([M("Marlow", MARLOW), *filler, M("Brant County", BRANT_COUNTY)])
    # (the far-off filler towns lend it next to nothing: exp(-d / NEAR_KM) over thousands of km)
    assert near[("Marlow", MARLOW[1].id)] > 0.5 and far.get(("Marlow", MARLOW[1].id), 0.0) < 1e-9
    closer = colocation([M("Marlow", MARLOW), *filler[1:], M("Brant County", BRANT_COUNTY)])
    assert closer[("Marlow", MARLOW[1].id)] == near[("Marlow", MARLOW[1].id)]
