"""Event senses: whether a trigger word, in its clause, states an event the claimant claims.

The checks that read the parse around a trigger: other senses of trigger words told by their objects
("took flowers", "lost her parents"), events named in passing (a participle, an infinitive of purpose, an
aim or topic), plans and attempts, negation, and whether two triggers of one type are two events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .parse import token_table

MILITARY_LOSSES = {"tank", "vehicle", "aircraft", "helicopter", "soldier", "serviceman", "personnel", "fighter",
                   "unit", "boat", "drone", "system", "artillery", "howitzer", "launcher", "jet", "ship",
                   "position", "troop", "officer", "mercenary", "militant", "plane", "craft", "vessel", "warship",
                   "submarine", "corvette", "frigate", "servicepeople", "servicemember"}
# People taken prisoner are casualties, not a captured place ("594 servicemen have been captured").
PRISONERS = {"serviceman", "servicemen", "soldier", "soldiers", "troops", "fighter", "fighters", "people", "prisoner",
             "prisoners", "marine", "marines", "officer", "officers", "mercenary", "mercenaries", "crew", "member",
             "members", "paratrooper", "paratroopers", "conscript", "conscripts", "man", "men", "pow", "pows", "servicepeople", "servicemember", "servicemembers"}

NO_CLAIM = re.compile(
    r"could not (?:be )?(?:independently )?(?:verif|confirm)|(?:has|have|had) not (?:yet )?commented|"
    r"did not (?:immediately )?(?:comment|respond)|(?:declined|refused) to comment|no immediate comment|"
    r"\bit (?:was|is|remains|remained) (?:not (?:immediately |yet )?clear|unclear)", re.IGNORECASE)


FUTURE_AUX = {"will", "would", "shall", "'ll", "should", "must"}
INTENT_VERBS = {"vow", "threaten", "plan", "intend", "expect", "hope", "aim", "want", "promise", "seek", "prepare",
                "warn", "pledge", "decide", "order", "urge", "avoid", "prevent", "try", "attempt", "fail"}
_INTENT_FORMS = {v + end for v in INTENT_VERBS for end in ("s", "d", "ed")} | {
    (v[:-1] if v.endswith("e") else v) + "ing" for v in INTENT_VERBS}  # forms the lemmatiser may miss ("hopes")
ORDER_VERBS = {"order", "instruct", "decide", "agree", "command", "begin", "start"}
# "The capture of Soledar makes it possible...": the event is a subject of commentary, not claimed.
COMMENT_VERBS = {"make", "cause", "show", "put", "lead", "mean", "allow", "force", "prompt", "spark", "trigger",
                 "underline", "demonstrate", "raise", "change"}


# Verbs that still tell an event when a definite event noun is their subject ("the strike killed 12",
# "the assault continued", "the attack took place"); other verbs talk about an event told before.
EVENT_VERBS = {"kill", "injure", "wound", "destroy", "damage", "hit", "continue", "resume", "begin", "start",
               "take", "last", "target", "claim", "leave", "cause", "come", "fail", "succeed",
               "intensify", "escalate", "end", "force"}
WOUNDING = {"wound", "injure", "kill", "die", "hurt", "maim"}
# Verbs whose object is an event talked about, not claimed: "celebrated their liberation", "hailed the
# capture", "called the attack a war crime", "halted the advance" (a goal, not a claimed repulse).
TALKED_ABOUT = {"celebrate", "hail", "welcome", "represent", "explain", "call", "reference", "mention", "follow",
                "signify", "mean", "discuss", "condemn", "praise", "halt", "disrupt", "prevent", "stop", "hamper",
                "implement", "bypass", "mark", "describe", "justify", "blame", "need", "expect", "await", "fear",
                "minimize", "minimise", "avoid", "reduce", "exchange", "repel", "repulse", "resist", "counter"}
# Steps one side takes on a deal or talks ("suspended the deal", "agreed to extend the deal").
ONE_SIDED_STEPS = {"extend", "suspend", "quit", "leave", "exit", "halt", "terminate", "propose", "reject", "renew",
                   "join", "resume", "sign", "break", "violate", "conduct", "carry"}
# What an attack on is a strike on, not fighting at the front: cities and sites behind the lines.
STRIKE_TARGETS = {"capital", "city", "headquarters", "base", "installation", "airfield", "airbase", "depot",
                  "refinery", "plant", "station", "bridge", "building", "port", "fleet", "warehouse", "facility",
                  "infrastructure", "mall", "cafe", "hospital", "school", "block", "terminal", "airport", "ship",
                  "shipping", "vessel", "tanker", "district", "microdistrict", "neighbourhood", "neighborhood", "dam",
                  "substation"}
# Nouns that a trigger word only describes: "combat vehicles", "assault brigade", "supply routes".
NOT_EVENT_HEADS = {
    "vehicle", "zone", "mission", "capability", "capacity", "uniform", "brigade", "unit", "group", "detachment",
    "aircraft", "plane", "jet", "position", "line", "route", "helicopter", "readiness", "experience", "potential",
    "training", "operator", "team", "squad", "company", "battalion", "regiment", "ship", "boat", "drone", "rifle",
    "engineer", "medic", "pilot", "chain", "corridor", "system", "complex", "weapon", "tank"}
# A gerund after these names an aim, a topic or a thing kept from happening ("close to entering", "comment on
# abandoning", "kept them from advancing"), not an event; after "by", "after" or "without" it tells how or
# when something happened.
TOPIC_PREPOSITIONS = {"to", "on", "about", "for", "toward", "towards", "at", "from"}
# "of" + gerund only after an aim ("the dream of seizing"): "the process of supplying has begun" is told as fact.
AIMS = {"dream", "goal", "aim", "hope", "plan", "prospect", "threat", "idea", "possibility", "chance", "risk",
        "ambition", "intention", "fear", "task", "objective"}
# Participles used as adjectives name a state, not an event: "the occupied city", "the destroyed village".
_STATE_PARTICIPLES = {"occupy", "liberate", "seize", "destroy", "capture", "transfer", "intercept", "down", "take",
                      "fire", "send", "lose", "abandon", "encircle", "retake", "recapture", "free"}


def in_passing(kind: str, root: Token) -> bool:
    """Is the trigger a modifier, a participle phrase, an infinitive of purpose or an event told before?

    These name an event in passing ("the occupied city", "Avdiivka, captured in February", "the operation
    to liberate Kherson", "took part in the assault"); the annotation conventions list only
    finite statements of events (tests/data/gold/articles/CONVENTIONS.md, "Real news").
    """
    dep, tag = root.dep_, root.tag_
    if dep in {"compound", "amod"} and root.head.lemma_.lower() in NOT_EVENT_HEADS:
        return True  # "armoured combat vehicles", "assault units", "supply lines", "the enemy's offensive potential"
    if dep in {"npadvmod", "compound", "amod"} and root.head.dep_ in {"amod", "compound"} \
            and root.head.head.lemma_.lower() in NOT_EVENT_HEADS:
        return True  # "two combat armoured vehicles" parsed with "combat" under "armoured"
    if root.lower_ == "occupied" and root.i + 1 < len(root.doc) and root.nbor().pos_ == "PROPN":
        return True  # "in occupied Crimea": a state, however the parser attaches it
    if dep == "amod":
        if tag == "VBG" and kind != "casualties":
            return True  # "the advancing Russians", "retreating troops": a participle describing who, not a claim
        if tag == "VBN" or root.lemma_.lower() in _STATE_PARTICIPLES or root.lower_ in {"occupied", "liberated"} or (
                tag == "JJ" and root.lower_.endswith("ed") and root.head.pos_ == "PROPN"):  # "in annexed Crimea"
            if root.head.dep_ == "attr" and any(c.dep_ == "expl" for c in root.head.head.children):
                return False  # "there are recaptured territories": the statement is the participle's
            return kind != "casualties" or not predicative(root.head)  # "wounded troops were found" stays
        return not predicative(root.head)  # "a dead soldier's wake", "offensive operations" as a subject
    if dep == "acl" and tag == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        head = root.head
        if head.dep_ == "nsubj" and sum(c.dep_ == "nsubj" for c in head.head.children) > 1:
            return False  # "Ukrainian brigades advanced along the road, the deputy minister said": the parser made
            # the statement's subject a second subject of "said" and its verb a participle; it is the statement
        if head.lower_ != "those" and (head.dep_ == "attr" or head.dep_ == "pobj" and head.head.lower_ == "among"):
            return False  # "the depot was among the targets hit": the participle is what the clause states
        if counted_subject(head):
            return False  # "the total area liberated amounts to 113 sq km": the clause states how much
        return kind != "weapons_supply"  # "a town captured by Russia in May"; "jets provided by X" is the supply
    if dep == "acl" and tag == "VBG" and kind in {"clash", "capture"}:
        return True  # "two soldiers fighting through the ruins", "a video of soldiers raising a flag": who is shown
    if dep == "advcl" and tag == "VBN" and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass", "mark"}
                                                   for c in root.children):
        return True  # "..., Bakhmut, captured by Russian forces in May": a reduced participle, parsed as a clause
    if dep in {"acl", "advcl", "relcl"} and tag in {"VB", "VBN"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return True  # "the operation to liberate Kherson", "in order to stop shelling", "its claim to have seized"
    if tag == "VBG" and not any(c.dep_ in {"aux", "auxpass"} for c in root.children) and (
            dep == "csubj" or dep == "pcomp" and (root.head.lower_ in TOPIC_PREPOSITIONS or root.head.lower_ == "of" and root.head.head.lemma_ in AIMS)
            or dep in {"xcomp", "ccomp", "dobj"} and root.head.lemma_ in TALKED_ABOUT | COMMENT_VERBS):
        return True  # "Retaking the town would ...", "close to entering", "the dream of seizing", "this means leaving"
    if root.pos_ == "NOUN" and dep == "dobj" and root.head.lemma_ in TALKED_ABOUT:
        return True
    if dep == "conj" and tag == "VBG" and root.head.tag_ == "VBG" and root.head.dep_ != "conj" and in_passing(kind, root.head):
        return True  # "this means leaving the right bank and withdrawing to the left": both talked about
    if root.lemma_ == "occupy" and any(c.dep_ == "prep" and c.lower_ == "since" for c in root.children):
        return True  # "territories which have been occupied since 2014": a state held, not an event told
    if root.pos_ == "NOUN" and dep == "nsubjpass" and root.head.lemma_ in TALKED_ABOUT | {"slow", "stall"}:
        return True  # "progress has been slowed by minefields", "the advance was halted": talked about
    if kind == "negotiation" and dep == "pobj" and deal_step(root):
        return False  # "suspended its participation in the grain deal", "withdrew from the deal": a step on the deal
    if root.pos_ == "NOUN" and dep == "pobj" and not responsibility(root) and (
            any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in root.children)
            or root.head.head.lemma_ in {"part", "involve", "participate"}):
        return True  # "during the missile strike", "took part in the assault": an event told before
    return False


def counted_subject(noun: Token) -> bool:
    """Is the noun (or the "number of" it counts) the subject of a clause that gives its amount ("the area
    liberated amounts to 113 sq km", "the number of civilians killed has risen to 30")?"""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in {"nsubj", "nsubjpass"}:
        noun = noun.head.head
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return any(t.like_num for c in noun.head.children if c.dep_ in {"dobj", "attr", "prep", "acomp"} for t in c.subtree)


def deal_step(noun: Token) -> bool:
    """Is the deal noun the object of a step one side takes, directly or through "participation in"?"""
    verb = noun.head.head
    if verb.pos_ == "NOUN" and verb.dep_ in {"dobj", "pobj"} or verb.lower_ == "out":
        verb = verb.head  # "participation in the deal", "pulled out of the deal"
    return verb.lemma_ in ONE_SIDED_STEPS | {"withdraw", "pull", "return"}


# What can be taken or fall as a capture: places and positions, not flowers, shelter, steps or lives.
PLACE_NOUNS = {"town", "city", "village", "settlement", "locality", "position", "height", "hill", "district",
               "region", "oblast", "territory", "area", "line", "stronghold", "bridgehead", "plant", "station",
               "airport", "port", "island", "bank", "outskirts", "centre", "center", "part", "quarter", "block",
               "control", "capital", "hamlet", "community", "it", "them", "which", "that", "mine", "factory",
               "land", "ground", "kilometer", "kilometre", "km", "metre", "meter", "hectare", "all", "much", "rest",
               "majority", "parts", "most"}
KIN = {"parent", "friend", "son", "daughter", "family", "relative", "mother", "father", "child", "wife", "husband",
       "grandmother", "grandfather", "brother", "sister", "home", "job", "life", "hope", "someone", "everything",
       "loved"}
CIVILIANS = {"many", "people", "resident", "civilian", "family", "thousand", "hundred", "million", "refugee", "child",
             "woman", "who", "population", "inhabitant", "local"}
# One person, as the head of a relative clause that tells their past ("a couple who", "his son, who fought").
PERSONS = {"man", "woman", "son", "daughter", "father", "mother", "brother", "sister", "husband", "wife", "child",
           "couple", "friend", "soldier", "serviceman", "veteran", "volunteer", "resident", "journalist", "officer",
           "commander", "pilot", "medic", "teacher", "leader", "head", "boy", "girl", "grandfather", "grandmother"}
WEAPON_LEMMAS = {"weapon", "munition", "missile", "shell", "ammunition", "tank", "stockpile", "system", "jet"}
DEALS = {"deal", "agreement", "treaty", "initiative", "talks", "accord"}
# "a missile attack that left a serviceman missing": the relative clause of an attack tells its casualties.
ATTACKS = {"attack", "strike", "shelling", "explosion", "blast", "raid", "bombardment", "airstrike", "bombing"}
# What an attack that causes it has done: "the attack caused a huge fire", "a truck bomb caused the collapse".
DAMAGE = {"fire", "blaze", "collapse", "outage", "blackout", "damage", "destruction", "explosion", "flood", "flooding",
          "casualty", "death", "injury", "alight", "power"}
# Objects that show another sense of a trigger verb: things lost, won or dismissed that are not forces or places.
NOT_LOST = {"momentum", "value", "interest", "patience", "trust", "faith", "appeal", "lead", "match", "final", "game",
            "election", "vote", "case", "job", "money", "weight", "touch", "sight", "power"}
NOT_CAPTURED = {"title", "mood", "imagination", "attention", "heart", "essence", "spirit", "moment", "championship",
                "crown", "medal", "cup", "award", "vote", "market", "share", "headline", "image", "atmosphere", "feeling"}
NOT_SHOT_DOWN = {"rumour", "rumor", "report", "claim", "idea", "proposal", "bill", "motion", "suggestion", "notion",
                 "allegation", "speculation", "request", "amendment"}
NOT_TARGETS = {"plan", "hope", "myth", "illusion", "ambition", "consequence", "population", "dream", "reputation"}


def place_object(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(o.ent_type_ in {"GPE", "LOC", "FAC"} or o.lemma_.lower() in {
        "city", "town", "village", "settlement", "position", "territory", "region", "locality", "bridgehead"}
        for o in objects)


def held_place(under: Token) -> Token | None:
    """For "X remains under Ukraine's control": X (None when the clause is not "be/remain under")."""
    verb = under.head
    if verb.lemma_ not in {"be", "remain", "stay"}:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0] if subjects else verb


SETTLEMENTS = {"settlement", "village", "town", "locality", "city", "community"}
PARTS = {"part", "half", "most", "rest", "centre", "center", "outskirts", "remainder", "bulk", "island", "station",
         "plant", "mine", "bridgehead", "heights", "area"}  # "took over the eastern part of the town"


def gained_hold(under: Token) -> bool:
    """ "74 settlements are now under our control", "almost all of the city is now under Ukraine's control": a
    count or a "now" tells ground gained (the holder's capture), where "remains under our control" tells ground
    kept (the other side's denied capture)."""
    verb = under.head
    if verb.lemma_ != "be":
        return False
    subject = held_place(under)
    counted = subject is not None and subject is not verb and (subject.lemma_.lower() in SETTLEMENTS and any(
        c.dep_ == "nummod" and c.like_num for c in subject.children) or subject.lemma_.lower() in {
            "all", "most", "much", "percent", "%", "part"})  # "80 percent of the town is under Russian control"
    return counted or any(c.lower_ in {"now", "already"} for c in verb.children)


def held(under: Token) -> bool:
    return under.lower_ == "under" and held_place(under) is not None


def real_object(kind: str, root: Token) -> bool:
    """Reject triggers whose object shows another sense: "took flowers", "lost her parents", "battled the
    blaze", "destroying its plans", "eliminate the consequences", "sent tanks into battle"."""
    objects = [c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}]
    if kind == "shelling" and root.lower_ == "shells" and root.pos_ == "NOUN" and root.dep_ in {"dobj", "conj", "appos"}:
        return False  # "had found 800,000 shells", "bought shells": ammunition, not shelling
    if kind == "capture" and root.lower_ == "under":
        if root.head.lower_ == "back" or root.head.lemma_ in {"bring", "get", "put", "return"}:
            return False  # "bring Ocheretyne back under control": an effort to retake it (a clash)
        holder = held_place(root)
        return holder is None or holder.ent_type_ in {"GPE", "LOC", "FAC"} or holder.pos_ in {"PROPN", "NUM"} or (
            holder.lemma_.lower() in PLACE_NOUNS | {"two", "third", "half", "most", "percent", "%", "part"})
    if kind == "capture" and root.lemma_ in {"fall", "fell"} and root.lower_ not in {"fell"}:
        objects = [c for c in root.children if c.dep_ == "nsubj"]
        if objects and not any(o.ent_type_ in {"GPE", "LOC", "FAC", "ORG"} or o.pos_ == "PROPN"
                               or o.lemma_.lower() in PLACE_NOUNS | PRISONERS for o in objects):
            return False
    elif kind == "capture" and root.lemma_ in {"fall", "fell"}:
        # a bare "fell" ("Avdiivka fell after months of fighting") is a capture only with a place as its subject
        if not any(c.dep_ == "nsubj" and (c.ent_type_ in {"GPE", "LOC", "FAC"} or c.lemma_.lower() in PLACE_NOUNS)
                   for c in root.children) and not (root.i + 1 < len(root.doc) and root.nbor().lower_ == "to"):
            return False  # "markets fell", "debris fell near a pier", "the advancing Russians fell"
    if kind == "capture" and root.lemma_ in {"take", "free", "reclaim", "regain", "secure"}:
        if root.tag_ == "VBN" and not objects:
            objects = [c for c in root.children if c.dep_ == "nsubj"]  # "for every life taken"
        if (objects or root.lemma_ == "secure") and not any(
                o.ent_type_ in {"GPE", "LOC", "FAC", "ORG"} or o.pos_ == "PROPN"
                or o.lemma_.lower() in PLACE_NOUNS | PRISONERS | PARTS for o in objects):
            return False  # "took flowers", "secured a loan": not a place taken
    lemmas = {o.lemma_.lower() for o in objects}
    if kind == "casualties" and root.lemma_ == "lose" and lemmas & KIN and not any(
            o.lemma_.lower() == "life" and any(c.dep_ == "poss" for c in o.children) for o in objects):
        return False  # "lost her parents", "lost everything"; "four soldiers lost their lives" is a count
    if kind == "casualties" and root.lower_ == "bodies" and not any(c.dep_ == "nummod" for c in root.children) and not (
            root.head.lemma_ in {"retrieve", "recover"} and any(t.like_num for t in root.subtree)):
        return False  # "pulled bodies from the wreckage": a scene, not a count
    if root.dep_ == "relcl" and (root.head.ent_type_ == "PERSON" or root.head.tag_ == "NN" and root.head.lemma_.lower()
                                 in PERSONS) and any(c.lower_ in {"who", "whom"} for c in root.children):
        return False  # "the soldier's son, who also fought for Ukraine": background about a person
    if kind == "casualties" and root.dep_ == "relcl" and (
            root.head.lemma_.lower() not in ATTACKS or root.lemma_ not in {"leave", "kill", "injure", "wound"}):
        return False  # "a soldier who was killed in the early days of the war": background about a person
    if kind == "clash" and lemmas & {"blaze", "fire", "flame", "wildfire"}:
        return False
    if root.lemma_ in {"destroy", "eliminate", "kill"} and lemmas & NOT_TARGETS:
        return False
    if kind == "casualties" and root.lemma_ == "kill" and any(c.dep_ == "prt" and c.lower_ == "off" for c in root.children):
        return False  # "the heat killed off the harvest"
    if kind == "casualties" and root.lemma_ == "lose" and lemmas & NOT_LOST:
        return False  # "exports lost momentum", "lost the final": not losses of people or equipment
    if kind == "capture" and lemmas & NOT_CAPTURED:
        return False  # "captured the national title", "the film captures the mood"
    if kind == "repelled" and root.lemma_ in {"shoot", "down"} and lemmas & NOT_SHOT_DOWN:
        return False  # "shot down rumours of a merger"
    if kind == "shelling" and root.lemma_ == "bombard" and any(
            c.dep_ == "prep" and c.lower_ == "with" and p.lemma_.lower() not in MUNITIONS | {"artillery", "mortar", "fire"}
            for c in root.children for p in c.children if p.dep_ == "pobj"):
        return False  # "bombarded with complaints"
    if kind == "casualties" and root.lemma_ == "eliminate" and objects and not military_loss(root):
        return False
    if kind == "weapons_supply" and root.lemma_ == "receive" and lemmas & {"injury", "wound", "burn", "treatment"}:
        return False  # "eight children received injuries": casualties, not a delivery
    if kind == "capture" and any(c.lower_ == "out" for c in root.children) and not any(
            p.ent_type_ in {"GPE", "LOC", "FAC"} or p.pos_ == "PROPN" or p.lemma_.lower() in PLACE_NOUNS
            for t in root.subtree if t.lower_ == "of" for p in t.children):
        return False  # "drove the enemy out of the village": a place, not "forced residents out of their homes"
    if kind == "withdrawal" and root.lemma_ in {"flee", "leave", "exit", "vacate", "evacuate"} and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in CIVILIANS for c in root.children):
        return False  # "many have fled the city": civilians leaving, not forces withdrawing
    if kind == "withdrawal" and root.lemma_ == "relocate" and objects and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in root.children):
        return False  # "relocated 30,000 troops to the Kursk region": a redeployment, not a pullback
    if kind == "withdrawal" and root.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(t.lemma_.lower() in WEAPON_LEMMAS for t in c.subtree)
            for c in root.children):
        return False  # "the withdrawal of those weapons from the stockpile"
    if kind == "withdrawal" and any(p.dep_ == "pobj" and p.lemma_.lower() in DEALS and p.head.lower_ in {"from", "of"}
                                    and (p.head.head == root or p.head.head.head == root) for p in root.subtree):
        return False  # "withdrew from the grain deal", "pulled out of the deal": a step on a deal (its negotiation claim)
    if kind == "weapons_supply" and root.lemma_ == "send" and any(
            c.dep_ == "prep" and c.lower_ == "into" for c in root.children):
        return False  # "sent dozens of tanks into battle": a deployment, not a supply
    return True


