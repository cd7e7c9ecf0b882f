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
    from frontwatch.stages.demonyms import demonym_country

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


# --- names the model did not call places ---------------------------------------------------------
FAIRVIEW = [cand("Fairview", 35.2, -86.9, 0.86, country="US", admin1="US.TN", feature="town", population=8_000),
            cand("Fairview", 36.27, -98.48, 0.82, country="US", admin1="US.OK", feature="village", population=2_600)]
TENNESSEE = [cand("Tennessee", 35.86, -86.35, 0.95, country="US", admin1="US.TN", feature="region", precision=3,
                  population=6_900_000)]


def _propn(doc):  # type: ignore[no-untyped-def]
    """Mark capitalised words as proper nouns, as the tagger would (the blank pipeline tags nothing)."""
    for t in doc:
        t.pos_ = "PROPN" if t.is_title else "NOUN"
    return doc


def test_places_a_town_the_model_calls_an_organisation_after_age_and_of_is_a_place() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW, "Tennessee": TENNESSEE})
    text = "Dana Marsh, 41, of Fairview, was charged Tuesday, Tennessee troopers said."
    doc = doc_with(text, ("Dana Marsh", "PERSON"), ("Fairview", "ORG"), ("Tennessee", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.role, p.admin1) for p in places][0] == ("Fairview", "place", "US.TN")


def test_places_a_surname_after_of_without_the_comma_stays_a_person() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW})
    doc = doc_with("The lawyer of Fairview filed the motion on Monday.", ("Fairview", "PERSON"))
    assert resolve_places(doc, gaz, WORLD) == []


def test_places_the_town_of_an_address_and_a_resident_are_places() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW, "Tennessee": TENNESSEE})
    text = ("Lee Ward, 30, of 12 Elm St., Fairview, was cited. A Fairview man was also hurt, "
            "Tennessee officials said.")
    doc = doc_with(text, ("Lee Ward", "PERSON"), ("Fairview", "PERSON"), ("Fairview", "ORG"), ("Tennessee", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [p.text for p in places if p.resolved] == ["Fairview", "Fairview", "Tennessee"]


def test_places_one_name_one_sense_a_town_tagged_a_person_elsewhere_is_the_town() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW, "Tennessee": TENNESSEE})
    text = "Storm damage in Fairview, Tennessee, was heavy. Fairview will ask for state aid."
    doc = doc_with(text, ("Fairview", "GPE"), ("Tennessee", "GPE"), ("Fairview", "PERSON"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.admin1) for p in places] == [("Fairview", "US.TN"), ("Tennessee", "US.TN"),
                                                    ("Fairview", "US.TN")]


def test_places_a_tentative_name_that_matches_only_loosely_adds_nothing() -> None:
    gaz = FakeGazetteer({"Fairvue": [cand("Fairview", 35.2, -86.9, 0.86, country="US", admin1="US.TN",
                                          feature="town", match="loose", population=8_000)]})
    doc = doc_with("Sam Lin, 52, of Fairvue, was fined.", ("Sam Lin", "PERSON"), ("Fairvue", "ORG"))
    assert resolve_places(doc, gaz, WORLD) == []


def test_places_a_facility_the_gazetteer_does_not_know_falls_back_to_its_town() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW, "Tennessee": TENNESSEE})
    text = "Crews met at the Fairview Fire Station on Friday, Tennessee officials said."
    doc = _propn(doc_with(text, ("the Fairview Fire Station", "FAC"), ("Tennessee", "GPE")))
    place = resolve_places(doc, gaz, WORLD)[0]
    assert (place.text, place.admin1) == ("Fairview", "US.TN")
    assert text[place.span[0]:place.span[1]] == "Fairview"


def test_places_a_town_the_article_names_lends_itself_to_an_organisation_named_after_it() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW, "Tennessee": TENNESSEE})
    text = "The Fairview Blizzard won in Fairview, Tennessee, on Saturday."
    doc = _propn(doc_with(text, ("The Fairview Blizzard", "ORG"), ("Fairview", "GPE"), ("Tennessee", "GPE")))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.role, p.admin1) for p in places][0] == ("Fairview", "metonym", "US.TN")


