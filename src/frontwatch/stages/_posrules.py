"""The model's ``attribute_ruler`` (tag -> POS and morphology, lemma exceptions), as dictionary lookups.

spaCy's ``attribute_ruler`` runs its ~180 rules through the general ``Matcher`` and then sets
each match's attributes through a ``Span`` and a ``Token``: about a tenth of the whole spaCy
pass of ``en_core_web_sm``, for what is mostly a table from tag to part of speech.
``FastAttributeRuler`` takes the same rules from the loaded component and applies them with
the same result: every rule whose token patterns match sets its attributes on its token, rules
applied in their order so a later rule overrides an earlier one, matches found on the Doc
as it was before any rule changed it. The rules are indexed by a value their first token
must have (its tag, lower-case form or dependency), so a token is checked only against the
few rules that can match it; the attributes are read and written as one array per Doc.

Rules it cannot express (another pattern key or operator, an extension attribute) leave the
stock component in place: ``replace_attribute_ruler`` then returns False. A test compares
the two on our gold texts attribute by attribute.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

# The token attributes a pattern may test, in the order of the array read per Doc.
_READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN = {name: k for k, name in enumerate(_READ)}
# The attributes a rule may set (spaCy's set_token_attrs writes these straight into the token).
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)

Check = tuple[int, str, Any]  # (column, kind, value): kind eq | in | not_in | regex | bool
Rule = tuple[int, tuple[tuple[Check, ...], ...], int]  # (rule order, checks per token, index of the token set)
# What the rules do at a token of one class (FastAttributeRuler._plan)
Plan = tuple[list[int], list[Rule], tuple[tuple[int, int], ...]]
_MAX_CLASSES = 100_000  # entries of each per-process table of FastAttributeRuler before it starts again


class Unsupported(ValueError):
    """A rule this implementation cannot express."""


class FastAttributeRuler:
    """The rules of a spaCy ``AttributeRuler``, applied without the Matcher (see the module docstring)."""

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, int]] = []
        for attrs in ruler.attrs:
            if any(key not in _WRITE for key in attrs):
                raise Unsupported(f"a rule sets {sorted(attrs)}")
            self.attrs.append({_WRITE.index(key): value for key, value in attrs.items()})
        self.by_first: dict[tuple[int, int], list[Rule]] = defaultdict(list)  # (column, value) -> rules
        self.always: list[Rule] = []  # rules whose first token has no value to index them by
        for order, index in enumerate(ruler.indices):
            _key, patterns = ruler.matcher.get(str(order))
            for pattern in patterns:
                checks = tuple(tuple(self._checks(spec)) for spec in pattern)
                rule = (order, checks, index)
                anchors = self._anchors(checks[0])
                if anchors:
                    for anchor in anchors:
                        self.by_first[anchor].append(rule)
                else:
                    self.always.append(rule)
        self._strings: dict[int, str] = {}
        # The LOWER values that an equality or set check names, and the regexes run on LOWER: a token's
        # LOWER matters to the rules only through these, so every other word shares one "class" with
        # the words that give the same regex results (see _plan).
        self._named_lower = frozenset(
            v for rules in (*self.by_first.values(), self.always) for _o, checks, _i in rules for token in checks
            for col, kind, value in token if col == _COLUMN["LOWER"] and kind != "regex"
            for v in (value if isinstance(value, frozenset) else (value,)))
        self._lower_regexes = tuple(dict.fromkeys(
            value for rules in (*self.by_first.values(), self.always) for _o, checks, _i in rules for token in checks
            for col, kind, value in token if col == _COLUMN["LOWER"] and kind == "regex"))
        self._lower_class: dict[int, Any] = {}  # LOWER value -> its class
        self._plans: dict[tuple[Any, ...], Plan] = {}  # token class -> plan

    def _checks(self, spec: dict[str, Any]) -> list[Check]:
        out: list[Check] = []
        for name, value in spec.items():
            if name not in _COLUMN:
                raise Unsupported(f"pattern key {name}")
            col = _COLUMN[name]
            if name == "IS_SPACE":
                if not isinstance(value, bool):
                    raise Unsupported(f"IS_SPACE {value!r}")
                out.append((col, "bool", int(value)))
            elif isinstance(value, str):
                out.append((col, "eq", self.vocab.strings[value]))
            elif isinstance(value, dict) and len(value) == 1:
                (op, arg), = value.items()
                if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                    out.append((col, op.lower(), frozenset(self.vocab.strings[v] for v in arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    out.append((col, "regex", re.compile(arg)))
                else:
                    raise Unsupported(f"{name} {value!r}")
            else:
                raise Unsupported(f"{name} {value!r}")
        return out

    @staticmethod
    def _anchors(checks: tuple[Check, ...]) -> list[tuple[int, int]]:
        """Values the first token must have, from one equality or IN check (none: check every token)."""
        for col, kind, value in checks:
            if kind == "eq":
                return [(col, value)]
        for col, kind, value in checks:
            if kind == "in":
                return [(col, v) for v in value]
        return []

    def _text(self, key: int) -> str:
        text = self._strings.get(key)
        if text is None:
            text = self._strings[key] = self.vocab.strings[key]
        return text

    def _ok(self, checks: tuple[Check, ...], row: list[int]) -> bool:
        for col, kind, value in checks:
            v = row[col]
            if kind == "eq" or kind == "bool":
                if v != value:
                    return False
            elif kind == "in":
                if v not in value:
                    return False
            elif kind == "not_in":
                if v in value:
                    return False
            elif not value.search(self._text(v)):  # regex, on the attribute's text as the Matcher reads it
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(list(_READ.values())).tolist()
        n = len(rows)
        longer_matches: list[tuple[int, int, int]] = []  # (rule order, start, token set) of the longer rules
        plans, lower_class = self._plans, self._lower_class
        token_plans: list[Plan] = []
        changes = False
        for i, row in enumerate(rows):
            tag, lower, dep, space = row
            cls = lower_class.get(lower)
            if cls is None:
                cls = self._class_of(lower)
            plan = plans.get((tag, cls, dep, space))
            if plan is None:
                plan = self._plan(row, (tag, cls, dep, space))
            token_plans.append(plan)
            changes = changes or bool(plan[0])
            for rule in plan[1]:
                self._match(rule, rows, i, n, longer_matches)
        if not changes and not longer_matches:
            return doc
        # Each token gets its matches' attributes in rule order (a later rule overrides an earlier one):
        # a token no longer rule touches takes its plan's merged one-token rules at once.
        touched: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for match in longer_matches:
            touched[match[2]].append(match)
        array = doc.to_array(list(_WRITE))
        values = array.tolist()
        for i, (singles, _longer, merged) in enumerate(token_plans):
            row = values[i]
            if i in touched:
                for order, _start, _token in sorted([(order, i, i) for order in singles] + touched[i]):
                    for col, value in self.attrs[order].items():
                        row[col] = value
            else:
                for col, value in merged:
                    row[col] = value
        doc.from_array(list(_WRITE), numpy.array(values, dtype=array.dtype))
        return doc

    def _class_of(self, lower: int) -> Any:
        """A LOWER value as the rules see it: itself when a rule names it, else its regex results."""
        if lower in self._named_lower:
            cls: Any = lower
        else:
            text = self._text(lower)
            cls = tuple(bool(rx.search(text)) for rx in self._lower_regexes)
        if len(self._lower_class) > _MAX_CLASSES:  # a bound for a long run over ever new words
            self._lower_class.clear()
        self._lower_class[lower] = cls
        return cls

    def _plan(self, row: list[int], key: tuple[Any, ...]) -> Plan:
        """What the rules do at a token with this row, the same for every token of its class: the one-token
        rules that match it (they set the token itself) and the longer rules whose first token matches it
        (their other tokens are checked at each use), and what the one-token rules set, merged in order."""
        singles: list[int] = []
        longer: list[Rule] = []
        candidates = [rule for col in range(3) for rule in self.by_first.get((col, row[col]), ())]
        for rule in candidates + self.always:  # TAG, LOWER, DEP: the columns rules are indexed by
            order, checks, index = rule
            if not self._ok(checks[0], row):
                continue
            if len(checks) == 1 and index in (0, -1):
                singles.append(order)
            else:
                longer.append(rule)
        if len(self._plans) > _MAX_CLASSES:
            self._plans.clear()
        merged: dict[int, int] = {}
        for order in sorted(singles):
            merged.update(self.attrs[order])
        plan = self._plans[key] = (singles, longer, tuple(merged.items()))
        return plan

    def _match(self, rule: Rule, rows: list[list[int]], i: int, n: int, out: list[tuple[int, int, int]]) -> None:
        order, checks, index = rule
        if i + len(checks) > n:
            return
        for k, token_checks in enumerate(checks):
            if not self._ok(token_checks, rows[i + k]):
                return
        token = i + index if index >= 0 else i + len(checks) + index
        if not 0 <= token < i + len(checks) or token < i:
            raise ValueError(f"attribute rule {order}: token index {index} outside its {len(checks)}-token pattern")
        out.append((order, i, token))


def replace_attribute_ruler(nlp: Language) -> bool:
    """Swap the model's ``attribute_ruler`` for :class:`FastAttributeRuler`; False (and no change) when the
    model has none or a rule it cannot express."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("attribute_ruler")
    try:
        FastAttributeRuler(stock)
    except Unsupported:
        return False
    nlp.replace_pipe("attribute_ruler", "frontwatch_attribute_rules", config={"patterns": stock.patterns})
    return True