def military_loss(verb: Token) -> bool:
    """Does "destroyed" take forces or their equipment as its object (or passive subject)?"""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if verb.dep_ in {"acl", "amod"}:
        objects.append(verb.head)
    if not objects:
        return True  # "the enemy lost 40 men and ... destroyed": the tally's context decides
    words = {t.lemma_.lower() for o in objects for t in o.subtree}
    return bool(words & (MILITARY_LOSSES | {"equipment", "manpower", "position", "radar",
                                            "command", "post", "battery", "carrier", "gun", "mortar", "enemy",
                                            "occupier", "invader", "them", "they", "infantry", "sabotage", "group", "company",
                                            "platoon", "battalion", "brigade", "crew"}))


# Sites behind the lines whose destruction is a strike, not a loss of forces.
SITES = {"depot", "warehouse", "base", "headquarters", "airfield", "airbase", "refinery", "plant", "bridge",
         "arsenal", "facility", "storage", "factory", "terminal", "port", "station"}


def destroyed_site(verb: Token) -> bool:
    """ "destroyed three ammunition depots and seven units of equipment": a site and forces' losses, one verb
    with two events (a strike on the site, the losses)."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    heads += [c for h in heads for c in h.conjuncts]
    return any(h.lemma_.lower() in SITES for h in heads) and any(h.lemma_.lower() in MILITARY_LOSSES | {
        "equipment", "manpower", "personnel"} or any(c.lemma_.lower() in MILITARY_LOSSES for c in h.subtree)
        for h in heads if h.lemma_.lower() not in SITES)


MUNITIONS = {"rocket", "missile", "shell", "bomb", "drone", "projectile", "shahed", "uav"}


def arrived_at_target(verb: Token) -> bool:
    """ "Two rockets arrived at the railway station": munitions arriving at a place have struck it."""
    if verb.lemma_ != "arrive" or not any(c.dep_ == "nsubj" and c.lemma_.lower() in MUNITIONS for c in verb.children):
        return False
    return any(c.dep_ == "prep" and (c.lower_ == "at" or c.lower_ in {"in", "on"} and any(
        p.lemma_.lower() in STRIKE_TARGETS for p in c.children)) for c in verb.children)


_QUOTED_TERM = re.compile(r"\b(?:term|phrase|word|expression|euphemism|wording)s?\s+(?:of\s+)?[\"“‘']([^\"”’']{1,80})[\"”’']",
                          re.IGNORECASE)


def quoted_term(span: Span, sentence: str) -> bool:
    """Is the trigger inside a quoted term that the sentence mentions ('the term "more advantageous positions"')?"""
    offset = span.start_char - span.sent.start_char
    return any(m.start(1) <= offset < m.end(1) for m in _QUOTED_TERM.finditer(sentence))


def missile_fire(trigger: Token) -> bool:
    near = [trigger.head] + list(trigger.children) + [g for c in trigger.children if c.dep_ == "prep" for g in c.children]
    near += [g for c in trigger.children if c.dep_ == "dobj" for p in c.children if p.dep_ == "prep" for g in p.children]
    clause = trigger if trigger.dep_ == "relcl" else trigger.head if trigger.head.dep_ == "relcl" else None
    if clause is not None:
        near.append(clause.head)  # "a missile that officials said was fired by Russia"
    return any(t.lemma_.lower() in {"missile", "drone", "uav", "shahed"} for t in near)


GUNS = {"shell", "artillery", "gun", "howitzer", "mortar", "tank", "cannon", "mlrs", "grad", "gunner"}


def gun_fire(trigger: Token) -> bool:
    """ "Russian guns pummelled the town", "rained shells on Horlivka", "opened fire with tanks": heavy fire whose
    means are guns is shelling. Only the subject, the instrument and what is rained or fired count as means: the
    object hit ("a drone hit a tank") does not."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    means = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    means += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"with", "by", "from"} for g in c.children]
    if verb.lemma_ in {"rain", "fire", "open"}:
        means += [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ != "fire"]
    means += [m for t in list(means) for m in t.children if m.dep_ == "compound"]
    return any(t.lemma_.lower() in GUNS for t in means)


