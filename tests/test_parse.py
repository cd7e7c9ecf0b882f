"""stages/parse.py: sentence starts at line breaks and datelines, and the per-Doc text/entity index."""

from __future__ import annotations

import re

import pytest

from frontwatch.stages.parse import Caseless, doc_lower, doc_text, ent_at, ents_in, span_text, token_table

TEXT = (
    "Kyiv says troops advanced near Bakhmut\n"
    "KYIV, July 17 (Wirewire) - Ukrainian Deputy Defence Minister Hanna Maliar said on Monday that forces "
    "gained ground near Klishchiivka. Russia's Defence Ministry said Sergei Shoigu visited the Vostok group.\n"
    "Residents of Kostiantynivka reported shelling overnight."
)


def test_parse_line_breaks_start_sentences_and_dateline_stays_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    firsts = [s.text.split()[0] for s in doc.sents]
    assert firsts[0] == "Kyiv" and "Residents" in firsts
    # the dateline is not cut into pieces: no sentence starts inside "KYIV, July 17 (Wirewire) -"
    dateline_end = TEXT.index(" - ") + 3
    assert not [s for s in doc.sents if TEXT.index("KYIV") < s.start_char < dateline_end]


def test_parse_doc_text_and_entity_index_agree_with_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in ents_in(doc, sent.start, sent.end)] == \
            [(e.start, e.end, e.label_) for e in sent.ents]
    for token in doc:
        held = [e for e in doc.ents if e.start <= token.i < e.end]
        assert ent_at(doc, token.i) == (held[0] if held else None)


def test_parse_text_wrapped_at_fixed_width_stays_one_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Wagner fighters claim to have taken full\ncontrol over the town of Soledar, where both armies\n"
            "have fought for weeks.\nKyiv denied the claim.")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0].startswith("Wagner") and sents[0].endswith("weeks.")
    assert sents[1] == "Kyiv denied the claim."


# -- claims-attach (issue 8): sentence starts that cut claims on war-news dev; sentences written for these tests --

def test_parse_wrapped_line_ending_on_a_function_word_goes_on_before_a_capital(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("State television said that the mercenaries had seized control of\nBakhmut's rail depot after "
            "heavy fighting.\nKyiv denied the claim.")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0].endswith("heavy fighting.") and sents[1] == "Kyiv denied the claim."


def test_parse_a_lower_case_word_after_a_word_never_starts_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Ukraine and Russia swap prisoners again, 40 people come home\n\n"
            "Ukraine and Russia carried out another swap of prisoners, in which 40 people came home. "
            "All of them are civilians.")
    doc = nlp(text)
    assert not [s for s in doc.sents if s.text[:1].islower()]
    assert any(s.text.startswith("Ukraine and Russia carried out") for s in doc.sents)


def test_parse_glued_quotation_mark_opens_the_next_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The brigade held the line near the river."The enemy lost thirty men and two tanks," the ministry said.'
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == ["The brigade held the line near the river.", '"The enemy lost thirty men and two tanks," the '
                     "ministry said."]


def test_parse_dateline_with_a_country_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.stages.parse import DATELINE

    text = "ODESA, Ukraine (Wirewire) — Regional authorities said on Sunday that a drone hit the port."
    assert DATELINE.match(text).group(0) == "ODESA, Ukraine (Wirewire) — "  # type: ignore[union-attr]
    doc = nlp(text)
    assert [s.text.split()[0] for s in doc.sents][-1] == "Regional"
    # with the country before the date, as wire copy writes it: the country is no part of the first sentence
    # (it would give that sentence's actor a side)
    text = "KHERSON, Ukraine, March 3 (Wirewire) - Russian forces shelled the city overnight, the governor said."
    assert DATELINE.match(text).group(0) == "KHERSON, Ukraine, March 3 (Wirewire) - "  # type: ignore[union-attr]
    assert [s.text.split()[0] for s in nlp(text).sents][-1] == "Russian"


