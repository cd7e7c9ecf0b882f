"""Demonyms: nationality words ("Russian", "Israelis", "Sri Lankan") and the countries or areas they name.

:mod:`.places_mentions` uses them twice: a nationality word the model tagged as a place is no place
("Ukrainian officials"), and a demonym mention records the country it names (``article.places`` holds it
with role ``demonym``: docs/places.md). The table comes from countryinfo (a declared dependency).
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span

_DEMONYM_ENDING = re.compile(r"(?:ian|ians|ean|eans|ese|ish|an|ans|i|is|ic)$")


DEMONYM_WORD_POP = 1_000_000  # the first word of a two-word demonym stands alone for a country this big
DEMONYM_OWNER_RATIO = 50  # a state this many times bigger than the territories that share its demonym owns it


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, str]]:
    """Nationality word (lower case, singular and plural) -> (country code, country name), from countryinfo.

    A word two countries share ("Congolese") is left out, unless one of them outnumbers every other
    fiftyfold: "American" is the United States' (the Northern Mariana Islands share it),
    "Chinese" China's, "French" France's. The second word of a two-word demonym is left out, while
    the first stands alone ("Saudi" from "Saudi Arabian").
    """
    from .places_mentions import COMPASS  # (at call time: places_mentions imports this module)

    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    owners: dict[str, set[tuple[str, str, int]]] = {}
    for info in CountryInfo.all().values():
        iso, dem, name = (info.get("ISO") or {}).get("alpha2"), info.get("demonym"), info.get("name")
        if not (iso and dem and name):
            continue
        first = dem.split()[0]
        # "Saudi" of "Saudi Arabian" stands alone; "Norfolk" of "Norfolk Islander" (1,800 people), "New" of
        # "New Zealander" and "South" of "South African" do not: they name other things first
        alone = int(info.get("population") or 0) >= DEMONYM_WORD_POP and first.lower() not in COMPASS | {"new"}
        forms = {dem, first} if " " in dem and alone else {dem}
        for form in list(forms):
            if not form.endswith(("ese", "sh", "ch", "s", "x", "z")):
                forms.add(form + "s")
        for form in forms:
            owners.setdefault(form.lower(), set()).add((str(iso), str(name), int(info.get("population") or 0)))
    out: dict[str, tuple[str, str]] = {}
    for form, owned in owners.items():
        first, *rest = sorted(owned, key=lambda o: -o[2])
        if all(first[2] >= DEMONYM_OWNER_RATIO * max(o[2], 1) for o in rest):
            out[form] = (first[0], first[1])
    return out


# "Ohioans" -> Ohio, "Floridian" -> Florida, "Texan" -> Texas, "European" -> Europe, "New Yorker" -> New York
_AREA_DEMONYM_ENDINGS = (("ians", ("a", "", "o")), ("ian", ("a", "", "o")), ("ans", ("a", "", "o", "s")),
                         ("an", ("a", "", "o", "s")), ("ers", ("",)), ("er", ("",)))
AREA_DEMONYM_FEATURES = frozenset({"region", "macroregion", "continent"})


def area_demonym_stems(word: str) -> tuple[str, ...]:
    """The area names a nationality-like word that is no country's may stand for, likeliest first."""
    for ending, replacements in _AREA_DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return tuple(word[:-len(ending)] + r for r in replacements)
    return ()


def demonym_country(word: str) -> tuple[str, str] | None:
    """("RU", "Russia") for "Russian" or "Russians"; None for a word that is no country's demonym."""
    return _demonyms().get(word.lower().replace("\u2019", "'").removesuffix("'s"))


def is_demonym(ent: Span) -> bool:
    """"Ukrainian officials", "Israeli strikes", "Israelis", "Sri Lankan troops": a nationality word the model
    tagged as a place."""
    if len(ent) != 1:
        return demonym_country(ent.text) is not None  # "Sri Lankan", "South African": two words, one country
    word, tag = ent.text.lower(), ent.root.tag_
    if tag == "JJ":
        return bool(_DEMONYM_ENDING.search(word))
    return tag in ("NNPS", "NNS") and word.endswith("s") and bool(_DEMONYM_ENDING.search(word))  # "Israelis"