def told_before(noun: Token) -> bool:
    """A definite, unmodified event noun ("the attack", "this strike") points back at an event told before."""
    children = list(noun.children)
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in children) \
        and not any(c.dep_ in {"amod", "compound", "poss", "prep", "nummod"} for c in children)


def retold_cause(noun: Token) -> bool:
    """ "The strike killed 52 people": a definite, unmodified event noun as the subject of a casualty verb
    is the event told before; the sentence's new claim is the casualties."""
    if noun.pos_ != "NOUN" or noun.dep_ != "nsubj" or noun.head.lemma_ not in {"kill", "injure", "wound", "cause",
                                                                              "claim", "leave"}:
        return False
    return told_before(noun)


def clause_subjects(verb: Token) -> list[Token]:
    """The subject of a verb, through "were not able to enter", "managed to", "continued to"."""
    for _ in range(3):
        found = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if found or verb.dep_ not in {"xcomp", "acomp", "ccomp", "conj"} or verb.head == verb:
            return found
        verb = verb.head
    return []


def clause_text(token: Token) -> str:
    """The words of the clause a trigger belongs to (its verb's subtree)."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    return " ".join(t.text for t in verb.subtree)


def responsibility(token: Token) -> bool:
    """ "claimed responsibility for the attack": the claimant says it carried the event out."""
    return token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_ == "responsibility"


def attempted(token: Token) -> bool:
    """ "Russian forces are trying to capture Synkivka": an attempt, which the conventions count as a clash."""
    if token.dep_ == "conj" and token.head.dep_ == "xcomp" and token.pos_ == "VERB":
        token = token.head  # "trying to break through the defences and advance towards the city"
    return token.dep_ == "xcomp" and token.head.lemma_ in {"try", "attempt", "seek", "strive"} and not negated(token.head)


def ordered(token: Token) -> bool:
    """ "Shoigu ordered the troops to withdraw", "agreed to pull back": the conventions count an order or
    decision to pull back as the withdrawal (the side pulling back is the actor)."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    for _ in range(3):
        if verb.lemma_ in ORDER_VERBS:
            return not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)
        if verb.dep_ not in {"xcomp", "ccomp", "conj", "dobj"} or verb.head == verb:
            return False
        verb = verb.head
    return False