def test_parse_token_table_and_span_text_agree_with_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT + "\nAbout 1,500 troops and  a dozen tanks.")
    table = token_table(doc)
    assert table.text == [t.text for t in doc] and table.lower == [t.lower_ for t in doc]
    assert table.idx == [t.idx for t in doc] and table.end == [t.idx + len(t.text) for t in doc]
    assert table.like_num == [int(t.like_num) for t in doc]
    assert (table.tag, table.pos, table.dep) == ([t.tag_ for t in doc], [t.pos_ for t in doc], [t.dep_ for t in doc])
    assert token_table(doc) is table  # built once per Doc
    for span in [*doc.sents, doc[3:9], doc[5:5], doc[len(doc) - 2:]]:
        assert span_text(span) == span.text


def test_parse_token_texts_from_arrays_agree_with_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.gazetteer.ruler import token_texts

    doc = nlp("KYIV, June 3 (Wirewire) -  Shelling hit  Kherson overnight.\n\nThe governor said   so. ")
    assert token_texts(doc) == ([t.text for t in doc], [t.whitespace_ for t in doc])
    assert token_texts(nlp.make_doc("")) == ([], [])


def test_parse_string_cache_follows_its_store() -> None:
    from spacy.strings import StringStore

    from frontwatch.stages._strings import string_cache

    first, second = StringStore(["Bakhmut"]), StringStore(["Avdiivka"])
    assert string_cache(first)[first["Bakhmut"]] == "Bakhmut"
    cache = string_cache(second)
    assert cache is string_cache(second) and cache[second["Avdiivka"]] == "Avdiivka"
    with pytest.raises(KeyError):  # a hash only the first store holds is not read from the second
        cache[first["Bakhmut"]]


def test_parse_caseless_patterns_match_as_ignorecase(nlp) -> None:  # type: ignore[no-untyped-def]
    pattern = re.compile(r"(?<![\w-])(?:shell(?:ed|ing)|kyiv|over\s+the\s+weekend)\b", re.IGNORECASE)
    fast = Caseless(pattern)
    for text in ("KYIV: Russian forces SHELLED the town over the Weekend.", "Kyiv shelling ſhelling \u0130stanbul"):
        doc = nlp(text)
        low = doc_lower(doc)
        assert [m.span() for m in fast.finditer(text, low)] == [m.span() for m in pattern.finditer(text)]
    assert doc_lower(nlp("Kyiv shelling")) == "kyiv shelling"
    assert doc_lower(nlp("\u0130stanbul was shelled")) is None  # lower case would shift the offsets
    with pytest.raises(ValueError):
        Caseless(re.compile("Kyiv", re.IGNORECASE))  # a capital would never match lower-cased text
    with pytest.raises(ValueError):
        Caseless(re.compile("kyiv"))  # not case-insensitive: nothing to gain, and a different meaning


def test_parse_glued_words_split_but_names_stay_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    # scraped copy that lost its spaces; the offsets stay those of the text (nothing is inserted)
    doc = nlp("The governor statedIt was calm in the region.The enemy shelled Kherson.")
    words = [t.text for t in doc]
    assert words[2:4] == ["stated", "It"] and "region" in words and "The" in words[words.index("region"):]
    assert [s.text.split()[0] for s in doc.sents] == ["The", "The"]
    doc = nlp("McDonald and DeepState posted on YouTube about the iPhone and eBay, kyivpost.com said.")
    assert {"McDonald", "DeepState", "YouTube", "iPhone", "eBay", "kyivpost.com"} <= {t.text for t in doc}


@pytest.mark.parametrize("text,first", [
    ("Kharkiv, Ukraine — Officials said two drones hit a warehouse overnight.", "Officials"),
    ("Kryvyi Rih, Ukraine (Wirewire) — Rescuers said the fire was put out by morning.", "Rescuers"),
])
def test_parse_title_case_dateline_with_a_country_is_its_own_piece(nlp, text: str, first: str) -> None:  # type: ignore[no-untyped-def]
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[1].split()[0] == first


@pytest.mark.parametrize("text", [
    "The brigade held the line near the river, Brig. Gen. Ivan Moroz said on Sunday.",
    "Lt. Col. Petro Savchuk and Maj. Gen. Taras Hrytsenko spoke to reporters near the front.",
    "The assault was led by Capt. Andrii Koval, Sgt. Oleh Bilyk said.",
])
def test_parse_a_rank_abbreviation_ends_no_sentence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert len(list(nlp(text).sents)) == 1
