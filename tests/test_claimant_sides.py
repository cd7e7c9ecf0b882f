"""Civil offices of a place take the side that governs the place (stages/office_sides.py). Sentences invented for
these tests."""

from __future__ import annotations

import pytest

from frontwatch.stages.office_sides import place_side


def _sides(pipeline, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    report = pipeline.analyze(text, published="2024-06-10", source="Wirewire")
    return {c.claimant.side for c in report.claims if c.claimant.name != "Wirewire"}


@pytest.mark.parametrize(("text", "side"), [
    # an unnamed regional office takes the region named before it (the dateline, the town in the report)
    ("ZAPORIZHZHIA, Ukraine, June 10 (Wirewire) - Russian drones hit a bakery in Orikhiv on Monday, the regional "
     "administration said.", "UA"),
    ("Ukrainian drones set fire to a fuel tank in Bryansk region on Monday, the regional governor said.", "RU"),
    ("Ukrainian artillery shelled a village on Monday, wounding two, local authorities in Belgorod region said.", "RU"),
    ("Russian missiles damaged a hospital on Monday, the mayor of Kryvyi Rih said.", "UA"),
    # installed offices and offices of occupied or long-held places answer to Moscow
    ("Ukrainian forces shelled Nova Kakhovka on Monday, the head of occupied Kherson region said.", "RU"),
    ("Ukrainian drones struck a depot near Sevastopol on Monday, the city's governor said.", "RU"),
])
def test_an_office_takes_the_side_governing_its_place(pipeline, text: str, side: str) -> None:  # type: ignore[no-untyped-def]
    assert _sides(pipeline, text) == {side}


def test_place_side_reads_held_cities_and_ukrainian_regions() -> None:
    assert place_side("the mayor of Donetsk") == "RU"
    assert place_side("the governor of Donetsk region") == "UA"
    assert place_side("officials in Crimea") == "RU"
    assert place_side("Kyiv said; later shelling near Sumy", last=True) == "UA"
    assert place_side("talks in Geneva") is None
