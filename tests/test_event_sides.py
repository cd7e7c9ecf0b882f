"""Actor sides read from the clause (stages/event_sides.py), on sentences written for these tests."""

from __future__ import annotations

from frontwatch.stages.attribute import Attributor
from frontwatch.stages.event_sides import SideReader


def _side(nlp, actors, text: str, kind: str, word: str) -> str:  # type: ignore[no-untyped-def]
    at = Attributor(actors).attribute(nlp(text), "Wirewire")[0]
    trigger = next(t for t in at.sent if t.text == word)
    return SideReader(actors).actor_side(kind, at.sent[trigger.i - at.sent.start: trigger.i - at.sent.start + 1],
                                         at, at.claimant.side)


def test_repelled_is_the_side_whose_attack_failed(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine's General Staff said its units repelled 14 Russian attacks near Lyman."
    assert _side(nlp, actors, text, "repelled", "repelled") == "RU"


def test_the_enemy_is_the_other_side_of_the_claimant(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "Ukraine's General Staff said the enemy shelled 20 villages in the Kharkiv region."
    assert _side(nlp, actors, text, "shelling", "shelled") == "RU"


def test_supply_goes_to_the_receiver(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "The Pentagon said it had delivered more artillery shells to Ukraine."
    assert _side(nlp, actors, text, "weapons_supply", "delivered") == "UA"