@pytest.mark.slow
def test_places_pipeline_places_inside_organisation_names(pipeline) -> None:  # type: ignore[no-untyped-def]
    # a nationality word opening a ministry's name, a court named after its town, "the University of X"
    text = ("The Georgian Interior Ministry said on Monday that two men were held. A Hartford man was "
            "arraigned in Danbury Superior Court, and a professor at the University of Rochester testified.")
    places = {p.text: p for p in _places(pipeline, text)}
    assert places["Georgian"].role == "demonym" and places["Georgian"].country == "GE"
    assert places["Danbury"].country == "US" and places["Rochester"].country == "US"


# --- a country by its own name ----------------------------------------------------------------------
ITALYS = [cand("Italy", 42.8, 12.8, 1.0, country="IT", admin1=None, feature="country", precision=3,
               population=60_000_000),
          cand("Italy", 32.18, -96.88, 0.81, country="US", admin1="US.TX", feature="village", population=1_900)]
TEXAS = [cand("Texas", 31.25, -99.25, 0.95, country="US", admin1="US.TX", feature="region", precision=3,
              population=29_000_000)]


def test_places_a_country_beats_a_village_abroad_its_state_named_elsewhere_does_not_place() -> None:
    # a Texas paper writes of pilots who flew over Italy: the country, not the Texas village
    gaz = FakeGazetteer({"Italy": ITALYS, "Texas": TEXAS})
    doc = doc_with("The Texas veteran flew missions over Italy in 1944.", ("Texas", "GPE"), ("Italy", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[1].country == "IT"


def test_places_a_village_named_like_a_country_wins_with_its_state_after_it() -> None:
    gaz = FakeGazetteer({"Italy": ITALYS, "Texas": TEXAS})
    doc = doc_with("The school board in Italy, Texas, met on Monday.", ("Italy", "GPE"), ("Texas", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[0].admin1 == "US.TX"


def test_places_a_town_named_like_a_country_wins_beside_a_clear_neighbour() -> None:
    gaz = FakeGazetteer({
        "Lebanon": [cand("Lebanon", 33.9, 35.9, 1.0, country="LB", admin1=None, feature="country", precision=3,
                         population=6_800_000),
                    cand("Lebanon", 40.05, -86.47, 0.84, country="US", admin1="US.IN", feature="town",
                         population=15_800)],
        "Zionsville": [cand("Zionsville", 39.95, -86.26, 0.86, country="US", admin1="US.IN", feature="town",
                            population=25_000)],
        "Boone County": [cand("Boone County", 40.05, -86.47, 0.91, country="US", admin1="US.IN", feature="county",
                              precision=3, population=70_000)]})
    text = "Lebanon police arrested a Zionsville man on Thursday, the Boone County sheriff said."
    doc = doc_with(text, ("Lebanon", "GPE"), ("Zionsville", "GPE"), ("Boone County", "GPE"))
    assert [p.country for p in resolve_places(doc, gaz, WORLD)] == ["US", "US", "US"]


def test_places_a_tiny_territory_does_not_own_the_name_of_a_bigger_city() -> None:
    gaz = FakeGazetteer({"Macau": [
        cand("Macau", 22.2, 113.55, 1.0, country="MO", admin1=None, feature="country", precision=3, population=650_000),
        cand("Macau", -5.1, -36.6, 0.84, country="BR", admin1="BR.22", feature="town", population=25_000)],
        "Norfolk": [
        cand("Norfolk Island", -29.0, 167.95, 1.0, country="NF", admin1=None, feature="country", precision=3,
             match="alternate", population=1_800),
        cand("Norfolk", 36.85, -76.29, 0.9, country="US", admin1="US.VA", feature="city", population=238_000)]})
    doc = doc_with("Ships left Norfolk for Macau in May.", ("Norfolk", "GPE"), ("Macau", "GPE"))
    assert [p.country for p in resolve_places(doc, gaz, WORLD)] == ["US", "MO"]


def test_places_the_first_word_of_a_small_or_compass_demonym_is_no_demonym() -> None:
    from frontwatch.stages.demonyms import demonym_country

    assert demonym_country("Saudi") == ("SA", "Saudi Arabia")  # "Saudi Arabian": the first word stands alone
    assert demonym_country("Norfolk") is None  # "Norfolk Islander": a town's name first
    assert demonym_country("South") is None and demonym_country("New") is None


def test_places_an_untagged_town_after_in_and_after_a_person_and_of_is_a_place() -> None:
    gaz = FakeGazetteer({"Fairview": FAIRVIEW, "Tennessee": TENNESSEE})
    text = "The crash happened in Fairview on Sunday. Ann Cole of Fairview was hurt, Tennessee troopers said."
    doc = _propn(doc_with(text, ("Ann Cole", "PERSON"), ("Tennessee", "GPE")))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.admin1) for p in places] == [("Fairview", "US.TN"), ("Fairview", "US.TN"),
                                                    ("Tennessee", "US.TN")]


def test_places_a_dateline_run_on_after_a_headline_with_the_agency_in_brackets() -> None:
    chattanooga = [cand("Chattanooga", 35.05, -85.31, 0.9, country="US", admin1="US.TN", feature="city",
                        population=180_000)]
    text = "Meth cooks leave toxic trail. CHATTANOOGA (AP) - Investigators say the labs are spreading."
    doc = doc_with(text)
    places = resolve_places(doc, FakeGazetteer({"Chattanooga": chattanooga}), WORLD)
    assert [(p.text, p.admin1) for p in places] == [("CHATTANOOGA", "US.TN")]


def test_places_a_country_named_with_a_compass_word_is_the_country_not_a_part() -> None:
    gaz = FakeGazetteer({
        "South Sudan": [cand("South Sudan", 7.5, 30.0, 1.0, country="SS", admin1=None, feature="country",
                             precision=3, population=11_000_000)],
        "Sudan": [cand("Sudan", 15.5, 30.0, 1.0, country="SD", admin1=None, feature="country", precision=3,
                       population=43_000_000)]})
    doc = _propn(doc_with("Aid workers in South Sudan were attacked, and northern Sudan closed roads.",
                          ("Sudan", "GPE"), ("Sudan", "GPE")))
    doc[3].pos_, doc[3].tag_, doc[3].dep_ = "PROPN", "JJ", "compound"  # the parser reads "South" as a modifier
    doc[9].tag_ = "JJ"  # "northern"
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.country, p.resolved) for p in places] == [("South Sudan", "SS", True),
                                                                 ("northern Sudan", "SD", False)]


