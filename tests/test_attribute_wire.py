"""Attribution on invented wire copy about the war's politics: colons, closing clauses, offices, appositions and
datelines (docs/claims.md, "Who is a claimant"; the gold is tests/data/gold/attribution)."""

from __future__ import annotations

from frontwatch.stages.attribute import Attributor


def _attribute(nlp, actors, text: str, source: str = "Wirewire"):  # type: ignore[no-untyped-def]
    return Attributor(actors).attribute(nlp(text), source)


def _of(ats, start: str):  # type: ignore[no-untyped-def]
    return next(a for a in ats if a.sent.text.strip().startswith(start))


def test_attribute_a_colon_hands_over_to_the_quotation_whatever_the_verb(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ('ODESA, May 2 (Wirewire) - Odesa Mayor Hennadiy Trukhanov gave the figures in a video address: "Four people '
            'were killed in the port. Two more are missing.\n\n"A grain terminal was also hit by a drone."')
    ats = _attribute(nlp, actors, text)
    quoted = [a for a in ats if a.direct_quote]
    assert len(quoted) >= 3 and all(a.claimant.name == "Hennadiy Trukhanov" for a in quoted)


def test_attribute_a_long_speaker_clause_after_an_exclamation(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ('"Our forces have retaken two villages," the deputy minister wrote.\n\n"All nine drones were shot down!" '
            "Ukraine's air force spokesman, Yurii Ihnat, posted on Telegram.")
    ats = _attribute(nlp, actors, text)
    assert _of(ats, '"All nine').claimant.name == "Yurii Ihnat"


def test_attribute_an_office_speaks_for_its_owner(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, "Russian drones hit two villages overnight, Governor Oleh Kovalenko's press service "
                                  "reported. A spokesperson for the Russian Northern Fleet said a Ukrainian drone "
                                  "attack had been repelled.")
    first, second = ats
    assert first.claimant.name.startswith("press service of") and first.claimant.name.endswith("Kovalenko")
    assert second.claimant.name == "spokesperson of Russian Northern Fleet" and second.claimant.side == "RU"


def test_attribute_a_name_in_apposition_wins_over_its_possessor(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    [at] = _attribute(nlp, actors, "President Zelenskyy's chief of staff, Andriy Yermak, said Ukraine and Russia "
                                   "had exchanged 75 prisoners.")
    assert at.claimant.name == "Andriy Yermak"


def test_attribute_an_unlisted_person_abroad_is_of_the_datelines_country(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("WASHINGTON, June 3 (Wirewire) - Senator Paula Grant, a Republican from Ohio, said Russian troops had "
            "advanced near Kupiansk. A senior administration official said Russian missiles had struck Dnipro.")
    ats = _attribute(nlp, actors, text)
    assert [a.claimant.side for a in ats if a.claimant.kind != "outlet"] == ["other", "other"]


def test_attribute_she_said_after_two_people_takes_the_one_the_text_makes_a_woman(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Dutch Defence Minister Karin Bosman met her Ukrainian counterpart, Rustem Umerov, in Odesa on Friday. "
            "Russian drones hit the port overnight, Umerov told reporters. She said the Netherlands had delivered "
            "four more F-16 jets. He added that air defences had shot down 20 drones.")
    ats = _attribute(nlp, actors, text)
    assert _of(ats, "She said").claimant.name == "Karin Bosman"
    assert _of(ats, "He added").claimant.name == "Umerov"
