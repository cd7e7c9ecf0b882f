from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.actors import CATEGORIES, Actors, opposite
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


def test_actors_grouped_names_match_as_the_plain_alternation(actors: Actors) -> None:
    """The case-sensitive names are grouped by their first character (speed): the same matches as one plain
    alternation of every name, longest first, over text made of the names themselves, glued and apart."""
    import re

    names = [n for c in CATEGORIES for n, _ in actors.names(c) if not n.islower()]
    plain = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
                       + r")(?![\w-])")
    text = " ".join(names) + " " + ", ".join(f"{n}s {n}-led the {n}'s" for n in names) + " " + "".join(names)
    text += " Russian Defence Ministry officials said Kyiv's forces and the Kremlin met in Moscow."
    assert actors._exact is not None
    assert [m.span() for m in actors._exact.finditer(text)] == [m.span() for m in plain.finditer(text)]