def test_places_a_county_named_without_its_designator() -> None:
    # "Gwinnett deputies", "a Pointe Coupee teen": local copy drops "County"/"Parish"; a name the gazetteer
    # does not know is tried as a county, and a river is never one
    gaz = FakeGazetteer({
        "Barlow County": [cand("Barlow County", 33.96, -84.02, 0.9, country="US", admin1="US.GA", feature="county",
                               precision=3)],
        "Tensaw Parish": [cand("Tensaw Parish", 30.71, -91.60, 0.9, country="US", admin1="US.LA", feature="county",
                               precision=3)],
        "Cane River County": [cand("Cane River County", 33.6, -95.0, 0.9, country="US", admin1="US.TX",
                                   feature="county", precision=3)]})
    text = "Barlow deputies arrested a Tensaw man after the flood on the Cane River."
    doc = doc_with(text, ("Barlow", "GPE"), ("Tensaw", "GPE"), ("Cane River", "LOC"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.name) for p in places] == [("Barlow", "Barlow County"), ("Tensaw", "Tensaw Parish"),
                                                  ("Cane River", None)]


def test_places_the_people_of_a_region_or_continent_are_a_demonym_of_it() -> None:
    # "Ohioans", "European": no country's nationality word, but the people of a state or a continent
    gaz = FakeGazetteer({
        "Ohio": [cand("Ohio", 40.3, -82.8, 0.93, country="US", admin1="US.OH", feature="region", precision=3)],
        "Europe": [cand("Europe", 48.7, 9.1, 1.0, country=None, admin1=None, feature="continent", precision=3)],
        "Republic": [cand("Republic", 37.1, -93.5, 0.85, country="US", admin1="US.MO", feature="town")]})
    text = "Ohioans and European visitors crowded the fair, and Republicans asked for a recount."
    doc = doc_with(text, ("Ohioans", "NORP"), ("European", "NORP"), ("Republicans", "NORP"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.name, p.role) for p in places] == [("Ohioans", "Ohio", "demonym"),
                                                          ("European", "Europe", "demonym")]


