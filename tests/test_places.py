"""The places stage: mentions, context-aware ranking, precision codes and what stays unresolved."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.config import PlacesSettings
from frontwatch.gazetteer import Candidate, haversine_km
from frontwatch.records import Place
from frontwatch.stages.places import resolve_places

SETTINGS = PlacesSettings()
NO_PRIOR = PlacesSettings(conflicts="")  # no conflict-region preference: ties and weak scores as they are


def cand(name: str, lat: float, lon: float, score: float, *, admin1: str | None = "UA.05", country: str = "UA",
         feature: str = "village", match: str = "name", population: int = 1000, precision: int = 1) -> Candidate:
    return Candidate(id=f"test:{name}:{lat}", name=name, lat=lat, lon=lon, country=country, admin1=admin1,
                     admin1_code=admin1, feature=feature, population=population, matched=name.lower(),
                     match=match, precision=precision, score=score)  # type: ignore[arg-type]


class FakeGazetteer:
    """The GazetteerLike protocol over a dict: text as looked up -> candidates."""

    def __init__(self, table: dict[str, list[Candidate]]) -> None:
        self.table = table
        self.calls: list[str] = []

    def lookup(self, name: str, *, near: tuple[float, float] | None = None, limit: int = 20) -> list[Candidate]:
        self.calls.append(name)
        return self.table.get(name, [])[:limit]

    def ruler_patterns(self) -> list[dict[str, Any]]:
        return []


_BLANK = spacy.blank("en")


def doc_with(text: str, *ents: tuple[str, str]) -> Doc:
    """A tokenised doc with the given (text, label) entities marked, in order (no model needed)."""
    doc = _BLANK.make_doc(text)
    spans, pos = [], 0
    for ent_text, label in ents:
        start = text.index(ent_text, pos)
        span = doc.char_span(start, start + len(ent_text), label=label)
        assert span is not None, ent_text
        spans.append(span)
        pos = start + len(ent_text)
    doc.ents = spans
    return doc


DONETSK_REGION = cand("Donetsk Oblast", 48.1, 37.7, 0.93, feature="region", precision=3)
MYKOLAIVKAS = [cand("Mykolaivka", 46.31, 30.33, 0.85, admin1="UA.17"),  # Odesa Oblast: ranks first alone
               cand("Mykolaivka", 48.86, 37.77, 0.84, admin1="UA.05")]  # near Sloviansk


def test_places_region_named_next_to_a_place_picks_the_right_one() -> None:
    gaz = FakeGazetteer({"Mykolaivka": MYKOLAIVKAS, "Donetsk region": [DONETSK_REGION]})
    doc = doc_with("Shells hit Mykolaivka in the Donetsk region.", ("Mykolaivka", "GPE"), ("Donetsk", "GPE"))
    places = resolve_places(doc, gaz, SETTINGS)
    assert [p.text for p in places] == ["Mykolaivka", "Donetsk region"]
    assert places[0].admin1 == "UA.05" and places[0].precision == 1
    assert places[1].feature == "region" and places[1].precision == 3
    assert "Donetsk region" in gaz.calls  # the designator after the name is part of the lookup


def test_places_unambiguous_neighbour_picks_the_nearby_one() -> None:
    gaz = FakeGazetteer({"Mykolaivka": MYKOLAIVKAS, "Sloviansk": [cand("Sloviansk", 48.85, 37.60, 0.86)]})
    doc = doc_with("Russian troops shelled Mykolaivka and Sloviansk.", ("Mykolaivka", "GPE"), ("Sloviansk", "GPE"))
    places = resolve_places(doc, gaz, SETTINGS)
    assert haversine_km((places[0].lat, places[0].lon), (48.86, 37.77)) < 1  # type: ignore[arg-type]


def test_places_far_apart_tie_stays_unresolved() -> None:
    twins = [cand("Novoselivka", 49.07, 37.70, 0.80), cand("Novoselivka", 46.00, 29.61, 0.80, admin1="UA.17")]
    doc = doc_with("Fighting near Novoselivka continued.", ("Novoselivka", "GPE"))
    place = resolve_places(doc, FakeGazetteer({"Novoselivka": twins}), NO_PRIOR)[0]
    assert place.text == "Novoselivka" and not place.resolved


def test_places_conflict_region_breaks_a_tie_between_namesakes() -> None:
    # the same twins: with places.conflicts the one in a front-line oblast (Donetsk) is far likelier
    twins = [cand("Novoselivka", 46.00, 29.61, 0.80, admin1="UA.17"), cand("Novoselivka", 49.07, 37.70, 0.80)]
    doc = doc_with("Two civilians were wounded by shelling in Novoselivka.", ("Novoselivka", "GPE"))
    place = resolve_places(doc, FakeGazetteer({"Novoselivka": twins}), SETTINGS)[0]
    assert place.resolved and place.admin1 == "UA.05"
    other = PlacesSettings(conflicts="israel-gaza")  # another war's regions say nothing here
    assert not resolve_places(doc, FakeGazetteer({"Novoselivka": twins}), other)[0].resolved


def test_places_loose_match_without_context_stays_unresolved() -> None:
    far = [cand("Krasnaya Gorka", 55.0, 60.0, 0.85, match="loose", country="RU", admin1="RU.71", population=90000)]
    doc = doc_with("A drone fell on Krasnaia Horka.", ("Krasnaia Horka", "GPE"))
    assert not resolve_places(doc, FakeGazetteer({"Krasnaia Horka": far}), SETTINGS)[0].resolved


def test_places_weak_candidate_stays_unresolved() -> None:
    weak = [cand("Ivanivka", 47.0, 33.0, 0.5)]
    doc = doc_with("Shelling in Ivanivka.", ("Ivanivka", "GPE"))
    assert not resolve_places(doc, FakeGazetteer({"Ivanivka": weak}), NO_PRIOR)[0].resolved


@pytest.mark.parametrize("text,ent,precision", [
    ("Troops advanced near Bakhmut.", "Bakhmut", 2),
    ("Attacks on the outskirts of Bakhmut were repelled.", "Bakhmut", 2),
    ("Fighting in the Bakhmut direction went on.", "Bakhmut", 2),
    ("Russian forces pushed 3 km south of Bakhmut.", "Bakhmut", 2),
    ("They fought in the \"Airplane\" district of Bakhmut.", "Bakhmut", 2),
    ("Shells fell on Bakhmut overnight.", "Bakhmut", 1),
    ("Shells fell on the eastern city of Bakhmut.", "Bakhmut", 1),
])
def test_places_precision_from_context(text: str, ent: str, precision: int) -> None:
    gaz = FakeGazetteer({"Bakhmut": [cand("Bakhmut", 48.59, 38.0, 0.88, population=80500)],
                         "Bakhmut region": [cand("Bakhmut", 48.59, 38.0, 0.88, population=80500, precision=2)]})
    place = resolve_places(doc_with(text, (ent, "GPE")), gaz, SETTINGS)[0]
    assert place.resolved and place.precision == precision


def test_places_vague_fronts_and_borders_are_kept_unresolved() -> None:
    doc = doc_with("Kyiv said troops advanced 2 km along the southern border and on the eastern front.")
    places = resolve_places(doc, FakeGazetteer({}), SETTINGS)
    assert [p.text for p in places] == ["the southern border", "the eastern front"]
    assert not any(p.resolved for p in places)


def test_places_anchored_flank_is_not_vague() -> None:
    gaz = FakeGazetteer({"Bakhmut": [cand("Bakhmut", 48.59, 38.0, 0.88, population=80500)]})
    doc = doc_with("Gains on the southern flank of Bakhmut.", ("Bakhmut", "GPE"))
    assert [(p.text, p.precision) for p in resolve_places(doc, gaz, SETTINGS)] == [("Bakhmut", 2)]


def test_places_part_of_a_country_keeps_the_country_but_no_point() -> None:
    ukraine = cand("Ukraine", 48.38, 31.17, 1.0, feature="country", admin1=None, precision=3)
    doc = doc_with("Fighting in eastern Ukraine intensified.", ("Ukraine", "GPE"))
    doc[2].tag_ = "JJ"  # "eastern", as the tagger marks it
    place = resolve_places(doc, FakeGazetteer({"Ukraine": [ukraine]}), SETTINGS)[0]
    assert (place.text, place.country, place.resolved) == ("eastern Ukraine", "UA", False)


def test_places_government_entities_and_demonyms_are_not_places() -> None:
    ukraine = cand("Ukraine", 49.0, 32.0, 1.0, feature="country", admin1=None)
    gaz = FakeGazetteer({"Kiev": [cand("Kyiv", 50.45, 30.52, 0.93, population=2_900_000, admin1="UA.12")],
                         "Ukraine": [ukraine]})
    doc = doc_with("Kiev said its 93 troops held, Ukrainian officials said.", ("Kiev", "GOV"), ("93", "GPE"),
                   ("Ukrainian", "GPE"))
    next(t for t in doc if t.text == "Ukrainian").tag_ = "JJ"  # as the tagger marks it
    places = resolve_places(doc, gaz, SETTINGS)
    assert [p for p in places if p.role == "place"] == []  # no event place
    # kept with their roles: the government's seat and the demonym's country
    assert [(p.text, p.role, p.name) for p in places] == [("Kiev", "metonym", "Kyiv"),
                                                          ("Ukrainian", "demonym", "Ukraine")]


@pytest.mark.parametrize("ent", ["Dnipro River", "Dnipro"])
def test_places_water_is_named_but_not_placed(ent: str) -> None:
    river = [cand("Dnipro River", 46.5, 32.3, 0.9, feature="water", admin1=None)]
    city = [cand("Dnipro", 48.47, 35.04, 0.9, population=968_000, feature="city")]
    doc = doc_with("Marines crossed the Dnipro River at night.", (ent, "LOC"))
    place = resolve_places(doc, FakeGazetteer({"Dnipro River": river, "Dnipro": city}), SETTINGS)[0]
    assert (place.text, place.name, place.resolved) == ("Dnipro River", "Dnipro River", False)


def test_places_unknown_river_is_not_the_town() -> None:
    town = [cand("Kalmius", 47.5, 37.6, 0.9)]
    doc = doc_with("Troops crossed the Kalmius river.", ("Kalmius", "LOC"))
    place = resolve_places(doc, FakeGazetteer({"Kalmius": town}), SETTINGS)[0]
    assert (place.text, place.resolved) == ("Kalmius river", False)


def test_places_same_text_resolves_once() -> None:
    gaz = FakeGazetteer({"Bakhmut": [cand("Bakhmut", 48.59, 38.0, 0.88, population=80500)]})
    doc = doc_with("Bakhmut fell. Bakhmut was destroyed.", ("Bakhmut", "GPE"), ("Bakhmut", "GPE"))
    places = resolve_places(doc, gaz, SETTINGS)
    assert len(places) == 2 and places[0].lat == places[1].lat and gaz.calls == ["Bakhmut"]


def test_places_dateline() -> None:
    gaz = FakeGazetteer({"Kyiv": [cand("Kyiv", 50.45, 30.52, 0.95, population=2_900_000, admin1="UA.12")]})
    doc = doc_with("KYIV, Aug 3 (Wirewire) - Drones attacked overnight.")
    place = resolve_places(doc, gaz, SETTINGS)[0]
    assert (place.text, place.name, place.span) == ("KYIV", "Kyiv", (0, 4))


# --- with the real model and gazetteer (the session pipeline) ---------------------------------

def _places(pipeline, text: str) -> list[Place]:  # type: ignore[no-untyped-def]
    return resolve_places(pipeline.nlp(text), pipeline.gazetteer, pipeline.settings.places)


@pytest.mark.slow
def test_places_seed_story(seed_report) -> None:  # type: ignore[no-untyped-def]
    places = seed_report.article.places
    by_text: dict[str, list[Place]] = {}
    for p in places:
        by_text.setdefault(p.text, []).append(p)
    for p in by_text["Bakhmut"]:
        assert haversine_km((p.lat, p.lon), (48.60, 38.00)) < 5 and p.admin1 == "Donetsk Oblast"  # type: ignore[arg-type]
    kup = by_text["Kupyansk"][0]
    assert haversine_km((kup.lat, kup.lon), (49.71, 37.61)) < 5 and kup.admin1 == "Kharkiv Oblast"  # type: ignore[arg-type]
    region = by_text["Kharkov region"][0]
    assert (region.name, region.admin1, region.precision, region.feature) == ("Kharkiv Oblast", "Kharkiv Oblast", 3,
                                                                             "region")
    border = by_text["the southern border"][0]
    assert not border.resolved and border.name is None
    assert all(p.role == "metonym" for p in by_text.get("Kiev", []))  # the government, not the city
    assert [p.span for p in places] == sorted(p.span for p in places)


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    ("Russian units advanced near Kremennaya and Kupyansk, the ministry said.",
     [("Kremennaya", "Kreminna", 2), ("Kupyansk", "Kupyansk", 2)]),
    ("Shelling hit Mykolaivka, a town near Sloviansk in the Donetsk region.",
     [("Mykolaivka", "Mykolaivka", 1), ("Sloviansk", "Slovyansk", 2), ("Donetsk region", "Donetsk Oblast", 3)]),
    ("A strike hit Kostiantynivka, near Melitopol in the Zaporizhzhia region.",
     [("Kostiantynivka", "Kostyantynivka", 1), ("Melitopol", "Melitopol", 2),
      ("Zaporizhzhia region", "Zaporizhzhia Oblast", 3)]),
    ("Drones were downed over the Khmelnytskyi, Vinnytsia and Zhytomyr regions.",
     [("Khmelnytskyi", "Khmelnytskyi Oblast", 3), ("Vinnytsia", "Vinnytsia Oblast", 3),
      ("Zhytomyr regions", "Zhytomyr Oblast", 3)]),
    ("Marines held a foothold in Krynky on the left bank of the Dnipro River.",
     [("Krynky", "Krynky", 1), ("Dnipro River", "Dnipro River", None)]),
    ("Israeli strikes hit Khan Younis and Rafah in the southern Gaza Strip.",
     [("Khan Younis", "Khān Yūnis", 1), ("Rafah", "Rafaḩ", 1), ("southern Gaza Strip", "Gaza Strip", None)]),
    ("Clashes in Tripoli in northern Lebanon left two dead.",
     [("Tripoli", "Tripoli", 1), ("northern Lebanon", "Lebanon", None)]),
])
def test_places_pipeline_sentences(pipeline, text: str, expected: list[tuple[str, str, int | None]]) -> None:  # type: ignore[no-untyped-def]
    got = [(p.text, p.name, p.precision) for p in _places(pipeline, text) if p.role == "place"]
    assert got == expected


@pytest.mark.slow
@pytest.mark.slow
def test_places_pipeline_common_word_village_is_no_pattern(pipeline) -> None:  # type: ignore[no-untyped-def]
    # a codifier village named "Port" must not tag the first word of a hyphenated capital's name
    places = _places(pipeline, "Cholera cases rose north of the capital, Port-Au-Prince, health officials said.")
    assert not any(p.text == "Port" for p in places)


def test_places_pipeline_tripoli_lebanon_is_in_lebanon(pipeline) -> None:  # type: ignore[no-untyped-def]
    place = _places(pipeline, "Clashes in Tripoli in northern Lebanon left two dead.")[0]
    assert place.country == "LB"


@pytest.mark.slow
def test_places_pipeline_metonymy_is_not_a_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Moscow said it would respond, and Ukraine's forces recaptured Robotyne, Kiev-backed officials said."
    places = _places(pipeline, text)
    assert [p.text for p in places if p.role == "place"] == ["Robotyne"]
    assert {p.text for p in places if p.role == "metonym"} == {"Moscow", "Ukraine", "Kiev"}


# --- world news (issue 8): continents, capitals, context, capitals lines, roles -------------------------

def test_places_continent_beats_a_village_of_the_same_name() -> None:
    africa = [cand("Africa", 7.19, 21.09, 1.0, feature="continent", country=None, admin1=None, precision=3),  # type: ignore[arg-type]
              cand("Mahdia", 35.5, 11.06, 0.93, admin1="TN.15", country="TN", population=45_000)]
    doc = doc_with("The outbreak spread across Africa last year.", ("Africa", "LOC"))
    place = resolve_places(doc, FakeGazetteer({"Africa": africa}), SETTINGS)[0]
    assert (place.name, place.feature, place.precision) == ("Africa", "continent", 3)


def test_places_conflict_prior_leaves_a_sea_above_a_namesake_region() -> None:
    # places.conflicts lists Sudan: its "Red Sea State" must not be lifted over the sea itself
    from frontwatch.gazetteer.lookup import conflict_fronts, conflict_regions, with_conflict_prior

    red_sea = [cand("Red Sea", 20.0, 38.0, 0.955, feature="water", country=None, admin1=None, precision=3),  # type: ignore[arg-type]
               cand("Red Sea State", 19.3, 37.0, 0.92, feature="region", country="SD", admin1="SD.36", precision=3)]
    ranked = with_conflict_prior(red_sea, conflict_regions(SETTINGS.conflicts), conflict_fronts(SETTINGS.conflicts))
    assert ranked[0].feature == "water" and ranked[0].prior == 0.0
    # a region outside the conflict, first by its name, over a front-line village of the same name
    republic = [cand("Chechen Republic", 43.2, 45.7, 0.9, feature="region", country="RU", admin1="RU.12",
                     match="alternate", precision=3),
                cand("Chechnya", 48.75, 37.62, 0.8, population=1350)]
    ranked = with_conflict_prior(republic, conflict_regions(SETTINGS.conflicts), conflict_fronts(SETTINGS.conflicts))
    assert ranked[0].admin1_code == "RU.12"
    # a settlement still gains it over its namesake far from the war
    villages = [cand("Karlivka", 49.5, 35.1, 0.8, admin1="UA.18"), cand("Karlivka", 48.4, 37.4, 0.79)]
    ranked = with_conflict_prior(villages, conflict_regions(SETTINGS.conflicts), conflict_fronts(SETTINGS.conflicts))
    assert ranked[0].admin1_code == "UA.05" and ranked[0].prior > 0


def test_places_country_is_not_its_eponymous_capital() -> None:
    kuwait = [cand("Kuwait City", 29.37, 47.98, 1.05, country="KW", admin1="KW.02", feature="city",
                   population=60_000, match="alternate"),
              cand("Kuwait", 29.5, 47.75, 1.0, country="KW", admin1=None, feature="country", precision=3)]
    doc = doc_with("Troops landed in Kuwait on Friday.", ("Kuwait", "GPE"))
    place = resolve_places(doc, FakeGazetteer({"Kuwait": kuwait}), SETTINGS)[0]
    assert (place.feature, place.precision, place.country) == ("country", 3, "KW")
    doc = doc_with("Troops landed in the city of Kuwait on Friday.", ("Kuwait", "GPE"))
    place = resolve_places(doc, FakeGazetteer({"Kuwait": kuwait}), SETTINGS)[0]
    assert (place.name, place.feature) == ("Kuwait City", "city")


def test_places_region_after_a_comma_picks_the_town_inside_it() -> None:
    albanys = [cand("Albany", 42.65, -73.76, 0.9, country="US", admin1="US.NY", population=97_000),
               cand("Albany", 31.58, -84.16, 0.9, country="US", admin1="US.GA", population=75_000)]
    georgia = [cand("Georgia", 42.3, 43.36, 1.0, country="GE", admin1=None, feature="country", precision=3),
               cand("Georgia", 32.7, -83.4, 0.93, country="US", admin1="US.GA", feature="region", precision=3)]
    gaz = FakeGazetteer({"Albany": albanys, "Georgia": georgia})
    assert not resolve_places(doc_with("A storm hit Albany overnight.", ("Albany", "GPE")), gaz, SETTINGS)[0].resolved
    doc = doc_with("A storm hit Albany, Georgia, overnight.", ("Albany", "GPE"), ("Georgia", "GPE"))
    albany, state = resolve_places(doc, gaz, SETTINGS)
    assert albany.admin1 == "US.GA" and (state.feature, state.country) == ("region", "US")


def test_places_outlet_country() -> None:
    from frontwatch.stages.places import outlet_country

    assert [outlet_country(s) for s in ("thestar.ca", "https://www.bbc.co.uk/news", "reuters.com", "abc.net.au",
                                        "foo.tv", None)] == ["CA", "GB", None, "AU", None, None]


def test_places_metonyms_and_demonyms_have_roles_but_lend_no_context() -> None:
    gaz = FakeGazetteer({"Hartford": [cand("Hartford", 41.76, -72.69, 0.9, country="US", admin1="US.CT")],
                         "Saudi Arabia": [cand("Saudi Arabia", 25.0, 45.0, 1.0, country="SA", admin1=None,
                                               feature="country", precision=3)]})
    doc = doc_with("Hartford police said two Saudi students were hurt.", ("Hartford", "GPE"), ("Saudi", "NORP"))
    next(t for t in doc if t.text == "police").dep_ = "compound"
    doc[0].dep_, doc[0].head = "compound", doc[1]
    doc[1].lemma_ = "police"
    places = resolve_places(doc, gaz, SETTINGS)
    assert [(p.text, p.role, p.country) for p in places] == [("Hartford", "metonym", "US"), ("Saudi", "demonym", "SA")]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # continents and macro-regions: the area itself at precision 3, never a village carrying the name
    ("Locust swarms moved from East Africa into the Middle East and parts of Asia, the agency said.",
     [("East Africa", "macroregion", 3), ("Middle East", "macroregion", 3), ("Asia", "continent", 3)]),
    # a sea or ocean is named but never placed (and never the Iowa village called Atlantic)
    ("A cargo ship sank in the Atlantic on Tuesday.", [("Atlantic", "water", None)]),
    # a country, not its eponymous capital
    ("Heavy rain flooded Djibouti and Panama this week.", [("Djibouti", "country", 3), ("Panama", "country", 3)]),
    # a first-level region by its own name, not the small towns named after it
    ("Wildfires burned across California and Oregon on Sunday.", [("California", "region", 3),
                                                                    ("Oregon", "region", 3)]),
    ("Deputies closed a road in Licking County after the crash.", [("Licking County", "county", 3)]),
])
def test_places_pipeline_world_areas(pipeline, text: str, expected: list[tuple[str, str, int | None]]) -> None:  # type: ignore[no-untyped-def]
    got = [(p.text.removeprefix("the "), p.feature, p.precision) for p in _places(pipeline, text) if p.role == "place"]
    assert got == expected


@pytest.mark.slow
def test_places_pipeline_big_city_and_context(pipeline) -> None:  # type: ignore[no-untyped-def]
    lagos = _places(pipeline, "Thousands marched in Lagos on Monday.")[0]
    assert lagos.country == "NG"  # the city of millions, not the Portuguese town
    paris = _places(pipeline, "A tornado touched down near Paris, Texas, late on Friday.")[0]
    assert (paris.country, paris.admin1) == ("US", "Texas")
    buffalo = _places(pipeline, "The girl from Buffalo, New York, was treated in hospital.")
    assert [(p.text, p.feature) for p in buffalo] == [("Buffalo", "city"), ("New York", "region")]


@pytest.mark.slow
def test_places_pipeline_outlet_country_tips_an_ambiguous_city(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Police in London said a man was arrested after a break-in on Tuesday."
    assert pipeline.analyze(text).article.places[0].country == "GB"
    assert pipeline.analyze(text, source="localnews.ca").article.places[0].country == "CA"


@pytest.mark.slow
@pytest.mark.parametrize("text,names", [
    ("EXPLOSIONS ROCK KHARKIV AND ODESA OVERNIGHT", ["Kharkiv", "Odesa"]),
    ("Heavy Shelling Reported In Kherson After Night Of Drone Attacks", ["Kherson"]),
    ("Council backs new budget. DAYTON -- The city council voted on Monday to keep the library open.", ["Dayton"]),
])
def test_places_pipeline_headlines_in_capitals(pipeline, text: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    got = [p for p in _places(pipeline, text) if p.role == "place"]
    assert [p.name for p in got if p.resolved] == names


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Drone attack reported near Kupiansk", "Missile strike on Odesa",
                                  "Council votes to close schools in Gainesville", "Aid reaches Djibouti"])
def test_places_pipeline_name_at_the_very_end(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    bare, newline = pipeline.analyze(text).article.places, pipeline.analyze(text + "\n").article.places
    assert bare and bare[-1].resolved and text.endswith(bare[-1].text)
    assert [(p.span, p.name) for p in bare] == [(p.span, p.name) for p in newline]


@pytest.mark.slow
def test_places_pipeline_roles(pipeline) -> None:  # type: ignore[no-untyped-def]
    places = _places(pipeline, "Russian troops shelled Kherson overnight, Kyiv said.")
    assert [(p.text, p.role, p.country) for p in places] == [("Russian", "demonym", "RU"), ("Kherson", "place", "UA"),
                                                             ("Kyiv", "metonym", "UA")]


@pytest.mark.slow
def test_places_pipeline_institution_names_lend_their_place_as_a_metonym(pipeline) -> None:  # type: ignore[no-untyped-def]
    places = _places(pipeline, "The Kentucky State Police said a trooper was hurt. Smith College students helped.")
    assert [(p.text, p.role, p.feature) for p in places] == [("Kentucky", "metonym", "region")]


def test_places_taken_spans_overlap_as_a_scan_would() -> None:
    """find_mentions' log-time overlap test answers as comparing with every taken span does."""
    import random

    from frontwatch.stages.places_mentions import _Taken

    rng = random.Random(7)
    taken, plain = _Taken(), []
    for _ in range(300):
        start = rng.randrange(0, 5000)
        end = start + rng.randrange(1, 60)
        assert taken.overlaps(start, end) == any(s < end and start < e for s, e in plain)
        if rng.random() < 0.5:
            taken.add(start, end)
            plain.append((start, end))


