from __future__ import annotations

import pytest

from frontwatch.config import CleanSettings
from frontwatch.stages.clean import clean_text


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Nearly 40 rights groups oppose delivery",
        "Read also: Drone attack on Odesa port",
        "Also read Kyiv says grain corridor still open",
        "Advertisement",
        "Share this article",
        "Subscribe to our newsletter",
        "Follow us on Telegram",
        "Photo: Reuters / Some Person",
        "By Olena Petrenko",
        "© 2023 Kyiv Dispatch. All rights reserved.",
    ],
)
def test_clean_strips_boilerplate_lines(line: str) -> None:
    text = f"Russian forces shelled Kherson overnight.\n{line}\nThe governor said two people were hurt.\n"
    cleaned = clean_text(text)
    assert len(cleaned.text) == len(text)  # offsets are kept
    assert line not in cleaned.text
    assert [r.kind for r in cleaned.removed] == ["boilerplate"]
    start, end = cleaned.removed[0].span
    assert text[start:end] == line
    assert "Russian forces shelled Kherson overnight." in cleaned.text


@pytest.mark.parametrize("sentence", ["Ukraine has asked its allies for more long-range missiles and shells."])
def test_clean_blanks_verbatim_repeats_but_keeps_first(sentence: str) -> None:
    text = f"{sentence}\nKyiv said it advanced near Bakhmut. {sentence}\n"
    cleaned = clean_text(text)
    assert cleaned.text.count(sentence) == 1
    assert cleaned.text.startswith(sentence)
    assert [r.kind for r in cleaned.removed] == ["duplicate_sentence"]


@pytest.mark.parametrize("text", ["He said so. Fighting went on. He said so.\n"])
def test_clean_keeps_short_repeats(text: str) -> None:
    assert clean_text(text).removed == ()


@pytest.mark.parametrize("text", ["(MENAFN- UkrinForm) Ukrainian forces repelled 12 attacks near Marinka."])
def test_clean_drops_aggregator_prefix(text: str) -> None:
    cleaned = clean_text(text)
    assert "MENAFN" not in cleaned.text
    assert "Ukrainian forces repelled 12 attacks" in cleaned.text


@pytest.mark.parametrize("text", ["A long sentence that is repeated exactly twice here. A long sentence that is repeated exactly twice here."])
def test_clean_dedup_can_be_switched_off(text: str) -> None:
    assert clean_text(text, CleanSettings(drop_duplicate_sentences=False)).removed == ()


def test_clean_seed_story_removals(seed_text: str) -> None:
    removed = clean_text(seed_text).removed
    kinds = [r.kind for r in removed]
    assert kinds.count("boilerplate") == 2
    assert kinds.count("duplicate_sentence") == 1
    assert all(r.text.startswith("Read more:") for r in removed if r.kind == "boilerplate")


def test_aggregated_from_names_the_republished_outlet() -> None:
    from frontwatch.stages.clean import aggregated_from
    assert aggregated_from(clean_text("(MENAFN- UkrinForm) Two drones were downed.\n").removed) == "UkrinForm"
    assert aggregated_from(clean_text("Two drones were downed.\n").removed) is None
