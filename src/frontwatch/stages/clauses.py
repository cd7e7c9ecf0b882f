"""Clauses: which of a sentence's places, times and quantities belong to which of its events.

A sentence often packs several events ("Russian troops shelled Kherson on Sunday and struck Odesa with drones
overnight"); each takes the place and time of its own clause, not the sentence's. A clause with none of its own
takes those no other event's clause holds, else those of the clause it hangs from (a participle, "..., killing two
people", or a verb joined with no time of its own happens where and when its head clause does). A verb whose
coordinated objects each carry their own time ("shelled Kherson on Monday and Nikopol on Tuesday") tells one event
per time (``split_gapped``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..records import Event, Place, Quantity, TimeSpan
from .events import EventDraft


def attach_event(doc: Doc, draft: EventDraft, drafts: list[EventDraft], places: list[Place], times: list[TimeSpan],
                 quantities: list[Quantity]) -> Event:
    """Attach the places, time and quantities of the trigger's clause (a quantity no one event's own clause holds goes
    to the nearest trigger)."""
    owns = {id(d): _clauses(doc, d, drafts)[0] for d in drafts} if len(drafts) > 1 and quantities else {}

    def owner(q: Quantity) -> EventDraft:
        holders = [d for d in drafts if _within(q.span, owns[id(d)])] if owns else []
        return holders[0] if len(holders) == 1 else min(drafts, key=lambda d: abs(d.start - q.span[0]))

    mine = tuple(q for q in quantities if owner(q) is draft)
    return Event(type=draft.type, polarity=draft.polarity, actor_side=draft.actor_side,  # type: ignore[arg-type]
                 trigger=draft.trigger, places=clause_places(doc, draft, drafts, places),
                 time=clause_time(doc, draft, drafts, times), quantities=mine)


def clause_places(doc: Doc, draft: EventDraft, drafts: list[EventDraft], places: list[Place]) -> tuple[Place, ...]:
    """The places of the trigger's own clause with those no other event's clause holds: "shelled Kherson and struck
    Odesa" puts Kherson on the shelling and Odesa on the strike, while a frame the whole sentence shares ("In the
    Belgorod region, the governor said drones had attacked X") stays on each. A clause that names no place of its own
    ("..., but the attack was repelled", "denied that the town had fallen") points back at the sentence's: it takes
    them all, as one event alone does."""
    if len(drafts) < 2 or not places:
        return tuple(places)
    own, others = _clauses(doc, draft, drafts)
    if not any(_within(p.span, own) for p in places):
        return tuple(places)
    return tuple(p for p in places if _within(p.span, own) or not any(_within(p.span, c) for c in others))


def split_areas(event: Event, quantities: list[Quantity]) -> list[Event]:
    """"9 sq km in the east and 28.4 sq km in the south": two advances, one area each."""
    areas = [q for q in quantities if q.kind == "area"]
    if event.type != "advance" or len(areas) < 2:
        return [event]
    return [replace(event, quantities=(q,)) for q in areas]


def clause_time(doc: Doc, draft: EventDraft, drafts: list[EventDraft], times: list[TimeSpan]) -> TimeSpan | None:
    """The time expression inside the trigger's clause, else the nearest one no other trigger's clause holds."""
    if not times:
        return None
    own, others = _clauses(doc, draft, drafts)
    times = [t for t in times if not _describes_a_noun(doc, t, draft)]
    inside = [t for t in times if _within(t.span, own)]
    if inside:
        return min(inside, key=lambda t: abs(t.span[0] - draft.start))  # type: ignore[index]
    free = [t for t in times if not any(_within(t.span, c) for c in others)]
    if free:
        return min(free, key=lambda t: abs(t.span[0] - draft.start))  # type: ignore[index]
    head = _dating_clause(doc, draft, drafts)
    if head is not None:  # "shelled Nikopol on Tuesday, killing two": the participle's time is its head clause's
        return clause_time(doc, head, [d for d in drafts if d is not draft], times)
    return None


def split_gapped(doc: Doc, event: Event, draft: EventDraft, drafts: list[EventDraft], times: list[TimeSpan]
                 ) -> list[Event]:
    """ "Russian forces shelled Kherson on Monday and Nikopol on Tuesday": one verb, two places each with a day of its
    own, is two events (another place and time, another event). Each place goes with the time that follows it; a
    place the verb names with no time after it, or two times naming the same span, leave the event whole (one event
    with its parts: "repelled 12 attacks near Bakhmut and 8 near Avdiivka on Monday")."""
    if len(event.places) < 2:
        return [event]
    own, _ = _clauses(doc, draft, drafts)
    named = [p for p in event.places if _within(p.span, own)]  # the others frame the sentence: they stay on each
    shared = tuple(p for p in event.places if p not in named)
    mine = sorted((t for t in times if t.span is not None and t.start is not None and _within(t.span, own)
                   and t.span[0] > draft.start and not _describes_a_noun(doc, t, draft)),
                  key=lambda t: t.span[0])  # type: ignore[index]
    if len(mine) < 2 or len({(t.start, t.end) for t in mine}) < len(mine):
        return [event]
    out: list[Event] = []
    lo = 0
    for time in mine:
        assert time.span is not None
        part = tuple(p for p in named if lo <= p.span[0] < time.span[0])
        if not part:
            return [event]
        out.append(replace(event, places=part + shared, time=time, quantities=event.quantities if not out else ()))
        lo = time.span[1]
    if any(p.span[0] >= lo for p in named):
        return [event]  # a place after the last time: the times do not pair with the places
    return out


def _clauses(doc: Doc, draft: EventDraft, drafts: list[EventDraft]) -> tuple[set[int], list[set[int]]]:
    """The character offsets of the trigger's own clause (less the clauses of other events inside it: "..., which
    Russian forces took in May" is not ours) and of the other events' clauses."""
    def clause(d: EventDraft) -> set[int]:
        root = clause_root(doc, d)
        return {t.idx for t in root.subtree} if root is not None else set()

    others = [clause(d) for d in drafts if d is not draft]
    own = clause(draft)
    for other in others:
        if other < own:
            own -= other
    return own, others


