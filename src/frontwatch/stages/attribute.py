"""Attribute: who says each sentence.

Every sentence of the article becomes an :class:`Attribution`: a claimant, the cue
that ties them to the words ("said", "According to", a quotation), and whether the
words are a direct quote. The rules, in order:

1. A quotation (straight or curly quotes, possibly several sentences) takes the
   speaker named next to it: ``"…," Putin said`` / ``said Putin`` / ``Putin said: "…"``
   (the article-level passes, with Source: lines and report continuation, are in :mod:`.quotes`).
2. A reporting verb (said, announced, conceded, denied, …) takes its subject;
   a verb with no subject of its own ("…, saying that") takes its head's subject;
   ``According to X`` and ``citing X`` name X; ``was echoed by X`` names X.
3. Pronouns and role nouns ("he added", "the deputy minister noted", "the ministry
   said") resolve to the last speaker of that kind in the article.
4. A headline ``… – Maliar`` or ``Shoigu: …`` names its speaker.
5. Anything else is the outlet's own claim (``kind: outlet``).

The cue vocabularies and the rules over one token (a verb's subject, a name in apposition) are in
:mod:`.cues`; this module keeps the sentence and article passes and their memory of speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..actors import Actors
from ..records import Claimant
from . import anaphora, claimant_sides, cues, office_sides
from .attribute_extra import SpeakerCues, by_gender, note_genders
from .bulletins import continuations
from .cues import (
    AS_REPORTED,
    DOCUMENT_NOUNS,
    EVIDENCE_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    RELAY_WORDS,
    REPORTING_VERBS,
    SPEAKER_PRONOUNS,
    TAIL_CLAUSE,
    TAIL_SPEAKER,
    TAIL_VERBS,
)
from .parse import doc_text, ent_at, ents_in, span_text
from .quotes import (
    GENERIC_SPEAKERS,
    Attribution,
    find_quotes,
    impersonal_lead,
    in_quote,
    inside_quote,
    mostly_quote,
    opens_paragraph,
    points_back,
    quote_of,
    quote_speaker,
    source_lines,
    trimmed,
)


def _joined(subject: Token) -> bool:
    """ "X said A and Kyiv Mayor Y said B": a second speaker joined by "and" (the parser often hangs the second
    verb under the first one's clause), told by a title and a name, not a speaker inside the first's report."""
    doc, start = subject.doc, subject.left_edge.i
    for k in range(start - 1, max(start - 5, -1), -1):
        if doc[k].lower_ == "but":
            return True  # "X said A, but Ukraine's army spokesman said B": a contrast names a speaker of its own
        if doc[k].lower_ in {"and", "while", "whereas"}:
            return subject.ent_type_ == "PERSON"
        if doc[k].pos_ != "PROPN":
            return False
    return False


@dataclass
class _Memory:
    """What the article has said so far, for pronouns and role nouns."""

    people: list[Claimant] = field(default_factory=list)
    organisations: list[Claimant] = field(default_factory=list)
    mentioned: list[Claimant] = field(default_factory=list)  # people named in the outlet's own sentences
    referents: list[anaphora.Referent] = field(default_factory=list)  # bodies and people named, for "the agency"
    genders: dict[str, str] = field(default_factory=dict)  # surname -> "f"/"m", where the text tells
    last: Claimant | None = None

    def remember(self, claimant: Claimant) -> None:
        if claimant.kind == "person":
            self.people = [p for p in self.people if p.name != claimant.name] + [claimant]
        elif claimant.kind == "organisation":
            self.organisations = [o for o in self.organisations if o.name != claimant.name] + [claimant]
        if claimant.kind != "outlet":
            self.last = claimant

    def person(self, name: str) -> Claimant | None:
        """A person mentioned before whose name ends with the same surname."""
        surname = name.split()[-1].casefold()
        for p in reversed(self.people):
            if p.name.split()[-1].casefold() == surname:
                return p
        return None


class Attributor(SpeakerCues):
    """Attributes every sentence of a parsed article."""

    def __init__(self, actors: Actors) -> None:
        self.actors = actors

    def outlet(self, source: str | None) -> Claimant:
        """The outlet as claimant: its listed side, else ``other`` (a wire or foreign outlet), else unknown."""
        if not source:
            return Claimant(name="unknown outlet", kind="outlet", side="unknown")
        return Claimant(name=source, kind="outlet", side=self.actors.outlet_side(source) or "other")

    def attribute(self, doc: Doc, source: str | None = None, origin: str | None = None) -> list[Attribution]:
        """``origin``: the outlet whose copy an aggregator republishes ("(MENAFN- UkrinForm)"): the outlet's claims
        stay the aggregator's, but the unknown officials it quotes are read in the origin's context."""
        outlet = own_voice = self.outlet(source)
        origin_side = self.actors.outlet_side(origin) if origin else None
        if origin_side in {"UA", "RU"} and outlet.side not in {"UA", "RU"}:
            outlet = Claimant(outlet.name, "outlet", origin_side)  # type: ignore[arg-type]
        quotes = find_quotes(doc_text(doc))
        sentences = [s for s in doc.sents if span_text(s).strip()]
        # Pass 1, in text order: each sentence's own attribution ("he added" needs the speakers before it).
        memory = _Memory()
        war = self.actors.doc_focus(doc)  # "UA"/"RU" when the story is about that war, else "unknown"
        abroad = claimant_sides.datelined_abroad(self.actors, doc)
        own: list[Attribution | None] = []
        for i, sent in enumerate(sentences):
            note_genders(sent, memory.genders)
            found = self._own(sent, quotes, memory, outlet) or (self._headline(sent) if i == 0 else None)
            if found is None and AS_REPORTED.match(span_text(sent)):
                # "As reported earlier, ...": the outlet's own earlier story, in an aggregator's copy the origin's
                found = Attribution(sent, Claimant(origin, "outlet", self.actors.outlet_side(origin) or "other")
                                    if origin else own_voice, "As reported")
            if found is not None:
                found.claimant = self._settle(found.claimant, outlet, war, found, abroad)
                for other, _ in found.others:
                    other.claimant = self._settle(other.claimant, outlet, war, other, abroad)
                memory.remember(found.claimant)
            else:
                self._remember_subjects(sent, memory)  # "Putin spoke on Sunday. '...,' he added."
            anaphora.note(sent, i, found, outlet, memory.referents, lambda t: self._claimant(t, memory, outlet))
            own.append(found)
        # "95 clashes took place. This was reported by the General Staff": the report names the speaker
        # of the sentence before it.
        # The report is the paragraph before it (a lead of several sentences), or the sentences before it
        points_back(sentences, own)
        source_lines(sentences, own, memory, self.actors, self._settle)
        # Pass 2: a quotation takes the speaker named anywhere around it.
        results: list[Attribution] = []
        for i, sent in enumerate(sentences):
            found = own[i]
            quote = quote_of(sent, quotes)
            if quote is not None and (found is None or inside_quote(found.cue_token, sent, quote) or mostly_quote(sent, quote)):
                speaker = quote_speaker(i, sentences, own, quote)
                if speaker is None and results and results[-1].claimant.kind != "outlet" \
                        and (opens_paragraph(doc_text(doc), quote[0]) or quote[0] <= trimmed(sent)[0]
                             or impersonal_lead(doc_text(doc), quote[0])):
                    # 'X said on Monday.\n"Our troops hold the line."': a quotation paragraph with no speaker
                    # of its own goes on with the one before it.
                    speaker = Attribution(results[-1].sent, results[-1].claimant, results[-1].cue, None)
                if speaker is not None:
                    same = speaker.sent == sent
                    found = Attribution(sent, speaker.claimant, speaker.cue, speaker.cue_token if same else None,
                                        True, speaker.attribution_tokens if same else set())
            elif quote is not None and found is not None:
                found.direct_quote = True  # '"The town is ours," said X': the speaker's own words
            results.append(found or Attribution(sent, own_voice))
        return anaphora.named_later(continuations(results, own, quotes, self.actors))

    # -- one sentence on its own -------------------------------------------------------
    def _own(self, sent: Span, quotes: list[tuple[int, int]], memory: _Memory, outlet: Claimant) -> Attribution | None:
        according = self._according_to(sent, memory, outlet)
        if according is not None and not self._relay(according.claimant, None):
            return according
        # "According to a news agency, the minister said ...": the agency relays; the minister speaks.
        return self._speaker(sent, quotes, memory, outlet) or according

    def _according_to(self, sent: Span, memory: _Memory, outlet: Claimant) -> Attribution | None:
        """ "According to X, ..." / "..., according to X." """
        according = cues.cue_positions(sent.doc)[2]
        if bisect_left(according, sent.start) == bisect_left(according, sent.end):
            return None  # (read in the token table: cheaper than making each token of the sentence)
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "to":
                objs = [c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"]
                if objs and objs[0].lower_ in EVIDENCE_NOUNS:
                    objs = cues.publisher(objs[0])
                if objs:
                    claimant = self._claimant(objs[0], memory, outlet)
                    if claimant:
                        tokens = {token.i, token.i + 1} | {t.i for t in objs[0].subtree}
                        return Attribution(sent, claimant, "According to", token.i, False, tokens)
            if token.lower_ == "words" and token.head.lower_ == "in":
                # "In his words, ..." / "in the words of the governor": the words' owner speaks
                owners = [c for c in token.children if c.dep_ == "poss"] or [
                    o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                    if o.dep_ == "pobj"]
                if owners and owners[0].lower_ in {"his", "her"}:
                    claimant = memory.people[-1] if memory.people else None
                elif owners and owners[0].lower_ == "their":
                    claimant = memory.last
                else:
                    claimant = self._claimant(owners[0], memory, outlet) if owners else None
                if claimant:
                    tokens = {token.i - 1, token.i} | {t.i for t in owners[0].subtree}
                    return Attribution(sent, claimant, "In the words of", token.i, False, tokens)
        return None

    def _speaker(self, sent: Span, quotes: list[tuple[int, int]], memory: _Memory,
                 outlet: Claimant) -> Attribution | None:
        # "..., citing the General Staff" / "..., quoting two officials": the cited body speaks, not the outlet
        # repeating it.
        cited: Attribution | None = None
        for token in cues.citing_words(sent):
            if (token.lemma_ == "cite" or (token.lemma_ == "quote" and token.tag_ == "VBG") or cues.reference(token)) \
                    and not in_quote(token, quotes):
                objs = [c for c in token.children if c.dep_ in {"dobj", "pobj"}] or [
                    o for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children
                    if o.dep_ == "pobj"]
                if objs and cues.reason(objs[0], quotes):
                    continue  # "..., citing security concerns", "citing 'the threat of encirclement'": a reason
                if objs:
                    claimant = self._claimant(objs[0], memory, outlet)
                    if claimant and claimant.side == "unknown":  # the relaying outlet tells whose body it is
                        claimant = Claimant(claimant.name, claimant.kind, self.actors.side_of(sent.text) or "unknown",
                                            claimant.role, claimant.organisation)
                    if claimant:
                        found = Attribution(sent, claimant, "citing", token.i, False,
                                            {t.i for t in objs[0].subtree} | {token.i})
                        if cited is None and self._relay(claimant, objs[0]):
                            # "..., the governor said, a paper reported, quoting news agencies": agencies passing
                            # the words on; a speaker of the sentence's own comes first.
                            cited = found
                            continue
                        return found
        tail = self._tail_speaker(sent, quotes, memory, outlet)
        if tail is not None:
            return tail
        verbs = [t for t in cues.reporting_verbs(sent) if t.lemma_.lower() in REPORTING_VERBS and t.pos_ in {"VERB", "AUX"}
                 and not in_quote(t, quotes) and cues.speech(t)]
        verbs.sort(key=cues.depth)  # the main clause's verb first
        relayed: tuple[int, Token, Token, Claimant] | None = None
        for n, verb in enumerate(verbs):
            subject = cues.subject(verb, quotes)
            if subject is None:
                continue
            claimant = self._claimant(subject, memory, outlet)
            if claimant is None:
                continue
            if relayed is None and verb.i > min(v.i for v in verbs) \
                    and self._relay(claimant, subject):
                # "..., the ministry said, a news agency reported": the agency relays; a speaker of its own
                # further down the sentence is the claimant.
                relayed = (n, verb, subject, claimant)
                continue
            inner = self._inner_official(verb, claimant, verbs[n + 1:], quotes, memory, outlet)
            if inner is not None:
                verb, subject, claimant = inner
            return self._found(sent, verb, subject, claimant, verbs[n + 1:], quotes, memory, outlet)
        late = self._tail_speaker(sent, quotes, memory, outlet, TAIL_CLAUSE) if not verbs or all(
            cues.subject(v, quotes) is None for v in verbs) else None
        if late is not None:
            return late
        if cited is not None:
            return cited
        if relayed is not None:
            n, verb, subject, claimant = relayed
            return self._found(sent, verb, subject, claimant, verbs[n + 1:], quotes, memory, outlet)
        return self._monitor(sent, quotes) or self._colon_intro(sent, quotes, memory, outlet)

    def _inner_official(self, verb: Token, claimant: Claimant, deeper: list[Token], quotes: list[tuple[int, int]],
                        memory: _Memory, outlet: Claimant) -> tuple[Token, Token, Claimant] | None:
        """ "Minister X reported to the president that the town had fallen, the ministry said": a body passing on
        what its own official reported gives the official the words (not so for what the enemy said)."""
        if claimant.kind != "organisation":
            return None
        for inner in deeper:
            if not cues.reported_by(inner, verb):
                continue
            subjects = [c for c in inner.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"
                        and not in_quote(c, quotes)]
            found = self._claimant(subjects[0], memory, outlet) if subjects else None
            if found is not None and found.kind == "person" and (
                    found.side == claimant.side or "unknown" in {found.side, claimant.side}):
                return inner, subjects[0], found
        return None

    def _found(self, sent: Span, verb: Token, subject: Token, claimant: Claimant, rest: list[Token],
               quotes: list[tuple[int, int]], memory: _Memory, outlet: Claimant) -> Attribution:
        tokens = {t.i for t in subject.subtree} | {verb.i}
        found = Attribution(sent, claimant, verb.text, verb.i, False, tokens)
        found.others = self._other_speakers(claimant, verb, tokens, rest, quotes, memory, outlet)
        for noun, owner, content in cues.owned_statements(sent):
            # "Peskov said, commenting on Kiev's statement that civilians were killed": the owner says the clause
            other = self._claimant(owner, memory, outlet)
            if other is not None and other.kind != "outlet" and cues.claimant_word(other) != cues.claimant_word(claimant) \
                    and not in_quote(noun, quotes):
                found.others.append((Attribution(sent, other, noun.text, noun.i, False, {t.i for t in owner.subtree}),
                                     content))
        return found

    def _is_outlet(self, name: str) -> bool:
        """ "The Washington Post", "the Economist", "kyivpost.com": a listed outlet, with or without "The"."""
        bare = cues.strip_det(name)
        return any((self.actors.lookup(n) or ("", ""))[1] == "outlets" for n in (bare, f"The {bare}")) \
            or self.actors.outlet_side(bare) is not None

    def _relay(self, claimant: Claimant, head: Token | None) -> bool:
        """An outlet or a reporter passing on someone else's words."""
        if claimant.kind == "outlet" or self._is_outlet(claimant.name):
            return True
        return any(w.lower() in RELAY_WORDS for w in claimant.name.split()) or (
            head is not None and any(t.lower_ in RELAY_WORDS for t in head.subtree))

    def _other_speakers(self, main: Claimant, main_verb: Token, taken: set[int], verbs: list[Token],
                        quotes: list[tuple[int, int]],
                        memory: _Memory, outlet: Claimant) -> list[tuple[Attribution, set[int]]]:
        """Reporting verbs of the same sentence with a named subject of their own, and what each one says."""
        out: list[tuple[Attribution, set[int]]] = []
        for verb in verbs:
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and not in_quote(c, quotes)]
            if not subjects or verb.i in taken or subjects[0].lower_ in SPEAKER_PRONOUNS:
                continue
            content = {t.i for c in verb.children if c.dep_ in {"ccomp", "xcomp", "dobj"} for t in c.subtree}
            if not content:
                continue
            claimant = self._claimant(subjects[0], memory, outlet)
            if claimant is None or not claimant.name or cues.claimant_word(claimant) == cues.claimant_word(main) \
                    or (self._relay(claimant, subjects[0]) and not self._relay(main, None)):
                continue  # "..., AFP reports": the relaying outlet is nobody's source
            if cues.reported_by(verb, main_verb) and not self._relay(main, None) and not _joined(subjects[0]):
                continue  # "the General Staff reported that the enemy complained that ...": the report's own
            tokens = {t.i for t in subjects[0].subtree} | {verb.i}
            out.append((Attribution(verb.sent, claimant, verb.text, verb.i, False, tokens), content))
        return out

    def _tail_speaker(self, sent: Span, quotes: list[tuple[int, int]], memory: _Memory,
                      outlet: Claimant, pattern: re.Pattern[str] = TAIL_SPEAKER) -> Attribution | None:
        """ "Russian forces broke into the village, Nazar Voloshyn, a spokesman for the group, said on air."

        A statement closed by ", SPEAKER(, apposition), VERB": the parser often makes the statement's own
        subject the speaker, or reads "reports" as a noun. The phrase between the commas is the speaker.
        """
        text = span_text(sent)
        m = pattern.search(text) if any(v in text for v in TAIL_VERBS) else None  # the verb first: cheap
        if m is None or re.search(r"\bbut\s+[^,]*$", text[:m.start()]):
            return None  # "..., but a spokesman for the army, X, said ...": the clause after "but" has its own speaker
        base = sent.start_char
        who = sent.doc.char_span(base + m.start("who"), base + m.end("who"), alignment_mode="expand")
        verb = sent.doc.char_span(base + m.start("verb"), base + m.end("verb"), alignment_mode="expand")
        if who is None or verb is None or in_quote(verb.root, quotes) or who.root.is_quote:
            return None
        if m.group("stray") and not (re.fullmatch(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}", m.group("who"))
                                     and (who[-1].ent_type_ == "PERSON" or not any(t.ent_type_ for t in who))):
            return None  # "X, head of the Regional Administration, announced": only a name takes a stray comma
        if not any(t.ent_type_ in {"PERSON", "ORG", "GOV", "NORP"} or t.lower_ in ORG_NOUNS | PERSON_NOUNS
                   or t.lemma_.lower() in ORG_NOUNS | PERSON_NOUNS for t in who):
            return None
        if any(t.lower_ in RELAY_WORDS for t in who):
            return None  # "..., the ministry said, Sputnik news agency reported": the relay is not the speaker
        claimant = self._claimant(who.root, memory, outlet)
        if claimant is None or claimant.kind == "outlet" or (self.actors.lookup(claimant.name) or ("", ""))[1] == "outlets":
            return None
        tokens = {t.i for t in who} | {verb.root.i}
        return Attribution(sent, claimant, verb.text, verb.root.i, False, tokens)

    def _settle(self, claimant: Claimant, outlet: Claimant, war: str, found: Attribution | None = None,
                abroad: bool = False) -> Claimant:
        """A side for a claimant the tables do not know.

        In another war every named party is ``other`` (UA/RU are for the Russia–Ukraine war only);
        unnamed sources and residents stay ``unknown``. In the Russia–Ukraine war an unknown official
        quoted by an outlet of one side is taken to be of that side; quoted by a neutral outlet in a story
        datelined in a third country's capital (``WASHINGTON, March 4 (Wirewire) -``), of that country: ``other``.
        """
        if claimant.side != "unknown" or claimant.kind == "outlet":
            return claimant
        generic = claimant.name.split()[-1].lower() in GENERIC_SPEAKERS if claimant.name else True
        if war == "unknown":
            side = "unknown" if generic else "other"
        else:
            side = cues.context_side(outlet)
            office = office_sides.office_side(found) if side == "unknown" and found is not None else None
            if office is not None:
                # "the mayor of Nikopol", "local authorities in Kursk region": the side governing the place
                side = office
            elif side == "unknown" and not generic and found is not None:
                # A neutral outlet quoting "the Defence Ministry" or "the military": a side's own body
                # reports its own forces ("Russian air defences downed ..., the ministry said"); with
                # no forces named, the side the story is about.
                # Datelined in a third country's capital, an unlisted person with no side word of their own
                # ("Senator X", "a senior administration official") is that country's: ``other``.
                side = "other" if abroad and claimant.kind == "person" else (
                    claimant_sides.content_side(self.actors, found) or ("other" if abroad else war))
        return Claimant(claimant.name, claimant.kind, side, claimant.role, claimant.organisation)

    def _remember_subjects(self, sent: Span, memory: _Memory) -> None:
        """People who are the subject of a sentence become referents for a later "he said"."""
        for ent in ents_in(sent.doc, sent.start, sent.end):
            if ent.label_ == "PERSON" and len(ent) > 1:
                # anyone named in full: "he said" with no speaker before it ("Shapps" named in a tail the parser
                # did not read) points at them
                memory.mentioned.append(Claimant(name=ent.text, kind="person", side=self.actors.person_side(ent.text)
                                                 or "unknown"))
            if ent.label_ == "PERSON" and (ent.root.dep_ == "nsubj" or (ent.root.dep_ == "nsubjpass" and len(ent) > 1)):
                # (a one-word passive subject is more often a common noun the tagger called a name, "Assistance is
                # provided to all who need it", than a later speaker)
                claimant = self._claimant(ent.root, memory, Claimant(name="", kind="outlet"))
                if claimant is not None and claimant.kind == "person":
                    memory.remember(claimant)

    # -- who a subject phrase names -----------------------------------------------------
    def _earlier_official(self, phrase: str, orgs: list[Span], memory: _Memory) -> Claimant | None:
        """The person a definite role noun points back at when no role fits: the last person, or with a body
        named ("the Defense Ministry official" after "Deputy Minister of Defense Hanna Malyar") one of its people."""
        if not orgs and memory.people:
            return memory.people[-1]
        words = {w.lower() for e in orgs for w in e.text.split() if len(w) > 3}
        for p in reversed(memory.people):
            if p.role and words & {w.lower() for w in re.findall(r"\w+", p.role)}:
                return p
        last = memory.last
        if last is not None and last.kind == "person" and self.actors.side_of(phrase) in {None, last.side}:
            return last  # "the ministry official" right after the deputy minister spoke
        return None

    def _claimant(self, head: Token, memory: _Memory, outlet: Claimant) -> Claimant | None:
        doc = head.doc
        subtree = list(head.subtree)
        span = doc[subtree[0].i: subtree[-1].i + 1]
        phrase = span_text(span).strip()
        lower = head.lower_
        owner = cues.channel_owner(head)
        if owner is not None:  # "according to Ukrzaliznytsia's Telegram channel": the channel's owner speaks
            return self._claimant(owner, memory, outlet)
        owner = cues.owner_of(head)
        if owner is not None and not any(c.dep_ == "appos" for c in head.children):
            # "Governor X's press service reported": the office of X, with X's side (a named spokesman wins)
            found = self._claimant(owner, memory, outlet)
            if found is not None and found.kind != "outlet":
                office = span_text(doc[owner.right_edge.i + 1: head.i + 1]).strip()
                return Claimant(f"{office} of {found.name}", found.kind, found.side, None, found.organisation)
        if lower in DOCUMENT_NOUNS or head.lemma_.lower() in DOCUMENT_NOUNS:
            # "a report from CNN", "the statements of the Ukrainian side": whoever issued it
            publisher = cues.publisher(head)
            if publisher:
                found = self._claimant(publisher[0], memory, outlet)
                if found is None and publisher[0].tag_ in {"NNS", "NNPS"}:  # "reports from military channels"
                    found = Claimant(name=cues.core(publisher[0]), kind="organisation",
                                     side=self.actors.side_of(cues.core(publisher[0])) or "unknown")  # type: ignore[arg-type]
                return found
            if head.tag_ in {"NNS", "NNPS"}:
                if any(c.dep_ in {"amod", "compound"} and (c.ent_type_ == "NORP" or self.actors.side_of(c.text))
                       for c in head.lefts):  # "according to Ukrainian reports": a generic source, as written
                    name = cues.core(head)
                    return Claimant(name=name, kind="organisation", side=self.actors.side_of(name) or "unknown")  # type: ignore[arg-type]
                return None  # "according to reports", "reports suggest": nobody named, the outlet's hedge
            if not [e for e in head.subtree if e.ent_type_]:
                return memory.last
        # "According to the agency" after "Ukraine's Main Intelligence Directorate (HUR) said": the body named before
        back = anaphora.resolve(head, memory.referents, lambda p: claimant_sides.phrase_side(self.actors, p))
        if back is not None:
            return back
        if lower in SPEAKER_PRONOUNS:
            want = SPEAKER_PRONOUNS[lower]
            if lower == "we":
                # "We also reported that ...", "as we wrote": the outlet's own earlier story, outside any quotation
                return outlet if head.dep_ == "nsubj" and head.head.lemma_ in {"report", "write"} else memory.last
            if want == "person":
                if memory.people:
                    return by_gender(memory.people, lower, memory.genders) or memory.people[-1]
                return memory.mentioned[-1] if memory.mentioned else None
            if want == "organisation":
                return memory.organisations[-1] if memory.organisations else None
            return memory.last
        # Only a name that is the head or its apposition: not "Tuareg" in "an alliance of mostly Tuareg groups".
        ents = ents_in(doc, span.start, span.end)
        # "Major of the army, deputy commander of the brigade, Maksym Zhorin,": the name closes a chain of appositions
        chain = cues.appositions(head)
        people = [e for e in ents if e.label_ == "PERSON" and (e.root == head or e.root.head in chain)]
        if not people and head.lemma_.lower() in PERSON_NOUNS:
            # "The head of Russia-installed Donetsk administration Denis Pushilin said": title, then the name
            people = [e for e in ents if e.label_ == "PERSON"][-1:]
        unnamed = next((n for n in map(cues.unrecognised_name, sorted(chain, key=lambda c: c.i)) if n is not None), None)
        if not people and unnamed is not None:
            # "Andrii Tkachuk, head of the city administration" / "the governor, Oleh Marchenko": a name the
            # model did not tag, given away by the person noun beside it.
            people = [unnamed]
        owners = [e for e in people if e.root.dep_ == "poss" and e.root.head == head]
        if len(owners) < len(people):  # "President Zelenskyy's chief of staff, Andriy Yermak": the name, not its owner
            people = [e for e in people if e not in owners]
        if people:
            name = re.sub(r"['’]s$", "", people[0].text)
            root = people[0].root
            if root.dep_ == "compound" and root.head.i == people[0].end and root.head.pos_ == "PROPN" \
                    and root.head.text[:1].isupper():
                name = doc[people[0].start: root.head.i + 1].text  # "Svitlana Vodolaha": a surname NER took for a place
            previous = memory.person(name)
            role = cues.role(span, people[0])
            side = self.actors.person_side(name) or claimant_sides.phrase_side(self.actors, phrase)
            if previous is not None:
                role = role or previous.role
                side = side or previous.side
                name = name if len(name) > len(previous.name) else previous.name
            return Claimant(name=name, kind="person", side=side or "unknown", role=role)
        orgs = [e for e in ents if e.label_ in {"GOV", "ORG", "NORP", "GPE"}]
        head_lower = head.lemma_.lower()
        if head_lower in PERSON_NOUNS or lower in PERSON_NOUNS:
            # "the deputy minister added": the last person whose role fits, else the last person. A role of a
            # named body or place ("the mayor of Dnipro", "a member of the regional council") is that office's
            # holder, a new speaker unless a person named before holds it.
            of = cues.of_whom(head)
            if head.dep_ != "appos" and span[0].lower_ in {"the", "this", "that"} and not self._is_outlet(phrase):
                for p in reversed(memory.people):
                    if p.role and head_lower in p.role.lower() and (of is None or cues.shares_word(of, p.role)):
                        return p
                earlier = self._earlier_official(phrase, orgs, memory) if of is None else None
                if earlier is not None:
                    return earlier
            name = cues.core(head) + (f" of {cues.strip_det(of)}" if of is not None else "")
            # "according to analysts": analysts with no side of their own are nobody's (CONVENTIONS.md), not the outlet's
            side = claimant_sides.phrase_side(self.actors, phrase) or (
                "other" if head_lower in cues.ANALYST_NOUNS and of is None else cues.context_side(outlet))
            kind = "organisation" if head.tag_ in {"NNS", "NNPS"} else "person"
            return Claimant(name=name, kind=kind, side=side, role=None)  # type: ignore[arg-type]
        if orgs or head_lower in ORG_NOUNS or lower in ORG_NOUNS or head.ent_type_ in {"ORG", "GOV"}:
            name = cues.core(head)
            named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == head.i + 1]
            if head.pos_ == "NOUN" and named:  # "the US-funded broadcaster Radio Free Europe": the name, not the description
                name = doc[named[0].left_edge.i: named[0].i + 1].text
            ent = ent_at(doc, head.i)
            # "the Communications Department of the National Police": an entity that stops at its head takes the
            # body it belongs to
            of = cues.of_whom(head) if ent is None or ent.end == head.i + 1 else None
            if of is not None:
                name = f"{name} of {cues.strip_det(of)}"  # "the press service of the Main Intelligence Directorate"
            # ("the US-funded broadcaster", "a Kremlin-backed outlet": the side of the word before the hyphen)
            side = claimant_sides.phrase_side(self.actors, phrase) or (
                self.actors.side_of(phrase.replace("-", " ")) if "-" in phrase else None)
            if side is None:
                # "The General Staff added" after "Ukraine's General Staff said": the same body.
                for o in reversed(memory.organisations):
                    if name.lower() in o.name.lower():
                        return o
                side = cues.context_side(outlet)
            if outlet.kind == "outlet" and self.actors.lookup(name) and self.actors.lookup(name)[1] == "outlets":  # type: ignore[index]
                return Claimant(name=name, kind="outlet", side=side or "unknown")
            return Claimant(name=name, kind="organisation", side=side or "unknown")
        return None
