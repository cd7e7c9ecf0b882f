"""Event phrase families that need more than a trigger word (issue 8, real war news).

Each helper reads the parse around one trigger and answers one question for ``events.EventFinder``:
a shoot-down told with "hit"/"destroyed", ground still held ("still control the village"), an event denied
by denying the reports of it ("denied reports of the capture of X", "untrue are statements that ..."), an
effort verb that makes an attempt ("pushing to take the town"), a strike answered with ("responded with
air raids"), and two events of a sentence that one frame must not swallow.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

# "Our anti-aircraft missile system hit a Su-34", "air defence destroyed three Su-34 bombers": an interception,
# which the conventions count as a repelled attack by the side that flew the aircraft.
INTERCEPTORS = re.compile(r"air[- ]?defen[cs]e|anti-?aircraft|\bsam\b|patriot|missile system|air force|pilots?\b|"
                          r"fighter jets?", re.IGNORECASE)
AIRCRAFT = re.compile(r"^(?:su-?\d+|mig-?\d+|ka-?\d+|mi-?\d+|tu-?\d+|il-?\d+|a-50|be-12|f-16s?|jets?|aircraft|"
                      r"planes?|warplanes?|helicopters?|bombers?|fighter-bombers?|fighters?|missiles?|drones?|uavs?)$",
                      re.IGNORECASE)
# Effort verbs whose "to" clause is an attempt, like "try to" ("Russian forces have been pushing to take the town").
EFFORT_VERBS = {"push", "press", "struggle", "fight", "battle"}
EFFORT_NOUNS = {"attempt", "effort", "bid"}  # "made several attempts to storm the village"
# "Denied reports of the capture of X", "untrue are statements suggesting that X was captured".
CLAIM_NOUNS = {"report", "claim", "statement", "allegation", "rumour", "rumor", "assertion"}
DENIAL_VERBS = {"deny", "reject", "dismiss", "refute", "rebut", "debunk"}
DENIAL_ADJECTIVES = {"untrue", "false", "fake", "baseless", "groundless", "unfounded"}
HOLD_VERBS = {"control", "hold"}
ANSWER_VERBS = {"respond", "retaliate", "answer", "reply"}
PHOTO_CAPTION = re.compile(r"^\s*(?:File (?:image|photo|picture)s? of\b|\(?(?:AP|AFP|Reuters|EPA) Photo\b)|"
                           r"\|\s*Photo Credit:", re.IGNORECASE)


def intercepted_aircraft(verb: Token) -> bool:
    """ "Our air defence hit a Su-34": a hit or a destruction by an interceptor of an aircraft, missile or drone."""
    if verb.lemma_ not in {"hit", "destroy", "down", "strike"}:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children]
    interceptor = any(INTERCEPTORS.search(" ".join(t.text for t in s.subtree)) for s in subjects + agents)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return interceptor and any(AIRCRAFT.match(o.text) or any(AIRCRAFT.match(t.text) for t in o.subtree
                                                             if t.dep_ in {"compound", "nummod", "appos"})
                               for o in objects)


def effort(token: Token) -> bool:
    """ "pushing to take over", "pressing to capture", "attempts to storm": an attempt (a clash)."""
    if token.dep_ == "xcomp" and token.head.lemma_ in EFFORT_VERBS:
        return True
    return token.dep_ == "acl" and token.head.lemma_ in EFFORT_NOUNS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def effort_verb(token: Token) -> bool:
    """ "pushing" in "pushing to take the town": the effort verb, whose clause carries the event."""
    return token.lemma_ in EFFORT_VERBS and any(c.dep_ == "xcomp" for c in token.children)


def still_held(control: Token) -> Token | None:
    """For "Ukrainian troops still control the village" and "Kyiv remains in control": the holder (the subject)."""
    verb = control
    if control.lemma_ in {"remain", "stay", "be"}:
        if not any(c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_ == "control" for p in c.children)
                   for c in control.children):
            return None  # "remains in control"
    elif control.pos_ == "NOUN" and control.dep_ == "pobj" and control.head.lower_ == "in":
        verb = control.head.head
        if verb.lemma_ not in {"remain", "stay", "be"}:
            return None
    elif control.lemma_ not in HOLD_VERBS or control.pos_ != "VERB":
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def denied_report(root: Token) -> bool:
    """Is the event inside a report or claim that is denied ("denied reports of the capture of X", "dismissed
    Russian statements that its forces had taken X", "untrue are statements suggesting that X was captured")?"""
    token = root
    for _ in range(6):
        if token.head == token:
            return False
        token = token.head
        if token.lemma_.lower() in CLAIM_NOUNS and token.pos_ == "NOUN":
            head = token.head
            if token.dep_ in {"dobj", "nsubjpass"} and head.lemma_ in DENIAL_VERBS:
                return True
            if token.dep_ in {"nsubj", "attr"} and any(c.dep_ in {"acomp", "attr"} and c.lower_ in DENIAL_ADJECTIVES
                                                      for c in head.children):
                return True
            return False
    return False


def answered_with(noun: Token) -> bool:
    """ "Ukraine responded with air raids": the strike is what the clause tells."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.lemma_ in ANSWER_VERBS


def own_clause_events(absorbing: Token, other: Token) -> bool:
    """Two events a repelled frame must not swallow: "Russian forces improved their positions and repelled nine
    attacks" (one subject, two deeds, the repelling told in the active voice), or a shoot-down and a strike in
    clauses of their own ("Ukraine responded with air raids, ..., air defence shot down a Su-27")."""
    def clause(t: Token) -> Token:
        while (t.pos_ not in {"VERB", "AUX"} or t.dep_ == "xcomp") and t.head != t:  # "tried to advance": tried
            t = t.head
        return t

    a, b = clause(absorbing), clause(other)
    if a == b:
        return False
    if b.dep_ == "conj" and b.head == a or a.dep_ == "conj" and a.head == b:
        later = a if a.i > b.i else b
        return _active(a) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in later.children)
    return a not in b.ancestors and b not in a.ancestors  # one inside the other: the attack that was repelled


def strike_of_its_own(repelled: Token, strike: Token) -> bool:
    """A strike and a shoot-down joined as clauses with subjects of their own ("Russia launched 40 drones overnight,
    and air defences shot down 35", "Ukrainian drones hit two depots, and air defences downed 25 drones"): the strike
    that got through (or the salvo sent) is a claim of its own besides the repulse. A ground attack and its repulse
    stay one event ("Russian troops attacked the village, but were driven back": not a strike)."""
    def clause(t: Token) -> Token:
        while t.pos_ not in {"VERB", "AUX"} and t.head != t:
            t = t.head
        return t

    a, b = clause(repelled), clause(strike)
    return a != b and _own_subject(a) and _own_subject(b) and (
        a.head == b and a.dep_ in {"conj", "parataxis"} or b.head == a and b.dep_ in {"conj", "parataxis"})


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _active(verb: Token) -> bool:
    return not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def conjoined(a: Token, b: Token) -> bool:
    """ "aviation strikes and artillery fire": two means named side by side, two events (not "artillery strikes")."""
    return a != b and (a.dep_ == "conj" and a.head == b or b.dep_ == "conj" and b.head == a)


def identified_weapon(verb: Token) -> bool:
    """ "The missile that struck the building appeared to have been a Kh-22": the clause names the weapon of a strike
    told before; the relative clause on its definite subject is not a new claim."""
    if verb.dep_ != "relcl" or verb.head.dep_ != "nsubj":
        return False
    noun, main = verb.head, verb.head.head
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and (
        main.lemma_ in {"be", "appear", "seem", "turn"} and main.lemma_ != "be" or main.lemma_ == "be" and any(
            c.dep_ == "attr" for c in main.children))


def exchanged(token: Token) -> bool:
    """Is the casualty word inside what was exchanged ("exchanged the bodies of the dead")?"""
    for ancestor in list(token.ancestors)[:4]:
        if ancestor.lemma_ in {"exchange", "swap", "repatriate", "return", "hand"} and ancestor.pos_ == "VERB":
            return True
    return False


def contrasted_losses(span: Span, first: Span | None) -> bool:
    """ "Russia lost 520 troops, while Ukraine lost 40": two sides' tallies, two casualty counts (killed and wounded
    in one sentence stay one count, its total and parts)."""
    if first is None:
        return False
    a, b = span.root, first.root
    return a.lemma_ == "lose" and b.lemma_ == "lose" and a.dep_ == "advcl" and a.head == b and any(
        c.dep_ == "mark" and c.lower_ in {"while", "whereas"} for c in a.children)


VALUE_NOUNS = {"importance", "significance", "value", "meaning", "impact", "effect", "consequence", "bearing"}


def evaluated(noun: Token) -> bool:
    """ "The capture of the village had no strategic importance": an event weighed, not told."""
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "have" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in VALUE_NOUNS for c in noun.head.children)


LAUNCH_VERBS = {"launch", "conduct", "carry", "mount", "make", "stage"}


def attackers(sent: Span) -> Token | None:
    """ "heavy fighting, with Russian forces launching 56 attacks": the subject of the attacks launched."""
    for token in sent:
        if token.lemma_ in {"attack", "assault"} and token.pos_ == "NOUN" and token.dep_ == "dobj" \
                and token.head.lemma_ in LAUNCH_VERBS:
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
    return None


# Barrel and rocket artillery: an attack told with one of these is shelling ("hit Nikopol with Grad rockets",
# "an Uragan attack on the town", "Russian howitzers hit the village"); missiles, drones and bombs stay strikes.
SHELLING_ARMS = {"mortar", "artillery", "mlrs", "grad", "grads", "uragan", "uragans", "smerch", "howitzer", "launcher",
                 "cannon", "msta", "gvozdika", "akatsiya", "giatsint"}
AERIAL_ARMS = {"missile", "drone", "uav", "shahed", "bomb", "aircraft", "aviation", "jet", "helicopter", "himars",
               "atacms", "iskander", "kalibr", "kinzhal"}


def shelled_with(trigger: Token) -> bool:
    """Is the attack told with artillery, mortars or rocket launchers (its means, its modifier or its subject)?"""
    means = [c for c in trigger.children if c.dep_ in {"compound", "amod", "nmod", "nsubj"}]
    # "attacked the town with mortars", "struck the village of X with artillery" (the parser may hang "with" lower)
    holders = [trigger] + [t for c in trigger.children if c.dep_ == "dobj" for t in c.subtree if t.pos_ in {"NOUN", "PROPN"}]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"with", "from", "by"}):
        means += [p for p in prep.children if p.dep_ == "pobj"]
    means += [c for m in means for c in m.conjuncts]
    words = {t.lemma_.lower() for m in means for t in [m, *(c for c in m.children if c.dep_ in {"compound", "amod"})]}
    return bool(words & SHELLING_ARMS) and not words & AERIAL_ARMS


def shelled_positions(verb: Token) -> bool:
    """ "Artillery crews destroyed Ukrainian positions": the other side's positions hit by artillery are shelling,
    not a tally of losses ("artillery destroyed a tank" stays one)."""
    return verb.lemma_ == "destroy" and shelled_with(verb) and any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() == "position" for c in verb.children)


SETTLEMENT_NOUNS = {"settlement", "village", "town", "locality", "hamlet"}


def counted_settlements(verb: Token) -> bool:
    """ "liberated 90 sq km and seven settlements": counted places taken with the ground, told as a capture (the gold
    lists one claim for the verb; tried both an advance and a capture: a spurious claim on war-news dev)."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in SETTLEMENT_NOUNS and any(c.dep_ == "nummod" for c in o.children)
               for o in objects + [c for o in objects for c in o.conjuncts])


def counted_victims(root: Token) -> bool:
    """ "The number of victims has risen to 21", "put the number of victims at 52", "There are victims": a casualty
    count; victims searched for, remembered or beyond imagining are not one."""
    if root.lower_ in {"victim", "victims"}:
        return root.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.children)
    verb = root.head
    return root.dep_ in {"nsubj", "dobj"} and any(t.like_num for t in verb.subtree if t not in root.subtree)


def taken_to_hospital_again(root: Token) -> bool:
    """ "The victims were taken to hospital", "they were rushed to hospital": the people counted before, taken on."""
    if root.lemma_ not in {"take", "rush", "admit", "bring"}:
        return False
    return any(c.dep_ == "nsubjpass" and (c.lower_ in {"they", "them", "he", "she", "all"} or any(
        d.dep_ == "det" and d.lower_ in {"the", "these", "those"} for d in c.children) and not any(
        d.dep_ == "nummod" for d in c.children)) for c in root.children)


def shoot_down_tally(span: Span) -> bool:
    """ "Minus one Su-34": a tally of the other side's aircraft brought down, told as a noun phrase."""
    return span.text.lower().startswith("minus ")
