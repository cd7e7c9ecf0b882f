"""Quotations, Source: lines and report continuation: the article-level passes of attribution.

:mod:`.attribute` finds who says each sentence on its own; the passes here carry a speaker over to the
sentences around it:

- a quotation (one sentence or several paragraphs) takes the speaker named next to it;
- "This was reported by X" gives X the unattributed lead before it;
- a Ukrainska Pravda style ``Source: X`` line gives X the lead and the ``Quote:``/``Details:`` paragraphs;
- a report's next items ("In the ... direction, ...", "Also ...") keep its issuer.

:class:`Attribution`, the record every pass works on, lives here so both modules share it without a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..actors import Actors
from ..records import Claimant
from .parse import doc_text, ents_in, span_text, token_table

if TYPE_CHECKING:
    from .attribute import _Memory

# "a side for a claimant the tables do not know" (Attributor._settle): (claimant, outlet, war) -> claimant
Settle = Callable[[Claimant, Claimant, str], Claimant]
GENERIC_SPEAKERS = {"source", "sources", "resident", "residents", "witness", "witnesses", "people", "locals", "channels",
                    "eyewitnesses", "activists", "medics", "doctors"}

SOURCE_LINE = re.compile(r"Source:\s+(?=\S)")
SOURCE_KIND = re.compile(r"^(?:an?\s+|the\s+)?(?:(?:video|televised|evening|nightly|press|written|joint|official)\s+)?"
                         r"(?:address|statement|post|interview|comment|comments|report|briefing|remarks|speech|"
                         r"appeal|conference|message)\s+(?:by|of|from)\s+", re.I)
BACKGROUND_LINE = re.compile(r"(?:Background|Reference|Update|Earlier|Previously|Read also|Read more)\s*:")
LIST_ITEM = "list item"
AS_REPORTED = re.compile(r"As\s+(?:was\s+)?(?:reported|announced|stated|informed)\s+(?:by|in|on)\b")
# The main verbs of a sentence that points back at the lead ("This was reported by X, citing Y").
POINTING_VERBS = {"report", "announce", "state", "say", "write", "tell", "inform", "publish", "confirm"}  # the cue of a list's items: they go on with the speaker of the line that opened it
# Quotation marks: curly ones say which way they face; a straight one opens after a space or a bracket.
QUOTE_MARKS = re.compile(r"[“”\"]")
OPENERS_BEFORE = set(" \t\n([{—–-:/")


@dataclass
class Attribution:
    """Who says one sentence, and which tokens belong to the attribution, not the content."""

    sent: Span
    claimant: Claimant
    cue: str | None = None
    cue_token: int | None = None
    direct_quote: bool = False
    attribution_tokens: set[int] = field(default_factory=set)
    # Other speakers of the same sentence and the tokens of what each says ("Russia claimed A, but
    # Ukrainian officials said B"; "X wrote that the military admitted B"): their events are theirs.
    others: list[tuple[Attribution, set[int]]] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        return trimmed(self.sent)



def find_quotes(text: str, min_words: int = 4) -> list[tuple[int, int]]:
    """Quotations as (start, end) character spans, one or several sentences or paragraphs long.

    Real copy mixes straight and curly marks (\"...\u201d) and runs a quote over paragraphs: each
    paragraph opens it again and only the last one closes it, or the next paragraph simply goes on
    and closes it. A quote left open at the end of the text ends with its paragraph. Shorter than
    ``min_words`` words, a quoted phrase is a scare quote, not a quotation.
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in QUOTE_MARKS.finditer(text):
        at, mark = m.start(), m.group(0)
        # 'the town."The enemy lost': a straight mark glued between a full stop and a capital opens a quotation
        # when none is open (copy that lost the space after the stop).
        glued = mark == '"' and 0 < at < len(text) - 1 and text[at - 1] in ".!?" and text[at + 1].isupper()
        # 'the law, "the statement said.': a straight mark after a comma and a space, before a lower-case word, closes
        # the open quotation (copy that lost the space on the other side of the mark).
        strayed = mark == '"' and start is not None and at >= 2 and text[at - 1] == " " and text[at - 2] in ",.!?" \
            and at + 1 < len(text) and text[at + 1].islower()
        opening = not strayed and (mark == "\u201c" or (mark == '"' and (at == 0 or text[at - 1] in OPENERS_BEFORE))
                                   or (glued and start is None))
        if start is None:
            if opening:
                start = at
            continue
        if opening:
            gap = text[start:at]
            if "\n" in gap and text[at - 1] == "\n":
                continue  # the next paragraph of the same quotation opens again
            if "\n" in gap:  # an open quote never closed: it ended with its paragraph
                end = text.find("\n", start)
                out.append((start, end))
            else:
                # 'X said, "the town was hit. Two died. "We grieve," he wrote.': copy that lost a closing mark;
                # the first quotation ends where the next one opens, not dropped.
                out.append((start, at))
            start = at
            continue
        if text.count("\n\n", start, at) > 3:  # a stray mark far down the text: not this quote's end
            end = text.find("\n", start)
            out.append((start, end))
        else:
            out.append((start, at + 1))
        start = None
    if start is not None:
        end = text.find("\n", start)
        out.append((start, len(text) if end == -1 else end))
    return [(a, b) for a, b in out if len(text[a:b].split()) >= min_words]


def quote_speaker(i: int, sentences: list[Span], own: list[Attribution | None],
                  quote: tuple[int, int]) -> Attribution | None:
    """The speaker of a quotation: named in a sentence it overlaps, or just before it (``said:``)."""
    for j in range(i, len(sentences)):
        s = sentences[j]
        if s.start_char >= quote[1]:
            # '"The village is ours!" he tweeted.': the parser ends the sentence at the "!", and the
            # speaker follows on the same line in a short clause of its own.
            gap = doc_text(s.doc)[quote[1]:s.start_char]
            cue = own[j].cue_token if own[j] is not None else None  # type: ignore[union-attr]
            # (a longer clause too, with an apposition, when its verb reports nothing of its own: '"...!" Ukraine's
            # air force commander, Mykola Oleshchuk, posted on Telegram.')
            if cue is not None and "\n" not in gap and len(gap.strip()) <= 1 and (len(s) <= 12 or (
                    len(s) <= 25 and not any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in s.doc[cue].children))):
                return own[j]
            break
        if own[j] is not None and not inside_quote(own[j].cue_token, s, quote):  # type: ignore[union-attr]
            return own[j]
    for j in range(i - 1, -1, -1):
        s = sentences[j]
        if s.end_char <= quote[0]:
            if own[j] is not None and span_text(s).rstrip().endswith(":"):
                return own[j]
            break
        if own[j] is not None and not inside_quote(own[j].cue_token, s, quote):  # type: ignore[union-attr]
            return own[j]
    return None


