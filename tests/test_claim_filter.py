"""stages/claim_filter.py: events a sentence names without claiming them. Sentences written for these tests."""

from __future__ import annotations

from frontwatch.records import Claim


def _events(pipeline, text: str) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    """(claimant kind, type, polarity, actor side) of every event the text claims."""
    report = pipeline.analyze(text, published="2023-07-14", source="Kyiv Dispatch")
    return [(c.claimant.kind, e.type, e.polarity, e.actor_side) for c in report.claims for e in c.events]


def _claims(pipeline, text: str) -> list[Claim]:  # type: ignore[no-untyped-def]
    return [c for c in pipeline.analyze(text, published="2023-07-14", source="Kyiv Dispatch").claims if c.events]


# -- possibilities -----------------------------------------------------------------------------------------------
def test_claim_filter_a_possibility_is_no_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipeline, "Officials warned that Russian forces could launch a new assault on the town within "
                             "days.") == []
    assert _events(pipeline, "Military analysts say Ukraine might try to recapture the village before the "
                             "winter.") == []


def test_claim_filter_a_present_ability_is_no_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipeline, "Analysts say the Russian army is capable of shelling the city from across the "
                             "river.") == []
    events = _events(pipeline, "The ministry said Russian troops are able to shell the town every day and have "
                               "taken two villages this week.")
    assert [e[1] for e in events] == ["capture"]  # the joined verb with its own auxiliary is its own claim
    events = _events(pipeline, "The ministry said Ukrainian troops were able to advance two kilometres near the "
                               "village on Monday.")
    assert [e[1] for e in events] == ["advance"]  # a past ability is what was done


def test_claim_filter_a_hedged_past_stays(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The regional governor said two missiles may have hit the power station overnight.")
    assert ("person", "strike", "hedged", "unknown") in events


def test_claim_filter_a_denied_ability_stays(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The governor said Russian troops could not break through the defences near the "
                               "village.")
    assert [e[2] for e in events] == ["denied"]


def test_claim_filter_what_could_be_seen_stays(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Russian soldiers could be seen surrendering near the bridge in a video released on "
                               "Monday.")
    assert [e[1] for e in events] == ["casualties"]


# -- background, generic statements, reasons ---------------------------------------------------------------------
def test_claim_filter_a_capture_state_in_a_relative_clause_is_background(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipeline, "Residents of the river bank, which is occupied, were told to leave, the mayor "
                             "said.") == []
    events = _events(pipeline, "The thermal power plant, under Russian control since April, was shelled again on "
                               "Sunday, the operator said.")
    assert [e[1] for e in events] == ["shelling"]


def test_claim_filter_the_other_sides_capture_in_a_relative_clause_is_the_outlets(pipeline) -> None:  # type: ignore[no-untyped-def]
    claims = _claims(pipeline, "Ukraine's army said on Monday its forces had advanced near Bakhmut, which Russian "
                               "forces took in May.")
    by_kind = {c.claimant.kind: [(e.type, e.actor_side) for e in c.events] for c in claims}
    assert by_kind == {"organisation": [("advance", "UA")], "outlet": [("capture", "RU")]}
    assert len({c.id for c in claims}) == 2


def test_claim_filter_a_speakers_own_sides_capture_in_a_relative_clause_stays(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "The general said on Monday that fighting continued south of Pervomaiske, which "
                               "Ukrainian troops liberated in June.")
    assert ("person", "capture", "asserted", "UA") in events


def test_claim_filter_a_generic_statement_is_no_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipeline, '"Every drone attack on our power plants is an attack on millions of families," the '
                             'president said on Sunday.') == []
    assert _events(pipeline, '"Each missile strike on our grain terminals is a strike on the food of the whole '
                             'world," the minister said.') == []


def test_claim_filter_an_event_given_as_a_reason_is_no_claim(pipeline) -> None:  # type: ignore[no-untyped-def]
    assert _events(pipeline, "The authorities ordered the evacuation of 20 villages on Monday, citing heavy "
                             "shelling.") == []
    assert _events(pipeline, "The school in the village was closed because of shelling, the mayor said.") == []
    events = _events(pipeline, "Russian shelling killed two people in the village on Monday, the governor said.")
    assert {e[1] for e in events} == {"shelling", "casualties"}  # the shelling that killed them stays
