"""Anaphora: claimants told by a bare definite description ("the agency said", "the general added").

Wire copy names a body or person in full once ("Ukraine's Main Intelligence Directorate (HUR)", "Ukraine's top
commander, General Oleksandr Syrskyi") and then points back at it by the head noun of a description ("According
to the agency", "The general said"). The referent is the nearest body or person named before whose name or
description holds that noun, or a noun of the same family (a ministry is "the department", an intelligence
directorate "the agency"). The rule is keyed on the noun's kind, not on phrases, so it carries over to outlets and
bodies the tables do not know. Guards: a description with a name, an ``of`` phrase or a possessive names its own
speaker; two equally near referents of different sides leave the description as it is; a news agency named in the
text ("told Moscow Herald") is the outlet, which a wire quoting itself is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..records import Claimant
from . import cues
from .parse import ents_in
from .quotes import Attribution

# Families of head nouns that can name one body: "the department" may point back at a ministry. Kept small: a
# noun outside every family only matches itself.
ORG_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"ministry", "department"}),
    frozenset({"agency", "directorate", "service", "intelligence", "bureau"}),
    frozenset({"command", "staff", "headquarters", "grouping"}),
    frozenset({"administration", "authorities", "council"}),
    frozenset({"group", "monitor", "project", "organisation", "organization", "watchdog", "ngo"}),
    frozenset({"office"}),
    frozenset({"committee"}),
    frozenset({"mission"}),
)
PERSON_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"general", "commander", "colonel", "chief"}),
    frozenset({"governor", "head"}),
    frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"}),
    frozenset({"minister"}),
    frozenset({"mayor"}),
    frozenset({"ombudsman", "commissioner"}),
    frozenset({"president"}),
    frozenset({"adviser", "advisor"}),
    frozenset({"ambassador", "envoy"}),
    frozenset({"prosecutor"}),
)
# Plural people nouns that stand for a body of analysts or monitors named before ("the analysts" after a think
# tank). Their referents are organisations.
GROUP_PEOPLE: dict[str, frozenset[str]] = {
    "analysts": frozenset({"analysts", "analyst", "institute", "think", "analytical", "project", "centre", "center"}),
    "experts": frozenset({"experts", "institute", "think", "centre", "center"}),
    "investigators": frozenset({"investigators", "committee", "service", "bureau", "prosecutor"}),
    "monitors": frozenset({"monitors", "mission", "monitoring", "monitor", "group"}),
}
ORG_HEADS = frozenset().union(*ORG_FAMILIES)
# Words of a body's name that are no anaphor head of their own: "the intelligence notes" is the service's output
# or a generic service as often as a body named before.
MASS_NOUNS = {"intelligence", "authorities"}
PERSON_HEADS = frozenset().union(*PERSON_FAMILIES)
DEFINITE = {"the", "this", "that"}
CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct"}


@dataclass
class Referent:
    """A body or person named so far, with the words of its name and description and where it was named."""

    claimant: Claimant
    words: frozenset[str]
    sentence: int  # index of its sentence: "equally near" is the same sentence
    at: int  # token index


def _top(token: Token) -> Token:
    """The noun phrase a name sits in: "Ukraine's top commander, General X" for X."""
    while token.dep_ in {"appos", "compound", "flat"} and token.head.pos_ in {"NOUN", "PROPN"} and token.head != token:
        token = token.head
    return token


def words_of(token: Token) -> frozenset[str]:
    """The words of a name's noun phrase, its appositions and brackets included, not its clauses."""
    out: set[str] = set()
    stack = [_top(token)]
    while stack:
        t = stack.pop()
        out.update({t.lower_, t.lemma_.lower()})
        stack.extend(c for c in t.children if c.dep_ not in CLAUSES and c.pos_ not in {"VERB", "AUX"})
    return frozenset(out)


def _family(head: str, kind: str) -> frozenset[str]:
    if kind == "group":
        return GROUP_PEOPLE[head]
    families = PERSON_FAMILIES if kind == "person" else ORG_FAMILIES
    return next((f for f in families if head in f), frozenset({head}))


def description(head: Token) -> str | None:
    """The kind a bare definite description points back at ("the agency": organisation, "the general": person,
    "the analysts": group), or None when the phrase names its own referent or is no description."""
    lemma, lower = head.lemma_.lower(), head.lower_
    if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ == "appos":
        return None  # (the tagger often calls a lower-case "the defense ministry" a name)
    kids = list(head.children)
    det = [c for c in kids if c.dep_ == "det"]
    if not det or det[0].lower_ not in DEFINITE:
        return None  # "a spokesman", bare "analysts": a new or generic speaker
    if any(c.dep_ in {"poss", "appos", "prep", "relcl", "acl", "nummod"} for c in kids):
        return None  # "the EU's foreign policy chief, Josep Borrell", "the mayor of Dnipro": its own speaker
    if any(t.text[:1].isupper() and t.ent_type_ != "NORP" for t in head.subtree if t != head and t.dep_ != "det"):
        return None  # "the Wagner group", "the Defence Ministry": a name, which the callers match as a name
    if lower in GROUP_PEOPLE:
        return "group"
    if head.tag_ in {"NNS", "NNPS"}:
        return None  # "the officials" after one official: not one referent
    if lemma in PERSON_HEADS:
        return "person"
    if lemma in ORG_HEADS and lemma not in MASS_NOUNS:
        return "organisation"
    return None