def points_back(sentences: list[Span], own: list[Attribution | None]) -> None:
    """ "95 clashes took place. This was reported by the General Staff": the report names the speaker of the
    sentences before it: the paragraph before it (a lead of several sentences), or the sentences before it in
    its own paragraph."""
    for i in range(1, len(sentences)):
        at = own[i]
        if at is not None and own[i - 1] is None and at.cue_token is not None and refers_back(sentences[i], at):
            for j in lead_before(sentences, own, i):
                own[j] = Attribution(sentences[j], at.claimant, at.cue, None)


def source_lines(sentences: list[Span], own: list[Attribution | None], memory: _Memory, actors: Actors,
                 settle: Settle) -> None:
    """Ukrainska Pravda style: a lead, then "Source: X", then "Quote:" and "Details:" paragraphs.

    The lead and what follows the Source line, up to a "Background:" line or another speaker, are
    X's. A credit line at the very end ("Source: a wire") names where the copy came from: not a speaker.
    """
    for i, sent in enumerate(sentences[:-1]):
        if not SOURCE_LINE.match(span_text(sent).lstrip()):
            continue
        found = source_of(sent, actors)
        if found is None:
            continue
        claimant = settle(found, Claimant(name="", kind="outlet"), "unknown")
        own[i] = Attribution(sent, claimant, "Source", None)
        memory.remember(claimant)
        for j in lead_before(sentences, own, i):
            own[j] = Attribution(sentences[j], claimant, "Source", None)
        for j in range(i + 1, len(sentences)):
            if BACKGROUND_LINE.match(span_text(sentences[j]).lstrip()):
                break
            found = own[j]
            if found is not None:
                if found.claimant.name == claimant.name:
                    continue
                if not _names_the_same_body(found.claimant.name, claimant.name):
                    break
                # "Details: The intelligence notes that ..." under "Source: UK Defence Intelligence": the source
                own[j] = Attribution(sentences[j], claimant, found.cue, found.cue_token, found.direct_quote,
                                     found.attribution_tokens)
                continue
            own[j] = Attribution(sentences[j], claimant, "Source", None)


