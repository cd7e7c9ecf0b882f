"""The fast attribute ruler sets what the model's own ``attribute_ruler`` sets, token for token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from frontwatch.gazetteer.ruler import english_words
from frontwatch.stages._posrules import (
    FastAttributeRuler,
    FastLemmatizer,
    Unsupported,
    replace_attribute_ruler,
    replace_lemmatizer,
)
from frontwatch.stages.parse import FALLBACK_MODEL

GOLD = Path(__file__).resolve().parent / "data" / "gold" / "articles"
ATTRS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]

# Our own sentences, written for the rules that are not a plain tag table: contractions ("ain't",
# "gonna", "gotta", "let's", "y'all"), pronoun case by dependency, "there is", auxiliaries, spaces.
OWN = [
    "Y'all gonna hear it: the brigade ain't leaving, and nobody's gotta tell them twice. Let's see.",
    "I told you it was over. It hit them, and they hit it back; you said so yourself.",
    "There were three strikes overnight. There is no water in the town and there are no trains.",
    "The village had been shelled before, but the governor did not say who had done it.",
    "KYIV, March 3 (Wirewire) -  Ukraine's air force said   it downed 12 drones.\n\n  Officials did.",
]


def gold_texts() -> list[str]:
    texts = []
    for f in sorted(GOLD.rglob("*.json")):
        obj = json.loads(f.read_text(encoding="utf-8"))
        if "text" in obj:
            texts.append(obj["text"])
    return texts


@pytest.fixture(scope="module")
def stock():  # type: ignore[no-untyped-def]
    return spacy.load(FALLBACK_MODEL)


@pytest.mark.slow
def test_fast_attribute_ruler_matches_the_stock_one(stock) -> None:  # type: ignore[no-untyped-def]
    fast = spacy.load(FALLBACK_MODEL)
    assert replace_attribute_ruler(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    texts = OWN + gold_texts()
    assert len(texts) > 20
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), a.text[:60]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    # the rules beyond a tag table did fire in our own sentences
    doc = fast("Y'all gonna hear it, and there is more.")
    assert [t.text for t in doc][1:3] == ["gon", "na"] and [t.lemma_ for t in doc][1:3] == ["go", "to"]


def test_unsupported_rules_keep_the_stock_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TEXT": {"FUZZY": "Kyiv"}}]], {"POS": "PROPN"})  # a key and operator it does not model
    with pytest.raises(Unsupported):
        FastAttributeRuler(ruler)
    assert not replace_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_rule_order_and_token_index() -> None:
    """A later rule overrides an earlier one; a two-token rule sets the token its index names."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "shelled"}]], {"POS": "VERB", "LEMMA": "shell"})
    ruler.add([[{"LOWER": {"IN": ["shelled", "hit"]}}]], {"POS": "ADJ"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"}, index=-2)
    text = "Y all gon na see the shelled town"
    expected = ruler(nlp.make_doc(text))
    fast = FastAttributeRuler(ruler)(nlp.make_doc(text))
    assert [(t.pos_, t.lemma_) for t in fast] == [(t.pos_, t.lemma_) for t in expected]
    assert (fast[6].pos_, fast[6].lemma_, fast[3].lemma_, fast[0].lemma_) == ("ADJ", "shell", "to", "you")


@pytest.mark.slow
def test_reports_unchanged_by_the_fast_ruler(pipeline) -> None:  # type: ignore[no-untyped-def]
    """End to end: every Report on our gold articles is the same with the model's own ruler."""
    from frontwatch.pipeline import make_article

    articles = [make_article(t, published="2023-07-17", source="Wirewire", id=f"g{i}")
                for i, t in enumerate(OWN + gold_texts())]
    fast = [r.to_dict() for r in pipeline.pipe(articles)]
    nlp = pipeline.nlp
    patterns = spacy.load(FALLBACK_MODEL).get_pipe("attribute_ruler").patterns
    stock_ruler = nlp.replace_pipe("attribute_ruler", "attribute_ruler")
    try:
        stock_ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        stock = [r.to_dict() for r in pipeline.pipe(articles)]
    finally:
        assert replace_attribute_ruler(nlp)
    assert stock == fast


@pytest.mark.slow
def test_fast_lemmatizer_matches_the_stock_one(stock) -> None:  # type: ignore[no-untyped-def]
    fast = spacy.load(FALLBACK_MODEL)
    assert replace_lemmatizer(fast)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    texts = OWN + gold_texts() + ["", "   ", "Shelled, shelling, shells: the towns were shelled again by drones."]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], a.text[:60]
    # the second pass reads the lemmas it kept and gives the same
    for a, b in zip(stock.pipe(texts[:8]), fast.pipe(texts[:8])):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], a.text[:60]
    doc = fast("The towns were shelled and the bridges destroyed.")
    assert [t.lemma_ for t in doc][1:4] == ["town", "be", "shell"]
    # what reads the stock component's tables reads the same through it (the world ruler's English words)
    assert english_words(fast) == english_words(stock) and len(english_words(fast)) > 1000


def test_a_model_without_a_rule_lemmatizer_keeps_its_own() -> None:
    nlp = spacy.blank("en")
    assert not replace_lemmatizer(nlp)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not replace_lemmatizer(nlp)
    assert nlp.pipe_names == ["lemmatizer"] and not isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
