"""stages/parse.py: sentence starts at line breaks and datelines, and the per-Doc text/entity index."""

from __future__ import annotations

from frontwatch.stages.parse import doc_text, ent_at, ents_in

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