# --- a text that is only a name: its parts, and a name one slip away ---

class SlipGazetteer(FakeGazetteer):
    """A fake that also knows names one typing slip from a query (Gazetteer.misspelt)."""

    def misspelt(self, name: str) -> list[str]:
        return [k for k in self.table if k != name and len(k) == len(name) and sorted(k) == sorted(name)]


ZORIANE = [cand("Zoriane", 48.1, 38.3, 0.80, admin1="UA.05")]


def test_places_a_lone_name_one_slip_from_a_village_where_the_war_is() -> None:
    gaz = SlipGazetteer({"Zoriane": ZORIANE})
    places = resolve_places(doc_with("Zorinae"), gaz, SETTINGS)
    assert [(p.text, p.name) for p in places] == [("Zorinae", "Zoriane")]
    assert resolve_places(doc_with("Zorinae"), gaz, NO_PRIOR) == []  # no conflict selected: no guess
    elsewhere = SlipGazetteer({"Zoriane": [cand("Zoriane", 50.4, 19.3, 0.80, admin1="PL.77", country="PL")]})
    assert resolve_places(doc_with("Zorinae"), elsewhere, SETTINGS) == []  # not where the war is
    # a name in a sentence is never read one slip away
    text = "Shelling hit Zorinae overnight."
    assert resolve_places(doc_with(text, ("Zorinae", "GPE")), gaz, SETTINGS)[0].lat is None


def test_places_a_lone_name_wins_over_a_word_of_it_tagged_alone() -> None:
    gaz = FakeGazetteer({"Verkhnie": [cand("Verkhnie", 49.0, 38.9, 0.85, admin1="UA.09")],
                         "Verkhnie Zoriane": [cand("Verkhnia Zoriane", 48.2, 38.2, 0.82, admin1="UA.05")]})
    places = resolve_places(doc_with("Verkhnie Zoriane", ("Verkhnie", "GPE")), gaz, SETTINGS)
    assert [(p.text, p.name) for p in places] == [("Verkhnie Zoriane", "Verkhnia Zoriane")]
    # the whole unknown: the word tagged stands
    places = resolve_places(doc_with("Verkhnie Lozuvatka", ("Verkhnie", "GPE")), gaz, SETTINGS)
    assert [(p.text, p.name) for p in places] == [("Verkhnie", "Verkhnie")]