def separate_event(span: Span, first: Span | None) -> bool:
    """Is this trigger another event of its type than the first one in the sentence?

    A verb of another clause with its own subject ("X captured A and Y captured B"), or a verb joined to
    the first whose object names another place or amount ("captured A and occupied B", "advanced 5 km and
    took 30 sq km"). A verb that only restates the first ("captured and held the town") is the same event.
    """
    if first is None:
        return False
    a, b = span.root, first.root
    if a == b or a.pos_ != "VERB" or b.pos_ != "VERB" or not (a.head == b or b.head == a or a.head == b.head):
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in a.children) and (a.dep_ in {"conj", "ccomp", "ROOT"} or (
            a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"while", "whereas"} for c in a.children))):
        return True  # ("X took A, while Y took B": a contrast of two events)
    if a.dep_ != "conj":
        return False
    mine, theirs = object_key(a), object_key(b)
    return mine is not None and theirs is not None and mine != theirs


def object_key(verb: Token) -> str | None:
    """The place or amount a verb's object names ("occupied most of Novomykhailivka", "took 30 sq km")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "attr", "npadvmod"}]
    objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        for t in obj.subtree:
            if t.ent_type_ in {"GPE", "LOC", "FAC"} or t.like_num:
                return t.lower_
    return None


def targets_city(trigger: Token) -> bool:
    """ "attacked the capital", "an attack on Moscow": a strike on a city, not fighting at the front."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    objects += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children]
    return any(o.ent_type_ in {"GPE", "GOV"} or o.lemma_.lower() in STRIKE_TARGETS for o in objects)


