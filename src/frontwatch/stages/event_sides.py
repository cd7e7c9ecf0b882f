"""Event sides: whose forces did what a trigger tells, read relative to the claimant.

Both sides say "liberated" and "repelled", so the verb alone never decides the side: it comes from the forces
named next to the trigger ("Russian forces", "the enemy", "our troops", "Kiev"), its subject or agent, what
was repelled, who received a supply, and, for casualties, who inflicted them.

Conventions (shared with the gold set): ``repelled`` is the side whose attack failed; ``weapons_supply`` the
receiving side; ``strike`` / ``shelling`` / ``casualties`` the side that attacked or inflicted them.
"""

from __future__ import annotations

import re

from spacy.symbols import nsubj, nsubjpass
from spacy.tokens import Span, Token

from ..actors import Actors, opposite
from .attribute import Attribution
from .event_phrases import shoot_down_tally
from .event_senses import MILITARY_LOSSES, ONE_SIDED_STEPS, SERIES, clause_subjects, deal_step, negated, responsibility
from .parse import span_text, token_table

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
ATTEMPT_NOUNS = {"attempt", "attack", "assault", "offensive", "counteroffensive", "effort", "counterattack", "push"}
ATTACK_NOUNS = {"strike", "strikes", "shelling", "attack", "attacks", "aggression", "fire", "bombardment",
                "missile", "missiles", "drone", "drones", "artillery", "barrage", "raid", "airstrike", "airstrikes",
                "shellings", "bombardments", "raids", "bombing", "bombings"}
ATTACK_LEMMAS = {"strike", "shelling", "attack", "bombardment", "fire", "barrage", "raid", "airstrike", "missile", "drone",
                 "aggression", "explosion", "blast", "bombing"}
# Fighting that takes two sides: named with no attacker on it, it has none ("fierce fighting", "95 clashes").
TWO_SIDED = {"battle", "fighting", "fight", "clash", "combat", "firefight", "gunfight", "skirmish", "hostility",
             "hostilities", "shootout", "engagement"}
_WE = {"our", "we", "us", "ours", "its", "their"}  # possessives of the speaking side


# Weapons only one side fields: a weapon's use named by it is that side's ("Grad" and "Uragan" serve both).
_ARMS = {"RU": re.compile(r"\b(?:iskanders?|kalibrs?|kinzhals?|kh-\d+|shaheds?|gerans?|lancets?|oniks|zircons?|tos-1a?)\b", re.I),
         "UA": re.compile(r"\b(?:himars|atacms|storm shadows?|scalp|taurus|neptunes?|bayraktars?|m777s?|f-16s?)\b", re.I)}


def _arms_side(sentence: str) -> str | None:
    sides = [side for side, rx in _ARMS.items() if rx.search(sentence)]
    return sides[0] if len(sides) == 1 else None


_WEAPONS = {"rocket", "shell", "bomb", "projectile", "munition", "uav", "shahed", "warhead"}
_SUBJECT_DEPS = {nsubj, nsubjpass}
_LIST_ITEM = re.compile(r"\s*(?:\d|[-•*–—▪·])")  # a line of a list opens with a number or a bullet
SHOOT_DOWN = {"shoot", "down", "intercept", "destroy", "downed"}
# Reporting verbs whose subject is a speaker, not an antecedent for "they" / "it" in what follows.
_SAYING = {"say", "state", "report", "announce", "tell", "add", "write", "claim", "note", "confirm", "deny"}


