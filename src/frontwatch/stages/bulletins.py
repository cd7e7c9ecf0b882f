"""Report continuation: the sentences after a report that keep its issuer.

A General Staff summary, a ministry briefing, a governor's Telegram post or a monitoring project's map update is
retold item by item, and most items name no speaker of their own. :func:`continuations` carries the issuer over
those items and stops where the outlet takes over again (background, another speaker, "Separately, ...").
Split off :mod:`.quotes` (the other article-level passes of attribution).
"""

from __future__ import annotations

import re

from ..actors import Actors
from ..records import Claimant
from .parse import doc_text, ents_in, span_text
from .quotes import BACKGROUND_LINE, GENERIC_SPEAKERS, LIST_ITEM, Attribution, quote_of

# Issuers of daily bulletins, and how the bulletin's next items begin ("In the Bakhmut direction, ...").
BULLETIN_ISSUERS = {"staff", "ministry", "command", "group", "forces", "administration", "service", "mission",
                    "headquarters", "office", "force", "navy", "guard", "grouping",
                    # monitoring projects and think tanks retell their daily map updates and assessments
                    "project", "institute", "monitor"}
BULLETIN_ITEM = re.compile(
    r"(?:And\s+(?=[a-z]))?(?:(?:[Ii]n|[Oo]n|[Nn]ear|[Aa]long|[Oo]ver|[Aa]cross)\s+(?:the\s+|these\s+|this\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:direction|directions|sector|sectors|axis|axes|front|areas?|section|operational zone)\b"
    r"|(?:Also|In addition|Additionally|Besides|At the same time|Meanwhile|Moreover|Furthermore|Another)\b"
    r"|(?:In|Over|During)\s+the\s+(?:past|last)\s+(?:day|24 hours|week|night)"
    # "In the Luhansk Region, ...": the report's next region; "It is reported that ...": its next item, impersonal
    r"|In\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,2}(?:[Rr]egion|[Oo]blast)\b"
    r"|It\s+is\s+(?:also\s+)?(?:reported|noted|stated|indicated)\s+that\b)")
# An item's marks anywhere in its sentence, not only first: a named direction ("The Kurakhove direction saw the
# heaviest fighting", "... near Vovchansk in the Kharkiv direction"), the report's period ("... over the past
# day"), a grouping of forces ("Units of the Yug Group of Forces took ...").
ITEM_ANYWHERE = re.compile(
    r"(?:^The|\bin\s+the)\s+(?:[A-Z][\w'’-]+\s+){1,2}(?:direction|axis|sector)\b"
    r"|\b(?:[Oo]ver|[Ii]n|[Dd]uring)\s+the\s+(?:past|last)\s+(?:day|24 hours|night)\b|\bduring the day\b"
    r"|\b[Gg]roup(?:ing)?\s+of\s+(?:[Ff]orces|[Tt]roops)\b")
# The outlet turning to another story: what follows is its own, whatever report came before.
ELSEWHERE = re.compile(r"(?:Separately|Elsewhere|In other news|In other developments)\b")
# A statement posted on a channel: what the next paragraph retells is the post's ("..., the governor wrote on Telegram.")
POSTED = re.compile(r"\b(?:on|in|via)\s+(?:(?:his|her|its|their|the|a)\s+)?(?:official\s+)?(?:Telegram|Facebook|Instagram|"
                    r"Twitter|X|VKontakte|Viber)\b|\b(?:Telegram|Facebook)\s+(?:channel|page|post)\b")
MEANWHILE = re.compile(r"Meanwhile\b")
# "The Zapad group also inflicted losses ...": the report's next item.
ALSO_EARLY = re.compile(r"^(?:[\w'’-]+\s+){1,5}also\b", re.I)
# A report's own voice: the enemy, the occupiers, our troops.
SPEAKER_VOICE = {"enemy", "occupiers", "invaders", "aggressor", "our", "we", "us"}
HOSTILE_VOICE = {"enemy", "occupiers", "invaders", "aggressor"}
# Background and history, the outlet's own: "Recall that", "As reported earlier", a year, "since".
BACKGROUND = re.compile(r"^(?:Recall|We will remind|As (?:\w+ )*(?:reported|noted) earlier|Earlier)|\b(?:19|20)\d\d\b|"
                        r"\bsince\b|\bfull-scale invasion\b|\blast (?:year|month)\b|"
                        r"\bcentury\b|\bfounded\b|\bbefore the war\b|\bpre-war\b", re.I)