def test_places_a_hyphenated_pair_of_nationalities_is_two_demonyms() -> None:
    gaz = FakeGazetteer({
        "Russia": [cand("Russia", 60.0, 100.0, 1.0, country="RU", admin1=None, feature="country", precision=3)],
        "United States": [cand("United States", 39.8, -98.5, 1.0, country="US", admin1=None, feature="country",
                               precision=3)]})
    text = "A Russian-American crew docked with the station, but un-American views were aired."
    doc = doc_with(text, ("Russian-American", "NORP"), ("un-American", "NORP"))
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.span, p.country, p.role) for p in places] == [
        ("Russian", (2, 9), "RU", "demonym"), ("American", (10, 18), "US", "demonym")]


@pytest.mark.parametrize("org", ["the Fairview Public Library", "Friends of the Fairview Public Library",
                                 "Fairview’s Board of Finance", "Fairview's Circuit Court"])
def test_places_a_town_inside_an_organisation_s_name(org: str) -> None:
    # after "of" in the name ("Friends of the X Public Library") and before a possessive ("X's Circuit Court")
    gaz = FakeGazetteer({"Fairview": [cand("Fairview", 35.2, -86.9, 0.86, country="US", admin1="US.TN",
                                           feature="town", population=20_000)]})
    text = f"{org} met on Monday."
    doc = doc_with(text, (org, "ORG"))
    for t in doc:
        t.pos_ = "PROPN" if t.text[:1].isupper() else "NOUN"
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.role, p.admin1) for p in places] == [("Fairview", "metonym", "US.TN")]


def test_places_a_town_with_a_capital_inside_its_name_opens_an_organisation_s_name() -> None:
    gaz = FakeGazetteer({"DeKalb": [cand("DeKalb", 41.93, -88.75, 0.88, country="US", admin1="US.IL",
                                         feature="town", population=44_000)]})
    text = "A news release from DeKalb Police said the man fled."
    doc = doc_with(text, ("DeKalb Police", "ORG"))
    for t in doc:
        t.pos_ = "PROPN" if t.text[:1].isupper() else "NOUN"
    assert [(p.text, p.admin1) for p in resolve_places(doc, gaz, WORLD)] == [("DeKalb", "US.IL")]


def test_places_a_two_word_town_the_model_calls_a_person_after_in_is_a_place() -> None:
    gaz = FakeGazetteer({"Glen Harbor": [cand("Glen Harbor", 38.8, -90.0, 0.86, country="US", admin1="US.IL",
                                              feature="town", population=12_000)]})
    doc = doc_with("Volunteers met in Glen Harbor on Monday.", ("Glen Harbor", "PERSON"))
    assert [(p.text, p.admin1) for p in resolve_places(doc, gaz, WORLD)] == [("Glen Harbor", "US.IL")]
    # a full name that speaks is a person
    doc = doc_with("Glen Harbor said the work was done.", ("Glen Harbor", "PERSON"))
    assert resolve_places(doc, gaz, WORLD) == []


@pytest.mark.slow
def test_places_pipeline_a_name_modifying_a_noun_after_the_is_no_river(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "the Dnipro" heading its phrase is the river; "the Toronto eye surgeon", "the Houston-based
    # contractor" name the city as a modifier of what follows.
    places = _places(pipeline, "Patients waited months to see the Toronto eye surgeon. The Houston-based "
                               "contractor said the repairs were finished.")
    assert [(p.text, p.country, p.resolved) for p in places] == [("Toronto", "CA", True), ("Houston", "US", True)]


def test_places_a_dateline_after_a_byline_s_date_is_found() -> None:
    # "By ... Staff Writer March 3, 2009 ELMWOOD -- ": the dateline follows the byline on one line.
    gaz = FakeGazetteer({"Elmwood": [cand("Elmwood", 40.78, -89.97, 0.85, country="US", admin1="US.IL")]})
    doc = doc_with("Council backs levy. By Jo Reed Staff Writer March 3, 2009 ELMWOOD -- The council voted 5-2.")
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.admin1) for p in places] == [("ELMWOOD", "US.IL")]


