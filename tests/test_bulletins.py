"""Report continuation (stages/bulletins.py) on invented wire-style text: a bulletin's items, a Telegram post
retold sentence by sentence, and where the carry-over ends."""

from __future__ import annotations

from frontwatch.stages.attribute import Attributor


def _claimants(nlp, actors, text: str, source: str = "Wirewire") -> list[str]:  # type: ignore[no-untyped-def]
    return [a.claimant.name if a.claimant.kind != "outlet" else "OUTLET"
            for a in Attributor(actors).attribute(nlp(text), source)]


def test_an_item_paragraph_goes_on_to_its_end(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("The General Staff said 120 clashes took place over the past day.\n\n"
            "In the Lyman direction, the enemy attacked nine times near Zarichne and Torske. Ukrainian units "
            "repelled seven of the assaults.\n\n"
            "In the Siversk direction, Russian troops tried four times to advance near Vyimka.")
    assert all(n.endswith("General Staff") for n in _claimants(nlp, actors, text))


def test_item_marks_anywhere_in_the_sentence(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukraine's General Staff said 98 clashes took place on Tuesday.\n\n"
            "The Toretsk direction saw the heaviest fighting, with 22 assaults near Niu-York.\n\n"
            "Ukrainian forces repelled five attacks near Hlyboke in the Kharkiv direction.\n\n"
            "Russian aircraft dropped 61 guided bombs on front-line towns over the past day.")
    assert all(n.endswith("General Staff") for n in _claimants(nlp, actors, text))


def test_a_grouping_of_forces_is_the_ministrys_next_item(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Russia's Defence Ministry said on Monday its forces had taken the village of Stepova Balka.\n\n"
            "Units of the Yug Group of Forces took more advantageous lines near Siversk.")
    assert _claimants(nlp, actors, text)[1].endswith("Defence Ministry")


def test_a_post_retold_between_two_statements_is_the_posters(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian forces hit Sumy with two drones on Sunday night, regional governor Petro Hrytsenko wrote.\n\n"
            "A 61-year-old man was killed and four people were wounded.\n\n"
            "One of the drones hit a bakery, and the other damaged a school.\n\n"
            "He added that the border villages had been shelled 30 times during the day.")
    names = _claimants(nlp, actors, text)
    assert all(n == names[0] for n in names) and names[0] != "OUTLET"


def test_the_paragraph_after_a_telegram_post_is_the_posts(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian troops launched a missile at Pavlohrad overnight, Mykola Lukash, head of the city military "
            "administration, said on Telegram.\n\n"
            "Six people were injured, one of them seriously. The missile damaged a warehouse.\n\n"
            "The city lies about 100 kilometres from the front line and is often hit by missiles.")
    names = _claimants(nlp, actors, text)
    assert names[1] == names[2] == names[0] != "OUTLET"
    assert names[3] == "OUTLET"  # the outlet's own description of the city


def test_separately_and_meanwhile_end_the_report(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("The General Staff said 87 clashes took place over the past day.\n\n"
            "In the Kupiansk direction, the enemy attacked five times near Kolisnykivka.\n\n"
            "Separately, a drone hit a bus station in Kherson on Monday, wounding two people.\n\n"
            "Meanwhile, the enemy shelled the outskirts of Nikopol with heavy artillery.")
    names = _claimants(nlp, actors, text)
    assert names[1].endswith("General Staff")
    assert names[2:] == ["OUTLET", "OUTLET"]


def test_a_new_speaker_ends_the_report(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("The General Staff said 87 clashes took place over the past day.\n\n"
            "Ukraine's Air Force said air defence shot down 30 of 41 drones.\n\n"
            "In the Pokrovsk direction, the enemy attacked 28 times near Lysivka.")
    names = _claimants(nlp, actors, text)
    assert "Air Force" in names[1] and "Air Force" in names[2]  # the latest report's item, not the first one's


def test_police_is_a_speaker(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    names = _claimants(nlp, actors, "Russian drones struck a fuel depot in Vilniansk overnight, the regional police said.",
                       "Kyiv Dispatch")
    assert names[0].endswith("police")


def test_the_enemys_name_goes_on_after_an_officials_carried_item(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian forces fired a missile at Pavlohrad overnight, Mykola Lukash, head of the city military "
            "administration, said on Telegram.\n\n"
            "Six people were injured. The missile damaged a warehouse.\n\n"
            "Later that morning the occupiers also attacked a power line with drones.")
    names = _claimants(nlp, actors, text)
    assert names[3] == names[0] != "OUTLET"


def test_a_chain_in_the_enemys_name_alone_stops(nlp, actors) -> None:  # type: ignore[no-untyped-def]
    text = ("Kyrylo Budanov said on Monday that the enemy was moving reserves towards Kupiansk.\n\n"
            "On Sunday, the invaders ordered residents of Dvorichna to leave.\n\n"
            "The occupiers were seen loading trucks with looted furniture.")
    names = _claimants(nlp, actors, text, "Kyiv Dispatch")
    assert names[2] == "OUTLET"
