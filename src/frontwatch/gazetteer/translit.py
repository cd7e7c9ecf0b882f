"""Name keys: normalisation, transliteration folding and designators.

Three layers let "Kupyansk", "Kup'yans'k", "Kupiansk" and "Куп'янськ" meet in one index:

* :func:`normalise` — case, diacritics, apostrophes and soft signs, hyphens: the *exact* key.
* :func:`romanise` — Cyrillic names become Latin twice, once by Ukraine's official 2010
  rules (KMU 2010: Куп'янськ -> Kupiansk) and once by the Russian-style romanisation most
  wire copy uses (Купянск -> Kupyansk).
* :func:`loose_key` — folds what differs between Russian-style and Ukrainian-style spellings
  (g/h, -ov/-iv, -oye/-e, -ino/-yne, y/i/e vowels, doubled letters): the *loose* key.
  Kharkov/Kharkiv, Avdeyevka/Avdiivka, Kremennaya/Kreminna, Severodonetsk/Sievierodonetsk
  share a loose key. Loose matches rank below exact ones.

:func:`split_designator` recognises "the X direction", "X Oblast", "X region", "X area",
"outskirts of X" and says what kind of place the words ask for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from unidecode import unidecode

_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032\u02bb\u201b\""
_APOS_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UA_ONLY = set("іїєґІЇЄҐ")
_RU_ONLY = set("ыэъёЫЭЪЁ")


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_NOT_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2000-\u206f]")


def is_latin(text: str) -> bool:
    """True when ``text`` has Latin letters (diacritics allowed) and no letters of other scripts."""
    return bool(_LATIN_LETTER.search(text)) and not _NOT_LATIN.search(text)


def normalise(name: str) -> str:
    """The exact key: ASCII, lower case, no apostrophes or soft signs, words split by one space.

    >>> normalise("Kup’yans’k")
    'kupyansk'
    >>> normalise("Ivano-Frankivsk")
    'ivano frankivsk'
    """
    if name.isascii():
        text = _NON_ALNUM.sub(" ", name.lower().translate(_DROP_APOSTROPHES)).strip()
    else:
        text = unicodedata.normalize("NFKC", name)
        text = _APOS_RE.sub("", text).replace("ь", "").replace("Ь", "")
        if is_cyrillic(text):
            text = romanise(text)[0]
        text = unidecode(text).lower()
        text = _APOS_RE.sub("", text)
        text = _NON_ALNUM.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


# Russian-style endings and their Ukrainian-style counterparts, folded in the loose key.
# Applied at the end of each word that keeps at least three letters before the ending.
_ENDINGS = {
    "ovskoye": "ivske", "ovskoe": "ivske", "ovske": "ivske", "ovskyi": "ivske", "ovskiy": "ivske",
    "ovsky": "ivske", "skoye": "ske", "oye": "e", "oe": "e", "aya": "a", "yovka": "ivka", "ovka": "ivka", "evka": "ivka",
    "ovsk": "ivsk", "ino": "ine", "yno": "yne", "ovo": "ove", "evo": "eve", "yov": "iv", "ov": "iv",
    "ev": "iv", "yy": "i", "iy": "i", "yi": "i", "ij": "i",
}
_ENDINGS_RE = re.compile(
    r"(?<=[a-z0-9]{3})(" + "|".join(sorted(_ENDINGS, key=len, reverse=True)) + r")(?![a-z0-9])")
_VOWELS_RE = re.compile(r"[yie]")
_DOUBLE_RE = re.compile(r"(.)\1+")


def loose_key(name: str) -> str:
    """The loose key of a name (see module docstring). Spaces are dropped.

    >>> loose_key("Kharkov") == loose_key("Kharkiv")
    True
    >>> loose_key("Avdeyevka") == loose_key("Avdiivka")
    True
    """
    return loose_from_key(normalise(name))


def loose_from_key(key: str) -> str:
    """:func:`loose_key` of a name already passed through :func:`normalise`."""
    key = _ENDINGS_RE.sub(lambda m: _ENDINGS[m.group(1)], key).replace(" ", "")
    # kh/h: Х is h in some romanisations (Hrystoforivka for Khrystoforivka); x/ks: Alexandrovka, Aleksandrovka.
    # Олександр-/Александр- is no fold here but a Russian-style spelling of each village (Aleksandrovka):
    # a loose Oleksandrivka would reach every city whose old name was Aleksandrovka (Donetsk)
    key = key.replace("kh", "h").replace("x", "ks")
    key = key.replace("yo", "e").replace("g", "h").replace("w", "v").replace("zhzh", "zh")
    return _DOUBLE_RE.sub(r"\1", _VOWELS_RE.sub("i", key))


# --- Cyrillic romanisation -------------------------------------------------------------

_UA_MAP = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian letters that turn up in mixed names
    "ы": "y", "э": "e", "ъ": "", "ё": "e",
}
_UA_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_RU_MAP = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian letters that turn up in mixed names
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_RU_VOWELS = set("аеёиоуыэюяъь")


def _apply_case(src: str, out: str) -> str:
    return out.capitalize() if src.isupper() and out else out


def romanise_ua(text: str, *, wire: bool = False) -> str:
    """Ukrainian Cyrillic to Latin by the official KMU 2010 table (Куп'янськ -> Kupiansk).

    ``wire``: ї and є as yi and ye inside words too, ьо as io (Novotroyitske, Verkhniotoretske).
    """
    text = _APOS_RE.sub("", text)
    out: list[str] = []
    prev = ""
    for i, ch in enumerate(text):
        low = ch.lower()
        if wire and low in ("ї", "є") and prev:
            out.append("yi" if low == "ї" else "ye")
        elif wire and low == "ь" and text[i + 1:i + 2].lower() == "о":
            out.append("i")
        elif low == "г" and prev == "з":
            out.append("gh")  # зг -> zgh
        elif low in _UA_MAP:
            word_start = not prev.isalpha()
            rom = _UA_INITIAL[low] if word_start and low in _UA_INITIAL else _UA_MAP[low]
            out.append(_apply_case(ch, rom))
        else:
            out.append(ch)
        prev = low if ch.isalpha() else ""
    return "".join(out)


def romanise_ru(text: str) -> str:
    """Russian Cyrillic to Latin the way English-language wires write it (Купянск -> Kupyansk)."""
    text = _APOS_RE.sub("", text)
    out: list[str] = []
    prev = ""
    for ch in text:
        low = ch.lower()
        if low in _RU_MAP:
            rom = _RU_MAP[low]
            if low == "е" and (not prev or prev in _RU_VOWELS):
                rom = "ye"
            out.append(_apply_case(ch, rom))
        else:
            out.append(ch)
        prev = low if ch.isalpha() else ""
    return "".join(out)


def romanise(text: str) -> list[str]:
    """Latin forms of a Cyrillic name: Ukrainian rules, Russian rules, or both when unclear."""
    letters = set(text)
    forms: list[str] = []
    if letters & _UA_ONLY or not letters & _RU_ONLY:
        forms.append(romanise_ua(text))
    if letters & _RU_ONLY or not letters & _UA_ONLY:
        forms.append(romanise_ru(text))
    if letters & _WIRE_LETTERS or ("ьо" in text.lower() and not letters & _RU_ONLY):
        forms.append(romanise_ua(text, wire=True))
    if _RU_YE.search(text):  # a Russian name in Ukrainian letters: Побєда was Победа, wires write Pobeda
        forms.append(romanise_ua(_RU_YE.sub(lambda m: "е" if m[0] == "є" else "Е", text)))
    if "ьо" in text.lower() and not letters & _RU_ONLY:
        # Ukrainian ьо is Russian е: Польове is Полевое, Верхньоторецьке Верхнеторецкое; the
        # Russian-style spellings made from this form (Polevoye) are the ones wires write
        forms.append(romanise_ua(_SOFT_O.sub(lambda m: "е" if m[0].islower() else "Е", text)))
    return list(dict.fromkeys(forms))


_SOFT_O = re.compile(r"ьо|ЬО|ьО", re.IGNORECASE)


# Ukrainian writes є after a consonant only in Russian names kept as they were (Побєда, Сєверне):
# the Russian original has е there, romanised e.
_RU_YE = re.compile(r"(?<=[бвгґджзклмнпрстфхцчшщБВГҐДЖЗКЛМНПРСТФХЦЧШЩ])[єЄ]")


# Wire copy often spells ї and є as yi/ye inside a word too, and ьо as io (Novotroyitske,
# Verkhniotoretske), where KMU 2010 writes i, ie and o (Novotroitske, Verkhnotoretske).
_WIRE_LETTERS = set("їєЇЄ")


# --- Russian-style spellings of Ukrainian names ----------------------------------------------

# KMU 2010 writes я/ю/є inside a word as ia/iu/ie; wires write ya/yu/ye (Zelenopillia/Zelenopillya)
_SOFT_VOWELS = re.compile(r"(?<=[A-Za-z])i([aue])")
_II = re.compile(r"(?<=[a-z])ii(?=[a-z])")  # Oleksiivka -> Oleksiyivka
# Ukrainian place-name endings and the Russian forms English-language copy often uses instead
_RU_ENDINGS = (
    (re.compile(r"(?<=[^aeiouy])ivka$"), ("ovka", "evka")), (re.compile(r"ove$"), ("ovo",)), (re.compile(r"eve$"), ("evo",)),
    (re.compile(r"yne$"), ("ino",)), (re.compile(r"ivske$"), ("ovskoye", "ovskoe", "ovske")),
    (re.compile(r"ivsk$"), ("ovsk",)), (re.compile(r"ske$"), ("skoye", "skoe")), (re.compile(r"(?<=[^s])ne$"), ("noye",)),
    (re.compile(r"(?<=[^aeiouy])e$"), ("oye",)), (re.compile(r"ka$"), ()), (re.compile(r"skyi$"), ("sky", "skiy")),
    (re.compile(r"(?<=[nlk])a$"), ("aya",)),  # adjectives only: Vesela -> Veselaya, not Hora
)
_RU_Y = re.compile(r"y(?![aueio])")  # и: y in Ukrainian romanisation, i in Russian (Kalynove -> Kalinovo)
# Russian -ьевка/-еевка where Ukrainian has -івка/-іївка after a soft consonant: Vasylivka ->
# Vasilyevka, Novohryhorivka -> Novogrigoryevka, Andriivka -> Andreyevka, Serhiivka -> Sergeyevka
_RU_SOFT_ENDINGS = (
    (re.compile(r"iy?ivka$"), ("eyevka", "eevka")), (re.compile(r"(?<=[aeiouy][lr])ivka$"), ("yevka",)),
)


# A neuter noun in a doubled consonant and -я (Провалля, Привілля) is -ье in Russian (Провалье):
# Provallia is Provalye or Provalie in Russian-style copy
_DOUBLED_IA = re.compile(r"(ll|nn|tt|ss|zz|dd|rr|chch)(?:ia|ya)$")


def russian_style_variants(name: str) -> list[str]:
    """Spellings of a Ukrainian-romanised name (KMU 2010) as Russian-style copy writes them.

    Generated rather than listed, so every village in the gazetteer gets them:

    >>> russian_style_variants("Zelenopillia")
    ['Zelenopillya', 'Zelenopilye', 'Zelenopilie']
    >>> russian_style_variants("Vesela Hora")
    ['Veselaya Gora', 'Vesela Gora']
    >>> "Stepanovka" in russian_style_variants("Stepanivka")
    True
    >>> "Novogrigoryevka" in russian_style_variants("Novohryhorivka")
    True
    >>> "Andreyevka" in russian_style_variants("Andriivka")
    True
    """
    words = name.split()
    if not words or not name.isascii():
        return []
    soft = [_II.sub("iyi", _SOFT_VOWELS.sub(lambda m: "y" + m.group(1), w)) for w in words]
    ru = [_RU_H.sub(lambda m: "G" if m.group(0) == "H" else "g", w[0] + _RU_Y.sub("i", w[1:])) for w in soft]
    forms = [" ".join(soft)]
    forms += [" ".join(soft[:-1] + [e]) for e in _ending_variants(soft[-1])]
    forms += [" ".join([_ending_variants(w)[0] if _ending_variants(w) else w for w in ru[:-1]] + [e])
              for e in _ending_variants(ru[-1]) or [ru[-1]]]
    forms.append(" ".join(ru))
    if m := _DOUBLED_IA.search(ru[-1]):
        forms += [" ".join(ru[:-1] + [ru[-1][: m.start()] + m.group(1)[: len(m.group(1)) // 2] + e]) for e in ("ye", "ie")]
    forms += [" ".join(ru[:-1] + [ru[-1][: m.start()] + e]) for pattern, endings in _RU_SOFT_ENDINGS
              if (m := pattern.search(ru[-1])) for e in endings]
    if len(words) > 1 and any(w in _RU_WORDS for w in words):  # Novoselivka Persha -> Novoselovka Pervaya
        forms.append(" ".join(_RU_WORDS.get(w) or (_ending_variants(r) or [r])[0] for w, r in zip(words, ru)))
    forms = [f for f in dict.fromkeys(forms) if f != name][:8]
    rooted = [r for f in forms if (r := _RU_ROOTS.sub(lambda m: _RU_ROOT_OF[m[0]], f)) != f]
    rooted.sort(key=lambda r: "h" in r.lower())  # a Russian root goes with Russian g: Belogorovka
    return forms + [r for r in dict.fromkeys(rooted) if r not in forms][:2]


# Roots whose Ukrainian і is Russian о or е (and Ukrainian О- Russian А-: Олександр/Александр) (Сокільники/Сокольники, Світле/Светлое,
# Підгородне/Подгородное, Білогорівка/Белогоровка, Кам'янка/Каменка), at the start of a word of a
# Russian-style form: wires spell such villages by their Russian names.
_RU_ROOT_OF = {"Sokil": "Sokol", "Svitl": "Svetl", "Pidg": "Podg", "Bilo": "Belo", "Kamyan": "Kamen",
               "Girs": "Gors", "Oleks": "Aleks"}  # Олександрівка/Александровка
_RU_ROOTS = re.compile(r"\b(?:" + "|".join(_RU_ROOT_OF) + ")")


# The descriptive words of two-word names, which Russian translates rather than spells: the Russian
# name of Novoselivka Persha is Novoselovka Pervaya, of Chervona Zoria Krasnaya Zarya, of Bila
# Kamianka Belaya Kamenka.
_RU_WORDS = {
    "Persha": "Pervaya", "Pershe": "Pervoye", "Pershyi": "Pervy", "Druha": "Vtoraya", "Druhe": "Vtoroye",
    "Druhyi": "Vtoroy", "Tretia": "Tretya", "Chervona": "Krasnaya", "Chervone": "Krasnoye", "Chervonyi": "Krasny",
    "Zoria": "Zarya", "Bila": "Belaya", "Bile": "Beloye", "Bilyi": "Bely", "Kamianka": "Kamenka",
    "Velyka": "Bolshaya", "Velyke": "Bolshoye", "Velykyi": "Bolshoy", "Mala": "Malaya", "Male": "Maloye",
    "Malyi": "Maly", "Nova": "Novaya", "Nove": "Novoye", "Novyi": "Novy", "Stara": "Staraya", "Stare": "Staroye",
    "Staryi": "Stary", "Verkhnia": "Verkhnyaya", "Nyzhnia": "Nizhnyaya", "Nyzhnii": "Nizhny", "Nyzhnie": "Nizhneye",
}


_RU_H = re.compile(r"(?<![kzscKZSC])[hH]")  # г: h in Ukrainian romanisation, g in Russian (Hora -> Gora)


def _ending_variants(word: str) -> list[str]:
    low = word.lower()
    for pattern, endings in _RU_ENDINGS:
        m = pattern.search(low)
        if m:
            return [word[: m.start()] + e for e in endings]
    return []


# --- inflected and adjectival forms ------------------------------------------------------------

# Russian case endings on a place name in translated copy ("in Avdeyevke", "near Krasnogorovki",
# "from Bakhmuta"), most specific first: (ending, what the nominative ends with instead)
_CASE_ENDINGS = (
    # the Ukrainian instrumental, in copy romanised from Ukrainian ("under Novokaterynivkoiu")
    ("koyu", "ka"), ("koiu", "ka"), ("oyu", "a"), ("oiu", "a"),
    ("skom", "sk"), ("ske", "sk"), ("ska", "sk"), ("oy", "aya"), ("oi", "aya"), ("ke", "ka"), ("ki", "ka"),
    ("ku", "ka"), ("koy", "ka"), ("koi", "ka"), ("om", ""), ("e", "a"), ("e", ""), ("i", "a"), ("y", "a"),
    ("u", "a"), ("a", ""), ("u", ""),
    # a possessive name cut short of its neuter ending, as casualty lists and Russian copy write it:
    # "Kuteinikov" for Kuteinikovo, "Markin" for Markine
    ("ov", "ovo"), ("ov", "ove"), ("ev", "evo"), ("ev", "eve"), ("in", "ino"), ("in", "ine"), ("yn", "yne"),
    # an adjectival village name cut short of its neuter ending the same way: "Peredelsk" for
    # Peredilske (Russian Peredelskoye); tried only when no town is called "Peredelsk" itself
    ("sk", "ske"), ("sk", "skoye"),
)
# adjectives of towns that name axes ("Svatovsko-Kremennaya", "the Avdeyevskoye direction")
_ADJ_ENDINGS = re.compile(r"(sk)(?:o|oye|oe|aya|ii|iy|yi|yy|y|ogo|om|oy|ij)$")


def inflection_bases(word: str) -> list[str]:
    """Nominative forms a Russian-inflected name may stand for, most likely first.

    >>> inflection_bases("Avdeyevke")[:1]
    ['Avdeyevka']
    >>> "Krasnogorovka" in inflection_bases("Krasnogorovki")
    True
    """
    low = word.lower()
    if len(low) < 5 or not low.isalpha():
        return []
    out = [word[: len(word) - len(end)] + new for end, new in _CASE_ENDINGS
           if low.endswith(end) and len(low) - len(end) >= 4]
    return [b for b in dict.fromkeys(out) if b.lower() != low]


def adjective_bases(word: str) -> list[str]:
    """Town names an adjective in -sky/-skoye/-sko may be formed from, most likely first.

    >>> adjective_bases("Kupyanskoye")[:1]
    ['Kupyansk']
    >>> "Svatovo" in adjective_bases("Svatovsko")
    True
    >>> "Avdeyevka" in adjective_bases("Avdeyevskoye")
    True
    >>> "Popasna" in adjective_bases("Popasnianskyi")
    True
    """
    m = _ADJ_ENDINGS.search(word.lower())
    if not m or m.start() < 3:
        return []
    stem = word[: m.start()]
    out = [stem + "sk", stem, stem + "o", stem + "e", stem + "a", stem + "ka", stem + "ye"]
    if stem.lower().endswith(("ian", "yan")) and len(stem) > 5:
        # a raion's adjective: Popasnianskyi (Popasnyansky) raion is Popasna's
        out.append(stem[:-3] + "a")
    return list(dict.fromkeys(out))


# --- designators -------------------------------------------------------------------------

Want = Literal["any", "region", "place"]

_REGION_WORDS = (
    "oblast", "oblast'", "obl", "region", "province", "krai", "kray", "governorate", "state",
    "republic", "district", "raion", "rayon", "county", "prefecture",
)
_AREA_WORDS = (
    "direction", "axis", "sector", "area", "front", "frontline", "front line", "outskirts",
    "suburbs", "environs", "vicinity", "flank", "salient", "pocket", "bridgehead", "axes",
)
_AREA_PREFIXES = (
    "outskirts of", "suburbs of", "vicinity of", "environs of", "approaches to", "area of",
    "direction of", "outside", "near", "around",
)
_CITY_SUFFIXES = ("city", "town", "village", "settlement")
_CITY_PREFIXES = ("city of", "town of", "village of", "settlement of", "port of", "port city of")


@dataclass(frozen=True)
class Designated:
    """A name with its designator words taken off."""

    base: str
    want: Want  # region: only regions/countries; place: only settlements; any: no constraint
    precision: int | None  # 2 for "X direction"/"near X", 3 for "X region", None when the name alone
    designator: str | None = None


def split_designator(text: str) -> Designated | None:
    """Take a designator off ``text``: "the Kharkov region" -> ("Kharkov", region, 3).

    Returns None when the text carries no designator.
    """
    t = " ".join(text.strip().split())
    low = t.lower()
    if low.startswith("the "):
        t, low = t[4:], low[4:]
    for word in _REGION_WORDS:
        if low.endswith(" " + word) and len(low) > len(word) + 2:
            base = t[: -len(word) - 1].strip(" ,")
            # "raion"/"district" of a town: the town's area, not an admin1 region
            if word in ("district", "raion", "rayon", "county"):
                return Designated(base, "any", 2, word)
            return Designated(base, "region", 3, word)
    for word in _AREA_WORDS:
        if low.endswith(" " + word) and len(low) > len(word) + 2:
            return Designated(t[: -len(word) - 1].strip(" ,"), "place", 2, word)
    for word in _CITY_SUFFIXES:  # "Kiev city", "Yesaulivka village": conflict-data labels
        if low.endswith(" " + word) and len(low) > len(word) + 2:
            return Designated(t[: -len(word) - 1].strip(" ,"), "place", 1, word)
    for prefix in _AREA_PREFIXES:
        if low.startswith(prefix + " "):
            return Designated(t[len(prefix) + 1 :].strip(), "place", 2, prefix)
    for prefix in _CITY_PREFIXES:
        if low.startswith(prefix + " "):
            return Designated(t[len(prefix) + 1 :].strip(), "place", 1, prefix)
    return None