@Language.factory("frontwatch_attribute_rules", default_config={"patterns": []})
def make_fast_attribute_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    """The component from ``AttributeRuler.patterns`` (the stock ruler normalises them first)."""
    from spacy.pipeline import AttributeRuler

    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(patterns)
    return FastAttributeRuler(stock)


class FastLemmatizer:
    """The model's rule lemmatizer, its lemma per (word, POS, morphology) kept from one token to the next.

    spaCy's own lemmatizer caches the lemma of most such triples too, but still reads and sets every
    token through a ``Token`` object (~5% of the spaCy pass); this one reads and writes the Doc's
    arrays and asks the stock component only about a triple it has not seen (the same answer: the
    stock rule lemmatizer reads nothing else of a token).
    """

    def __init__(self) -> None:
        self.stock: Any = None
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def use(self, stock: Any) -> None:
        self.stock = stock

    @property
    def lookups(self) -> Any:
        """The stock component's tables (the world ruler reads its word lists: gazetteer.ruler.english_words)."""
        return self.stock.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows = array.tolist()
        lemmas, overwrite = self._lemmas, self.stock.overwrite
        out: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                out.append(lemma)
                continue
            value = lemmas.get((orth, pos, morph))
            if value is None:
                if len(lemmas) > _MAX_CLASSES:
                    lemmas.clear()
                value = lemmas[(orth, pos, morph)] = doc.vocab.strings.add(self.stock.lemmatize(doc[i])[0])
            out.append(value)
        doc.from_array([LEMMA], numpy.array(out, dtype=array.dtype))
        return doc


def replace_lemmatizer(nlp: Language) -> bool:
    """Swap the model's rule ``lemmatizer`` for :class:`FastLemmatizer`; False (and no change) when the
    model has none or one of another mode."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("lemmatizer")
    if getattr(stock, "mode", None) != "rule" or not hasattr(stock, "lemmatize"):
        return False
    fast = nlp.replace_pipe("lemmatizer", "frontwatch_lemmas")
    fast.use(stock)  # type: ignore[attr-defined]
    return True


@Language.factory("frontwatch_lemmas")
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    """An empty component: ``replace_lemmatizer`` hands it the stock lemmatizer whose rules it uses."""
    return FastLemmatizer()