def _future_heads(doc: Doc) -> set[int]:
    """The tokens with a future auxiliary ("will", "would", ...: an "aux" in FUTURE_AUX) among their children, found
    once per Doc in the token table (``unrealised`` asked each verb's children, a Token each, per trigger)."""
    heads = doc.user_data.get("frontwatch_future_heads")
    if heads is None:
        heads = doc.user_data["frontwatch_future_heads"] = {
            h for i, low in enumerate(token_table(doc).lower) if low in FUTURE_AUX
            and (t := doc[i]).dep_ == "aux" and (h := t.head.i) != i}
    return heads  # type: ignore[no-any-return]


def clause_verbs(verb: Token) -> Iterator[Token]:
    """The verb and the verbs it hangs from as an infinitive or a conjunct, up to five ("will allow us to continue
    to develop actions and liberate our land"): the verbs whose auxiliaries (future, modal) govern it."""
    for _ in range(5):
        yield verb
        if verb.head == verb or verb.dep_ not in {"xcomp", "conj"} and not (verb.dep_ == "ccomp" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):  # "allow us to continue": an infinitive
            return
        verb = verb.head


def unrealised(token: Token) -> bool:
    """A trigger under a future auxiliary or inside "vowed to ...", "expected to ..." clauses."""
    for verb in clause_verbs(token if token.pos_ in {"VERB", "AUX"} else token.head):
        if verb.i in _future_heads(verb.doc):  # a child: an "aux" in FUTURE_AUX
            return True
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
            return True  # "the breakthrough would come if Ukraine could seize Tokmak": a condition
        if (verb.dep_ == "xcomp" or verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)) \
                and (verb.head.lemma_ in INTENT_VERBS or verb.head.lower_ in _INTENT_FORMS):
            return True  # "hopes to retake" (lemmatised "hop"), "expect Russia to launch an offensive"
    return False