# An item of a list a speaker opened with a colon: "38 airstrikes.", "- 12 drones", "• two tanks".
LIST_LINE = re.compile(r"(?:\d|[-•–—*]\s)")
def continuations(results: list[Attribution], own: list[Attribution | None], quotes: list[tuple[int, int]],
                  actors: Actors) -> list[Attribution]:
    """A report's next sentences keep its issuer.

    "The General Staff said 95 clashes took place. In the Bakhmut direction, the enemy attacked 12
    times." The second sentence has no speaker of its own but goes on with the same report: its next
    item ("In the ... direction", "Also", "In addition") or the speaker's own voice ("the enemy", "our
    troops"). Background ("Recall
    that", a year, "since") and the outlet's narrative stay the outlet's; a new paragraph goes on only
    with a bulletin's next item, and only an organisation's or an official's report goes on at all.
    """
    text = doc_text(results[0].sent.doc) if results else ""
    _between_statements(results, own, quotes, actors, text)
    by_voice: set[int] = set()  # paragraphs carried over by the enemy's name alone
    for i in range(1, len(results)):
        at, before = results[i], results[i - 1]
        if own[i] is not None or at.claimant.kind != "outlet" or before.claimant.kind == "outlet":
            continue
        if quote_of(at.sent, quotes) is not None:
            continue
        sentence = span_text(at.sent).strip()
        if _list_item(text, before, at):
            # "... Russia carried out:\n38 airstrikes.\n181 artillery strikes.": the list the speaker began
            results[i] = Attribution(at.sent, before.claimant, LIST_ITEM, None, before.direct_quote)
            continue
        if BACKGROUND.search(sentence) or BACKGROUND_LINE.match(sentence) or ELSEWHERE.match(sentence):
            continue  # history, a "Read also:" line or another story, which end the report
        item = bool(BULLETIN_ITEM.match(sentence) or ALSO_EARLY.match(sentence) or ITEM_ANYWHERE.search(sentence))
        # the sentence before was itself carried over as the report's item (no speaker of its own)
        went_on = own[i - 1] is None and before.cue is None
        # the speaker's voice, or "They deployed more units": the report's own subject goes on
        voice = any(t.lower_ in SPEAKER_VOICE for t in at.sent) or any(
            t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.lower_ == "they" for t in at.sent)
        if not issuer(before.claimant, actors, strong=item):
            continue
        new_paragraph = "\n" in text[before.span[1]:at.span[0]]
        if new_paragraph and MEANWHILE.match(sentence):
            continue  # "Meanwhile, ..." opening a paragraph turns to another story; inside one it is the next item
        # A new paragraph goes on with a bulletin's next item, or in the enemy's name when the report before it
        # was told, not quoted ("According to the commander, ..." / "The Russian army lost 242 soldiers: 80
        # occupiers were killed ...").
        # (also after a person's item carried by its marks, not by the enemy's name alone: a chain of hostile
        # paragraphs is the outlet's narrative as often as the report's)
        hostile = any(t.lower_ in HOSTILE_VOICE for t in at.sent) and not before.direct_quote \
            and (before.cue_token is not None or (before.cue is None and before.claimant.kind == "organisation")
                 or (went_on and i - 1 not in by_voice))
        if new_paragraph and not (item or hostile or _post_retold(text, before, at)):
            continue
        if new_paragraph and not (item or _post_retold(text, before, at)):
            by_voice.add(i)
        # In its own paragraph an item goes on to its end: "In the Kupiansk direction, the enemy attacked seven
        # times. Ukrainian defenders repelled six of the assaults." (history stays the outlet's, above)
        if not (item or voice or (not new_paragraph and (went_on or _told_figure(before, at)))
                or _post_retold(text, before, at)):
            continue  # background or analysis, the outlet's own
        results[i] = Attribution(at.sent, before.claimant, None, None, before.direct_quote and not new_paragraph)
    return results