def test_places_the_outlet_s_own_town_is_told_by_context_not_size() -> None:
    # A paper named after its town ("elmwoodbeacon.com"): the bare "Elmwood" of its copy is weighed by the
    # article's context more than by the size of each namesake; the same text from elsewhere is the big one.
    from frontwatch.stages.places_score import names_outlet_town, outlet_labels

    assert names_outlet_town("Elmwood", outlet_labels("www.elmwoodbeacon.com"))
    assert names_outlet_town("Elmwood", outlet_labels("onlineelmwood.com"))
    assert names_outlet_town("Elm City", outlet_labels("elmcitynewssun.com"))
    assert not names_outlet_town("Elm", outlet_labels("elmcitynewssun.com"))  # "City" is no masthead word
    assert not names_outlet_town("Elmwood", outlet_labels("example.com"))
    gaz = FakeGazetteer({
        "Elmwood": [cand("Elmwood", 51.5, -0.2, 0.93, country="GB", admin1="GB.ENG", population=300_000),
                    cand("Elmwood", 40.78, -89.97, 0.85, country="US", admin1="US.IL", population=2_000),
                    cand("Elmwood", 40.94, -96.29, 0.84, country="US", admin1="US.NE", population=700)],
        "Peoria": [cand("Peoria", 40.69, -89.59, 0.9, country="US", admin1="US.IL", population=110_000),
                   cand("Peoria", 33.58, -112.24, 0.9, country="US", admin1="US.AZ", population=150_000)]})
    text = "Elmwood council backs levy. Shoppers drive to Peoria for groceries, the mayor said."
    doc = doc_with(text, ("Elmwood", "GPE"), ("Peoria", "GPE"))
    assert resolve_places(doc, gaz, WORLD, source="example.com")[0].country == "GB"
    assert resolve_places(doc, gaz, WORLD, source="elmwoodbeacon.com")[0].admin1 == "US.IL"
    # a country by that name is the paper's: "chinapost.com.tw" writes of China
    china = FakeGazetteer({"China": [cand("China", 35.0, 105.0, 1.0, country="CN", admin1=None, feature="country",
                                          precision=3, population=1_400_000_000),
                                     cand("China", 31.3, -94.0, 0.8, country="US", admin1="US.TX", population=1_000)]})
    doc = doc_with("Floods hit China.", ("China", "GPE"))
    assert resolve_places(doc, china, WORLD, source="chinapost.com.tw")[0].feature == "country"


# Russia's capital and the Idaho town of 25,000 that shares its name
MOSCOWS = [cand("Moscow", 55.75, 37.62, 0.978, country="RU", admin1="RU.48", feature="city", population=10_400_000),
           cand("Moscow", 46.73, -117.0, 0.85, country="US", admin1="US.ID", feature="town", population=25_000)]


