"""Event type, polarity and actor side on hand-written sentences."""

from __future__ import annotations

import pytest

from frontwatch.stages.attribute import Attributor
from frontwatch.stages.events import EventFinder


def _events(nlp, actors, text: str, source: str = "Wirewire"):  # type: ignore[no-untyped-def]
    ats = Attributor(actors).attribute(nlp(text), source)
    finder = EventFinder(actors)
    return [(e.type, e.polarity, e.actor_side) for at in ats for e in finder.find(at)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Maliar said Ukrainian forces advanced 600 to 1,000 metres near Robotyne.", ("advance", "asserted", "UA")),
        ("The Russian Defence Ministry said its forces had liberated Marinka.", ("capture", "asserted", "RU")),
        ("Ukraine's General Staff said the Defence Forces repelled 17 Russian attacks near Avdiivka.", ("repelled", "asserted", "RU")),
        ("Putin said that Russia has not used cluster munitions.", ("weapons_use", "denied", "RU")),
        ("Russian troops reportedly withdrew from the village, a Ukrainian source said.", ("withdrawal", "hedged", "RU")),
        ("Zelensky said Ukraine needed more air defence systems from its allies.", ("weapons_supply", "asserted", "UA")),
        ("Cherevaty said the occupiers lost 214 soldiers near Bakhmut over the past day.", ("casualties", "asserted", "UA")),
        ("Peskov denied that Russian troops had retreated from Kherson.", ("withdrawal", "denied", "RU")),
    ],
)
def test_events_type_polarity_side(nlp, actors, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _events(nlp, actors, text)


@pytest.mark.parametrize("text", [
    "Kyiv is seeking more advanced air defence systems, the minister said.",
    "Wirewire could not independently verify the battlefield reports.",
])
def test_events_no_false_triggers(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, actors, text) == []


@pytest.mark.parametrize("text,side", [
    ("The Sudanese army said its aircraft struck Rapid Support Forces positions in Omdurman.", "other"),
])
def test_events_other_conflict_side(nlp, actors, text: str, side: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, actors, text)
    assert events and all(e[2] in {side, "unknown"} for e in events)