def _names_the_same_body(short: str, full: str) -> bool:
    words = {w.casefold() for w in re.findall(r"\w+", short) if w.lower() not in {"the", "a", "an"}}
    return bool(words) and words <= {w.casefold() for w in re.findall(r"\w+", full)}

def source_of(sent: Span, actors: Actors) -> Claimant | None:
    """The speaker a Source line names ("Source: video address by X, Commander-in-Chief, at ..."): the
    first phrase after the label, without the kind of statement; never an outlet relaying it."""
    text = SOURCE_LINE.sub("", sent.text.strip(), count=1).strip()
    text = re.split(r",|;|\s+(?:on|dated|as|at|in|to|for|via|from)\s+", text, maxsplit=1)[0]
    text = SOURCE_KIND.sub("", text).strip(" .")
    words = text.split()
    if not words or len(words) > 6 or not words[0][:1].isupper():
        return None
    if actors.outlet_side(text) is not None or (actors.lookup(text) or ("", ""))[1] == "outlets":
        return None
    ents = [e for e in ents_in(sent.doc, sent.start, sent.end) if e.label_ == "PERSON" and e.text.strip() in text]
    person = bool(ents) or actors.person_side(text) is not None
    # (a person's role after the comma tells their side: "X, spokesman for the Khortytsia group")
    role = sent.text.strip()[len("Source:"):].split(",")[1] if person and "," in sent.text else ""
    side = (actors.person_side(text) if person else None) or actors.side_of(text) or actors.side_of(role) or "unknown"
    return Claimant(name=text, kind="person" if person else "organisation", side=side)  # type: ignore[arg-type]