def _within(span: tuple[int, int] | None, idxs: set[int]) -> bool:
    return span is not None and any(span[0] <= i < span[1] for i in idxs)


def clause_root(doc: Doc, draft: EventDraft) -> Token | None:
    """The verb of the trigger's clause (a trigger that is an argument, "Russian shelling killed two", is its verb's)."""
    token = doc.char_span(draft.start, draft.start + len(draft.trigger), alignment_mode="expand")
    if token is None:
        return None
    root = token.root
    if (root.pos_ not in {"VERB", "AUX"} or root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}) \
            and root.head.pos_ in {"VERB", "AUX"}:
        root = root.head
    return root


def _dating_clause(doc: Doc, draft: EventDraft, drafts: list[EventDraft]) -> EventDraft | None:
    """The event whose clause dates this one: a participle clause with no conjunction of its own ("..., killing two
    people") or a verb joined to another with no subject of its own ("entered the town on Thursday and lost two
    tanks") happens when the clause it hangs from does, when it names no time of its own. A clause with a "since" or
    "after" of its own, or a subordinate clause with its own subject, is not dated by its head."""
    root = clause_root(doc, draft)
    if root is None or root.pos_ != "VERB" or any(c.dep_ == "mark" or c.dep_ in {"nsubj", "nsubjpass"} and root.dep_ != "conj"
                                                  for c in root.children):
        return None  # (a conjunct with a subject of its own and no time, "..., and air defences shot down 35", too)
    if not (root.dep_ == "conj" or root.dep_ == "advcl" and root.tag_ in {"VBG", "VBN"}):
        return None
    roots = {id(d): clause_root(doc, d) for d in drafts if d is not draft}
    head = root.head
    for _ in range(3):  # up past a conjunct that is no event ("killing two and wounding five": killing's head)
        found = next((d for d in drafts if d is not draft and roots[id(d)] == head), None)
        if found is not None or head.dep_ != "conj":
            return found
        head = head.head
    return None


_NOUN_CLAUSES = frozenset({"relcl"})


def _describes_a_noun(doc: Doc, time: TimeSpan, draft: EventDraft) -> bool:
    """The time sits in a clause that modifies another noun than the trigger: "withdrew from the city, the
    first to fall after the war began on 24 February" dates the city's fall, not the withdrawal. Such a
    clause is background about the noun, whether or not it holds a trigger of its own."""
    if time.span is None:
        return False
    span = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
    trigger = doc.char_span(draft.start, draft.start + len(draft.trigger), alignment_mode="expand")
    if span is None or trigger is None:
        return False
    at = set(range(trigger.start, trigger.end))
    token = span.root
    for _ in range(12):
        if token.dep_ in _NOUN_CLAUSES and token.head.i not in at \
                and not any(t.i in at for t in token.subtree):
            return True
        if token.head == token:
            return False
        token = token.head
    return False
