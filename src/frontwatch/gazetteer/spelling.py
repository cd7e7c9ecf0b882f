"""Spellings of a name the gazetteer may hold under another form: an adjective in another gender, a typing slip.

Kept apart from :mod:`.translit`, whose code is part of the gazetteer's build digest (``build.supplement_digest``):
these are read at lookup time only (``Gazetteer._reformed``, ``Gazetteer.misspelt``), and a change here must not
make every built gazetteer stale.
"""

from __future__ import annotations

# the endings of a name's adjective in each gender, in Ukrainian and Russian spellings (longest first):
# Nyzhnia / Nyzhnie / Nyzhnii, Nizhnyaya / Nizhneye / Nizhniy; Nova / Nove / Novyi, Novaya / Novoye / Novyy
_GENDER_ENDINGS = ("yaya", "iaia", "eye", "oye", "aya", "ia", "ie", "ii", "yi", "yy", "iy", "ya", "ye", "oe", "a",
                   "e")


def adjective_genders(word: str) -> list[str]:
    """The same adjective in the other genders, as a name's first word may be written in another one than
    the gazetteer's ("Nyzhnie Krynka" for Nyzhnia Krynka: the settlement's gender is not the writer's).

    >>> "Nyzhnia" in adjective_genders("Nyzhnie")
    True
    >>> "Novaya" in adjective_genders("Nove")
    True
    """
    low = word.lower()
    if not low.isalpha():
        return []
    end = next((e for e in _GENDER_ENDINGS if low.endswith(e)), None)
    if end is None or len(low) - len(end) < 3:
        return []
    stem = word[: len(word) - len(end)]
    return [stem + e for e in _GENDER_ENDINGS if e != end]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(key: str) -> set[str]:
    """Every string one typing slip from ``key`` (a normalised name): a letter left out, one added, one
    wrong, two neighbours swapped.

    >>> "kupiansk" in one_edit("kupinsk"), "luhansk" in one_edit("luhanks")
    (True, True)
    """
    cuts = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1:] for a, b in cuts if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    out |= {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
    out |= {a + c + b for a, b in cuts for c in _LETTERS}
    out.discard(key)
    return out