def in_quote(token: Token, quotes: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> bool:
    return any(a <= token.idx < b for a, b in quotes)


def quote_of(sent: Span, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    for a, b in quotes:
        if a < sent.end_char and sent.start_char < b:
            return (a, b)
    return None


def lead_before(sentences: list[Span], own: list[Attribution | None], i: int) -> list[int]:
    """Sentences a report line points back at: the unattributed ones before sentence ``i`` in its own
    paragraph, or, when it opens a paragraph, in the paragraph before (never a headline line)."""
    text = doc_text(sentences[i].doc)

    def paragraph_break(a: Span, b: Span) -> bool:
        return "\n" in text[trimmed(a)[1]:trimmed(b)[0]]

    out: list[int] = []
    crossed = False
    for j in range(i - 1, -1, -1):
        if paragraph_break(sentences[j], sentences[j + 1]):
            if out or crossed:
                break
            crossed = True
        if own[j] is None and j == i - 1 and j > 0 and _heading_line(text, sentences[j]) \
                and paragraph_break(sentences[j - 1], sentences[j]):
            crossed = False  # a subheading between the lead and "This was reported by X" is not part of either
            continue
        if own[j] is not None or not span_text(sentences[j]).rstrip().endswith((".", "!", "?", '"', "”")):
            break
        out.append(j)
    return out


def _heading_line(text: str, sent: Span) -> bool:
    """A line of its own with no closing punctuation: a subheading or a caption."""
    start, end = trimmed(sent)
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line = text[line_start: len(text) if line_end == -1 else line_end].strip()
    return line == text[start:end].strip() and not line.endswith((".", "!", "?", '"', "”", ":", "…"))


def refers_back(sent: Span, at: Attribution) -> bool:
    """ "This was reported by ...", "That was announced by ...": the subject is the previous sentence.

    The report's verb need not be the cue: in "This was reported by an agency, quoting the governor" and "This is
    reported by a paper with reference to its sources" the cue is the source named, and the sentence's main verb
    points back."""
    cue = sent.doc[at.cue_token] if at.cue_token is not None else None
    if cue is None:
        return False
    if AS_REPORTED.match(span_text(sent).lstrip()) and not any(
            t.pos_ == "VERB" and t.lemma_.lower() not in POINTING_VERBS | {"cite", "quote", "refer"} for t in sent):
        return True  # "As reported by Ukrinform with reference to the governor.": a line that is only its source
    for verb in (cue, sent.root):
        if any(c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in {"this", "that", "it"} or (
                c.lower_ in {"information", "news", "data", "statement", "report", "message"}
                and any(d.lower_ in {"this", "that", "relevant", "corresponding"} for d in c.children)))
               for c in verb.children) and (verb == cue or verb.lemma_ in POINTING_VERBS):
            return True
    # "The head of the regional administration reported about it." / "... announced this on Telegram."
    objects = [c for c in cue.children if c.dep_ == "dobj"] + [
        g for c in cue.children if c.dep_ == "prep" and c.lower_ in {"about", "on"} for g in c.children if g.dep_ == "pobj"]
    # (", Ukrinform reports" tacked on as the parser's ccomp is the relay, not what was said)
    return any(o.lower_ in {"this", "it"} for o in objects) and not any(
        c.dep_ == "ccomp" and not (c.i > cue.i and len(list(c.subtree)) <= 4 and c.lemma_ in POINTING_VERBS)
        for c in cue.children)


# 'It is also known that "...': a translated impersonal lead-in that names no speaker of its own.
IMPERSONAL_LEAD = re.compile(r"(?:It|This)\s+(?:is|was|has\s+been)\s+(?:also\s+)?(?:known|noted|reported|stated|said|added|"
                             r"indicated|specified|emphasi[sz]ed)(?:\s+that)?", re.I)


def impersonal_lead(text: str, at: int) -> bool:
    """The quotation follows only an impersonal lead-in on its line ('It is also known that "...')."""
    line_start = text.rfind("\n", 0, at) + 1
    return IMPERSONAL_LEAD.fullmatch(text[line_start:at].strip()) is not None


def opens_paragraph(text: str, at: int) -> bool:
    """The quotation starts its paragraph, perhaps after a label ("Quote: ")."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at].strip()
    return not before or (before.endswith(":") and len(before.split()) <= 2)


def mostly_quote(sent: Span, quote: tuple[int, int]) -> bool:
    """The sentence is the quotation with at most a short attribution around it."""
    inside = min(sent.end_char, quote[1]) - max(sent.start_char, quote[0])
    return inside >= 0.6 * len(span_text(sent).strip())


def inside_quote(token_i: int | None, sent: Span, quote: tuple[int, int]) -> bool:
    if token_i is None:
        return True
    return quote[0] <= sent.doc[token_i].idx < quote[1]


def trimmed(sent: Span) -> tuple[int, int]:
    if not len(sent):
        return (sent.start_char, sent.start_char)
    # sent.start_char / end_char and sent.text read in the token table: no Token made (asked per sentence and rule)
    table = token_table(sent.doc)
    start_char = table.idx[sent.start]
    text = doc_text(sent.doc)[start_char:table.end[sent.end - 1]]
    start = start_char + (len(text) - len(text.lstrip()))
    end = start_char + len(text.rstrip())
    return (start, end)