# Nouns that count or group events: what they head stands for the events ("a wave of bombardments caused ...").
SERIES = {"wave", "series", "salvo", "round", "barrage", "spate", "string", "action", "dozen"}


def _listing(noun: Token) -> bool:
    """Is the noun that "including" hangs from the object or subject (or "a series of" them) of its clause?"""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in SERIES:
        noun = noun.head.head  # "conducted a series of actions, including air strikes"
    return noun.dep_ in {"dobj", "nsubj", "nsubjpass"}


def caused_damage(noun: Token) -> bool:
    """ "The attack caused a huge fire", "a truck bomb set seven carriages alight": an attack told by what it did."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ not in {"cause", "trigger", "spark", "set", "lead", "result", "start"}:
        return False
    own = {t.i for t in noun.subtree}
    return any(t.lemma_.lower() in DAMAGE for t in noun.head.subtree if t.i not in own)


STATUS_VERBS = {"list", "declare", "register", "confirm", "classify", "record", "count"}


def predicative(noun: Token) -> bool:
    """Is the noun what the clause is about (subject, object, root), not a noun in passing?"""
    token = noun
    while token.head != token and (token.dep_ in {"conj", "appos", "compound"} or token.dep_ == "pobj" and (
            token.head.lower_ == "including" and _listing(token.head.head)
            or token.head.lower_ == "of" and token.head.head.lemma_ in SERIES)):
        token = token.head.head if token.dep_ == "pobj" else token.head  # "a wave of strikes", "including air strikes"
    if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in COMMENT_VERBS and not caused_damage(token):
        return False
    if token.dep_ == "nsubj" and token.head.lemma_ == "be" and any(c.dep_ == "attr" for c in token.head.children):
        return False  # "The attack is one of the deadliest", "The retreat is a setback": said about an event
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT", "attr", "oprd", "npadvmod"}:
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.lemma_ in STATUS_VERBS:
        return True  # "two soldiers were listed as KIA": the status the clause gives them
    if token.dep_ == "pobj" and token.head.lower_ in {"in", "during"} and token.head.head.lemma_ in WOUNDING:
        return False  # "a soldier wounded in battle": the circumstance of a wound, not a claim of fighting
    # "carried out 12 strikes", "in fierce fighting near X", "after heavy shelling"
    return responsibility(token) or token.dep_ == "pobj" and token.head.lower_ in {"in", "after", "during", "amid", "under", "without"}


def negated(token: Token) -> bool:
    chain = [token, token.head] if token.dep_ in {"xcomp", "ccomp", "aux", "auxpass", "dobj", "pobj"} else [token]
    if token.dep_ == "xcomp" and token.head.dep_ == "acomp":
        chain.append(token.head.head)  # "were not able to enter"
    for t in chain:
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in {"never", "no"}:
                return True
            if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NOBODY or any(
                    d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
                return True  # "no one was injured", "no soldiers were killed": the event denied
    if token.dep_ == "conj" and token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.head.children):
        return True  # "there had been no damage or casualties"
    return False


NOBODY = {"nobody", "none", "noone"}


def governs(a: Token, b: Token) -> bool:
    return a in list(b.ancestors) or b in list(a.ancestors) or a.head == b
