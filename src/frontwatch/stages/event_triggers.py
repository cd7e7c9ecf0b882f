"""Event triggers: the word patterns per event type that ``events.EventFinder`` looks for in a sentence.

A pattern only proposes an event: ``events`` and ``event_senses`` check each match against the parse (its
object, its subject, an aim or a plan above it) before it is claimed. Kept apart from the per-sentence walk
so that the lexicon can grow (the event coverage grid, tests/data/coverage) without the walk's module growing.
"""

from __future__ import annotations

WEAPON_WORDS = (
    r"weapon|arm(?:s|ament)|tank|missile|artillery|ammunition|munition|shell|air[- ]defen[cs]e|jet|f-16|himars|"
    r"atacms|patriot|leopard|abrams|bradley|storm shadow|taurus|drone|rocket|howitzer|aid|package|system|"
    r"vehicle|aircraft|plane|fighter|equipment|launcher|interceptor"
)
_W = r"(?<![\w-])"
TRIGGERS: dict[str, str] = {
    "advance": (
        r"advanc\w*|gain(?:s|ed|ing)?\b(?! control)|push(?:ed|es|ing)?\b(?! for\b)|"
        r"mov(?:ed|ing|es) (?:(?:up to |about |some )?[\d,.]+ (?:\w+ )?)?(?:forward|deeper|further|onward|towards?|(?:north|south)(?:east|west)?|east|west)\b|"
        # motion verbs of slow gains and of pressure on a place ("edged closer to X", "closing in on X")
        r"(?:edg(?:ed|es|ing)|inch(?:ed|es|ing)|creep(?:s|ing)?|crept) (?:forward|closer|nearer|towards?|ahead|deeper)\b|"
        r"clos(?:e|es|ed|ing) in on\b|press(?:ed|es|ing)? (?:ahead|forward)\b(?! with)|wedg(?:ed|es|ing) (?:\w+ )?into\b|"
        r"penetrat\w* (?:\w+ ){0,3}(?:defen[cs]es?|lines?|positions)\b|"
        r"(?:expand|widen|extend|enlarg)\w* (?:\w+ ){0,2}(?:bridgehead|foothold|salient)s?\b|"
        r"(?:units|troops|forces|soldiers) (?:are|were|is) (?:already |now )?in (?:the )?(?:city|town|village|centre|center)\b|entered|enter(?:ing|s)?\b|"
        r"progress(?:ed)?|(?:go|goes|went|going|gone) on the offensive|counter-?offensive|offensive|broke through|"
        r"break(?:ing|s)? through|broken through|breakthrough|breach(?:ed|es|ing)?\b|crossed|encircl\w*|(?:tactical )?success(?:es)?\b|foothold|"
        r"(?:more )?(?:advantageous|favou?rable|better) (?:positions|lines)|"
        r"improv(?:ed|ing|ement in)[\"”’']? (?:the |their |its |our )?(?:[\w-]+ )?(?:position|situation)|"
        r"control(?:s|led)? (?:about |some |nearly |more than |over )?[\d,.]+ (?:square|sq)"
    ),
    "withdrawal": (
        r"ced(?:e|ed|ing) (?:\w+ ){0,2}(?:ground|territory|positions?|metres?|meters?)|withdr[ae]w\w*|retreat\w*|pull(?:ed|ing|s)? (?:\w+ ){0,2}(?:back|out)|pullout|pull-out|f[ae]ll(?:s|ing|en)? back|fell away|abandon\w*|"
        r"(?:was|were|been|being) pulled (?:out )?(?:from|off)\b|forced to leave\b|"
        r"evacuat\w* (?:(?!wounded|injured)\w+ ){0,2}(?:troops|units|forces|garrison)\b|"
        r"(?:g[ai]ve|given|giv(?:es|ing)) up (?:\w+ ){0,3}(?:positions?|ground|territory|metres?|meters?|village|town|city|settlement|bridgehead)\b|"
        r"mov(?:ed|ing|es?) (?:back )?to (?:more |the |previously |pre-)?(?:advantageous|favou?rable|prepared|secure|safer|defensible)\b|"
        r"redeploy\w* (?:\w+ ){0,3}to (?:more |the |previously |pre-)?(?:advantageous|favou?rable|prepared|secure|safer|"
        r"defensible|better)\b|regroup\w*|relocat\w*|organi[sz]\w* (?:the |a |our )?defen[cs]es? (?:along|across|on)\b|fle(?:e|eing|d)\b|"
        r"(?:left|leav(?:e|es|ing)|exit(?:ed|s|ing)?|vacat(?:e|ed|es|ing)) (?:the |its |their |our )?(?:[\w-]+ )?"
        r"(?:town|city|village|settlement|positions?|area|plant|bridgehead|island|trenches|lines?)\b"
    ),
    "capture": (
        r"captur\w*|recaptur\w*|(?:re)?(?:took|taken|tak(?:e|es|ing))\b(?! (?:part|place|into|off|out|down|steps|measures|up|all|action|care|(?:\w+ )?(?:measures|steps)))|"
        r"seiz\w*|liberat\w*|occupied|fell\b(?! (?:back|away|apart|short|silent|ill))|wrest\w* (?:full |complete )?control|overr(?:an|un|uns|unning)\b|"
        r"secur(?:ed|es|ing)\b|(?:drove|driven|drives?|driving|kicked|ousted|expelled|forced) (?:[\w-]+ ){1,4}out of\b|"
        r"flags? (?:is |was |are |were |now |again |already )*(?:flying|flies|flew|waving|waves|fluttering|flutters) (?:again |now )?over\b|"
        r"annex(?:ed|es|ing)?\b|(?:is|are) ours\b|"
        r"(?:get|gets|getting|got) (?:[\w’']+ ){1,4}back\b(?! under)|(?:hoist\w*|rais(?:e|ed|es|ing)|hang(?:s|ed|ing)?|hung|plant\w*) (?:\w+ ){0,3}flags?\b|(?:has|had|have) (?:already |now |finally )?fallen|cleared\b|mopp\w* up|"
        r"(?:establish\w*|gain\w*) (?:full |complete )?control|freed\b|reclaim\w*|regain\w*|"
        r"(?:almost |nearly )?(?:full|complete|total) control (?:of|over)|"
        r"under (?:the )?(?:(?!fire\b)[\w’']+ ){0,3}control\b|(?:still|continu\w* to) (?:hold|control)s?\b|(?:remain\w*|stay\w*|is|are) in control\b"
    ),
    "repelled": (
        r"repel\w*|repuls\w*|thwart\w*|fend(?:ed|ing)? off|fought off|beat(?:en)? back|beat off|foil\w*|driven back|"
        r"(?:not|never) (?:been |be )?successful|unsuccessful|no success|without success|"
        r"(?:stop(?:ped|s|ping)?|halt(?:ed|s|ing)?|rebuff(?:ed|s|ing)?) (?:(?!the (?:advance|offensive)\b)[\w'’-]+ ){0,4}?"
        r"(?:attacks?|assaults?|advance|offensive|attempts?|breakthrough|push)\b|rebuff(?:ed|s|ing)?\b|"
        r"(?:attacks?|assaults?|advance|offensive|push) (?:[\w-]+ ){0,4}(?:was|were|has been|have been) (?:\w+ )?(?:stopped|halted)\b|"
        r"(?:(?:attempts?|efforts?|bids?) to (?:advance|storm|break|captur\w*|take|seize|cross|encircle|push|attack|enter|retake|recaptur\w*|regain)|"
        r"attacks?|assaults?) (?:[\w-]+ ){0,5}failed\b|"
        r"(?:(?:took|taken|take|takes|taking)|knock(?:ed|s|ing)?) down (?:[\w-]+ ){0,4}(?:drones?|missiles?|rockets?|uavs?|aircraft|jets?|planes?|helicopters?)\b|"
        r"push(?:ed|es|ing)? back (?:the |an? )?(?:[\w-]+ ){0,2}(?:attacks?|assaults?|assault groups|groups|troops|forces|units|enemy|infantry)\b|"
        r"shot down|downed|(?:downing|shoot-?downs?) of\b|intercept(?!ors?\b)\w*|"
        r"minus (?:one|two|three|four|five|another|\d+) (?:more )?(?:su-?\d+|mig-?\d+|ka-?\d+|mi-?\d+|tu-?\d+|a-50|"
        r"f-16|aircraft|planes?|jets?|helicopters?|bombers?|fighters?)\b|not a single (?:metre|meter|step)|"
        r"hold(?:s|ing)? (?:their |its |our |the )?(?:\w+ )?(?:positions|ground|lines?|front ?lines?|front)\b|"
        r"held (?:their |its |our |the )?(?:\w+ )?(?:positions|ground|lines?|front ?lines?|front)\b|"
        r"(?:destroy|neutrali[sz])\w* (?:[\w-]+ ){0,5}(?:drones|missiles|rockets|uavs|unmanned aerial vehicles|of them)|prevent\w* (?:\w+ ){1,4}from (?:advancing|"
        r"gaining|making progress|breaking|entering|capturing|taking)|failed to (?:capture|take|advance|break)"
    ),
    "clash": r"(?:continu\w*|conduct\w*|carr\w* out) (?:\w+ ){0,2}operations|"
             r"(?:concentrat|ma[dk]|focus|intensif)\w* (?:\w+ ){0,2}efforts|launch\w* (?:an? |the |its |their )?(?:[\w-]+ ){0,2}(?:operation|incursion|invasion)\b|incursion|hostilities|open(?:ed|s|ing)? fire\b|engag(?:ed|es|ing)? (?:with )?(?:the |an? )?(?:enemy|russian|ukrainian|hostile|opposing)\b|(?:bring|brought|get|win) (?:\w+ ){1,3}back under (?:\w+ )?control|restor\w* control|clash\w*|fighting(?! (?:the |a )?fires?\b)|fought|battl(?:e|es|ed|ing)\b|combat\b|skirmish\w*|fire-?fights?\b|gun-?fights?\b|gun battles?\b|shoot-?outs?\b|ambush\w*|assault\w*|storm(?:ed|ing)|(?:attempts?|efforts?|bids?) to storm\b|continu\w* to fight\b|raid\w*|attack(?:s|ed|ing)?",
    "shelling": (
        r"fire missions?|shell(?:ed|ings?|s)\b|artillery (?:fire|strike\w*|attack\w*)|mortar\w*|bombard\w*|mlrs|multiple rocket|"
        r"came under (?:\w+ )?fire|fir(?:ed|ing|es)\b(?! (?:\w+ ){0,3}(?:missiles?|drones?|rockets? at))|barrage"
    ),
    "strike": (
        r"(?:strik(?:e|es|ing)|struck)\b(?! (?:an? |the )?(?:\w+ )?(?:blow|deal|chord|note|balance|tone|bargain|agreement|pose)s?\b)|missile (?:attack|strike)\w*|airstrike\w*|air strike\w*|air raid\w*|"
        r"drone (?:attack|strike)\w*|kamikaze drones?|(?:tore|tear(?:s|ing)?|ripped|slammed|smashed) (?:through|into)\b|shahed\w*|glide bombs?|bomb(?:ed|ing|s)\b|dropp(?:ed|ing) (?:\w+ ){0,4}bombs|"
        r"hit(?:s|ting)?\b|(?:pound|hammer|batter|target)(?:ed|s|ing)?\b|pummel\w*|"
        r"rain(?:ed|s|ing)? (?:down )?(?:[\w-]+ ){0,2}(?:shells|missiles|rockets|bombs|drones|fire)\b|crash(?:ed|es|ing)? into\b|(?:truck|car|suicide) bombs?\b|(?:was|were|been|being) (?:\w+ ){0,2}targeted\b|launch(?:ed|es|ing)? (?:[\w,-]+ ){1,4}?(?:missiles|drones|rockets|shaheds|uavs)\b|fir(?:ed|ing|es) (?:\w+ ){0,3}(?:missiles?|drones?|rockets? at)|"
        r"attack(?:s|ed|ing)?\b"
    ),
    "casualties": (
        r"kill(?:ed|ing|s)?\b|dead\b|died|death toll|toll\b|maim\w*|claim(?:ed|s|ing)? (?:the )?lives\b|kia\b|wia\b|"
        r"number of (?:the )?(?:dead|killed|wounded|injured|casualties)\b|fatalit(?:y|ies)|hospitali[sz]ed|(?:went|gone|are|were|is|was|remain\w*|left(?: \w+){0,3}) missing|wounded|wounding|injur\w*|casualt\w*|losses|los(?:t|e|ing)\b|"
        r"eliminat\w*|neutrali[sz]ed|perished|bodies|(?:number of )?victims?\b|(?:taken|rushed|admitted|brought) to (?:a |the )?(?:\w+ )?hospitals?\b|"
        r"defeat\w* (?:\w+ ){0,4}(?:manpower|personnel|equipment)\b|surrender(?:ed|ing|s)?\b|destroy(?:ed|ing|s)?\b|taken (?:\w+ ){0,4}(?:prisoners?|captives?)|"
        r"(?:took|captured) (?:\w+ ){0,3}prisoners?|suffer\w* (?:\w+ ){0,2}losses"
    ),
    "weapons_supply": (
        r"deliver(?:y|ies|s|ed|ing)?\b(?! (?:an? |the |a series of )?(?:[\w-]+ )?(?:strikes?|blows?|attacks?|speech|address|verdict|message))|"
        r"(?:approv\w*|sign\w* off on|authori[sz]\w*|green-?light\w*) (?:the |a |an )?(?:[\w$-]+ ){0,5}(?:exports?|transfers?|deliver\w*|packages?|shipments?|sales?)\b|"
        r"(?:g[ai]ve|given|giv(?:es|ing)|got|gets|getting|obtain\w*|acquir\w*)\b|arm(?:ed|s|ing) (?:\w+ ){1,3}with\b|"
        r"packages? of (?:\w+ ){0,2}(?:weapons|arms|aid|military|assistance|equipment)\b|suppl(?:y|ied|ies|ying)|provid\w*|send(?:s|ing)?|sent|pledg\w*|promis\w*|donat\w*|transfer\w*|ship(?:s|ped|ping)\b|"
        r"shipment\w*|handed|arriv(?:ed|ing|es)\b|receiv(?:ed|es|ing)\b|reach(?:ed|ing|es)? (?:ukraine|kyiv|the front)|re-export\w*|aid package|military aid|security assistance|"
        r"(?:need(?:s|ed)?|ask(?:ed|s|ing)? (?:[\w-]+ ){0,3}for|request\w*|call(?:ed|s|ing)? (?:up)?on) (?:\w+ ){0,6}(?:weapons|missiles|jets|aircraft|tanks|shells|ammunition|air defen[cs]e)"
    ),
    "weapons_use": (
        r"(?:us(?:e|ed|es|ing)|deploy\w*|employ\w*|fir(?:ed|ing)) (?:of )?(?:\w+ ){0,3}(?:cluster|chemical|phosphorus|thermobaric|"
        r"incendiary|tear gas|poison)|(?:us(?:e|ed|es|ing)|employ\w*) (?:of )?(?:[\w.-]+ ){0,3}(?:storm shadows?|atacms|himars|taurus|scalp)\b|(?:storm shadows?|atacms|himars|taurus|scalp)\b[^.;]{0,40}?(?:done their job|were used|hit|"
        r"prov(?:ed|en) themselves|(?:were|was) launched)|(?:were|was|are) cluster (?:munitions|missiles|bombs|shells)"
    ),
    "negotiation": (
        r"talks\b|negotiat\w*|ceasefire|cease-fire|truce|peace (?:deal|plan|summit|formula|process|agreement|talks)|"
        r"prisoner (?:exchange|swap)|exchang\w* (?:of )?(?:the )?(?:[\w,]+ ){0,3}(?:prisoners|bodies|pows|servicemen|soldiers|captives|defenders|civilians)\b|(?:brought|bring(?:s|ing)?) (?:back )?home\b|returning home|swap\w*|grain (?:deal|corridor|initiative)|"
        r"mediat\w*|humanitarian corridor|agreements?\b|repatriat\w*|(?:from|in) (?:\w+ )?captivity|"
        r"trad(?:ed|es|ing) (?:[\w-]+ ){0,3}(?:prisoners|pows|soldiers|servicemen|captives|bodies)\b|"
        r"return(?:ed|s|ing)? (?:[\w-]+ ){0,3}(?:children|prisoners|pows|captives|servicemen|defenders|civilians)\b|"
        r"exchange (?:happened|took place|was held)|\bdeal\b|come home|returned (?:home|from)|stop hostilities|accepted a proposal"
    ),
}
