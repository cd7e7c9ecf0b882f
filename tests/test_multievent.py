"""Several events in one sentence: each takes the place and time of its own clause (stages/attach.py), and a salvo
with its shoot-down is a strike and a repulse (stages/event_phrases.py). Sentences invented for these tests."""

from __future__ import annotations


def _events(pipeline, text: str, published: str):  # type: ignore[no-untyped-def]
    report = pipeline.analyze(text, published=published, source="Wirewire")
    return {e.type: e for c in report.claims for e in c.events}


def test_two_clauses_keep_their_own_place_and_time(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Russian troops shelled Kherson on Sunday and struck Odesa with drones overnight, "
                     "the Southern Defence Forces said on Monday.", "2024-06-10")
    shelling, strike = events["shelling"], events["strike"]
    assert [p.text for p in shelling.places] == ["Kherson"] and [p.text for p in strike.places] == ["Odesa"]
    assert shelling.time is not None and str(shelling.time.start) == "2024-06-09"
    assert strike.time is not None and str(strike.time.end) == "2024-06-10"


def test_a_participle_clause_takes_its_head_clauses_place_and_time(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Russian artillery shelled Nikopol on Tuesday, killing two people and wounding five, "
                     "regional governor Serhiy Lysak said.", "2024-06-13")
    deaths = events["casualties"]
    assert [p.text for p in deaths.places] == ["Nikopol"]
    assert deaths.time is not None and str(deaths.time.start) == "2024-06-11"


def test_a_conjunct_without_a_time_is_dated_by_its_first_verb(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Russian troops entered the eastern outskirts of Chasiv Yar on Thursday and lost two "
                     "tanks in the fighting, Ukrainian military spokesman Nazar Voloshyn said on Friday.", "2024-04-05")
    assert events["casualties"].time is not None and str(events["casualties"].time.start) == "2024-04-04"


def test_capture_and_advance_split_their_places(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Ukrainian forces retook Robotyne and advanced towards Verbove, the General Staff "
                     "said on Monday.", "2023-08-28")
    assert [p.text for p in events["capture"].places] == ["Robotyne"]
    assert [p.text for p in events["advance"].places] == ["Verbove"]


def test_a_salvo_and_its_shoot_down_are_a_strike_and_a_repulse(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Russia launched 40 drones and three missiles at Ukraine overnight, and air defences "
                     "shot down 35 of the drones, Ukraine's air force said.", "2024-06-12")
    assert {"strike", "repelled"} <= set(events)
    assert events["strike"].actor_side == events["repelled"].actor_side == "RU"


def test_an_attack_and_its_repulse_stay_one_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    events = _events(pipeline, "Russian troops attacked Robotyne, but Ukrainian forces repelled the assault, the "
                     "General Staff said.", "2023-08-28")
    assert set(events) == {"repelled"}


def test_one_verb_with_two_places_each_with_its_day_is_two_events(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = pipeline.analyze("Russian forces shelled Kherson on Monday and Nikopol on Tuesday, Ukrainian officials "
                              "said.", published="2024-06-12", source="Wirewire")
    shellings = [e for c in report.claims for e in c.events if e.type == "shelling"]
    assert [([p.text for p in e.places], str(e.time.start) if e.time else None) for e in shellings] == [
        (["Kherson"], "2024-06-10"), (["Nikopol"], "2024-06-11")]


def test_a_breakdown_with_one_day_stays_one_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = pipeline.analyze("Ukraine's army said it had repelled 12 attacks near Bakhmut and 8 near Avdiivka on "
                              "Monday.", published="2024-06-12", source="Wirewire")
    assert [e.type for c in report.claims for e in c.events] == ["repelled"]


def test_a_frame_the_sentence_shares_stays_on_each_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = pipeline.analyze("In the Odesa region, the governor said Russian drones had hit a port in Izmail and "
                              "artillery had shelled Vylkove.", published="2024-06-12", source="Wirewire")
    places = {e.type: {p.text for p in e.places} for c in report.claims for e in c.events}
    assert "Izmail" in places["strike"] and "Vylkove" not in places["strike"]
    assert "Odesa region" in places["strike"]


def test_an_event_told_again_is_one_claim_and_another_is_two(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian forces shelled Nikopol on Monday, regional governor Serhiy Lysak said.\n\n"
            "Russian forces shelled Nikopol with heavy artillery, Lysak said.\n\n"
            "Russian forces shelled Nikopol again on Tuesday, Lysak said.")
    report = pipeline.analyze(text, published="2024-06-12", source="Wirewire")
    days = [str(e.time.start) if e.time else None for c in report.claims for e in c.events if e.type == "shelling"]
    assert days == ["2024-06-10", "2024-06-11"]


def test_another_strike_does_not_take_the_first_ones_day(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = ("A Russian missile hit a school in Kharkiv on Monday, the governor said. Another Russian missile hit "
            "Kharkiv, he said.")
    report = pipeline.analyze(text, published="2024-06-12", source="Wirewire")
    strikes = [e for c in report.claims for e in c.events if e.type == "strike"]
    assert len(strikes) == 2 and strikes[1].time is None
