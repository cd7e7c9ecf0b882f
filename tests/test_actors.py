from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.actors import Actors, opposite
from frontwatch.config import ActorSettings
from frontwatch.errors import ConfigError


@pytest.mark.parametrize(
    "phrase,side",
    [
        ("Vladimir Putin", "RU"),
        ("Hanna Maliar", "UA"),
        ("Ukraine's Defence Ministry", "UA"),
        ("the Russian Defence Ministry", "RU"),
        ("the occupiers", "RU"),
        ("the Kiev regime", "UA"),
        ("the Rapid Support Forces", "other"),
        ("the Pentagon", "other"),
        ("the town council", None),
    ],
)
def test_actors_side_of(actors: Actors, phrase: str, side: str | None) -> None:
    assert actors.side_of(phrase) == side


@pytest.mark.parametrize("text", ["Let us know what they told us."])
def test_actors_short_acronyms_are_case_sensitive(actors: Actors, text: str) -> None:
    assert actors.find(text) == []


@pytest.mark.parametrize("side,other", [("UA", "RU"), ("RU", "UA"), ("other", "unknown"), ("unknown", "unknown")])
def test_actors_opposite(side: str, other: str) -> None:
    assert opposite(side) == other


def test_actors_user_file_adds_names(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    path.write_text('[sides.other]\norganisations = ["Sahel Defence Front"]\n', encoding="utf-8")
    actors = Actors.load(ActorSettings(actors_file=str(path)))
    assert actors.side_of("the Sahel Defence Front said") == "other"
    assert actors.side_of("Putin") == "RU"  # the bundled table is kept


@pytest.mark.parametrize("content", ["[sides.UA]\npeople = 'Zelensky'\n", "not toml = = ="])
def test_actors_bad_user_file_is_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "actors.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="actors.toml"):
        Actors.load(ActorSettings(actors_file=str(path)))