def test_places_a_world_city_is_not_a_small_namesake_in_the_focus_country() -> None:
    # A local paper's story names its state, so its country is the focus; its "Moscow" is still Russia's
    # capital unless the article places the small town ("Moscow, Idaho").
    gaz = FakeGazetteer({
        "Moscow": MOSCOWS,
        "Ohio": [cand("Ohio", 40.3, -82.8, 0.93, country="US", admin1="US.OH", feature="region", precision=3,
                      population=11_000_000)],
        "Dayton": [cand("Dayton", 39.76, -84.19, 0.9, country="US", admin1="US.OH", feature="city",
                        population=140_000)],
        "Idaho": [cand("Idaho", 44.4, -114.6, 0.93, country="US", admin1="US.ID", feature="region", precision=3,
                       population=1_800_000)]})
    text = "A Dayton firm in Ohio signed a contract in Moscow on Monday."
    doc = doc_with(text, ("Dayton", "GPE"), ("Ohio", "GPE"), ("Moscow", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[2].country == "RU"
    text = "A Dayton firm in Ohio opened an office in Moscow, Idaho, on Monday."
    doc = doc_with(text, ("Dayton", "GPE"), ("Ohio", "GPE"), ("Moscow", "GPE"), ("Idaho", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[2].admin1 == "US.ID"


def test_places_the_outlet_s_town_lends_support_to_its_neighbours() -> None:
    # "fairburgledger.com" is Fairburg's paper: its "Dublin", which it never places, is the town next to
    # Fairburg, not a namesake near another Fairburg (nor the world city).
    fairburgs = [cand("Fairburg", 40.0, -83.0, 0.9, country="US", admin1="US.OH", feature="town", population=90_000),
                 cand("Fairburg", 33.0, -84.9, 0.88, country="US", admin1="US.GA", feature="town",
                      population=60_000)]
    gaz = FakeGazetteer({
        "fairburg": fairburgs,
        "United States": [cand("United States", 39.8, -98.6, 1.0, country="US", admin1=None, feature="country",
                               precision=3, population=330_000_000)],
        "Dublin": [cand("Dublin", 53.35, -6.26, 0.96, country="IE", admin1="IE.L", feature="city",
                        population=1_000_000),
                   cand("Dublin", 40.10, -83.11, 0.87, country="US", admin1="US.OH", feature="town",
                        population=45_000),
                   cand("Dublin", 32.54, -82.90, 0.862, country="US", admin1="US.GA", feature="town",
                        population=16_000)]})
    doc = doc_with("Dublin council backs the longest trail of its kind in the United States.",
                   ("Dublin", "GPE"), ("United States", "GPE"))
    assert resolve_places(doc, gaz, WORLD, source="example.com")[0].admin1 != "US.OH"
    assert resolve_places(doc, gaz, WORLD, source="www.fairburgledger.com")[0].admin1 == "US.OH"


ILLINOIS = cand("Illinois", 40.0, -89.2, 0.93, country="US", admin1="US.IL", feature="region", precision=3,
                population=12_800_000)
ELMWOODS = [cand("Elmwood", 42.1, -72.6, 1.05, country="US", admin1="US.MA", feature="city", population=150_000),
            cand("Elmwood", 40.78, -89.97, 0.85, country="US", admin1="US.IL", feature="town", population=2_000)]


def test_places_a_state_after_a_comma_decides_every_mention_of_the_name() -> None:
    # the headline's bare "Elmwood" comes before the dateline that places it: the article means one town
    gaz = FakeGazetteer({"Elmwood": ELMWOODS, "Illinois": [ILLINOIS]})
    text = "Elmwood weighs school levy. Elmwood, Illinois — The board met on Monday. Elmwood parents spoke."
    doc = doc_with(text, ("Elmwood", "GPE"), ("Elmwood", "GPE"), ("Illinois", "GPE"), ("Elmwood", "GPE"))
    places = resolve_places(doc, gaz, WORLD)
    assert [p.admin1 for p in places if p.text == "Elmwood"] == ["US.IL"] * 3


def test_places_a_state_after_a_comma_that_holds_no_reading_leaves_the_town_unresolved() -> None:
    # the gazetteer lacks the Ohio village: its namesake in another state is no answer
    gaz = FakeGazetteer({
        "Orchard": [cand("Orchard", 42.8, -78.7, 0.86, country="US", admin1="US.NY", feature="village",
                         population=3_000)],
        "Ohio": [cand("Ohio", 40.3, -82.8, 0.93, country="US", admin1="US.OH", feature="region", precision=3,
                      population=11_000_000)]})
    doc = doc_with("He is held at a prison in Orchard, Ohio, officials said.", ("Orchard", "GPE"), ("Ohio", "GPE"))
    orchard, ohio = resolve_places(doc, gaz, WORLD)
    assert not orchard.resolved and ohio.admin1 == "US.OH"
    # a country after the comma that shares its name with a state still holds its city
    gaz = FakeGazetteer({
        "Tbilisi": [cand("Tbilisi", 41.69, 44.83, 0.95, country="GE", admin1="GE.TB", feature="city",
                         population=1_100_000)],
        "Georgia": [cand("Georgia", 32.7, -83.4, 0.93, country="US", admin1="US.GA", feature="region", precision=3,
                         population=10_000_000),
                    cand("Georgia", 42.0, 43.5, 0.92, country="GE", admin1=None, feature="country", precision=3,
                         population=3_700_000)]})
    doc = doc_with("Talks opened in Tbilisi, Georgia, on Monday.", ("Tbilisi", "GPE"), ("Georgia", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[0].country == "GE"


def test_places_the_same_town_with_city_after_it_is_no_anchor_for_the_town() -> None:
    # "Elmwood City Schools" read as the biggest Elmwood says nothing new about where "Elmwood" is;
    # a town does place the county named after it
    from frontwatch.stages.places_score import _anchor_terms

    assert _anchor_terms([("Elmwood City", ELMWOODS[0])], "Elmwood") is None
    assert _anchor_terms([("Elmwood", ELMWOODS[0])], "Elmwood") is None
    assert _anchor_terms([("Elmwood", ELMWOODS[1])], "Elmwood County") is not None
    assert _anchor_terms([("Elmwood City", ELMWOODS[0])], "Peoria") is not None


def test_places_a_headline_s_first_word_is_the_place_the_article_names() -> None:
    # the model reads a headline's first word as a noun; the body names that very town as a place
    from test_places import _BLANK

    gaz = FakeGazetteer({"Elmwood": ELMWOODS, "Illinois": [ILLINOIS]})
    text = "Elmwood chess player wins title. The boy from Elmwood, Illinois, was crowned on Sunday."
    doc = _BLANK.make_doc(text)
    body = text.index("Elmwood,")
    doc.ents = [doc.char_span(body, body + 7, label="GPE"),
                doc.char_span(body + 9, body + 17, label="GPE")]
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.span[0], p.admin1) for p in places if p.text == "Elmwood"] == [(0, "US.IL"), (body, "US.IL")]
    # a capitalised word opening a sentence that the article never tags as a place stays a word
    doc = _BLANK.make_doc("Elmwood chess player wins title.")
    assert all(p.span[0] != 0 for p in resolve_places(doc, gaz, WORLD))


@pytest.mark.parametrize("org,kept", [("the Elmbrook Volunteer Fire Department", True),
                                      ("Elmbrook Police Chief Dana Roe", True), ("the Elmbrook Town Council", True),
                                      ("the Elmbrook Foundation", False), ("Elmbrook Middle School", False)])
def test_places_a_small_town_opens_the_name_of_an_institution_only_a_town_has(org: str, kept: bool) -> None:
    # a village of 2,000: its fire department or police are its own; a foundation or a school may be a person's
    gaz = FakeGazetteer({"Elmbrook": [cand("Elmbrook", 42.6, -84.7, 0.84, country="US", admin1="US.MI",
                                           feature="village", population=2_000)]})
    doc = doc_with(f"{org} said on Monday that the road was closed.", (org, "ORG"))
    for t in doc:
        t.pos_ = "PROPN" if t.text[:1].isupper() else "NOUN"
    places = resolve_places(doc, gaz, WORLD)
    assert [(p.text, p.admin1) for p in places] == ([("Elmbrook", "US.MI")] if kept else [])


def test_places_a_state_named_elsewhere_does_not_place_a_small_namesake_of_a_world_city() -> None:
    # the article names Idaho (a legislator's state, say), and Moscow without a state: the capital
    gaz = FakeGazetteer({
        "Moscow": MOSCOWS,
        "Idaho": [cand("Idaho", 44.4, -114.6, 0.93, country="US", admin1="US.ID", feature="region", precision=3,
                       population=1_800_000)]})
    text = "Senators from Idaho and other states met envoys in Moscow on Monday."
    doc = doc_with(text, ("Idaho", "GPE"), ("Moscow", "GPE"))
    assert resolve_places(doc, gaz, WORLD)[1].country == "RU"


def test_places_a_dateline_is_the_city_not_the_state_of_that_name() -> None:
    washingtons = [cand("Washington", 47.5, -120.5, 0.95, country="US", admin1="US.WA", feature="region", precision=3,
                        population=7_700_000),
                   cand("Washington", 38.9, -77.04, 0.925, country="US", admin1="US.DC", feature="city",
                        population=690_000)]
    gaz = FakeGazetteer({"Washington": washingtons, "WASHINGTON": washingtons})  # (the real one folds case)
    text = "House passes spending bill. WASHINGTON — Lawmakers voted late on Tuesday."
    for ents in [(), (("WASHINGTON", "GPE"),)]:  # found by the dateline pattern, or tagged by the model
        place = resolve_places(doc_with(text, *ents), gaz, WORLD)[0]
        assert (place.text, place.admin1) == ("WASHINGTON", "US.DC")


def test_places_a_dateline_closed_by_a_colon() -> None:
    gaz = FakeGazetteer({"Beirut": [cand("Beirut", 33.89, 35.5, 0.95, country="LB", admin1="LB.04", feature="city",
                                         population=1_900_000)]})
    text = "Talks resume on border. BEIRUT: Ministers met on Monday to discuss the crossing."
    place = resolve_places(doc_with(text), gaz, WORLD)[0]
    assert (place.text, place.name, place.span) == ("BEIRUT", "Beirut", (24, 30))
    # a label in capitals in the same form is no place
    assert resolve_places(doc_with("UPDATE: Ministers met on Monday."), gaz, WORLD) == []
