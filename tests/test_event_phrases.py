"""Event phrase families seen on unseen real war news (issue 8), on sentences written for these tests."""

from __future__ import annotations

import pytest

from frontwatch.stages.attribute import Attributor
from frontwatch.stages.events import EventFinder


def _events(nlp, actors, text: str, source: str = "Wirewire"):  # type: ignore[no-untyped-def]
    ats = Attributor(actors).attribute(nlp(text), source)
    finder = EventFinder(actors)
    return [(e.type, e.polarity, e.actor_side) for at in ats for e in finder.find(at)]


@pytest.mark.parametrize("text,expected", [
    # positions improved, with a quotation mark or an adjective in between
    ('The Russian Defence Ministry said its units had "improved" their forward positions near Synkivka.',
     ("advance", "asserted", "RU")),
    # pulled back to prepared lines
    ("Ukrainian units moved to more advantageous defensive positions west of the village, the spokesman said.",
     ("withdrawal", "asserted", "UA")),
    ("Ukraine's General Staff said its troops moved to prepared positions near Orikhiv.",
     ("withdrawal", "asserted", "UA")),
    # holding out against attacks
    ("Maliar said Ukrainian forces were still holding the front line near Kupiansk.", ("repelled", "asserted", "RU")),
    # attempts to storm, efforts to take
    ("Ukraine's General Staff said Russian troops made three attempts to storm the village of Krynky.",
     ("clash", "asserted", "RU")),
    ("Kupiansk is a rail hub which Russian forces have been pushing to take for months.", ("clash", "asserted", "RU")),
    # ground still held: the enemy's capture, denied
    ("Maliar said Ukrainian troops still control the village of Tabaivka.", ("capture", "denied", "RU")),
    ("Maliar said Kyiv remains in control of the village.", ("capture", "denied", "RU")),
    # the capture denied by denying reports of it
    ("Ukraine's General Staff denied reports of the capture of Robotyne.", ("capture", "denied", "RU")),
    ('"Reports suggesting that half of Vovchansk has been captured are untrue," Maliar said.',
     ("capture", "denied", "RU")),
    ("Maliar said half of the town was under Russian control.", ("capture", "asserted", "RU")),
    ("The governor said the town has already fallen to Russian forces.", ("capture", "asserted", "RU")),
    # shoot-downs told with "hit"
    ('"Our anti-aircraft missile system hit a Su-34 bomber near Marinka," Ukraine\'s air force said.',
     ("repelled", "asserted", "RU")),
    # prisoner exchanges told by what they did
    ("The Russian Defence Ministry said it had exchanged 60 servicemen with Ukraine.",
     ("negotiation", "asserted", "unknown")),
    ("Zelensky said Ukraine brought home 95 former captives on Friday.", ("negotiation", "asserted", "unknown")),
    # a drone crashing into a building
    ("The mayor said a Russian drone crashed into a nine-storey building in Kharkiv.", ("strike", "asserted", "RU")),
])
def test_event_phrase_families(nlp, actors, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _events(nlp, actors, text)


@pytest.mark.parametrize("text,expected", [
    # a side that improved its positions and repelled attacks: two deeds, two events
    ("The Russian Defence Ministry said its forces improved their positions and repelled five Ukrainian attacks.",
     {("advance", "asserted", "RU"), ("repelled", "asserted", "UA")}),
    # a strike and a shoot-down told in clauses of their own
    ("Ukraine responded with air raids, the Russian Defence Ministry said, adding that its air defences shot down 40 "
     "drones.", {("strike", "asserted", "UA"), ("repelled", "asserted", "UA")}),
])
def test_events_not_swallowed(nlp, actors, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert expected <= set(_events(nlp, actors, text))


@pytest.mark.parametrize("text,absent", [
    # an attempt that was repelled stays one repelled event
    ("Maliar said Russian troops tried to advance near Bakhmut but were repelled.", "clash"),
    # "pushing to take": the attempt, not an advance
    ("Kupiansk is a rail hub which Russian forces have been pushing to take for months.", "advance"),
])
def test_events_still_swallowed(nlp, actors, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in {e[0] for e in _events(nlp, actors, text)}


def test_photo_caption_with_credit_is_no_claim(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "File photo of firefighters at a building hit by a Russian missile in Odesa | Photo Credit: Wirewire"
    assert _events(nlp, actors, text) == []


@pytest.mark.parametrize("text,expected", [
    # two means side by side are two events; the target's side is not the attacker's
    ("Aviation strikes and artillery fire hit the manpower of a Ukrainian brigade, the Russian Defence Ministry said.",
     {("strike", "asserted", "RU"), ("shelling", "asserted", "RU")}),
    # a share of a town under a side's control: ground gained, not ground kept
    ("Gerasimov said 70 percent of Pokrovsk was under Russian control.", {("capture", "asserted", "RU")}),
])
def test_events_means_targets_and_shares(nlp, actors, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert expected <= set(_events(nlp, actors, text))


def test_weapon_identified_is_no_new_strike(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "The missile that struck the school in Sumy appeared to have been an Iskander, Maliar said."
    assert "strike" not in {e[0] for e in _events(nlp, actors, text)}


@pytest.mark.parametrize("text,absent", [
    # the dead whose bodies were exchanged are not a new casualty count
    ("Ukraine and Russia also exchanged the bodies of the dead, the ombudsman said.", "casualties"),
])
def test_events_told_before_or_exchanged(nlp, actors, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in {e[0] for e in _events(nlp, actors, text)}


def test_rockets_fired_at_a_site_are_a_strike(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "The police said Russian forces fired rockets at the railway station in Sloviansk."
    assert ("strike", "asserted", "RU") in _events(nlp, actors, text)


@pytest.mark.parametrize("text,expected", [
    # two sides' tallies joined by "while": two casualty counts
    ("Russian forces lost 520 troops near Bakhmut, while Ukraine lost 40 soldiers near Vuhledar, the analysts said.",
     [("casualties", "asserted", "UA"), ("casualties", "asserted", "RU")]),
    # two captures contrasted
    ("Ukraine's forces captured Robotyne, while Russian forces took Marinka, the analysts said.",
     [("capture", "asserted", "UA"), ("capture", "asserted", "RU")]),
    # killed here and wounded there stays one casualty count
    ("The governor said three people were killed in Kherson, while two were wounded in Nikopol.",
     [("casualties", "asserted", "unknown")]),
])
def test_events_contrasted_by_while(nlp, actors, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, actors, text) == expected


def test_fighting_with_attacks_launched_names_the_attacker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = "Maliar said there was heavy fighting near Toretsk, with Russian forces launching 40 attacks."
    assert ("clash", "asserted", "RU") in _events(nlp, actors, text)


def test_event_weighed_is_no_claim(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = 'Maliar said the capture of the hamlet had "no strategic significance".'
    assert "capture" not in {e[0] for e in _events(nlp, actors, text)}


@pytest.mark.parametrize("text,expected", [
    # shelling by its weapon, whatever the attack verb: means, modifier or subject
    ("The occupiers hit Marhanets with Grad rockets on Sunday, the regional governor said.", "shelling"),
    ("Russian troops struck the village of Ternuvate with artillery overnight, Maliar said.", "shelling"),
    ("Russian forces attacked the village of Zolochiv with mortars, the governor said.", "shelling"),
    ("Russian forces launched an Uragan attack on the town of Chervonohryhorivka, the governor said.", "shelling"),
    ("Russian howitzers hit the village of Malokaterynivka, the regional governor said.", "shelling"),
    # a strike on a district, a dam or infrastructure, not fighting at the front
    ("Russian forces attacked the Shevchenkivskyi district of Zaporizhzhia, the governor said.", "strike"),
    ("Ukrainian officials said Russian troops attacked a dam on the Siverskyi Donets river.", "strike"),
    # shoot-downs: "the downing of", a tally, drones destroyed by air defence
    ("The Russian Defence Ministry reported the downing of a Ukrainian Su-24 near Kurakhove.", "repelled"),
    ('"Minus one Ka-52," the Ukrainian brigade wrote on Telegram.', "repelled"),
    ("Maliar said air defence units destroyed 18 out of 22 Shahed drones overnight.", "repelled"),
    ("The Russian Defence Ministry said air defence systems neutralised nine Ukrainian drones over Bryansk.", "repelled"),
    # redeployed to more favourable lines: a pullback
    ("The General Staff said Ukrainian units had been redeployed to more favourable lines near Pervomaiske.",
     "withdrawal"),
    ("The Russian Defence Ministry said its units carried out a redeployment to more advantageous positions.",
     "withdrawal"),
    # casualties: bodies retrieved with a count, people taken to hospital
    ("Rescuers retrieved the bodies of four people from the rubble, the governor said.", "casualties"),
    ("Six residents were taken to hospital after the attack, the regional governor said.", "casualties"),
])
def test_event_type_phrases(nlp, actors, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in {e[0] for e in _events(nlp, actors, text)}


@pytest.mark.parametrize("text,expected", [
    # a ground attack with tanks stays a clash; missiles or drones beside artillery stay a strike
    ("Maliar said Russian troops attacked Ukrainian positions with tanks and infantry near Avdiivka.", "clash"),
    ("Maliar said Russian forces attacked the town with artillery and drones overnight.", "strike"),
])
def test_event_type_not_shelling(nlp, actors, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    kinds = {e[0] for e in _events(nlp, actors, text)}
    assert expected in kinds and "shelling" not in kinds


@pytest.mark.parametrize("text,expected", [
    # the shot-down aircraft's side is the side whose attack failed
    ("The Russian Defence Ministry reported the downing of a Ukrainian Su-24 near Kurakhove.",
     ("repelled", "asserted", "UA")),
    ('"Minus one Su-34," Ukraine\'s air force wrote on Telegram.', ("repelled", "asserted", "RU")),
    ("Ukraine's air force said air defence units destroyed 18 out of 22 Shahed drones overnight.",
     ("repelled", "asserted", "RU")),
])
def test_shoot_down_sides(nlp, actors, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _events(nlp, actors, text)


@pytest.mark.parametrize("text,absent", [
    # a gerund after "denied" is no shoot-down told; bodies with no count are a scene, not a casualty count
    ("Kyiv has neither confirmed nor denied downing the aircraft, the ministry said.", "repelled"),
    ("Volunteers pulled bodies from the wreckage of the building, the police said.", "casualties"),
    # drones destroyed by air defence are a shoot-down, not the defenders' losses
    ("Ukraine's air force said air defence units destroyed 18 out of 22 Shahed drones overnight.", "casualties"),
])
def test_event_type_phrases_absent(nlp, actors, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    assert absent not in {e[0] for e in _events(nlp, actors, text)}


@pytest.mark.parametrize("text,expected", [
    # a Russian grouping as the ministry's bulletins capitalise it is not "Western" (a third party)
    ("The Russian Defence Ministry said units of the Western Group of Forces improved their positions near Kupiansk.",
     ("advance", "asserted", "RU")),
    # a weapon only one side fields names who used it
    ("Kyrylenko said the missiles that hit Kramatorsk were cluster munitions fired from an Iskander system.",
     ("weapons_use", "asserted", "RU")),
])
def test_actor_side_from_grouping_and_weapon(nlp, actors, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _events(nlp, actors, text)


@pytest.mark.parametrize("text,expected,absent", [
    # counted settlements taken with the ground: a capture, told once
    ("Syrskyi said Ukrainian forces now control 1,000 square kilometres and 74 settlements in the Kursk region.",
     ("capture", "asserted", "UA"), "advance"),
    ("Maliar said Ukrainian forces liberated 90 square kilometres and seven settlements.",
     ("capture", "asserted", "UA"), "advance"),
    # the other side's positions destroyed by artillery: shelling, not a tally of losses
    ("The Russian Defence Ministry said artillery crews of the Southern group destroyed Ukrainian positions near Kurakhove.",
     ("shelling", "asserted", "RU"), "casualties"),
])
def test_settlements_counted_and_positions_shelled(nlp, actors, text: str, expected: tuple[str, str, str],  # type: ignore[no-untyped-def]
                                                   absent: str) -> None:
    events = _events(nlp, actors, text)
    assert expected in events and absent not in {e[0] for e in events}


def test_passive_clause_keeps_its_own_subject(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    # the main clause's Russian attacks say nothing of who launched the drone destroyed in the "since" clause
    text = "Russian missile attacks on the city have grown more frequent since a drone was destroyed over the port in May."
    assert ("repelled", "asserted", "unknown") in _events(nlp, actors, text)


@pytest.mark.parametrize("text,expected", [
    # a count of victims, and prisoners named as service members
    ("The number of victims of the strike on the market has risen to 17, the governor said.", "casualties"),
    ("There are victims, the regional police said.", "casualties"),
    ("The General Staff said 40 Russian servicepeople were captured near Robotyne.", "casualties"),
])
def test_victims_and_servicepeople(nlp, actors, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in {e[0] for e in _events(nlp, actors, text)}


@pytest.mark.parametrize("text", [
    # victims with no count told, and the counted people taken on to hospital
    "Rescue crews have worked through the night to find victims under the rubble, the agency said.",
    "The number of victims is hard to imagine, the mayor said.",
    "The victims were taken to the regional hospital, the governor said.",
])
def test_victims_not_counted(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "casualties" not in {e[0] for e in _events(nlp, actors, text)}


# -- the coverage grid's general rules (tests/data/coverage), on sentences written for these tests ---------------

@pytest.mark.parametrize("text,expected", [
    ("Ukrainian mechanised brigades advanced along the Orikhiv road, the deputy defence minister said on Friday.",
     ("advance", "asserted", "UA")),
    ("Russian troops attempted to cross the river near Krynky without success, the navy spokesman said.",
     ("repelled", "asserted", "RU")),
    ("Five Ukrainian marines lost their lives near the bridgehead, the brigade said.", ("casualties", "asserted", "RU")),
    ("Russia pulled out of the Black Sea grain initiative, the Kremlin spokesman said.", ("negotiation", "asserted", "RU")),
])
def test_events_coverage_rules(nlp, actors, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected[0] in [e[0] for e in _events(nlp, actors, text)]


@pytest.mark.parametrize("text", [
    "The swimmer captured the European title in Rome, the federation said.",
    "Stock prices fell sharply in Kyiv on Monday, traders said.",
    "The minister shot down rumours of his resignation, the outlet reported.",
    "The drought killed off most of the wheat, farmers said.",
    "The new tariffs struck a blow to exporters, the chamber said.",
    "The company secured a contract with the city council, its spokesman said.",
])
def test_events_coverage_other_senses(nlp, actors, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, actors, text) == []
