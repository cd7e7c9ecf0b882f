"""Attribution on hand-written sentences: who says what, and how we know."""

from __future__ import annotations

import pytest

from frontwatch.stages.attribute import Attributor


def _attribute(nlp, actors, text: str, source: str = "Wirewire"):  # type: ignore[no-untyped-def]
    return Attributor(actors).attribute(nlp(text), source)


@pytest.mark.parametrize(
    "text,name,side,cue,quote",
    [
        ('"The town has been cleared of the enemy," said Colonel-General Oleksandr Syrskyi.', "Oleksandr Syrskyi", "UA", "said", True),
        ("Ukraine's Deputy Defence Minister Hanna Maliar said troops advanced near Bakhmut.", "Hanna Maliar", "UA", "said", False),
        ("According to the Russian Defence Ministry, the attacks were repelled.", "Russian Defence Ministry", "RU", "According to", False),
        ("Ukrinform reports, citing the General Staff, that 60 clashes took place.", "General Staff", "UA", "citing", False),
        ("Kremlin spokesman Dmitry Peskov denied that talks were under way.", "Dmitry Peskov", "RU", "denied", False),
        ("Russian forces shelled the town overnight.", "Wirewire", "other", None, False),
    ],
)
def test_attribute_single_sentence(nlp, actors, text: str, name: str, side: str, cue: str | None, quote: bool) -> None:  # type: ignore[no-untyped-def]
    [at] = _attribute(nlp, actors, text)
    assert at.claimant.name == name
    assert at.claimant.side == side
    assert at.cue == cue
    assert at.direct_quote is quote


@pytest.mark.parametrize("text", [
    'Vladimir Putin spoke on Sunday. "The enemy has not succeeded anywhere. All their attacks failed," he added.',
])
def test_attribute_he_added_resolves_to_last_speaker(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, text)
    quoted = [a for a in ats if a.direct_quote]
    assert len(quoted) == 2  # a two-sentence quote, both sentences attributed
    assert all(a.claimant.name == "Vladimir Putin" for a in quoted)


@pytest.mark.parametrize("text", [
    "Hanna Maliar, the deputy defence minister, spoke on Monday.\nFighting continued near Klishchiivka, the deputy minister added.",
])
def test_attribute_role_noun_resolves_to_person(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, text)
    assert ats[-1].claimant.name == "Hanna Maliar"


@pytest.mark.parametrize("text,name,side", [
    ("Defence forces gain 9 sq km near Bakhmut – Maliar\nUkrainian troops pressed on in the south on Monday.", "Maliar", "UA"),
    ("Shoigu: Marinka fully liberated\nRussian troops have taken the town, the minister said.", "Shoigu", "RU"),
])
def test_attribute_headline_attribution(nlp, actors, text: str, name: str, side: str) -> None:  # type: ignore[no-untyped-def]
    ats = _attribute(nlp, actors, text)
    assert ats[0].claimant.name == name and ats[0].claimant.side == side and ats[0].cue == "headline"


@pytest.mark.parametrize("text", ["On Friday, Kiev said its troops had advanced 2 kilometers."])
def test_attribute_capital_is_government_not_person(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert [e.label_ for e in doc.ents if e.text == "Kiev"] == ["GOV"]
    [at] = Attributor(actors).attribute(doc, "RT")
    assert at.claimant.name == "Kiev" and at.claimant.kind == "organisation" and at.claimant.side == "UA"


@pytest.mark.parametrize("text", ["The Rapid Support Forces said in a statement that they had repelled an army attack."])
def test_attribute_other_war_is_not_ua_or_ru(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    [at] = _attribute(nlp, actors, text)
    assert at.claimant.side == "other"
