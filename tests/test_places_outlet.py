"""The outlet's home region learned across a batch (places_outlet.py). Sentences written for these tests in
the style of local news copy; the domains are made up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from test_places import FakeGazetteer, cand, doc_with

from frontwatch.config import PlacesSettings
from frontwatch.pipeline import make_article
from frontwatch.records import Place
from frontwatch.stages.places import resolve_places
from frontwatch.stages.places_outlet import MIN_ARTICLES, POINT_REACH_KM, OutletHome, OutletPriors, article_vote

WORLD = PlacesSettings(conflicts="")


def town(admin1: str, country: str = "US", *, role: str = "place", feature: str = "town") -> Place:
    return Place(text="x", span=(0, 1), name="x", lat=45.0, lon=-95.0, admin1=admin1, country=country,
                 feature=feature, role=role)  # type: ignore[arg-type]


def test_outlet_an_article_votes_for_the_region_most_of_its_places_lie_in() -> None:
    assert article_vote([town("Minnesota"), town("Minnesota"), town("Iowa")]).admin1 == "Minnesota"  # type: ignore[union-attr]
    assert article_vote([town("Minnesota")]) is None  # one place is no evidence
    assert article_vote([town("Minnesota"), town("Iowa"), town("Ohio"), town("Texas")]) is None  # a round-up
    # a country, a metonym ("Washington said") say nothing of where the paper is
    assert article_vote([town("Minnesota", feature="country"), town("Minnesota", role="metonym")]) is None


def test_outlet_home_needs_enough_other_articles_that_agree() -> None:
    priors = OutletPriors()
    for i in range(MIN_ARTICLES + 1):
        priors.add("lakecountrynews.com", str(i), [town("Minnesota"), town("Minnesota")])
    priors.add("lakecountrynews.com", "x", [])  # no vote
    home = priors.home("LakeCountryNews.com", exclude="0")
    assert home is not None and (home.country, home.admin1, home.articles) == ("US", "Minnesota", MIN_ARTICLES)
    # an article of a source with too few others gets nothing, whatever its own places say
    few = OutletPriors()
    for i in range(MIN_ARTICLES):
        few.add("prairiepost.com", str(i), [town("Iowa"), town("Iowa")])
    assert few.home("prairiepost.com", exclude="0") is None
    assert few.home("prairiepost.com") is not None  # (all of them: MIN_ARTICLES votes)
    assert few.home(None) is None and few.home("other.com") is None


def test_outlet_home_wants_a_clear_lead() -> None:
    priors = OutletPriors(point=False)  # (the region alone: a home point is test_outlet_home_point_*)
    for i, state in enumerate(["Indiana"] * 4 + ["Ohio"] * 3):
        priors.add("borderweekly.com", str(i), [town(state), town(state)])
    assert priors.home("borderweekly.com") is None  # 4 against 3: two states, no home
    priors.add("borderweekly.com", "7", [town("Indiana"), town("Indiana")])
    priors.add("borderweekly.com", "8", [town("Indiana"), town("Indiana")])
    assert priors.home("borderweekly.com").admin1 == "Indiana"  # type: ignore[union-attr]


HARLANS = [cand("Harlan", 32.90, -97.10, 0.90, country="US", admin1="US.TX", feature="city", population=300_000),
           cand("Harlan", 45.88, -95.38, 0.82, country="US", admin1="US.MN", feature="town", population=11_000)]


def test_outlet_home_decides_a_bare_namesake_the_article_does_not_place() -> None:
    gaz = FakeGazetteer({"Harlan": HARLANS})
    text = "Harlan police arrested a 34-year-old man on Tuesday after a break-in at a hardware store."
    doc = doc_with(text, ("Harlan", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[0].admin1 == "US.TX"  # alone: the bigger one
    home = OutletHome("lakecountrynews.com", "US", "US.MN", articles=5, voting=6)
    assert resolve_places(doc, gaz, WORLD, source="lakecountrynews.com", outlet=home)[0].admin1 == "US.MN"


def test_outlet_home_yields_to_the_articles_own_state() -> None:
    gaz = FakeGazetteer({"Harlan": HARLANS, "Texas": [
        cand("Texas", 31.0, -99.0, 0.95, country="US", admin1="US.TX", feature="region", population=29_000_000,
             precision=3)]})
    text = "Harlan police arrested a man on Tuesday, the Texas Department of Public Safety said."
    doc = doc_with(text, ("Harlan", "GPE"), ("Texas", "GPE"))
    home = OutletHome("lakecountrynews.com", "US", "US.MN", articles=5, voting=6)
    assert resolve_places(doc, gaz, WORLD, source="lakecountrynews.com", outlet=home)[0].admin1 == "US.TX"


LAKES = [
    "A Fergus Falls man was hurt on Sunday when his truck left the road near Detroit Lakes.",
    "Brainerd police said a Fergus Falls woman was arrested after a chase that ended near Baxter.",
    "The Bemidji city council met on Monday with officials from Fergus Falls and Moorhead.",
    "A Baxter family lost its home to a fire on Friday, the Brainerd fire chief said.",
]
DELANO = "Delano police arrested a 34-year-old man on Tuesday after a break-in at a hardware store."


def _delano(pipeline, others: list[str], source: str = "lakecountrynews.com") -> str | None:  # type: ignore[no-untyped-def]
    articles = [make_article(t, source=source, id=str(i)) for i, t in enumerate([*others, DELANO])]
    report = list(pipeline.pipe(articles))[-1]
    return next(p.admin1 for p in report.article.places if p.text == "Delano")


def test_outlet_pipe_learns_a_papers_state_from_its_other_articles(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _delano(pipeline, []) == "California"  # read alone: the bigger Delano
    assert _delano(pipeline, LAKES) == "Minnesota"  # ("Delano police": a metonym, read in the same context)
    # too few other articles of the source (two that vote), or other sources: nothing learned
    assert _delano(pipeline, LAKES[:MIN_ARTICLES - 1]) == "California"
    articles = [make_article(t, source="other.com") for t in LAKES] + [make_article(DELANO, source="x.com")]
    assert next(p.admin1 for p in list(pipeline.pipe(articles))[-1].article.places if p.text == "Delano") \
        == "California"


def test_outlet_window_keeps_what_earlier_windows_taught(pipeline) -> None:  # type: ignore[no-untyped-def]
    settings = pipeline.settings
    try:
        pipeline.settings = replace(settings, places=replace(settings.places, outlet_window=2))
        assert _delano(pipeline, LAKES) == "Minnesota"
    finally:
        pipeline.settings = settings


def test_outlet_priors_setting_turns_it_off(pipeline) -> None:  # type: ignore[no-untyped-def]
    settings = pipeline.settings
    try:
        pipeline.settings = replace(settings, places=replace(settings.places, outlet_priors=False))
        assert _delano(pipeline, LAKES) == "California"
    finally:
        pipeline.settings = settings


# --- towns joined by a hyphen (places.split_pairs): not the outlet's region, but the same local copy ---

FARGO = {"Harlow": [cand("Harlow", 46.87, -96.79, 0.9, country="US", admin1="US.ND", feature="city", population=120_000)],
         "Brenton": [cand("Brenton", 46.87, -96.76, 0.88, country="US", admin1="US.MN", feature="town", population=40_000)],
         "Kessel-Lind": [cand("Kessel-Lind", 33.91, -81.54, 0.88, country="US", admin1="US.SC", feature="town",
                              population=5_000)],
         "Nine": [cand("Nine", 40.0, -80.0, 0.8, country="US", admin1="US.PA", feature="village")]}


def test_places_towns_joined_by_a_hyphen_are_one_mention_each() -> None:
    text = "River levels in Harlow-Brenton rose again on Friday, the weather service said."
    places = resolve_places(doc_with(text, ("Harlow-Brenton", "ORG")), FakeGazetteer(FARGO), WORLD)
    assert [(p.text, p.admin1) for p in places] == [("Harlow", "US.ND"), ("Brenton", "US.MN")]
    assert places[1].span == (text.index("Brenton"), text.index("Brenton") + 7)
    # a space after the hyphen, and a school's initials after it
    text = "Harlow- Brenton fans cheered as Harlow-BL won the section title."
    assert [p.text for p in resolve_places(doc_with(text), FakeGazetteer(FARGO), WORLD)] == ["Harlow", "Brenton", "Harlow"]


def test_places_a_hyphenated_town_the_gazetteer_knows_stays_whole() -> None:
    text = "A Kessel-Lind man was charged on Monday."
    places = resolve_places(doc_with(text, ("Kessel-Lind", "ORG")), FakeGazetteer(FARGO), WORLD)
    assert [(p.text, p.admin1) for p in places] == [("Kessel-Lind", "US.SC")]


def test_places_a_hyphenated_pair_that_is_no_pair_of_towns_is_nothing() -> None:
    text = "Veterans of the Nine-Week War met in Harlow on Sunday. Nine-Year plans were read."
    doc = doc_with(text, ("the Nine-Week War", "EVENT"), ("Harlow", "GPE"))
    assert [p.text for p in resolve_places(doc, FakeGazetteer(FARGO), WORLD)] == ["Harlow"]


# --- a headline's first words, read as a town of the outlet's home region (places.headline_town) ---

HEADLINE_GAZ = {
    "Harlow": FARGO["Harlow"],
    "Cedar Hill": [cand("Cedar Hill", 41.66, -72.66, 0.85, country="US", admin1="Connecticut", feature="town",
                        population=20_000),
                   cand("Cedar Hill", 32.59, -96.96, 0.86, country="US", admin1="Texas", feature="town",
                        population=48_000)],
    "Police": [cand("Police", 53.55, 14.57, 0.86, country="PL", admin1="West Pomerania", feature="town",
                    population=33_000)],
}
CONNECTICUT = OutletHome("rivervalleynews.com", "US", "Connecticut", articles=4, voting=5)


def test_places_a_headline_opening_with_a_home_town_names_it() -> None:
    text = "Cedar Hill Tax Credits Available. Elderly residents may apply at the town hall until May 15."
    doc = doc_with(text)
    places = resolve_places(doc, FakeGazetteer(HEADLINE_GAZ), WORLD, source=CONNECTICUT.source, outlet=CONNECTICUT)
    assert [(p.text, p.admin1, p.span) for p in places] == [("Cedar Hill", "Connecticut", (0, 10))]
    # with no home region learned, or a home elsewhere, nothing: a headline opens with a noun as often
    assert resolve_places(doc_with(text), FakeGazetteer(HEADLINE_GAZ), WORLD, source=CONNECTICUT.source) == []
    texas = OutletHome("prairiepost.com", "US", "Iowa", articles=4, voting=5)
    assert resolve_places(doc_with(text), FakeGazetteer(HEADLINE_GAZ), WORLD, outlet=texas) == []


def test_places_a_headline_opening_with_a_common_noun_names_nothing() -> None:
    text = "Police arrest two after a chase. The chase ended near the county line."
    assert resolve_places(doc_with(text), FakeGazetteer(HEADLINE_GAZ), WORLD, outlet=CONNECTICUT) == []


# --- what the home region also decides: a world city's small namesake, a county named without "County" ---

SALERNOS = [cand("Salerno", 40.68, 14.77, 0.93, country="IT", admin1="Campania", feature="city", population=1_100_000),
            cand("Salerno", 41.60, -72.70, 0.84, country="US", admin1="Connecticut", feature="town",
                 population=9_000)]
KERRICK = {"Kerrick": [cand("Kerrick", 41.93, -88.75, 0.87, country="US", admin1="Illinois", feature="town",
                            population=40_000)],
           "Kerrick County": [cand("Kerrick County", 33.77, -84.23, 0.9, country="US", admin1="Georgia",
                                   feature="county", population=700_000, precision=3)]}


def test_places_the_papers_home_region_places_a_world_citys_small_namesake() -> None:
    text = "Salerno voters approved the school budget on Tuesday, the town clerk said."
    gaz = FakeGazetteer({"Salerno": SALERNOS})
    assert resolve_places(doc_with(text, ("Salerno", "GPE")), gaz, WORLD)[0].country == "IT"
    places = resolve_places(doc_with(text, ("Salerno", "GPE")), gaz, WORLD, outlet=CONNECTICUT)
    assert (places[0].country, places[0].admin1) == ("US", "Connecticut")


def test_places_a_bare_county_name_of_the_papers_home_region() -> None:
    text = "Kerrick commissioners voted on Monday to repave two roads."
    gaz = FakeGazetteer(KERRICK)
    assert resolve_places(doc_with(text, ("Kerrick", "GPE")), gaz, WORLD)[0].admin1 == "Illinois"
    georgia = OutletHome("peachnews.com", "US", "Georgia", articles=6, voting=7)
    places = resolve_places(doc_with(text, ("Kerrick", "GPE")), gaz, WORLD, outlet=georgia)
    assert (places[0].name, places[0].feature) == ("Kerrick County", "county")
    # a paper at home in the town's state keeps the town
    illinois = OutletHome("prairiepost.com", "US", "Illinois", articles=6, voting=7)
    assert resolve_places(doc_with(text, ("Kerrick", "GPE")), gaz, WORLD, outlet=illinois)[0].feature == "town"


def test_outlet_home_on_a_conflicts_front_is_no_home() -> None:
    # a war reporter's articles cluster on the front (Donetsk Oblast, UA.05) wherever the outlet is: the
    # conflict prior weighs those regions already, and the outlet's "home" there is ignored
    kalynove = [cand("Kalynove", 48.5, 35.0, 0.90, admin1="UA.12", feature="city", population=60_000),
                cand("Kalynove", 48.1, 37.7, 0.82, admin1="UA.05", feature="village", population=900)]
    text = "Kalynove residents queued for water on Tuesday, the mayor said."
    front = OutletHome("frontdispatch.com", "UA", "UA.05", articles=9, voting=10)
    gaz = FakeGazetteer({"Kalynove": kalynove})
    assert resolve_places(doc_with(text, ("Kalynove", "GPE")), gaz, WORLD, outlet=front)[0].admin1 == "UA.05"
    war = PlacesSettings(conflicts="russia-ukraine")
    alone = resolve_places(doc_with(text, ("Kalynove", "GPE")), gaz, war, published=None)
    assert resolve_places(doc_with(text, ("Kalynove", "GPE")), gaz, war, outlet=front) == alone


def test_outlet_pipe_reads_no_article_again_for_a_home_on_the_front(pipeline) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.stages.places_outlet import home_on_front

    donetsk = OutletHome("frontdispatch.com", "UA", "Donetsk Oblast", articles=9, voting=10)
    assert home_on_front(donetsk, pipeline.gazetteer, "russia-ukraine", 2023)
    assert not home_on_front(donetsk, pipeline.gazetteer, "", 2023)
    minnesota = OutletHome("lakecountrynews.com", "US", "Minnesota", articles=3, voting=3)
    assert not home_on_front(minnesota, pipeline.gazetteer, "russia-ukraine", 2023)


# --- the outlet's home point (OutletHome.point): the median of the local places of its other articles ---

def spot(lat: float, lon: float, admin1: str = "Minnesota", country: str = "US") -> Place:
    return Place(text="x", span=(0, 1), name="x", lat=lat, lon=lon, admin1=admin1, country=country,
                 feature="town")  # type: ignore[arg-type]


# five towns within some 30 km of each other, two by two in an article
VALLEY = [(44.80, -93.53), (44.71, -93.42), (44.62, -93.77), (44.79, -93.60), (44.54, -93.58), (44.67, -93.50)]


def _valley(priors: OutletPriors, source: str = "scottvalleynews.com") -> None:
    for i in range(0, len(VALLEY), 2):
        priors.add(source, str(i), [spot(*VALLEY[i]), spot(*VALLEY[i + 1]), spot(*VALLEY[i])])


def test_outlet_home_point_is_the_median_of_the_other_articles_local_places() -> None:
    priors = OutletPriors()
    _valley(priors)
    home = priors.home("scottvalleynews.com")
    assert home is not None and home.admin1 == "Minnesota" and home.point == pytest.approx((44.69, -93.555))
    assert home.reach == POINT_REACH_KM and home.regions == {"Minnesota"}  # (close together: the floor)
    assert home.near(44.67, -93.63) and not home.near(46.79, -92.10)  # Jordan, not Duluth
    # the article's own places are no evidence: without them too few are left
    assert priors.home("scottvalleynews.com", exclude="0").point is None  # type: ignore[union-attr]
    assert OutletPriors(point=False).home("scottvalleynews.com") is None
    off = OutletPriors(point=False)
    _valley(off)
    assert off.home("scottvalleynews.com").point is None  # type: ignore[union-attr]


def test_outlet_home_point_none_for_places_spread_over_a_state() -> None:
    priors = OutletPriors()
    far = [(44.98, -93.27), (46.79, -92.10), (43.95, -92.46), (47.47, -94.88), (45.56, -94.16), (46.88, -96.77)]
    for i in range(0, len(far), 2):
        priors.add("statewire.com", str(i), [spot(*far[i]), spot(*far[i + 1])])
    home = priors.home("statewire.com")
    assert home is not None and home.admin1 == "Minnesota" and home.point is None


def test_outlet_home_point_alone_for_a_paper_on_a_state_line() -> None:
    # a paper of twin towns on a state line: its articles split between two states, so no region; a point
    priors = OutletPriors()
    line = [(32.46, -84.99, "Georgia"), (32.47, -85.00, "Alabama"), (32.53, -84.95, "Georgia"),
            (32.43, -85.05, "Alabama"), (32.60, -85.10, "Alabama"), (32.38, -84.93, "Georgia")]
    for i, (lat, lon, state) in enumerate(line):
        priors.add("twinriverledger.com", str(i), [spot(lat, lon, state), spot(lat + 0.05, lon, state)])
    home = priors.home("twinriverledger.com")
    assert home is not None and home.admin1 is None and home.country == "US" and home.point is not None
    assert home.regions == {"Georgia", "Alabama"}


SCOTT = [
    "A truck overturned on Highway 169 near Belle Plaine on Friday, and the driver was taken to a hospital in Shakopee.",
    "A new water tower will be built in Chaska next year, and a second one in New Prague in 2026.",
    "Flooding closed two roads between Prior Lake and Savage on Sunday.",
    "A barn burned down near New Prague on Saturday; crews from Belle Plaine helped.",
    "Shakopee and Chaska will share a snowplow contract this winter.",
]
JORDAN = "The Jordan school board voted on Monday to add two days to the calendar after the storms."


def _jordan(pipeline, others: list[str]) -> str | None:  # type: ignore[no-untyped-def]
    articles = [make_article(t, source="scottvalleynews.com", id=str(i)) for i, t in enumerate([*others, JORDAN])]
    return next(p.country for p in list(pipeline.pipe(articles))[-1].article.places if p.text == "Jordan")


def test_outlet_pipe_home_point_keeps_a_town_against_a_country_of_its_name(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _jordan(pipeline, []) == "JO"  # read alone: the country
    assert _jordan(pipeline, SCOTT) == "US"  # a paper of the towns around Jordan, Minnesota: the town
    settings = pipeline.settings
    try:  # the home region alone does not take a country's name from it
        pipeline.settings = replace(settings, places=replace(settings.places, outlet_point=False))
        assert _jordan(pipeline, SCOTT) == "JO"
    finally:
        pipeline.settings = settings


LINDENS = [cand("Linden", 40.62, -74.24, 0.88, country="US", admin1="New Jersey", feature="city", population=42_000),
           cand("Linden", 32.31, -87.80, 0.82, country="US", admin1="Alabama", feature="town", population=2_000)]
CAIROS = [cand("Cairo", 30.06, 31.25, 0.93, country="EG", admin1="Cairo", feature="city", population=9_000_000),
          cand("Cairo", 30.88, -84.20, 0.80, country="US", admin1="Georgia", feature="town", population=9_000)]


def test_places_a_namesake_near_the_home_point_wins_without_a_home_region() -> None:
    text = "Linden police arrested two men on Tuesday after a break-in at a feed store."
    gaz = FakeGazetteer({"Linden": LINDENS})
    doc = doc_with(text, ("Linden", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[0].admin1 == "New Jersey"
    near = OutletHome("twinriverledger.com", "US", None, 0, 0, point=(32.40, -87.60), regions=frozenset({"Alabama"}))
    assert resolve_places(doc, gaz, WORLD, outlet=near)[0].admin1 == "Alabama"
    far = replace(near, point=(33.5, -86.8))  # a home 130 km away says nothing
    assert resolve_places(doc, gaz, WORLD, outlet=far)[0].admin1 == "New Jersey"


def test_places_a_world_city_yields_only_to_a_namesake_at_the_papers_door() -> None:
    text = "Cairo voters approved a new fire station on Tuesday, the town clerk said."
    gaz = FakeGazetteer({"Cairo": CAIROS})
    doc = doc_with(text, ("Cairo", "GPE"))
    door = OutletHome("gradyweekly.com", "US", None, 0, 0, point=(30.90, -84.22), reach=100.0)
    assert resolve_places(doc, gaz, WORLD, outlet=door)[0].country == "US"
    wide = replace(door, point=(31.45, -84.22))  # some 60 km off: within the reach, not at the door
    assert resolve_places(doc, gaz, WORLD, outlet=wide)[0].country == "EG"


# --- the outlet's beat (OutletHome.beat): where its copy of the same days is ---

def _monitor(priors: OutletPriors, clusters: list[tuple[date, tuple[float, float]]]) -> None:
    """A war monitor's daily rows, each naming one village: three rows a day around the day's point."""
    for day, (lat, lon) in clusters:
        for k, (dlat, dlon) in enumerate([(0.0, 0.0), (0.1, -0.1), (-0.1, 0.1)]):
            priors.add("frontmonitor.org", f"{day}-{k}", [spot(lat + dlat, lon + dlon, "UA.09", "UA")], day)


def test_outlet_beat_is_the_median_of_the_same_days_local_places() -> None:
    priors = OutletPriors()
    south, north = (47.6, 38.0), (48.9, 39.2)  # two sectors some 170 km apart
    _monitor(priors, [(date(2015, 1, 10), south), (date(2015, 1, 11), south), (date(2015, 1, 20), north),
                      (date(2015, 1, 21), north)])
    home = priors.home("frontmonitor.org", exclude="x", day=date(2015, 1, 10))
    assert home is not None and home.beat is not None and home.beat[:2] == pytest.approx(south, abs=0.05)
    assert home.beat[2] == POINT_REACH_KM
    later = priors.home("frontmonitor.org", day=date(2015, 1, 21))
    assert later is not None and later.beat is not None and later.beat[:2] == pytest.approx(north, abs=0.05)
    # a day with no copy around it, or no day at all: no beat
    assert getattr(priors.home("frontmonitor.org", day=date(2015, 1, 15)), "beat", None) is None
    assert getattr(priors.home("frontmonitor.org"), "beat", None) is None


def test_outlet_beat_none_for_a_days_copy_spread_wide() -> None:
    priors = OutletPriors()
    day = date(2015, 1, 10)
    for k, (lat, lon) in enumerate([(47.1, 37.5), (49.9, 38.3), (48.6, 39.9), (46.6, 35.3), (50.2, 36.2)]):
        priors.add("frontmonitor.org", str(k), [spot(lat, lon, "UA.09", "UA")], day)
    assert getattr(priors.home("frontmonitor.org", day=day), "beat", None) is None


def test_outlet_beat_home_keeps_only_the_beat() -> None:
    front = OutletHome("frontmonitor.org", "UA", "UA.05", 9, 10, point=(48.0, 38.0), beat=(47.6, 38.0, 60.0))
    beat = front.beat_home()
    assert beat is not None and beat.beat_only and beat.beat == front.beat and beat.point is None
    assert replace(front, beat=None).beat_home() is None and not front.beat_only


SVITLIVKAS = [cand("Zorianivka", 47.70, 38.05, 0.80, admin1="UA.05"),
              cand("Zorianivka", 48.95, 39.15, 0.80, admin1="UA.09")]


def test_places_the_beat_parts_namesakes_that_tie() -> None:
    text = "Shelling damaged two houses in Zorianivka overnight, monitors said."
    gaz = FakeGazetteer({"Zorianivka": SVITLIVKAS})
    doc = doc_with(text, ("Zorianivka", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[0].lat is None  # two villages 160 km apart: no guess
    south = OutletHome("frontmonitor.org", "UA", None, 0, 0, beat=(47.6, 38.0, 60.0))
    assert resolve_places(doc, gaz, WORLD, outlet=south)[0].admin1 == "UA.05"
    north = replace(south, beat=(48.9, 39.3, 60.0))
    assert resolve_places(doc, gaz, WORLD, outlet=north)[0].admin1 == "UA.09"
    # a home point, where the outlet has one, is what counts: the beat is not added to it
    home = OutletHome("frontmonitor.org", "UA", None, 0, 0, point=(30.0, 30.0), beat=(47.6, 38.0, 60.0))
    assert resolve_places(doc, gaz, WORLD, outlet=home)[0].lat is None


def test_places_the_beat_does_not_outweigh_a_region_named() -> None:
    text = "Shelling damaged two houses in Zorianivka in the Luhansk region overnight, monitors said."
    gaz = FakeGazetteer({"Zorianivka": SVITLIVKAS, "Luhansk region": [
        cand("Luhansk Oblast", 48.6, 39.3, 0.95, admin1="UA.09", feature="region", precision=3)]})
    doc = doc_with(text, ("Zorianivka", "GPE"), ("Luhansk region", "GPE"))
    south = OutletHome("frontmonitor.org", "UA", None, 0, 0, beat=(47.6, 38.0, 60.0))
    assert resolve_places(doc, gaz, WORLD, outlet=south)[0].admin1 == "UA.09"