def resolve(head: Token, referents: list[Referent], side_of: Callable[[str], str | None]) -> Claimant | None:
    """The referent of a bare definite description, or None (not a description, nothing fits, or a tie)."""
    kind = description(head)
    if kind is None:
        return None
    noun = head.lower_ if kind == "group" else head.lemma_.lower()
    family = _family(noun, kind)
    modifiers = {c.lower_ for c in head.children if c.dep_ in {"amod", "compound"} and c.ent_type_ != "NORP"}
    side = side_of(" ".join(t.text for t in head.subtree))
    want = "person" if kind == "person" else None
    fits: list[tuple[tuple[int, int, int, int], Referent]] = []
    for r in referents:
        if r.at >= head.i or (want == "person") != (r.claimant.kind == "person"):
            continue
        if side is not None and r.claimant.side in {"UA", "RU", "other"} and r.claimant.side != side:
            continue  # "the Russian ministry": not Ukraine's
        exact = noun in r.words
        if not exact and not (family & r.words and modifiers <= r.words):
            continue  # a kin noun only with its modifiers: "the regional administration" is not "authorities"
        # nearest sentence first; in one sentence the head noun itself, then modifiers that fit, then the later name
        fits.append(((r.sentence, int(exact), len(modifiers & r.words), r.at), r))
    if not fits:
        return None
    fits.sort(key=lambda f: f[0], reverse=True)
    best, rest = fits[0], fits[1:]
    for key, r in rest:
        if key[:3] != best[0][:3]:
            break
        if r.claimant.name != best[1].claimant.name and {r.claimant.side, best[1].claimant.side} <= {"UA", "RU", "other"} \
                and r.claimant.side != best[1].claimant.side:
            return None  # two equally near referents of different sides: abstain
    return best[1].claimant


def note(sent: Span, index: int, found: Attribution | None, outlet: Claimant, referents: list[Referent],
         claimant_of: Callable[[Token], Claimant | None]) -> None:
    """Names and speakers of one sentence become referents for the descriptions after it."""
    taken: set[int] = set()
    if found is not None and found.claimant.kind != "outlet" and found.attribution_tokens:
        doc = sent.doc
        words = {doc[i].lower_ for i in found.attribution_tokens} | {
            w.lower() for w in f"{found.claimant.name} {found.claimant.role or ''}".split()}
        for i in found.attribution_tokens:  # ", Oleh Demchenko, the head of the regional administration, said"
            if doc[i].ent_type_ in {"PERSON", "ORG", "GOV"}:
                words |= words_of(doc[i])
        claimant = found.claimant
        if claimant.kind == "person" and (claimant.role or "").split()[-1:] and \
                claimant.role.split()[-1].lower() in ORG_HEADS - PERSON_HEADS:  # type: ignore[union-attr]
            # "Civic Lens, an independent monitoring group, said": a body described by its kind, not a person
            claimant = Claimant(claimant.name, "organisation", claimant.side, None, claimant.organisation)
        referents.append(Referent(claimant, frozenset(words), index, min(found.attribution_tokens)))
        taken = found.attribution_tokens
    seen: set[int] = set()
    for ent in ents_in(sent.doc, sent.start, sent.end):  # Span.ents walks the whole doc: O(n^2) on long texts
        if ent.root.i in taken or ent.label_ not in {"PERSON", "ORG", "GOV"}:
            continue
        top = _top(ent.root)
        if top.i in seen:
            continue
        seen.add(top.i)
        claimant = claimant_of(ent.root)
        if claimant is None:
            continue
        if ent[-1].lower_ in {"of", "the"} and claimant.kind == "organisation":
            # "The Defence Intelligence of the | United Kingdom": an entity the tagger cut inside its "of" phrase
            end = max(t.i for t in ent.root.subtree if t.dep_ != "punct") + 1
            claimant = Claimant(cues.strip_det(sent.doc[ent.start:end].text), claimant.kind, claimant.side,
                                claimant.role, claimant.organisation)
        words = words_of(ent.root)
        if claimant.kind == "outlet" or cues.strip_det(ent.text).lower() == (outlet.name or "").lower():
            if ent.start > 0 and sent.doc[ent.start - 1].text == "(":
                continue  # the dateline's "(Wirewire)": the story's byline, not a body the text names
            # "told Moscow Herald": an outlet named as a source; a wire quoting itself as "the agency" is the outlet
            mine = cues.strip_det(ent.text).lower() == (outlet.name or "").lower()
            claimant, words = (outlet if mine else claimant), words | {"agency"}
        referents.append(Referent(claimant, words, index, ent.start))


# Offices one person holds, told by a role noun before the article names its holder ("..., the regional governor
# said. Oleh Kiper wrote on Telegram that ...").
OFFICES = {"governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "chief"}


def named_later(results: list[Attribution]) -> list[Attribution]:
    """An office told by its role noun alone, with no person named before it, is the next person the article
    names as a speaker (wire copy names the governor a sentence or two after "the governor said")."""
    for i, at in enumerate(results):
        words = at.claimant.name.split() if at.claimant.kind == "person" else []
        if not words or words[-1].lower() not in OFFICES or len(words) > 3 or any(w[:1].isupper() for w in words) \
                or any(at.sent.doc[t].lower_ == "of" for t in at.attribution_tokens):
            continue  # ("the governor of another region" is another office)
        if any(r.claimant.kind == "person" and r.claimant.name[:1].isupper() for r in results[:i]):
            return results  # a person named before: the role noun had them to point back at
        later = next((r.claimant for r in results[i + 1:] if r.claimant.kind == "person"
                      and r.claimant.name[:1].isupper()), None)
        if later is None or (later.role is not None and words[-1].lower() not in later.role.lower()):
            return results
        role = at.claimant.name
        for r in results:
            if r.claimant.name == role and r.claimant.kind == "person":
                r.claimant = later
        return results
    return results
