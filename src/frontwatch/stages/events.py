"""Events: what a claim says happened — type, polarity and whose forces did it.

Triggers are word patterns per event type, checked against the parse so that
"advanced air defence systems" is not an advance and "pushed back 2 km" is.
The side that acted comes from the forces named next to the trigger ("Russian
forces", "the enemy", "our troops", "Kiev"), read relative to the claimant: both
sides say "liberated" and "repelled", so the verb alone never decides the side.

Conventions (shared with the gold set):
- ``repelled``: ``actor_side`` is the side whose attack failed.
- ``weapons_supply``: the receiving side.
- ``strike`` / ``shelling`` / ``casualties``: the side that attacked or inflicted them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors import Actors, opposite
from .attribute import Attribution
from .parse import Caseless, doc_lower, span_text

WEAPON_WORDS = (
    r"weapon|arm(?:s|ament)|tank|missile|artillery|ammunition|munition|shell|air[- ]defen[cs]e|jet|f-16|himars|"
    r"atacms|patriot|leopard|abrams|bradley|storm shadow|taurus|drone|rocket|howitzer|aid|package|system|"
    r"vehicle|aircraft|equipment|launcher|interceptor"
)
_W = r"(?<![\w-])"
TRIGGERS: dict[str, str] = {
    "advance": (
        r"advanc\w*|gain(?:s|ed|ing)?\b(?! control)|push(?:ed|es|ing)?\b|mov(?:ed|ing|es) forward|entered|enter(?:ing|s)?\b|"
        r"progress(?:ed)?|(?:go|goes|went|going|gone) on the offensive|counter-?offensive|offensive|broke through|"
        r"break(?:ing|s)? through|broken through|breakthrough|breach(?:ed|es|ing)?\b|crossed|encircl\w*|(?:tactical )?success(?:es)?\b|foothold|"
        r"(?:more )?(?:advantageous|favou?rable|better) (?:positions|lines)|"
        r"improv(?:ed|ing|ement in) (?:the |their |its )?(?:tactical |operational )?(?:position|situation)|"
        r"control(?:s|led)? (?:about |some |nearly |more than |over )?[\d,.]+ (?:square|sq)"
    ),
    "withdrawal": (
        r"ced(?:e|ed|ing) (?:\w+ ){0,2}(?:ground|territory|positions?|metres?|meters?)|withdr[ae]w\w*|retreat\w*|pull(?:ed|ing|s)? (?:\w+ ){0,2}(?:back|out)|pullout|pull-out|fell back|fell away|abandon\w*|"
        r"regroup\w*|relocat\w*|fle(?:e|eing|d)\b|(?:left|leav(?:e|ing)) (?:the |its |their )?(?:town|city|village|positions?|area)"
    ),
    "capture": (
        r"captur\w*|recaptur\w*|(?:re)?(?:took|taken|tak(?:e|es|ing))\b(?! (?:part|place|into|off|out|steps|measures|over the|up|all|action|care|(?:\w+ )?(?:measures|steps)))|"
        r"seiz\w*|liberat\w*|occupied|fell to|(?:has|had|have) fallen|cleared\b|mopp\w* up|"
        r"(?:establish\w*|gain\w*) (?:full |complete )?control|freed\b|reclaim\w*|regain\w*|"
        r"(?:almost |nearly )?(?:full|complete|total) control (?:of|over)|"
        r"under (?:the )?(?:(?!fire\b)[\w’']+ ){0,3}control\b"
    ),
    "repelled": (
        r"repel\w*|repuls\w*|thwart\w*|fend(?:ed|ing)? off|fought off|beat(?:en)? back|beat off|foil\w*|driven back|"
        r"(?:not|never) (?:been |be )?successful|unsuccessful|no success|without success|"
        r"stopped (?:an?|the) (?:attack|assault|advance)|shot down|downed|intercept\w*|not a single (?:metre|meter|step)|"
        r"hold(?:s|ing)? (?:their |its |our |the )?(?:\w+ )?(?:positions|ground|lines?)|"
        r"held (?:their |its |our |the )?(?:\w+ )?(?:positions|ground|lines?)|"
        r"destroy\w* (?:\w+ ){0,4}(?:drones|missiles|rockets|uavs|unmanned aerial vehicles|of them)|prevent\w* (?:\w+ ){1,4}from (?:advancing|"
        r"gaining|making progress|breaking|entering|capturing|taking)|failed to (?:capture|take|advance|break)"
    ),
    "clash": r"(?:continu\w*|conduct\w*|carr\w* out) (?:\w+ ){0,2}operations|incursion|hostilities|(?:bring|brought|get|win) (?:\w+ ){1,3}back under (?:\w+ )?control|restor\w* control|clash\w*|fighting(?! (?:the |a )?fires?\b)|fought|battl\w*|combat\b|skirmish\w*|assault\w*|storm(?:ed|ing)|raid\w*|attack(?:s|ed|ing)?",
    "shelling": (
        r"fire missions?|shell(?:ed|ing|s)\b|artillery (?:fire|strike\w*|attack\w*)|mortar\w*|bombard\w*|mlrs|multiple rocket|"
        r"came under (?:\w+ )?fire|fir(?:ed|ing|es)\b(?! (?:\w+ ){0,3}(?:missiles?|drones?))|barrage"
    ),
    "strike": (
        r"strik(?:e|es|ing)\b|struck|missile (?:attack|strike)\w*|airstrike\w*|air strike\w*|air raid\w*|"
        r"drone (?:attack|strike)\w*|kamikaze drones?|shahed\w*|glide bombs?|bomb(?:ed|ing|s)\b|dropp(?:ed|ing) (?:\w+ ){0,4}bombs|"
        r"hit(?:s|ting)?\b|launch(?:ed|es|ing)? (?:\d+|\w+) (?:missiles|drones)|fir(?:ed|ing|es) (?:\w+ ){0,3}(?:missiles?|drones?)|"
        r"attack(?:s|ed|ing)?\b"
    ),
    "casualties": (
        r"kill(?:ed|ing|s)?\b|dead\b|died|death toll|fatalit(?:y|ies)|hospitali[sz]ed|(?:went|gone|are|were|is|was|remain\w*|left(?: \w+){0,3}) missing|wounded|wounding|injur\w*|casualt\w*|losses|los(?:t|e|ing)\b|"
        r"eliminat\w*|neutrali[sz]ed|perished|bodies|destroy(?:ed|ing|s)?\b|taken (?:\w+ ){0,4}prisoners?|"
        r"(?:took|captured) (?:\w+ ){0,3}prisoners?|suffer\w* (?:\w+ ){0,2}losses"
    ),
    "weapons_supply": (
        r"deliver\w*|suppl(?:y|ied|ies|ying)|provid\w*|send(?:s|ing)?|sent|pledg\w*|promis\w*|donat\w*|transfer\w*|ship(?:s|ped|ping)\b|"
        r"shipment\w*|handed|arrived|receiv(?:ed|es|ing)\b|reach(?:ed|ing|es)? (?:ukraine|kyiv|the front)|re-export\w*|aid package|military aid|security assistance|"
        r"(?:need(?:s|ed)?|asked for|request\w*|call(?:ed|s|ing)? (?:up)?on) (?:\w+ ){0,6}(?:weapons|missiles|jets|aircraft|tanks|shells|ammunition|air defen[cs]e)"
    ),
    "weapons_use": (
        r"(?:us(?:e|ed|es|ing)|deploy\w*|fir(?:ed|ing)) (?:of )?(?:\w+ ){0,3}(?:cluster|chemical|phosphorus|thermobaric|"
        r"incendiary|tear gas|poison)|(?:storm shadows?|atacms|himars|taurus)\b (?:\w+ ){0,3}(?:done their job|were used|hit)"
    ),
    "negotiation": (
        r"talks\b|negotiat\w*|ceasefire|cease-fire|truce|peace (?:deal|plan|summit|formula|process|agreement|talks)|"
        r"prisoner (?:exchange|swap)|exchang\w* (?:of )?(?:the )?(?:\w+ )?(?:prisoners|bodies|pows)|swap\w*|grain (?:deal|corridor|initiative)|"
        r"mediat\w*|humanitarian corridor|agreements?\b|repatriat\w*|(?:from|in) (?:\w+ )?captivity|"
        r"exchange (?:happened|took place|was held)|\bdeal\b|come home|returned (?:home|from)|stop hostilities|accepted a proposal"
    ),
}
_TRIGGER_RE = {kind: re.compile(_W + f"(?:{body})", re.IGNORECASE) for kind, body in TRIGGERS.items()}
_TRIGGER_LC = {kind: Caseless(rx) for kind, rx in _TRIGGER_RE.items()}  # run on lower-cased text: twice as fast
_WEAPON_RE = re.compile(rf"\b(?:{WEAPON_WORDS})", re.IGNORECASE)  # not the "aid" of "said"
_AREA = re.compile(r"\s*(?:[\w,.-]+\s+){0,6}(?:sq\b|sq\.|square|km2|km²|hectares|(?:\w+\s+)?territor(?:y|ies)\b(?! of (?-i:[A-Z]))|"
                   r"kilomet(?:er|re)s? of (?:\w+ )?(?:territory|land))", re.IGNORECASE)
# People taken prisoner are casualties, not a captured place ("594 servicemen have been captured").
PRISONERS = {"serviceman", "servicemen", "soldier", "soldiers", "troops", "fighter", "fighters", "people", "prisoner",
             "prisoners", "marine", "marines", "officer", "officers", "mercenary", "mercenaries", "crew", "member",
             "members", "paratrooper", "paratroopers", "conscript", "conscripts", "man", "men", "pow", "pows"}
# A repelled frame swallows the attack it repelled; a capture the advance that led to it.
ABSORBS = {"repelled": {"advance", "clash", "strike"}, "capture": {"clash"}, "shelling": {"strike", "clash"},
           "strike": {"clash"}, "weapons_use": {"strike", "shelling"}, "withdrawal": {"advance"}}

# These frames swallow their partner anywhere in the sentence; the others only in the same phrase
# ("artillery strikes" is shelling, but "18 air strikes and 41 MLRS attacks" is both).
SENTENCE_WIDE = {"repelled", "capture", "weapons_use"}
DENIAL_CUES = {"deny", "reject", "dismiss", "refute", "rebut", "debunk"}
DENIAL_WORDS = re.compile(r"\b(?:not a single|never|no longer|false|fake|untrue|not true|baseless|groundless)\b", re.IGNORECASE)
HEDGE_WORDS = re.compile(
    r"\b(?:reportedly|allegedly|possibly|probably|apparently|presumably|likely|unconfirmed|purportedly|believed|"
    r"appears?|seems?|appeared|seemed)\b",
    re.IGNORECASE,
)
HEDGE_MODALS = {"may", "might", "could"}
# Every word HEDGE_WORDS or HEDGE_MODALS matches holds one of these (a cheap test on the lower-cased sentence).
_HEDGE_CUES = ("reportedly", "allegedly", "possibly", "probably", "apparently", "presumably", "likely", "unconfirmed",
               "purportedly", "believed", "appear", "seem", *HEDGE_MODALS)
_ADVANCED_THING = re.compile(
    r"\s*(?:\w+\s+)?(?:weapon|technolog|training|stage|age|level|capabilit|economy|countr|nation|course|degree)", re.I)
FORCE_NOUNS = {
    "force", "forces", "troops", "army", "military", "units", "unit", "soldiers", "fighters", "brigade",
    "battalion", "servicemen", "defenders", "marines", "paratroopers", "artillery", "aviation", "navy",
    "group", "militants", "regiment", "division", "corps", "operators", "drones", "missiles", "attempts",
    "attack", "attacks", "assault", "assaults", "offensive", "counteroffensive", "positions", "defenses", "defences",
}
# Weapons and attacks name no side by themselves: "two missiles hit the station" says nothing of who fired.
_WEAPON_NOUNS = {"drones", "missiles", "attack", "attacks", "assault", "assaults", "attempts", "offensive",
                 "counteroffensive"}
_ENEMY = {"enemy", "enemy's", "adversary", "foe"}
_BARE_FORCES = {"army", "military", "forces", "force", "aircraft", "aviation", "brigades", "fighters", "militants"}
MILITARY_LOSSES = {"tank", "vehicle", "aircraft", "helicopter", "soldier", "serviceman", "personnel", "fighter",
                   "unit", "boat", "drone", "system", "artillery", "howitzer", "launcher", "depot", "jet", "ship",
                   "position", "troop", "officer", "mercenary", "militant", "plane", "craft", "vessel", "warship",
                   "submarine", "corvette", "frigate"}
ATTEMPT_NOUNS = {"attempt", "attack", "assault", "offensive", "counteroffensive", "effort", "counterattack", "push"}
ATTACK_NOUNS = {"strike", "strikes", "shelling", "attack", "attacks", "aggression", "fire", "bombardment",
                "missile", "missiles", "drone", "drones", "artillery", "barrage", "raid", "airstrike", "airstrikes"}
_WE = {"our", "we", "us", "ours", "its", "their"}  # possessives of the speaking side


@dataclass(frozen=True)
class EventDraft:
    """An event found in a sentence, before places, times and quantities are attached."""

    type: str
    polarity: str
    actor_side: str
    trigger: str
    start: int  # char offset of the trigger


class EventFinder:
    """Finds the events a claim asserts, denies or hedges."""

    def __init__(self, actors: Actors) -> None:
        self.actors = actors

    def find(self, attribution: Attribution) -> list[EventDraft]:
        sent = attribution.sent
        doc = sent.doc
        skip = attribution.attribution_tokens
        text = span_text(sent)  # sent.text, without joining its tokens again
        if NO_CLAIM.search(text):
            return []  # "could not independently verify", "has not commented": about a claim, not one
        low = doc_lower(doc)
        low_text = low[sent.start_char:sent.end_char] if low is not None else None
        hits: dict[str, tuple[int, int]] = {}
        extra: list[tuple[str, tuple[int, int]]] = []
        for kind, pattern in _TRIGGER_LC.items():
            for m in pattern.finditer(text, low_text):
                start, end = sent.start_char + m.start(), sent.start_char + m.end()
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or any(i in skip for i in range(span.start, span.end)):
                    continue
                if not self._plausible(kind, span, text):
                    continue
                if kind == "advance" and (span.root.lower_ == "offensive" or span.root.lower_ in {
                        "counteroffensive", "counter-offensive"} and span.root.head.lemma_ in {
                        "launch", "begin", "start", "open", "mount"}):
                    # An offensive launched, renewed or going on is fighting; a counteroffensive's progress and
                    # ground gained are an advance.
                    kind = "clash"
                lost_place = kind == "casualties" and span.root.lemma_ == "lose" and _place_object(span.root)
                if lost_place:
                    kind = "capture"  # "Russia has lost key cities": the other side's capture
                if kind == "shelling" and _missile_fire(span.root):
                    kind = "strike"  # "fired a barrage of missiles", "a missile that was fired by Russia"
                if kind == "casualties" and span.root.lemma_ == "destroy" and not _military_loss(span.root):
                    kind = "strike"  # "destroyed 72 apartments", "the dam was destroyed": a strike, not losses
                if kind in {"advance", "capture", "strike"} and _attempted(span.root):
                    kind = "clash"  # "trying to break through", "attempting to capture": fighting by the side acting
                if kind == "capture" and (_AREA.match(doc[span.end: span.end + 8].text) or any(
                        c.dep_ in {"nsubjpass", "dobj"} and _AREA.match(" " + " ".join(t.text for t in c.subtree))
                        for c in span.root.children)):
                    kind = "advance"  # "recaptured 9 sq km", "31 sq km had been retaken": ground, not a place
                if kind == "capture" and any(c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in PRISONERS | {
                        "serviceman", "soldier"} or c.lower_ in PRISONERS and c.dep_ in {"nsubjpass", "dobj"}
                        for c in span.root.children):
                    kind = "casualties"  # prisoners taken
                if kind in hits and _own_clause(span, doc.char_span(*hits[kind], alignment_mode="expand")):
                    extra.append((kind, (start, end)))  # "X captured A and Y captured B": two captures
                    continue
                hits.setdefault(kind, (start, end))
        for kind, absorbed in ABSORBS.items():
            if kind in hits and not (kind == "capture" and text[hits[kind][0] - sent.start_char:].lower().startswith("under")):
                for other in absorbed:
                    reach = 1000 if kind in SENTENCE_WIDE else 15 if (kind, other) == ("shelling", "strike") else 40
                    if other in hits and abs(hits[other][0] - hits[kind][0]) < reach:
                        del hits[other]
        if len(hits) > 1:  # "killed in fighting": the fighting is the circumstance, not a second claim
            for kind, (start, end) in list(hits.items()):
                root = doc.char_span(start, end, alignment_mode="expand").root  # type: ignore[union-attr]
                if root.pos_ == "NOUN" and root.dep_ == "pobj" and root.head.lower_ in {"in", "during", "amid", "after"}:
                    del hits[kind]
                elif kind != "casualties" and _retold_cause(root):
                    del hits[kind]
        events: list[EventDraft] = []
        claimant_side = attribution.claimant.side
        for kind, (start, end) in sorted(list(hits.items()) + [x for x in extra if x[0] in hits], key=lambda kv: kv[1][0]):
            span = doc.char_span(start, end, alignment_mode="expand")
            assert span is not None
            polarity = self._polarity(kind, span, attribution)
            side = self._actor_side(kind, span, attribution, claimant_side)
            if kind == "capture" and _held(span.root):
                holder = self._holder_side(span, attribution, claimant_side)
                if holder not in {"UA", "RU"}:
                    continue  # "under rebel control since 2014": background from another war
                if holder == claimant_side:  # "the town remains under our control": the enemy's capture, denied
                    polarity, side = "denied", opposite(holder)
                else:  # "28 settlements are under the control of the enemy": the holder's capture
                    side = holder
            events.append(EventDraft(kind, polarity, side, span.text, start))
        return events

    # -- filters --------------------------------------------------------------------
    def _plausible(self, kind: str, span: Span, sentence: str) -> bool:
        root = span.root
        if _in_passing(kind, root):
            return False
        if root.pos_ in {"NOUN", "PROPN"} and not _predicative(root):
            return False  # "the scene of the bloodiest battle": a noun in passing, not a claim of an event
        if kind not in {"weapons_supply", "negotiation"} and _unrealised(root) and not _attempted(root) \
                and not (kind == "withdrawal" and _ordered(root)):
            return False  # "would pull back", "has vowed to retake": a plan or threat, not an event
        if kind != "repelled" and any(c.lower_ == "no" and c.dep_ == "det" for c in root.children) and not (
                kind == "casualties" and root.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.children)):
            return False  # "there were no casualties"
        if kind == "advance" and root.lower_ == "advanced" and root.pos_ == "ADJ":
            after = span.doc[span.end: span.end + 3].text
            if _ADVANCED_THING.match(after) or (_WEAPON_RE.match(after) and not re.match(r"\s*\d", after)):
                return False  # "advanced air defence systems", not "advanced 2 kilometers"
        if kind == "advance" and root.lower_.startswith("gain") and not re.search(
                r"square|sq|km|kilomet|metre|meter|ground|territor|position|foothold|village|control|"
                r"(?:make|made|making) (?:\w+ )?gains", sentence, re.I):
            return False
        if kind == "weapons_supply" and not _WEAPON_RE.search(_clause_text(root)):
            return False  # "sent commandos to storm it", "providing no further details"
        aerial = re.search(r"drone|missile|air|rocket|bomb|jet|aircraft|helicopter|uav|iskander|kalibr|kinzhal|"
                           r"shahed|himars|atacms|storm shadow", sentence, re.I) or _targets_city(root) or (
            root.lower_ == "hit" and any(c.dep_ == "auxpass" for c in root.children))  # "the hospital was hit"
        if kind == "clash" and root.lower_.startswith("attack") and aerial:
            return False  # a drone or missile attack is a strike
        if kind == "strike" and root.lower_.startswith(("attack", "hit")) and not aerial:
            return False  # "attacked Ukrainian positions" on the ground is a clash
        if kind == "casualties" and root.lower_.startswith("destroy") and re.match(
                r"\s*(?:\w+\s+){0,3}(?:drones|missiles|rockets|uavs|of them)", span.doc[span.end: span.end + 5].text, re.I):
            return False  # shot-down drones are a repelled strike, not losses
        if not _real_object(kind, root):
            return False
        if kind == "negotiation" and root.lemma_ == "agreement" and (_WEAPON_RE.search(sentence) or re.search(
                r"atacms|himars|f-16|storm shadow", sentence, re.I)):
            return False  # agreements on weapons deliveries are not talks
        if kind == "negotiation" and root.lower_ == "deal" and _WEAPON_RE.search(sentence):
            return False
        if kind == "advance" and root.lower_ in {"success", "successes"} and not re.search(
                r"tactical|achiev|partial|\bha(?:d|ve|s) (?:\w+ )?success", sentence, re.I):
            return False
        if kind == "casualties" and root.lower_ in {"dead"} and root.head.lower_ in {"end"}:
            return False
        return True

    # -- polarity -------------------------------------------------------------------
    def _polarity(self, kind: str, span: Span, attribution: Attribution) -> str:
        sent = span.sent
        cue = sent.doc[attribution.cue_token] if attribution.cue_token is not None else None
        if cue is not None and cue.lemma_.lower() in DENIAL_CUES:
            return "denied"
        if kind != "repelled" and _negated(span.root) and not (
                kind == "negotiation" and span.root.dep_ == "dobj" and span.root.head.lemma_ in ONE_SIDED_STEPS):
            return "denied"  # (refusing to extend a deal is a step taken, not a denied one)
        if span.root.dep_ in {"pobj", "pcomp"} and span.root.head.lower_ == "without":
            return "denied"  # "withdrew without losing a single soldier", "took place without losses"
        clause = span_text(sent.doc[span.root.left_edge.i: span.root.right_edge.i + 1]) if span.root.dep_ != "ROOT" \
            else span_text(sent)
        if kind != "repelled" and DENIAL_WORDS.search(clause):
            return "denied"
        low = doc_lower(sent.doc)
        if low is not None and not any(w in low[sent.start_char:sent.end_char] for w in _HEDGE_CUES):
            hedge = []  # no hedge word in the sentence: spare a walk over its tokens
        else:
            hedge = [t for t in sent if t.i not in attribution.attribution_tokens
                     and (HEDGE_WORDS.fullmatch(t.text) or (t.tag_ == "MD" and t.lower_ in HEDGE_MODALS))]
        if hedge:
            if any(_governs(h, span.root) or h.head == span.root or h.head == span.root.head for h in hedge):
                return "hedged"
            if any(t.lower_ in {"reportedly", "allegedly", "apparently", "purportedly", "unconfirmed"} for t in sent):
                return "hedged"
        return "asserted"

    # -- side -----------------------------------------------------------------------
    def _actor_side(self, kind: str, span: Span, attribution: Attribution, claimant_side: str) -> str:
        trigger = span.root
        agent = self._agent_side(trigger, attribution, claimant_side)
        if kind == "repelled":
            if trigger.lemma_ == "fail" and agent is not None:
                return agent  # "Russia failed to capture Vuhledar": the side that failed
            if trigger.lemma_ in SHOOT_DOWN and agent in {"UA", "RU"}:
                return opposite(agent)  # "missiles were shot down by Russian air defence": launched by the other side
            target = self._object_side(trigger, attribution, claimant_side)
            if target is not None:
                return target
            if trigger.lemma_ in {"repel", "repulse", "thwart", "foil", "fend", "beat", "stop", "fight", "shoot",
                                  "intercept", "destroy", "drive"}:
                return opposite(agent) if agent else opposite(claimant_side)
            # "All attempts by the enemy ... have not been successful": whose attempts failed
            for token in span.sent:
                if token.lemma_ in ATTEMPT_NOUNS:
                    near = list(token.children) + [p for ch in token.children if ch.dep_ == "prep" for p in ch.children]
                    for c in near:
                        if c.dep_ in {"amod", "poss", "compound", "pobj"}:
                            side = self._phrase_side(c, attribution, claimant_side, pronouns=False)
                            if side is not None:
                                return side
            return opposite(claimant_side)
        if kind == "weapons_supply":
            recipient = self._recipient_side(span.sent)
            if recipient is not None:
                return recipient
            if claimant_side in {"UA", "RU"}:
                return claimant_side
            return self.actors.doc_focus(span.doc)  # "allies were delivering more air defence systems"
        if kind == "negotiation":
            subjects = [c for c in trigger.children if c.dep_ == "nsubj"] if trigger.pos_ == "VERB" else []
            if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.lemma_ in ONE_SIDED_STEPS:
                subjects = _subjects(trigger.head)  # "Russia said it would not extend the deal": Russia's step
            if subjects and not any(c.dep_ == "conj" for c in subjects[0].children):
                return self._phrase_side(subjects[0], attribution, claimant_side) or "unknown"
            return "unknown"  # talks, exchanges and mediation are two-sided
        if kind == "casualties":
            return self._casualty_side(trigger, attribution, claimant_side)
        if _responsibility(trigger) and claimant_side in {"UA", "RU"}:
            return claimant_side  # "Ukraine claimed responsibility for the attack"
        if kind == "capture" and trigger.lemma_ == "lose" and agent in {"UA", "RU"}:
            return opposite(agent)  # "Russia has lost key cities": taken by the other side
        if agent is not None:
            return agent
        if kind == "capture" and claimant_side in {"UA", "RU"} and _negated(trigger) and any(
                c.dep_ == "nsubjpass" for c in trigger.children):
            return opposite(claimant_side)  # "the town was not taken": the enemy failed to take it
        nearby = self._sentence_side(span.sent, attribution, claimant_side, exclude=span)
        if nearby is not None:
            return nearby
        if kind in {"advance", "capture", "withdrawal"}:
            return claimant_side if claimant_side in {"UA", "RU"} else "unknown"
        return "unknown"  # "two Iskander missiles hit the centre": the sentence does not say who

    def _holder_side(self, span: Span, attribution: Attribution, claimant_side: str) -> str | None:
        """Whose control a place is under: "under Ukraine's control", "under the control of the Russian army"."""
        for token in span:
            if token.dep_ in {"poss", "amod", "compound"} or (token.dep_ == "pobj" and token.head.lower_ == "of"):
                side = self._phrase_side(token, attribution, claimant_side)
                if side is not None:
                    return side
        control = span[-1]
        for prep in (c for c in control.children if c.dep_ == "prep" and c.lower_ == "of"):
            for p in prep.children:
                side = self._phrase_side(p, attribution, claimant_side)
                if side is not None:
                    return side
        return claimant_side

    def _casualty_side(self, trigger: Token, attribution: Attribution, claimant_side: str) -> str:
        """Casualties belong to the side that inflicted them: the killer, else the other side of the victims."""
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
        suffered = verb.lemma_ in {"lose", "suffer", "die", "perish"} or trigger.lemma_ in {"loss", "casualty"} or (
            any(t.lower_ in {"missing", "dead", "wounded", "injured"} and t.dep_ in {"acomp", "attr", "oprd"}
                for t in [trigger, *verb.children]))  # "one of its soldiers was missing"
        victims: list[Token] = []
        inflicters: list[Token] = []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "pcomp":  # "withdrew ... without losing a single soldier"
            subjects = _subjects(verb.head.head)
        if not subjects and verb.dep_ == "conj":  # "units were fleeing ... and had lost 1,500 servicemen"
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        (victims if suffered else inflicters).extend(subjects)
        for c in verb.children:
            if c.dep_ == "nsubj":
                continue
            elif c.dep_ in {"nsubjpass", "dobj"}:
                victims.append(c)
            elif c.dep_ == "agent":
                inflicters += [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ == "prep" and c.lower_ in {"by", "from"}:
                inflicters += [p for p in c.children if p.dep_ == "pobj"]
        if verb.dep_ in {"advcl", "xcomp", "conj"} and not suffered:  # "Russian shelling ..., killing two"
            inflicters += [c for c in verb.head.children if c.dep_ == "nsubj"]
        inflicters += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "in"}
                       for p in c.children if p.dep_ == "pobj"]
        # "As a result of Russian aggression, two people were killed"
        attacks = [t for t in trigger.sent if t.lower_ in ATTACK_NOUNS and t.pos_ == "NOUN" and t not in inflicters]
        for token in inflicters:
            side = self._phrase_side(token, attribution, claimant_side)
            if side is not None:
                return side
        for token in attacks:  # "the attack on Sevastopol": who attacked, not where
            side = self._agent_side(token, attribution, claimant_side)
            if side is not None:
                return side
        for token in victims + [c for c in trigger.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]:
            side = self._phrase_side(token, attribution, claimant_side)
            if side in {"UA", "RU"}:
                return opposite(side)
        # "Four Leopard tanks were destroyed," Konashenkov said: a side's tally of enemy losses is its own work.
        if claimant_side in {"UA", "RU"} and suffered and trigger.lemma_ == "be" and victims:
            return opposite(claimant_side)  # "one serviceman was missing", said by his own side
        if claimant_side in {"UA", "RU"} and any(v.lemma_ in MILITARY_LOSSES for v in victims):
            return claimant_side
        return "unknown"

    def _phrase_side(self, token: Token, attribution: Attribution, claimant_side: str,
                     pronouns: bool = True) -> str | None:
        """The side a noun phrase names: "Russian forces", "the enemy", "our troops", "Kiev"."""
        words = list(token.subtree) if token.dep_ != "ROOT" else [token]
        if len(words) > 12:  # a long phrase: its own modifiers and its "by/of ..." agent only
            core = [w for w in token.children if w.dep_ in {"amod", "compound", "poss", "nmod"}] + [token]
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"by", "of"}):
                core += [w for p in prep.children if p.dep_ == "pobj" for w in p.subtree][:6]
            words = sorted(core, key=lambda w: w.i)
        for w in words:
            if w.lower_ in _ENEMY:
                return opposite(claimant_side)
        side = self.actors.side_of(" ".join(w.text_with_ws.strip() for w in words)) if words else None
        if side is not None:
            return side
        known = claimant_side != "unknown"
        if token.lower_ in {"it", "they", "we"} and known and pronouns:
            return claimant_side  # "it had carried out a strike" in the ministry's own account
        for w in words:
            if w.lower_ in _WE and (w.head.lower_ in FORCE_NOUNS or w.head == token) and known:
                return claimant_side
        if token.ent_type_ in {"ORG", "NORP", "GPE", "GOV"} and claimant_side not in {"UA", "RU"}:
            return "other"  # a named party in another war: the army, the RSF, Hezbollah
        head = words[-1] if token.dep_ == "ROOT" else token
        if head.lower_ in (FORCE_NOUNS | _BARE_FORCES) - _WEAPON_NOUNS and known and token.dep_ in {
                "nsubj", "nsubjpass", "agent", "pobj"}:
            return claimant_side  # unqualified "units improved their positions": the speaker's own
        return None

    def _agent_side(self, trigger: Token, attribution: Attribution, claimant_side: str) -> str | None:
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else None
        candidates: list[Token] = []
        if verb is not None:
            candidates += [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
            candidates += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if not candidates and verb.dep_ in {"xcomp", "conj", "advcl", "acl", "relcl"}:
                head = verb.head
                candidates += _subjects(head) if verb.dep_ == "xcomp" else [c for c in head.children if c.dep_ == "nsubj"]
                if verb.dep_ in {"acl", "relcl"}:
                    candidates.append(head)
        else:
            # "the enemy continued their offensive": a possessive pronoun is the clause subject's
            if trigger.dep_ in {"dobj", "pobj"} and any(c.dep_ == "poss" and c.lower_ in {"their", "its"}
                                                        for c in trigger.children):
                verb = trigger.head if trigger.dep_ == "dobj" else trigger.head.head
                candidates += _subjects(verb)
            # "attempts by the enemy", "Russian advance", "Ukraine's counteroffensive"
            candidates += [c for c in trigger.children if c.dep_ in {"amod", "poss", "compound", "nmod"}]
            candidates += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in {"by", "of", "from"}
                           for p in c.children if p.dep_ == "pobj"]
            if trigger.dep_ in {"nsubj", "nsubjpass"}:
                candidates += [c for c in trigger.children]
            if trigger.dep_ in {"dobj", "pobj"} and trigger.head.pos_ == "VERB":
                candidates += [c for c in trigger.head.children if c.dep_ == "nsubj"]
        for c in candidates:
            if c.dep_ == "agent":
                continue
            side = self._phrase_side(c, attribution, claimant_side)
            if side is not None:
                return side
            if c.lower_ in {"we", "i"} and claimant_side != "unknown":
                return claimant_side
            if c.lower_ in {"they"}:
                continue
        return None

    def _object_side(self, trigger: Token, attribution: Attribution, claimant_side: str) -> str | None:
        """For "repelled 20 Russian attacks": the side of what was repelled."""
        for c in trigger.children:
            if c.dep_ in {"dobj", "nsubjpass"}:
                side = self._phrase_side(c, attribution, claimant_side)
                if side is not None:
                    return side
        if trigger.pos_ != "VERB":  # "no success", "unsuccessful": the subject attempted
            head = trigger.head
            for c in head.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    side = self._phrase_side(c, attribution, claimant_side, pronouns=False)
                    if side is not None:
                        return side
        return None

    def _recipient_side(self, sent: Span) -> str | None:
        for token in sent:
            if token.dep_ == "dative":  # "handed Kiev cluster munitions"
                side = self.actors.side_of(token.text)
                if side is not None:
                    return side
            if token.lower_ in {"to", "for"}:
                for p in token.children:
                    if p.dep_ == "pobj":
                        side = self.actors.side_of(p.text)
                        if side is not None:
                            return side
        return None

    def _sentence_side(self, sent: Span, attribution: Attribution, claimant_side: str, exclude: Span) -> str | None:
        """A forces phrase anywhere in the content ("Russian forces have been advancing", "enemy fire")."""
        for token in sent:
            if token.i in attribution.attribution_tokens:
                continue
            if token.lower_ in _ENEMY and claimant_side in {"UA", "RU"}:
                return opposite(claimant_side)
            if token.lower_ in FORCE_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
                side = self._phrase_side(token, attribution, claimant_side)
                if side is not None:
                    return side
            if token.ent_type_ == "GOV" and token.dep_ in {"nsubj", "nsubjpass"}:
                return self.actors.side_of(token.text)
        return None


NO_CLAIM = re.compile(
    r"could not (?:be )?(?:independently )?(?:verif|confirm)|(?:has|have|had) not (?:yet )?commented|"
    r"did not (?:immediately )?(?:comment|respond)|declined to comment|no immediate comment", re.IGNORECASE)


FUTURE_AUX = {"will", "would", "shall", "'ll", "should", "must"}
INTENT_VERBS = {"vow", "threaten", "plan", "intend", "expect", "hope", "aim", "want", "promise", "seek", "prepare",
                "warn", "pledge", "decide", "order", "urge", "avoid", "prevent", "try", "attempt", "fail"}
ORDER_VERBS = {"order", "instruct", "decide", "agree", "command", "begin", "start"}
# "The capture of Soledar makes it possible...": the event is a subject of commentary, not claimed.
COMMENT_VERBS = {"make", "cause", "show", "put", "lead", "mean", "allow", "force", "prompt", "spark", "trigger",
                 "underline", "demonstrate", "raise", "change"}


# Verbs whose object is an event talked about, not claimed: "celebrated their liberation", "hailed the
# capture", "called the attack a war crime", "halted the advance" (a goal, not a claimed repulse).
TALKED_ABOUT = {"celebrate", "hail", "welcome", "represent", "explain", "call", "reference", "mention", "follow",
                "signify", "mean", "discuss", "condemn", "praise", "halt", "disrupt", "prevent", "stop", "hamper",
                "implement", "bypass", "mark", "describe", "justify", "blame", "need", "expect", "await", "fear",
                "minimize", "minimise", "avoid", "reduce", "exchange"}
# Steps one side takes on a deal or talks ("suspended the deal", "agreed to extend the deal").
ONE_SIDED_STEPS = {"extend", "suspend", "quit", "leave", "exit", "halt", "terminate", "propose", "reject", "renew",
                   "join", "resume", "sign", "break", "violate", "conduct", "carry"}
SHOOT_DOWN = {"shoot", "down", "intercept", "destroy", "downed"}
# What an attack on is a strike on, not fighting at the front: cities and sites behind the lines.
STRIKE_TARGETS = {"capital", "city", "headquarters", "base", "installation", "airfield", "airbase", "depot",
                  "refinery", "plant", "station", "bridge", "building", "port", "fleet", "warehouse", "facility",
                  "infrastructure", "mall", "cafe", "hospital", "school", "block", "terminal", "airport", "ship"}
# Nouns that a trigger word only describes: "combat vehicles", "assault brigade", "supply routes".
NOT_EVENT_HEADS = {
    "vehicle", "zone", "mission", "capability", "capacity", "uniform", "brigade", "unit", "group", "detachment",
    "aircraft", "plane", "jet", "position", "line", "route", "helicopter", "readiness", "experience", "potential",
    "training", "operator", "team", "squad", "company", "battalion", "regiment", "ship", "boat", "drone", "rifle",
    "engineer", "medic", "pilot", "chain", "corridor", "system", "complex", "weapon", "tank"}
# Participles used as adjectives name a state, not an event: "the occupied city", "the destroyed village".
_STATE_PARTICIPLES = {"occupy", "liberate", "seize", "destroy", "capture", "transfer", "intercept", "down", "take",
                      "fire", "send", "lose", "abandon", "encircle", "retake", "recapture", "free"}


def _in_passing(kind: str, root: Token) -> bool:
    """Is the trigger a modifier, a participle phrase, an infinitive of purpose or an event told before?

    These name an event in passing ("the occupied city", "Avdiivka, captured in February", "the operation
    to liberate Kherson", "took part in the assault"); the annotation conventions list only
    finite statements of events (tests/data/gold/articles/CONVENTIONS.md, "Real news").
    """
    dep, tag = root.dep_, root.tag_
    if dep == "compound" and root.head.lemma_.lower() in NOT_EVENT_HEADS:
        return True  # "armoured combat vehicles", "assault units", "supply lines", "the combat zone"
    if root.lower_ == "occupied" and root.i + 1 < len(root.doc) and root.nbor().pos_ == "PROPN":
        return True  # "in occupied Crimea": a state, however the parser attaches it
    if dep == "amod":
        if tag == "VBN" or root.lemma_.lower() in _STATE_PARTICIPLES or root.lower_ in {"occupied", "liberated"}:
            if root.head.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.head.children):
                return False  # "there are recaptured territories": the statement is the participle's
            return kind != "casualties" or not _predicative(root.head)  # "wounded troops were found" stays
        return not _predicative(root.head)  # "a dead soldier's wake", "offensive operations" as a subject
    if dep == "acl" and tag == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        head = root.head
        if head.lower_ != "those" and (head.dep_ == "attr" or head.dep_ == "pobj" and head.head.lower_ == "among"):
            return False  # "the depot was among the targets hit": the participle is what the clause states
        return kind != "weapons_supply"  # "a town captured by Russia in May"; "jets provided by X" is the supply
    if dep in {"acl", "advcl", "relcl"} and tag == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return True  # "the operation to liberate Kherson", "set off to liberate", "in order to stop shelling"
    if root.pos_ == "NOUN" and dep == "dobj" and root.head.lemma_ in TALKED_ABOUT:
        return True
    if root.pos_ == "NOUN" and dep == "pobj" and not _responsibility(root) and (
            any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in root.children)
            or root.head.head.lemma_ in {"part", "involve", "participate"}):
        return True  # "during the missile strike", "took part in the assault": an event told before
    return False


# What can be taken or fall as a capture: places and positions, not flowers, shelter, steps or lives.
PLACE_NOUNS = {"town", "city", "village", "settlement", "locality", "position", "height", "hill", "district",
               "region", "oblast", "territory", "area", "line", "stronghold", "bridgehead", "plant", "station",
               "airport", "port", "island", "bank", "outskirts", "centre", "center", "part", "quarter", "block",
               "control", "capital", "hamlet", "community", "it", "them", "which", "that", "mine", "factory"}
KIN = {"parent", "friend", "son", "daughter", "family", "relative", "mother", "father", "child", "wife", "husband",
       "grandmother", "grandfather", "brother", "sister", "home", "job", "life", "hope"}
NOT_TARGETS = {"plan", "hope", "myth", "illusion", "ambition", "consequence", "population", "dream", "reputation"}


def _place_object(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.ent_type_ in {"GPE", "LOC", "FAC"} or o.lemma_.lower() in {
        "city", "town", "village", "settlement", "position", "territory", "region", "locality", "bridgehead"}
        for o in objects)


def _held_place(under: Token) -> Token | None:
    """For "X remains under Ukraine's control": X (None when the clause is not "be/remain under")."""
    verb = under.head
    if verb.lemma_ not in {"be", "remain", "stay"}:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0] if subjects else verb


def _held(under: Token) -> bool:
    return under.lower_ == "under" and _held_place(under) is not None


def _real_object(kind: str, root: Token) -> bool:
    """Reject triggers whose object shows another sense: "took flowers", "lost her parents", "battled the
    blaze", "destroying its plans", "eliminate the consequences", "sent tanks into battle"."""
    objects = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    if kind == "shelling" and root.lower_ == "shells" and root.pos_ == "NOUN" and root.dep_ in {"dobj", "conj", "appos"}:
        return False  # "had found 800,000 shells", "bought shells": ammunition, not shelling
    if kind == "capture" and root.lower_ == "under":
        holder = _held_place(root)
        return holder is None or holder.ent_type_ in {"GPE", "LOC", "FAC"} or holder.pos_ in {"PROPN", "NUM"} or (
            holder.lemma_.lower() in PLACE_NOUNS | {"two", "third", "half", "most"})
    if kind == "capture" and root.lemma_ in {"take", "fall", "free", "reclaim", "regain"} and root.lower_ not in {"fell"}:
        if root.lemma_ == "fall":
            objects = [c for c in root.children if c.dep_ == "nsubj"]
        if objects and not any(o.ent_type_ in {"GPE", "LOC", "FAC", "ORG"} or o.pos_ == "PROPN"
                               or o.lemma_.lower() in PLACE_NOUNS | PRISONERS for o in objects):
            return False
    lemmas = {o.lemma_.lower() for o in objects}
    if kind == "casualties" and root.lemma_ == "lose" and lemmas & KIN:
        return False
    if kind == "casualties" and root.lower_ == "bodies" and not any(c.dep_ == "nummod" for c in root.children):
        return False  # "pulled bodies from the wreckage": a scene, not a count
    if kind == "casualties" and root.dep_ == "relcl":
        return False  # "a soldier who was killed in the early days of the war": background about a person
    if kind == "clash" and lemmas & {"blaze", "fire", "flame", "wildfire"}:
        return False
    if root.lemma_ in {"destroy", "eliminate"} and lemmas & NOT_TARGETS:
        return False
    if kind == "casualties" and root.lemma_ == "eliminate" and objects and not _military_loss(root):
        return False
    if kind == "weapons_supply" and root.lemma_ == "send" and any(
            c.dep_ == "prep" and c.lower_ == "into" for c in root.children):
        return False  # "sent dozens of tanks into battle": a deployment, not a supply
    return True


def _military_loss(verb: Token) -> bool:
    """Does "destroyed" take forces or their equipment as its object (or passive subject)?"""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if verb.dep_ in {"acl", "amod"}:
        objects.append(verb.head)
    if not objects:
        return True  # "the enemy lost 40 men and ... destroyed": the tally's context decides
    words = {t.lemma_.lower() for o in objects for t in o.subtree}
    return bool(words & (MILITARY_LOSSES | {"equipment", "manpower", "position", "warehouse", "ammunition", "radar",
                                            "command", "post", "battery", "carrier", "gun", "mortar", "enemy",
                                            "occupier", "invader", "them", "infantry", "sabotage", "group", "company",
                                            "platoon", "battalion", "brigade", "crew"}))


def _missile_fire(trigger: Token) -> bool:
    near = [trigger.head] + list(trigger.children) + [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
    near += [g for c in trigger.children if c.dep_ == "dobj" for p in c.children if p.dep_ == "prep" for g in p.children]
    return any(t.lemma_.lower() in {"missile", "drone", "uav", "shahed"} for t in near)


def _retold_cause(noun: Token) -> bool:
    """ "The strike killed 52 people": a definite, unmodified event noun as the subject of a casualty verb
    is the event told before; the sentence's new claim is the casualties."""
    if noun.pos_ != "NOUN" or noun.dep_ != "nsubj" or noun.head.lemma_ not in {"kill", "injure", "wound", "cause",
                                                                              "claim", "leave"}:
        return False
    children = list(noun.children)
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in children) and not any(
        c.dep_ in {"amod", "compound", "poss", "prep"} for c in children)


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb, through "were not able to enter", "managed to", "continued to"."""
    for _ in range(3):
        found = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if found or verb.dep_ not in {"xcomp", "acomp", "ccomp", "conj"} or verb.head is verb:
            return found
        verb = verb.head
    return []


def _clause_text(token: Token) -> str:
    """The words of the clause a trigger belongs to (its verb's subtree)."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    return " ".join(t.text for t in verb.subtree)


def _responsibility(token: Token) -> bool:
    """ "claimed responsibility for the attack": the claimant says it carried the event out."""
    return token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_ == "responsibility"


def _attempted(token: Token) -> bool:
    """ "Russian forces are trying to capture Synkivka": an attempt, which the conventions count as a clash."""
    return token.dep_ == "xcomp" and token.head.lemma_ in {"try", "attempt", "seek", "strive"} and not _negated(token.head)


def _ordered(token: Token) -> bool:
    """ "Shoigu ordered the troops to withdraw", "agreed to pull back": the conventions count an order or
    decision to pull back as the withdrawal (the side pulling back is the actor)."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    for _ in range(3):
        if verb.lemma_ in ORDER_VERBS:
            return not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
        if verb.dep_ not in {"xcomp", "ccomp", "conj", "dobj"} or verb.head is verb:
            return False
        verb = verb.head
    return False


def _own_clause(span: Span, first: Span | None) -> bool:
    """Is this trigger a verb of another clause, with its own subject, than the first trigger of its type?"""
    if first is None:
        return False
    a, b = span.root, first.root
    if a == b or a.pos_ != "VERB" or b.pos_ != "VERB":
        return False
    subjects = [c for c in a.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and (a.head == b or b.head == a or a.head == b.head) and a.dep_ in {"conj", "ccomp", "ROOT"}


def _targets_city(trigger: Token) -> bool:
    """ "attacked the capital", "an attack on Moscow": a strike on a city, not fighting at the front."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    objects += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children]
    return any(o.ent_type_ in {"GPE", "GOV"} or o.lemma_.lower() in STRIKE_TARGETS for o in objects)


def _unrealised(token: Token) -> bool:
    """A trigger under a future auxiliary or inside "vowed to ...", "expected to ..." clauses."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_ in INTENT_VERBS:
            return True
        if verb.dep_ not in {"xcomp", "conj"} or verb.head is verb:
            return False
        verb = verb.head
    return False


def _predicative(noun: Token) -> bool:
    """Is the noun what the clause is about (subject, object, root), not a noun in passing?"""
    token = noun
    while token.dep_ in {"conj", "appos", "compound"} and token.head is not token:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in COMMENT_VERBS:
        return False
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and any(c.dep_ == "attr" for c in token.head.children):
        return False  # "The attack is one of the deadliest", "The retreat is a setback": said about an event
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT", "attr", "oprd", "npadvmod"}:
        return True
    # "carried out 12 strikes", "in fierce fighting near X", "after heavy shelling"
    return _responsibility(token) or token.dep_ == "pobj" and token.head.lower_ in {"in", "after", "during", "amid", "under", "without"}


def _negated(token: Token) -> bool:
    chain = [token, token.head] if token.dep_ in {"xcomp", "ccomp", "aux", "auxpass", "dobj", "pobj"} else [token]
    if token.dep_ == "xcomp" and token.head.dep_ == "acomp":
        chain.append(token.head.head)  # "were not able to enter"
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in {"never", "no"}:
                return True
    return False


def _governs(a: Token, b: Token) -> bool:
    return a in list(b.ancestors) or b in list(a.ancestors) or a.head == b
