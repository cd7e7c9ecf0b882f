"""The places stage on world news: namesakes abroad, the article's focus, lists of counties, postal
abbreviations. Sentences written for these tests in the style of local and wire copy."""

from __future__ import annotations

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
