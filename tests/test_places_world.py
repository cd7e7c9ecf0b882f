"""The places stage on world news: namesakes abroad, the article's focus, lists of counties, postal
abbreviations. Sentences written for these tests in the style of local and wire copy."""

from __future__ import annotations

import pytest
from test_places import FakeGazetteer, cand, doc_with

from frontwatch.config import PlacesSettings
from frontwatch.stages.places import resolve_places

WORLD = PlacesSettings(conflicts="")


def test_places_a_repeated_town_does_not_outvote_the_rest_of_the_article_for_itself() -> None:
    # A local paper names its town again and again and its state once: the big namesake abroad
    # must not win the focus vote on the town's own repetitions.
    gaz = FakeGazetteer({
        "Dublin": [cand("Dublin", 53.33, -6.25, 0.95, country="IE", admin1="IE.L", population=1_000_000),
                   cand("Dublin", 40.10, -83.11, 0.86, country="US", admin1="US.OH", population=45_000)],
        "Ohio": [cand("Ohio", 41.2, -81.6, 0.93, country="US", admin1="US.OH", feature="region", precision=3,
                      population=11_000_000)]})
    text = ("Dublin council backs new trail. Dublin residents will vote on the plan in May, and "
            "Dublin officials expect the work to start in the summer, the largest such project in Ohio.")
    doc = doc_with(text, ("Dublin", "GPE"), ("Dublin", "GPE"), ("Dublin", "GPE"), ("Ohio", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [p.country for p in places] == ["US", "US", "US", "US"]


def test_places_a_country_named_again_and_again_keeps_its_votes() -> None:
    # A country named throughout is what the article is about: its namesake town in the outlet's
    # country does not take it.
    gaz = FakeGazetteer({
        "Mexico": [cand("Mexico", 23.0, -102.0, 1.0, country="MX", admin1=None, feature="country", precision=3,
                        population=126_000_000),
                   cand("Mexico", 39.17, -91.88, 0.84, country="US", admin1="US.MO", population=11_000)]})
    text = "Flights to Mexico were cut. Travellers back from Mexico were screened, and Mexico closed schools."
    doc = doc_with(text, ("Mexico", "GPE"), ("Mexico", "GPE"), ("Mexico", "GPE"))
    places = resolve_places(doc, gaz, WORLD, source="example.us")
    assert {p.country for p in places} == {"MX"} and all(p.feature == "country" for p in places)


def test_places_a_demonym_a_territory_shares_is_the_big_state_s() -> None:
    # "American" is also the Northern Mariana Islands' demonym, "Chinese" Hong Kong's and Macau's,
    # "French" that of France's overseas regions; two states of a size ("Congolese") stay out.
    from frontwatch.stages.places import demonym_country

    assert demonym_country("American") == ("US", "United States")
    assert demonym_country("Americans") == ("US", "United States")
    assert demonym_country("Chinese")[0] == "CN"  # type: ignore[index]
    assert demonym_country("French")[0] == "FR"  # type: ignore[index]
    assert demonym_country("Congolese") is None
    gaz = FakeGazetteer({"United States": [cand("United States", 39.76, -98.5, 1.0, country="US", admin1=None,
                                                feature="country", precision=3)]})
    doc = doc_with("American officials toured the plant on Monday.", ("American", "NORP"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.role, p.country) for p in places] == [("American", "demonym", "US")]


def _places(pipeline, text: str, **kwargs):  # type: ignore[no-untyped-def]
    return list(pipeline.analyze(text, **kwargs).article.places)


@pytest.mark.slow
def test_places_pipeline_a_town_the_model_calls_a_person_is_a_place(pipeline) -> None:  # type: ignore[no-untyped-def]
    # The small model tags a bare town name as a person; a town the article names is a place,
    # while a surname of someone named in full stays a person.
    places = _places(pipeline, "Police in Alexandria arrested a man on Friday. Alexandria detectives said "
                               "the car had been stolen in Tuscaloosa.")
    assert [p.text for p in places][:2] == ["Alexandria", "Alexandria"]
    people = _places(pipeline, "Andrew Jackson spoke first. Jackson said the vote was close.")
    assert not any(p.text == "Jackson" for p in people)


@pytest.mark.slow
def test_places_pipeline_an_institution_takes_the_reading_of_its_town(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "the Decatur City Council" names the town the article places elsewhere: one reading for both
    text = ("The Decatur City Council voted Monday to repave two streets. The work in Decatur, Ala., "
            "starts in June, and the Decatur Police Department will close lanes.")
    places = _places(pipeline, text)
    decaturs = [p for p in places if p.text.startswith("Decatur")]
    assert len(decaturs) == 3 and {p.admin1 for p in decaturs} == {"Alabama"}
    assert [p.role for p in decaturs] == ["metonym", "place", "metonym"]


def test_places_a_postal_abbreviation_is_the_state_not_a_city_with_that_code() -> None:
    gaz = FakeGazetteer({
        "Ind.": [cand("Indiana", 39.87, -86.22, 0.905, country="US", admin1="US.IN", feature="region", precision=3,
                      match="alternate", population=4_600_000),
                 cand("Indianapolis", 39.77, -86.16, 0.91, country="US", admin1="US.IN", feature="city",
                      match="alternate", population=880_000)]})
    doc = doc_with("The plant in Muncie, Ind., will close in June.", ("Ind.", "GPE"))
    place = resolve_places(doc, gaz, WORLD)[0]
    assert place.name == "Indiana" and place.precision == 3


@pytest.mark.slow
@pytest.mark.parametrize("name,first", [
    ("Quebec", "admin1:CA.10"),  # the province holds twenty times the people of Quebec City
    ("Kharkiv", "geonames:706483"),  # the city holds more than half its region's: the city
    ("Kharkiv region", "admin1:UA.07"),
])
def test_gazetteer_a_region_ten_times_its_namesake_city_owns_the_bare_name(pipeline, name: str, first: str) -> None:  # type: ignore[no-untyped-def]
    assert pipeline.gazetteer.lookup(name)[0].id == first


def test_gazetteer_region_owns_name_rule() -> None:
    from frontwatch.gazetteer.build import _Admin1Info, _region_owns_name

    info = _Admin1Info(city_pop={"quebec": 530_000, "kharkiv": 1_400_000}, population=8_000_000)
    assert _region_owns_name(info, "quebec") and not _region_owns_name(info, "kharkiv")
    assert not _region_owns_name(info, "ohio")  # no city of that name in the region


@pytest.mark.slow
def test_places_pipeline_a_facility_named_after_its_town_lends_the_town(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "the Decatur Law Enforcement Center", "the Decatur Senior Citizens Center": the town as a metonym
    text = ("Repairs to the Decatur Law Enforcement Center will start in May, and the Decatur Recreation "
            "Center will close for a week, officials in Decatur, Ala., said.")
    decaturs = [p for p in _places(pipeline, text) if p.text == "Decatur"]
    assert len(decaturs) == 3 and {p.admin1 for p in decaturs} == {"Alabama"}
