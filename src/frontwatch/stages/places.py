"""Places: find every place mention in a parsed article and resolve it with the gazetteer.

Mentions are found by :mod:`.places_mentions`; candidates are weighed by :mod:`.places_score` and
:mod:`.places_local`. This module looks them up and decides.

A mention is a ``GPE``/``LOC``/``FAC`` entity (the gazetteer's EntityRuler patterns make sure
"Kiev" and "Bakhmut" are tagged as places; ``GOV`` entities — capitals and countries acting
as governments — are not places), widened by the words around it:

* "X region", "X Oblast", "Kharkiv and Sumy oblasts" ask for a region (precision 3);
* "the X direction", "X area", "outskirts of X", "near X", "east of X", "the Kanal district
  of X" ask for the area of a settlement (precision 2);
* "eastern Ukraine", "northern Gaza" name part of a country or region: no point fits, so the
  mention keeps its country (and region) with null coordinates;
* "the southern front", "the southern border" with no place after them are kept as mentions
  with null coordinates: no point is defensible.

Each mention's candidates (:meth:`Gazetteer.lookup`) are re-ranked with the article's context:
its country focus (countries named, governments acting, unambiguous places), the regions it
names, and the distance to places that are already unambiguous. A candidate that only matches
loosely and has no context support, a weak best candidate, or a near-tie between far-apart
candidates leaves the mention unresolved: null beats a guess hundreds of kilometres away.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..config import PlacesSettings
from ..gazetteer.lookup import (
    AREA_FEATURES,
    Candidate,
    GazetteerLike,
    conflict_fronts,
    conflict_regions,
    lookup_with_prior,
)
from ..gazetteer.translit import split_designator
from ..records import Place
from .demonyms import AREA_DEMONYM_FEATURES
from .parse import doc_text
from .places_local import HYPHEN_PAIR, colocation, name_before
from .places_mentions import (
    AREA_WORDS,
    INSTITUTION_WORDS,
    REGION_WORDS,
    SUBREGION_WORDS,
    Mention,
    find_mentions,
)
from .places_outlet import W_OUTLET_HOME, OutletHome, front_line, outlet_vote
from .places_score import (
    choose,
    find_anchors,
    focus_country,
    focus_region,
    home_town_readings,
    institution_candidates,
    link_regions,
    names_outlet_town,
    outlet_country,
    outlet_labels,
    outlet_town,
    top_candidate,
)


def resolve_places(doc: Doc, gazetteer: GazetteerLike, settings: PlacesSettings, *,
                   source: str | None = None, published: date | None = None,
                   outlet: OutletHome | None = None) -> list[Place]:
    """Every place mention in ``doc``, in text order, with its resolution and precision.

    ``source`` (the outlet's domain, "thestar.ca") lends its country a vote in the article's focus;
    ``published`` picks the front lines of that year for the conflict prior (``data/fronts.csv``);
    ``outlet`` (the source's home region learned from its other articles, :mod:`.places_outlet`) is a
    prior for the article's home region and, for a domain that names no country, its focus; its home point,
    if any, favours the readings near it.
    """
    every = find_mentions(doc)
    for m in every:
        widen_name(doc, m, gazetteer)
    every = split_pairs(every, gazetteer)
    every = [m for m in every if not m.headline or headline_town(m, gazetteer, outlet)]
    # a tentative name a widened one now covers ("Quebec" of "Quebec City") goes
    every = [m for m in every if not (m.tentative and any(o is not m and o.start < m.end and m.start < o.end
                                                          for o in every))]
    cache: dict[str, list[Candidate]] = {}
    year = published.year if published else None
    prior = conflict_regions(settings.conflicts, year)
    fronts = conflict_fronts(settings.conflicts, year)
    named = {m.query for m in every if not m.institution and not m.demonym_of and not m.unanchored}
    labels = outlet_labels(source)
    for m in every:
        if m.unanchored:
            continue
        if m.institution:
            _trim_institution(m, named, gazetteer)
        if m.query not in cache:
            cache[m.query] = lookup_with_prior(gazetteer, m.query, settings.max_candidates, prior, fronts)
        if not cache[m.query] and m.fallback:
            m.query = m.fallback
            if m.fallback_span:  # "the Cottonport Fire Station", unknown as a whole: "Cottonport"
                m.start, m.end = m.fallback_span
                m.text = m.fallback
            if m.query not in cache:
                cache[m.query] = lookup_with_prior(gazetteer, m.query, settings.max_candidates, prior, fronts)
        if not cache[m.query] and _bare_county_name(m):
            # "DuPage deputies", "Gwinnett", "Pointe Coupee": a county or parish named without its designator
            for word in COUNTY_WORDS:
                query = f"{m.query} {word}"
                if query not in cache:
                    cache[query] = lookup_with_prior(gazetteer, query, settings.max_candidates, prior, fronts)
                if any(c.feature == "county" and c.match in ("name", "alternate") for c in cache[query]):
                    m.query = query
                    break
        if m.area_names:
            _area_of_demonym(m, gazetteer, cache)
        m.candidates = cache[m.query]
        if m.label and not m.candidates:  # "Praskoviivka": a lone name one slip from a village where the war is
            m.candidates = misspelt_label(m.query, gazetteer, cache, settings.max_candidates, prior, fronts)
        if outlet is not None and m.candidates and _bare_county_name(m):
            m.candidates = _home_county(m, gazetteer, outlet, cache)
        if labels and not m.demonym_of and names_outlet_town(m.query, labels):
            m.candidates = home_town_readings(m.candidates)  # "Paris" in parisbeacon.com's copy
            m.outlet_town = True
        if m.demonym_of:
            m.candidates = [c for c in m.candidates if c.feature == "country" and c.country == m.demonym_of][:1]
    every = label_over_parts(every)
    # metonyms and demonyms are resolved in the article's context but lend it none: the context
    # is where things happen
    mentions = [m for m in every if m.role == "place"]
    # where the outlet's copy of the same days is: weighed only where its home point is not
    beat = outlet.beat if outlet is not None and outlet.point is None else None
    if outlet is not None and (outlet.beat_only or front_line(outlet, every, prior)):
        # a war outlet's copy clusters on the front, which is no home: the conflict prior weighs it, and the beat
        beat, outlet = outlet.beat, None
    votes = focus_country(doc, mentions, gazetteer, outlet_country(source) or (outlet.country if outlet else None))
    # region (admin1 code) -> the names that name it: a name never supports its own other readings
    # ("New York" the state must not lift "New York" the city)
    regions: dict[str | None, set[str]] = {}
    for m in mentions:
        if (c := top_candidate(m)) and c.feature == "region" and not m.vague:
            regions.setdefault(c.admin1_code, set()).add(m.query)
    for m in every:
        if m.role == "metonym" and (c := _metonym_region(doc, m, gazetteer, cache)):
            # "Luhansk Oblast police said", "the Donetsk regional governor": no event place, but the
            # article says which oblast it reports from, and a namesake there is the likelier reading
            regions.setdefault(c.admin1_code, set()).add(m.query)
    link_regions(doc, mentions)
    # a name is read once per article, on its best-placed mention: "Springfield, Ohio" decides the
    # headline's bare "Springfield" and every later one, wherever the comma comes
    placed = _placed_mentions(mentions)
    anchors = find_anchors(mentions, votes.country())
    context = [m for m in every if not m.demonym_of and not m.area_names and not m.unanchored and not m.vague]
    # the outlet's own town ("Columbus" of columbuslocalnews.com) is a name its copy need not repeat
    support = colocation([*context, *outlet_town(gazetteer, labels)])
    # a first reading of the article's places gives its home region (a local paper's state)
    first: dict[str, tuple[Mention, Candidate | None]] = {}
    for m in mentions:
        if m.query not in first and not m.unanchored and not m.institution:
            p = placed.get(m.query, m)
            first[m.query] = (p, choose(p, votes.country(deciding=m.query), regions, anchors, support))
    home = focus_region({q: c for q, (_, c) in first.items()})
    outlet_code = outlet_vote(home, outlet, every) if outlet is not None else None
    point = (*outlet.point, outlet.reach) if outlet is not None and outlet.point is not None else None
    decided: dict[str, Candidate | None] = {}
    places = []
    for m in every:
        if m.unanchored:
            places.append(Place(text=m.text, span=(m.start, m.end)))
            continue
        # "the Dublin City Council" in an article that names Dublin: the town it names
        institution = m.institution and m.query not in named
        key = f"{m.query}|{m.demonym_of or ''}|{institution}|{m.tentative}"
        if key not in decided:
            target = m if institution or not m.institution else _plain(m, every)
            if not institution and not target.demonym_of:
                target = placed.get(target.query, target)
            region = home.region(deciding=m.query)
            if region is not None and all(c.admin1_code != region for c in target.candidates):
                region = None  # no reading in the home region: it changes nothing here
            seen = first.get(m.query)
            if region is None and point is None and beat is None and seen is not None and seen[0] is target:
                decided[key] = seen[1]  # the first reading stands
            else:
                decided[key] = choose(target, votes.country(deciding=m.query), regions, anchors, support, region,
                                      W_OUTLET_HOME if region is not None and region == outlet_code else None, point,
                                      beat)
        if ((institution and not institution_candidates(m, small=False)) or m.label or m.tentative) \
                and decided[key] is None:
            continue  # "Smith College", a bare word, "Border Police": no place the gazetteer knows, so no mention
        places.append(_place(m, decided[key]))
    return places


MISSPELT_PENALTY = 0.1  # a name read one typing slip away: less sure than one as written or inflected


def misspelt_label(query: str, gazetteer: GazetteerLike, cache: dict[str, list[Candidate]], limit: int,
                   prior: dict[str, float], fronts: tuple[tuple[float, float], ...]) -> list[Candidate]:
    """The readings of a text that is only a name the gazetteer does not know, as a name one typing slip
    away ("Praskoviivka", "Hranite", "Luhanks town"): only places where a selected conflict is fought
    (``places.conflicts``; conflict-event rows are typed in haste, and elsewhere a slip is as likely
    another word), not by a loose match, scored ``MISSPELT_PENALTY`` lower."""
    finder = getattr(gazetteer, "misspelt", None)
    if finder is None or not prior:
        return []
    des = split_designator(query)
    base = des.base if des is not None else query
    out: list[Candidate] = []
    for key in finder(base):
        near = query.replace(base, key)
        if near not in cache:
            cache[near] = lookup_with_prior(gazetteer, near, limit, prior, fronts)
        out += [c.with_score(c.score - MISSPELT_PENALTY) for c in cache[near] if c.prior > 0 and c.match != "loose"]
    return sorted(out, key=lambda c: -c.score)


def label_over_parts(every: list[Mention]) -> list[Mention]:
    """A text that is only a name (``Mention.label``) beside a word of it tagged on its own ("Nyzhnie" of
    "Nyzhnie Krynka", a village named like the adjective): the whole when the gazetteer knows it, else the parts."""
    label = next((m for m in every if m.label), None)
    if label is None or len(every) == 1:
        return every
    if not label.candidates:
        return [m for m in every if m is not label]
    return [m for m in every if m is label or not (label.start <= m.start and m.end <= label.end)]


_REGIONAL = ("regional ", "oblast ", "region's ", "province's ", "provincial ")


def _metonym_region(doc: Doc, m: Mention, gazetteer: GazetteerLike, cache: dict[str, list[Candidate]]
                    ) -> Candidate | None:
    """The first-level region a metonym names with a designator: "Luhansk Oblast" of "Luhansk Oblast
    police", or "Donetsk" of "the Donetsk regional governor" read as the Donetsk region."""
    c = top_candidate(m)
    if c is not None and c.feature == "region" and (d := split_designator(m.query)) is not None \
            and d.want == "region":
        return c  # a region by its designator only: a state acting ("New York sued") says less
    if not doc_text(doc)[m.end:m.end + 14].lstrip().lower().startswith(_REGIONAL):
        return None
    query = f"{m.query} region"
    if query not in cache:
        cache[query] = gazetteer.lookup(query, limit=3)
    return next((r for r in cache[query] if r.feature == "region"), None)


def _area_of_demonym(m: Mention, gazetteer: GazetteerLike, cache: dict[str, list[Candidate]]) -> None:
    """Settle ``m.query`` on the first of its area names the gazetteer knows as a region, continent or
    macro-region by that very name, keeping only that reading; nothing when none is ("Republicans")."""
    for name in m.area_names:
        key = f"{name}|area-demonym"
        if key not in cache:
            cache[key] = [c for c in gazetteer.lookup(name, limit=5)
                          if c.feature in AREA_DEMONYM_FEATURES and c.match == "name"][:1]
        if cache[key]:
            m.query = key
            return
    m.query = f"{m.area_names[-1]}|area-demonym"


def widen_name(doc: Doc, m: Mention, gazetteer: GazetteerLike) -> None:
    """"New London" of which the ruler tagged "London", "St. Paul" of which it tagged "Paul": the
    word before the mention joins it when the two together are a name the gazetteer knows.
    So does a capitalised compass word read as a part ("South Sudan", "Northern Ireland", "West
    Virginia" are names, not the south of Sudan)."""
    if m.vague and not m.unanchored and m.text[:1].isupper() and m.text != m.query and \
            any(c.match in ("name", "alternate") for c in gazetteer.lookup(m.text, limit=5)):
        m.vague, m.query = False, m.text
        return
    if m.unanchored or m.demonym_of or m.query != m.text:
        return
    before = name_before(doc, m.start)
    if before is None:
        return
    joined = f"{before[1]} {m.text}"
    if any(c.match in ("name", "alternate") for c in gazetteer.lookup(joined, limit=5)):
        m.start = before[0]
        m.text = m.query = joined


HEADLINE_FEATURES = frozenset({"city", "town", "village", "district", "county"})


def headline_town(m: Mention, gazetteer: GazetteerLike, outlet: OutletHome | None) -> bool:
    """Is the headline's untagged opening run ("Windsor Joins Tax", "Rocky Hill Tax", "Chicopee") a town or
    county of the outlet's home region by its very name? Then ``m`` is cut to the longest such run. The
    model reads a headline's first word as a noun or adjective, and a headline opens with a noun as often
    as with a town ("Police arrest ..."): only the home region of the paper decides, never the word alone."""
    if outlet is None or outlet.admin1 is None:
        return False
    words = m.text.split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        # "Avoyelles task force ...": a parish or county named without its designator
        for query in (name, *(f"{name} {word}" for word in COUNTY_WORDS)):
            if any(c.match == "name" and c.country == outlet.country and c.admin1 == outlet.admin1
                   and c.feature in HEADLINE_FEATURES for c in gazetteer.lookup(query, limit=10)):
                m.text, m.query = name, query
                m.end = m.start + len(name)
                return True
    return False


def split_pairs(mentions: list[Mention], gazetteer: GazetteerLike) -> list[Mention]:
    """"Fargo-Moorhead", "Logan-Rogersville", "Watertown-ML": towns joined by a hyphen, unknown as a whole, are
    one mention per town when the gazetteer knows each by that very name (a school's initials are no town;
    an alternate name is not enough: "Art" and "Day" of "Art-Deco", "Six-Day" are short forms of towns). A whole
    it knows stays ("Batesburg-Leesville", "Kabardino-Balkaria"), and so does a tagged place with an unknown part;
    an untagged pair with one is dropped before it lends the article any context."""
    out: list[Mention] = []
    for m in mentions:
        pairs = list(HYPHEN_PAIR.finditer(m.text)) if "-" in m.text and not m.demonym_of and not m.unanchored \
            and m.role == "place" else []
        if not pairs or _known(gazetteer, m.query, WHOLE_MATCHES):
            out.append(m)
            continue
        spans = [(p.start(g), p.end(g), p.group(g)) for p in pairs for g in (1, 2)
                 if not (g == 2 and p.group(g).isupper())]
        if not all(_known(gazetteer, name, ("name",)) for _, _, name in spans):
            if not m.tentative:
                out.append(m)  # a tagged place keeps its mention; an untagged pair ("Six-Day") is no name
            continue
        out.extend(Mention(start=m.start + a, end=m.start + b, text=name, query=name, tentative=True)
                   for a, b, name in spans)
    return out


WHOLE_MATCHES = ("name", "alternate", "romanised", "region")  # the whole as a name ("Orlovo-Ivanovka" romanised), not a loose match


def _known(gazetteer: GazetteerLike, name: str, matches: tuple[str, ...]) -> bool:
    return any(c.match in matches for c in gazetteer.lookup(name, limit=5))


def _trim_institution(m: Mention, named: set[str], gazetteer: GazetteerLike) -> None:
    """"Decatur" of "the Decatur City Council", "the Decatur Police Department": the head found
    before an institution word may still end with one; it is dropped when the rest is a place the
    article names, or when the whole is no name the gazetteer knows ("Salt Lake City" stays)."""
    words = m.query.split()
    if len(words) < 2 or words[-1].lower() not in INSTITUTION_WORDS:
        return
    shorter = " ".join(words[:-1])
    if shorter in named or not gazetteer.lookup(m.query, limit=1):
        m.query = m.text = shorter
        m.end = m.start + len(shorter)


COUNTY_WORDS = ("County", "Parish")
# a name ending in one of these is a feature of its own ("the Red River"), not a county's short name
LANDFORM_WORDS = frozenset({"river", "lake", "creek", "bay", "park", "valley", "mountain", "mountains", "island",
                            "falls", "forest", "hills", "springs", "beach", "sound", "canyon", "school", "street"})


def _bare_county_name(m: Mention) -> bool:
    """Could ``m``, which the gazetteer does not know, be a county named without "County" ("DuPage",
    "Avoyelles")? Only a capitalised name as written, with no designator or landform word, that the model
    tagged as a place or that names an institution ("DuPage Sheriff"): a surname in a town's idiom is not."""
    words = m.query.split()
    return (m.query == m.text and not m.demonym_of and not m.unanchored and not m.vague and not m.riverlike
            and not m.tentative and not m.label
            and 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and words[-1].lower() not in LANDFORM_WORDS | REGION_WORDS | SUBREGION_WORDS | AREA_WORDS)


HOME_COUNTY_MAX_POP = 100_000  # a name with a reading this big ("Washington") is no county's short name


def _home_county(m: Mention, gazetteer: GazetteerLike, outlet: OutletHome,
                 cache: dict[str, list[Candidate]]) -> list[Candidate]:
    """"DeKalb" in an Atlanta paper: a name with no reading in the outlet's home region, and no big one anywhere,
    also reads as that region's county or parish of that name ("DeKalb County"), for the home region to decide."""
    home = [c for c in m.candidates if c.country == outlet.country and c.admin1 == outlet.admin1]
    if outlet.admin1 is None or home or any(c.population >= HOME_COUNTY_MAX_POP or c.feature in ("country", "region")
                                            for c in m.candidates):
        return m.candidates
    for word in COUNTY_WORDS:
        query = f"{m.query} {word}"
        if query not in cache:
            cache[query] = gazetteer.lookup(query, limit=10)
        county = next((c for c in cache[query] if c.feature == "county" and c.match in ("name", "alternate")
                       and c.country == outlet.country and c.admin1 == outlet.admin1), None)
        if county is not None:
            return sorted([*m.candidates, county], key=lambda c: -c.score)
    return m.candidates


def _placed_mentions(mentions: list[Mention]) -> dict[str, Mention]:
    """Name -> its first mention with a region or country right after a comma ("Springfield, Ohio",
    "Kalam, Pakistan"): the text itself says which reading is meant there. (A region merely close
    by, "Shiloh's relationship with the Kansas center", says less.)"""
    out: dict[str, Mention] = {}
    for m in mentions:
        if (m.comma_regions or m.linked_countries) and m.state_after and m.query not in out and not m.institution \
                and not m.demonym_of and not m.unanchored:
            out[m.query] = m
    return out


def _plain(m: Mention, every: list[Mention]) -> Mention:
    """The article's plain mention of the place an institution's name holds ("Dublin" of "Dublin City Council")."""
    return next(p for p in every if p.query == m.query and not p.institution and not p.demonym_of and not p.unanchored)


def _place(m: Mention, c: Candidate | None) -> Place:
    span = (m.start, m.end)
    if c is None:
        return Place(text=m.text, span=span, role=m.role)
    if c.feature == "water":  # a sea or river is named, but has no point to place a claim at
        return Place(text=m.text, span=span, name=c.name, id=c.id, feature=c.feature, role=m.role)
    if m.riverlike and c.feature in ("city", "town", "village", "district"):
        return Place(text=m.text, span=span, role=m.role)  # "the Dnipro": the river, not the city
    if m.vague and (c.feature in AREA_FEATURES or c.feature == "area"):
        # "eastern Ukraine": the country (or region) is known, the point is not
        return Place(text=m.text, span=span, name=c.name, id=c.id, admin1=c.admin1 if c.feature == "region" else None,
                     country=c.country, feature=c.feature, score=c.score, role=m.role)
    precision = c.precision
    if precision == 1 and (m.precision or m.vague):
        precision = 2  # "near Bakhmut", "eastern Kharkiv"
    return Place(text=m.text, span=span, name=c.name, id=c.id, lat=round(c.lat, 5), lon=round(c.lon, 5),
                 admin1=c.admin1, country=c.country, feature=c.feature, precision=precision, score=c.score,
                 role=m.role)