class SideReader:
    """Reads the actor side of an event from its clause and sentence."""

    def __init__(self, actors: Actors) -> None:
        self.actors = actors

    def actor_side(self, kind: str, span: Span, attribution: Attribution, claimant_side: str) -> str:
        trigger = span.root
        agent = self._agent_side(trigger, attribution, claimant_side)
        if kind == "repelled":
            if trigger.lemma_ == "fail" and agent is not None:
                return agent  # "Russia failed to capture Vuhledar": the side that failed
            if trigger.lemma_ in SHOOT_DOWN and agent in {"UA", "RU"}:
                return opposite(agent)  # "missiles were shot down by Russian air defence": launched by the other side
            if shoot_down_tally(span):  # a tally of the other side's aircraft
                return self._phrase_side(trigger, attribution, claimant_side) or opposite(claimant_side)
            target = self._object_side(trigger, attribution, claimant_side)
            if target is not None:
                return target
            if any(c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() == "object" or any(
                    a.lower_ in {"unidentified", "unknown"} for a in c.children)) for c in trigger.children):
                return "unknown"  # "two airborne objects were downed": nobody named as the launcher
            if trigger.lemma_ in {"repel", "repulse", "thwart", "foil", "fend", "beat", "stop", "fight", "shoot",
                                  "intercept", "destroy", "drive", "hit", "down"}:
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
                subjects = clause_subjects(trigger.head)  # "Russia said it would not extend the deal": Russia's step
            elif trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and deal_step(trigger):
                verb = trigger.head.head if trigger.head.head.pos_ == "VERB" else trigger.head.head.head
                subjects = clause_subjects(verb)  # "Russia suspended its participation in the deal"
            if subjects and not any(c.dep_ == "conj" for c in subjects[0].children):
                return self._phrase_side(subjects[0], attribution, claimant_side) or "unknown"
            return "unknown"  # talks, exchanges and mediation are two-sided
        if kind == "casualties":
            return self._casualty_side(trigger, attribution, claimant_side)
        if responsibility(trigger) and claimant_side in {"UA", "RU"}:
            return claimant_side  # "Ukraine claimed responsibility for the attack"
        if kind == "capture" and trigger.lemma_ == "lose" and agent in {"UA", "RU"}:
            return opposite(agent)  # "Russia has lost key cities": taken by the other side
        if agent is not None:
            return agent
        if kind == "capture" and claimant_side in {"UA", "RU"} and negated(trigger) and any(
                c.dep_ == "nsubjpass" for c in trigger.children):
            return opposite(claimant_side)  # "the town was not taken": the enemy failed to take it
        if kind == "clash" and trigger.pos_ == "NOUN" and trigger.lemma_.lower() in TWO_SIDED:
            return "unknown"  # "heavy battles are ongoing", "there were 41 firefights": no attacker named
        targets = _targets(trigger) if kind in {"strike", "shelling"} else set()
        nearby = self._sentence_side(span.sent, attribution, claimant_side, exclude=span, targets=targets)
        if nearby is not None:
            return nearby
        lead = self._list_lead_side(span.sent, attribution, claimant_side)
        if lead is not None:
            return lead  # "Russia carried out:" / "38 airstrikes." / "181 artillery strikes.": the lead's subject
        if kind in {"strike", "shelling"}:  # "suffered from the Russian missile strike: a building was hit"
            for token in span.sent:
                if token.lower_ in ATTACK_NOUNS and token.pos_ == "NOUN" and token.i not in attribution.attribution_tokens:
                    for c in token.children:
                        if c.dep_ in {"amod", "poss", "compound"}:
                            side = self._phrase_side(c, attribution, claimant_side, pronouns=False)
                            if side is not None:
                                return side
        if kind == "weapons_use" and (origin := _arms_side(span_text(span.sent))) is not None:
            return origin  # "these were cluster missiles of the Iskander complex": only one side fields it
        if kind in {"advance", "capture", "withdrawal", "weapons_use"}:
            # "ATACMS have proven themselves", said by a side: its own forces used them
            return claimant_side if claimant_side in {"UA", "RU"} else "unknown"
        return "unknown"  # "two Iskander missiles hit the centre": the sentence does not say who

    def holder_side(self, span: Span, attribution: Attribution, claimant_side: str) -> str | None:
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

    def phrase_side(self, token: Token, attribution: Attribution, claimant_side: str) -> str | None:
        """The side a phrase names ("Ukrainian troops", "Kyiv", "our forces"), for the holder of a place."""
        return self._phrase_side(token, attribution, claimant_side)

    def _casualty_side(self, trigger: Token, attribution: Attribution, claimant_side: str) -> str:
        """Casualties belong to the side that inflicted them: the killer, else the other side of the victims."""
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
        suffered = trigger.lower_ == "missing" or verb.lemma_ in {"lose", "suffer", "die", "perish", "surrender"} or trigger.lemma_ in {"loss", "casualty"} or (
            any(t.lower_ in {"missing", "dead", "wounded", "injured"} and t.dep_ in {"acomp", "attr", "oprd"}
                for t in [trigger, *verb.children]))  # "one of its soldiers was missing"
        victims: list[Token] = []
        inflicters: list[Token] = []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "pcomp":  # "withdrew ... without losing a single soldier"
            subjects = clause_subjects(verb.head.head)
        if not subjects and verb.dep_ == "conj":  # "units were fleeing ... and had lost 1,500 servicemen"
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and verb.lemma_ in {"cause", "inflict"}:
            subjects = []  # "the strikes caused casualties among Russian troops": the subject inflicted them
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
        # "killed in a Russian attack", not "killed in the Ukrainian city"; "losses from the Ukrainian side" are its own
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in {"from", "by", "in", "among", "on"}:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if c.lower_ in {"among", "on"} or (c.lower_ == "from" and p.lemma_.lower() == "side"):
                        victims.append(p)  # "casualties among Russian troops", "losses on them"
                    elif c.lower_ != "in" or p.lemma_.lower() in ATTACK_LEMMAS:
                        inflicters.append(p)
        anchor = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
            trigger.head.head.lemma_ in SERIES else trigger  # "caused dozens of casualties"
        if anchor.pos_ == "NOUN" and anchor.dep_ == "dobj" and anchor.head.lemma_ in {"cause", "inflict"}:
            inflicters += [c for c in anchor.head.children if c.dep_ == "nsubj"]  # "the strikes caused casualties"
        if verb.dep_ == "relcl" and verb.head.lemma_.lower() in ATTACK_LEMMAS:  # "struck X in an attack that left ..."
            attack = verb.head
            inflicters += [c for c in attack.children if c.dep_ in {"amod", "poss", "compound"}]
            if attack.dep_ == "pobj":
                inflicters += clause_subjects(attack.head.head)
        # "As a result of Russian aggression, two people were killed"
        sent, table = attribution.sent, token_table(trigger.doc)  # (trigger.sent; words read without a Token each)
        attacks = [t for t in (trigger.doc[i] for i in range(sent.start, sent.end) if table.lower[i] in ATTACK_NOUNS
                               and table.pos[i] == "NOUN") if t not in inflicters]
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
        clauses = [c for c in token.children if c.dep_ in {"relcl", "acl"}] if token.dep_ != "ROOT" else []
        if clauses:  # "a missile that officials said was fired by Russia": the clause's agent fired it
            if token.lemma_.lower() in ATTACK_LEMMAS | _WEAPONS:
                for agent in (t for c in clauses for t in c.subtree if t.dep_ == "agent"):
                    for p in agent.children:
                        side = self._phrase_side(p, attribution, claimant_side, pronouns) if p.dep_ == "pobj" else None
                        if side is not None:
                            return side
            # what a relative clause tells of it is not its side; a participle ("units made up of convicts") is
            inner = {t.i for c in clauses if c.dep_ == "relcl" for t in c.subtree}
            words = [w for w in words if w.i not in inner]
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
        if token.lower_ in {"it", "they"} and pronouns and token.dep_ in {"nsubj", "nsubjpass"}:
            side = self._antecedent_side(token, attribution, claimant_side)
            if side is not None:
                return side  # "The enemy is trying to storm Synkivka. It is suffering heavy losses."
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

    def _list_lead_side(self, sent: Span, attribution: Attribution, claimant_side: str) -> str | None:
        """For a verbless list item under a line ending with a colon, the side of that line's subject."""
        if not _LIST_ITEM.match(span_text(sent)) or any(t.dep in _SUBJECT_DEPS for t in sent):
            return None
        doc = sent.doc
        for _ in range(12):
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
            if span_text(sent).rstrip().endswith(":"):
                for t in sent:
                    if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
                        return self._phrase_side(t, attribution, claimant_side, pronouns=False)
                return None
            if not _LIST_ITEM.match(span_text(sent)):
                return None
        return None

    def _antecedent_side(self, pronoun: Token, attribution: Attribution, claimant_side: str) -> str | None:
        """The side of what a subject "it" or "they" points back at: the last subject before it, in its own
        sentence ("Russia said it was pulling back": Russia) or the two before, that names a side and agrees
        in number ("it" is not "Russian troops", "they" is not one person). In the sentences before, the
        speaker of a reporting verb is skipped ("the enemy attacked, the General Staff said. It ...")."""
        doc, plural = pronoun.doc, pronoun.lower_ == "they"
        sent = pronoun.sent
        span = doc[sent.start: pronoun.i]
        for n in range(3):  # its own sentence up to it, then the two before (each looked up only when needed)
            for cand in reversed([t for t in span if t.dep in _SUBJECT_DEPS]):
                if cand.pos_ == "PRON" or cand.ent_type_ == "PERSON" or (not plural and cand.tag_ in {"NNS", "NNPS"}):
                    continue
                if n and cand.head.lemma_ in _SAYING and any(c.dep_ == "ccomp" for c in cand.head.children):
                    continue  # "..., Syrskyi said": the speaker of the sentence before, not a party
                side = self._phrase_side(cand, attribution, claimant_side, pronouns=False)
                if side is not None:
                    return side
            if span.start == 0:
                break
            span = doc[span.start - 1].sent
        return None

    def _agent_side(self, trigger: Token, attribution: Attribution, claimant_side: str) -> str | None:
        verb = trigger if trigger.pos_ in {"VERB", "AUX"} else None
        candidates: list[Token] = []
        if verb is not None:
            candidates += [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
            candidates += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if not candidates and verb.dep_ in {"xcomp", "conj", "advcl", "acl", "relcl"} and not (
                    verb.dep_ == "advcl" and any(c.dep_ == "nsubjpass" for c in verb.children)):
                # (a passive clause of its own, "since a drone was destroyed over X", is not its head's subject's deed)
                head = verb.head
                candidates += clause_subjects(head) if verb.dep_ == "xcomp" else [c for c in head.children if c.dep_ == "nsubj"]
                if verb.dep_ in {"acl", "relcl"}:
                    candidates.append(head)
        else:
            # "the enemy continued their offensive": a possessive pronoun is the clause subject's
            if trigger.dep_ in {"dobj", "pobj"} and any(c.dep_ == "poss" and c.lower_ in {"their", "its"}
                                                        for c in trigger.children):
                verb = trigger.head if trigger.dep_ == "dobj" else trigger.head.head
                candidates += clause_subjects(verb)
            # "offensive actions", "combat operations": the event is the noun the trigger modifies
            noun = trigger.head if trigger.dep_ in {"amod", "compound"} and trigger.head.pos_ == "NOUN" else trigger
            # "attempts by the enemy", "Russian advance", "Ukraine's counteroffensive"
            candidates += [c for c in noun.children if c.dep_ in {"amod", "poss", "compound", "nmod"} and c != trigger]
            args = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "of", "from"}
                    for p in c.children if p.dep_ == "pobj"]
            # "ordered the withdrawal of troops": bare troops are whoever the clause's subject commands
            bare = [p for p in args if p.lower_ in FORCE_NOUNS | _BARE_FORCES and not any(
                c.dep_ in {"amod", "poss", "compound"} for c in p.children)]
            candidates += [p for p in args if p not in bare]
            if noun.dep_ in {"nsubj", "nsubjpass"}:
                candidates += [c for c in noun.children if c != trigger]
            if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.i != attribution.cue_token:
                # "the occupiers are carrying out offensive actions", "continued to launch attacks"
                candidates += clause_subjects(noun.head)
            candidates += bare
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
                owner = c
                while side is None and len(list(c.subtree)) > 12:  # "nine attacks of assault groups of [a list
                    owner = next((p for prep in owner.children if prep.dep_ == "prep" and prep.lower_ == "of"  # of
                                  for p in prep.children if p.dep_ == "pobj"), None)  # brigades] of the Armed Forces"
                    if owner is None:
                        break
                    side = self._phrase_side(owner, attribution, claimant_side)
                if side is not None:
                    return side
        if trigger.pos_ in {"NOUN", "PROPN"} and trigger.lower_ in {"downing", "shootdown", "shoot-down"}:
            for p in (p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children):
                side = self._phrase_side(p, attribution, claimant_side)  # "the downing of a Ukrainian Su-25"
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

    def _sentence_side(self, sent: Span, attribution: Attribution, claimant_side: str, exclude: Span,
                       targets: set[int] | None = None) -> str | None:
        """A forces phrase anywhere in the content ("Russian forces have been advancing", "enemy fire"); one
        that is the target of the strike ("engaged the manpower of the Ukrainian 65th brigade", "fired at Ukrainian
        territory") names the other side."""
        for token in sent:
            if token.i in attribution.attribution_tokens:
                continue
            if token.lower_ in _ENEMY and claimant_side in {"UA", "RU"}:
                side = opposite(claimant_side)
                return opposite(side) if targets and token.i in targets else side
            if token.lower_ in FORCE_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
                side = self._phrase_side(token, attribution, claimant_side)
                if side is not None:
                    return opposite(side) if targets and token.i in targets and side in {"UA", "RU"} else side
            if token.ent_type_ == "GOV" and token.dep_ in {"nsubj", "nsubjpass"}:
                return self.actors.side_of(token.text)
        return None


def _targets(trigger: Token) -> set[int]:
    """The tokens of what a strike or shelling hit: its object, its passive subject, the object of "at"/"on"."""
    verb = trigger
    while verb.pos_ != "VERB" and verb.head != verb:
        verb = verb.head  # "aviation strikes and artillery fire engaged ...": the clause's verb
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"at", "on", "against"} for p in c.children]
    return {t.i for h in heads for t in h.subtree}