def _between_statements(results: list[Attribution], own: list[Attribution | None], quotes: list[tuple[int, int]],
                        actors: Actors, text: str) -> None:
    """ "X wrote on Telegram that ... A woman was killed. The bomb hit a pharmacy. He added that ...": a post or
    briefing retold sentence by sentence, between two statements of the same issuer, the later one pointing back
    at it (a pronoun or a role: "he added", "the governor said"), is the issuer's throughout. Up to three
    sentences with no speaker, quotation or background between them."""
    for i in range(1, len(results)):
        later = own[i]
        if later is None or later.cue_token is None or not _points_back(later):
            continue
        j = i - 1
        while j >= 0 and own[j] is None and results[j].claimant.kind == "outlet":
            j -= 1
        gap = range(j + 1, i)
        if j < 0 or results[j].cue == "headline" or not 1 <= len(gap) <= 3 or results[j].claimant.name != later.claimant.name \
                or not issuer(later.claimant, actors):
            continue
        sentences = [span_text(results[k].sent).strip() for k in gap]
        if any(quote_of(results[k].sent, quotes) is not None for k in gap) or any(
                BACKGROUND.search(t) or BACKGROUND_LINE.match(t) or ELSEWHERE.match(t) for t in sentences):
            continue
        for k in gap:
            results[k] = Attribution(results[k].sent, later.claimant, None, None)


def _points_back(at: Attribution) -> bool:
    """The statement names its speaker by a pronoun or a bare role ("he added", "the governor said")."""
    cue = at.sent.doc[at.cue_token] if at.cue_token is not None else None
    subjects = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}] if cue is not None else []
    return any(s.pos_ == "PRON" or (s.pos_ == "NOUN" and any(d.lower_ == "the" for d in s.children))
               for s in subjects)


def _post_retold(text: str, before: Attribution, at: Attribution) -> bool:
    """ "Russian forces struck the city overnight, the head of the city administration said on Telegram.\n\nNine
    people were injured.": the paragraph right after a post's statement told in the outlet's words goes on with the
    post, its first sentence here and the rest as the item's paragraph."""
    if before.cue_token is None or before.direct_quote or not POSTED.search(span_text(before.sent)):
        return False
    return text[before.span[1]:at.span[0]].count("\n") in {1, 2}


def _told_figure(before: Attribution, at: Attribution) -> bool:
    """ "X said that two missiles had hit the station. 30 people were killed ...": a figure right after a report
    told in the speaker's own clause ("said that ...") is the report's next figure."""
    if before.cue_token is None or before.direct_quote:
        return False
    cue = before.sent.doc[before.cue_token]
    return _figure(at) and any(c.dep_ == "ccomp" for c in cue.children)


def _figure(at: Attribution) -> bool:
    return any(e.label_ in {"CARDINAL", "QUANTITY"} for e in ents_in(at.sent.doc, at.sent.start, at.sent.end))


def _list_item(text: str, before: Attribution, at: Attribution) -> bool:
    """A line of a list (a number or a bullet first, a few words) right under a line that opens it with a colon,
    or under the list's previous item."""
    if not (span_text(before.sent).rstrip().endswith(":") or before.cue == LIST_ITEM):
        return False
    gap = text[before.span[1]:at.span[0]]
    return gap.count("\n") == 1 and bool(LIST_LINE.match(span_text(at.sent).strip())) and len(at.sent) <= 25


def issuer(claimant: Claimant, actors: Actors, strong: bool = False) -> bool:
    """Whose report goes on past its sentence: a body that issues bulletins, or a named official (with a
    bulletin's next item, "In the past day, ...", any speaker named in full on one side)."""
    # the head noun: "General Staff of the Armed Forces of Ukraine" is a staff
    last = claimant.name.split(" of ")[0].split()[-1].lower() if claimant.name else ""
    if last in GENERIC_SPEAKERS or claimant.side == "unknown":
        return False
    if claimant.kind == "organisation":
        return last in BULLETIN_ISSUERS or (strong and (actors.lookup(claimant.name) or ("", ""))[1]
                                            in {"organisations", "forces"})
    if claimant.kind != "person":
        return False
    return claimant.role is not None or actors.person_side(claimant.name) is not None or (
        strong and len(claimant.name.split()) >= 2 and claimant.side in {"UA", "RU"})
