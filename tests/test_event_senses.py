"""Parse checks that decide whether a trigger states an event (stages/event_senses.py), on sentences
written for these tests."""

from __future__ import annotations

from frontwatch.stages.event_senses import in_passing, object_key, real_object, separate_event, unrealised


def _token(nlp, text: str, word: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def test_gerund_after_an_aim_is_in_passing(nlp) -> None:  # type: ignore[no-untyped-def]
    assert in_passing("capture", _token(nlp, "The ministry spoke of Moscow's long dream of seizing the port.", "seizing"))


def test_gerund_of_a_process_under_way_is_not_in_passing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministers said the process of supplying F-16 jets to Ukraine had already begun."
    assert not in_passing("weapons_supply", _token(nlp, text, "supplying"))


def test_taking_flowers_is_not_a_capture(nlp) -> None:  # type: ignore[no-untyped-def]
    assert not real_object("capture", _token(nlp, "The children took flowers to the memorial.", "took"))
    assert real_object("capture", _token(nlp, "The brigade took the village on Monday.", "took"))


def test_a_vow_is_unrealised(nlp) -> None:  # type: ignore[no-untyped-def]
    assert unrealised(_token(nlp, "The commander vowed to retake the island.", "retake"))


def test_joined_verbs_with_other_places_are_separate_events(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The enemy captured Ivanivka and later occupied most of Stepove.")
    first, second = doc[2:3], doc[6:7]
    assert object_key(first.root) != object_key(second.root)
    assert separate_event(second, first)


def test_a_verb_restating_the_first_is_the_same_event(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Its troops captured and held the village of Ivanivka.")
    assert not separate_event(doc[4:5], doc[2:3])


def test_a_definite_unmodified_event_noun_points_back(nlp) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.stages.event_senses import told_before
    assert told_before(_token(nlp, "The attack has shaken the town.", "attack"))
    assert not told_before(_token(nlp, "The Russian attack has shaken the town.", "attack"))
    assert not told_before(_token(nlp, "An attack has shaken the town.", "attack"))
