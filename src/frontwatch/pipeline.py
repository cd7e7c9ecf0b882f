"""The pipeline: an article in, a :class:`Report` of attributed claims out.

``STAGES`` lists the stages in the order they run (a test pins it). The spaCy
model, the gazetteer and the actors table are loaded once per :class:`Pipeline`;
``Pipeline.pipe`` batches articles through ``nlp.pipe``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .actors import Actors
from .config import Settings
from .errors import FrontwatchError, InputError, NotEnglishError, StageError
from .records import Article, Claim, Event, Place, Quantity, Report, TimeSpan
from .stages.attribute import Attribution, Attributor
from .stages.clean import clean_text
from .stages.events import EventDraft, EventFinder
from .stages.parse import load_nlp
from .stages.places import resolve_places
from .stages.quantities import extract_quantities
from .stages.times import extract_times, resolve_time

LOGGER = logging.getLogger(__name__)

STAGES: tuple[str, ...] = ("clean", "language", "parse", "attribute", "places", "times", "quantities", "events")

ErrorHandler = Callable[[Article, FrontwatchError], None]
_WORD = re.compile(r"[^\W\d_]+")
# Function words frequent in English and rare in other languages written in Latin script
# (so not "a", "in", "die", "on"): about a third of the words of English news, near none elsewhere.
ENGLISH_MARKERS = frozenset(
    "the of and to that was were is are for with said has have had by from it its this be which at as their "
    "they he she not been after over would will who than into".split()
)


class Pipeline:
    """Loads the models once and analyses articles.

    >>> pipeline = Pipeline()                                   # doctest: +SKIP
    >>> report = pipeline.analyze("Kyiv said ...", published="2023-07-17")  # doctest: +SKIP
    """

    def __init__(self, settings: Settings | None = None, *, gazetteer: object | None = None,
                 progress: bool = False) -> None:
        self.settings = settings or Settings.load()
        self.actors = Actors.load(self.settings.actors)
        if gazetteer is None:
            from .gazetteer import open_gazetteer

            gazetteer = open_gazetteer(self.settings.places, build_if_missing=True, progress=progress)
        self.gazetteer = gazetteer
        self.nlp: Language = load_nlp(self.settings.parse, self.actors, gazetteer)
        self.attributor = Attributor(self.actors)
        self.events = EventFinder(self.actors)

    # -- public API -------------------------------------------------------------------
    def analyze(self, text: str | Article, *, published: str | date | None = None, source: str | None = None,
                url: str | None = None, title: str | None = None) -> Report:
        """Analyse one article; raises :class:`InputError` for text that cannot be analysed."""
        article = text if isinstance(text, Article) else make_article(text, published=published, source=source,
                                                                      url=url, title=title)
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article | str], *, on_error: ErrorHandler | None = None) -> Iterator[Report]:
        """Analyse many articles in input order, batching the spaCy pass.

        Without ``on_error`` the first failing article raises. With it, a failing
        article is handed to ``on_error(article, error)`` and skipped; the rest go on.
        """
        def prepared() -> Iterator[tuple[str, Article]]:
            for item in articles:
                article = item if isinstance(item, Article) else make_article(item)
                try:
                    article, cleaned = self._prepare(article)
                except FrontwatchError as exc:
                    if on_error is None:
                        raise
                    on_error(article, exc)
                    continue
                yield cleaned, article

        parse = self.settings.parse
        for doc, article in self.nlp.pipe(prepared(), as_tuples=True, batch_size=parse.batch_size,
                                          n_process=parse.n_process):
            try:
                yield self._finish(doc, article)
            except FrontwatchError as exc:
                if on_error is None:
                    raise
                on_error(article, exc)
            except Exception as exc:  # a bug in a stage must not sink the batch
                LOGGER.exception("stage failure on %s", article.origin or article.id)
                error = StageError("events", article.id, exc)
                if on_error is None:
                    raise error from exc
                on_error(article, error)

    # -- stages -----------------------------------------------------------------------
    def _prepare(self, article: Article) -> tuple[Article, str]:
        """clean + language: text checks that need no model."""
        if not article.text.strip():
            raise InputError("empty text: nothing to analyse", article.origin)
        cleaned = clean_text(article.text, self.settings.clean)
        language = detect_language(cleaned.text)
        if language not in ENGLISH_LIKE and english_ratio(cleaned.text) < self.settings.input.min_english_ratio:
            raise NotEnglishError(
                f"text looks like '{language}', not English; frontwatch analyses English news only "
                "(translate it first)",
                article.origin,
            )
        return replace(article, removed=cleaned.removed, language="en"), cleaned.text

    def _finish(self, doc: Doc, article: Article) -> Report:
        """attribute, places, times, quantities, events: everything after the spaCy pass."""
        s = self.settings
        attributions = self.attributor.attribute(doc, article.source)
        places = tuple(_stage("places", article, lambda: resolve_places(doc, self.gazetteer, s.places,
                                                                                  source=article.source)))
        times = tuple(_stage("times", article, lambda: extract_times(doc, article.published, s.times)))
        quantities = tuple(_stage("quantities", article, lambda: extract_quantities(doc, s.quantities)))
        article = replace(article, places=places, times=times, quantities=quantities)
        # A dateline, a caption or a stray line with no verb asserts nothing.
        attributions = [at for at in attributions if any(t.pos_ in {"VERB", "AUX"} for t in at.sent)]
        claims = _inherit_times([self._claim(article, doc, i, at) for i, at in enumerate(attributions)])
        if attributions and _is_headline(doc, attributions[0]):
            # A headline restates the story's lead; its events lend their times above but are
            # not counted again (the body sentence carries the claim).
            claims[0] = replace(claims[0], events=())
        return Report(article=article, claims=tuple(claims))

    def _claim(self, article: Article, doc: Doc, index: int, at: Attribution) -> Claim:
        start, end = at.span
        inside = lambda span: span is not None and start <= span[0] < end  # noqa: E731
        times = [t for t in article.times if inside(t.span)]
        stated = next((t for t in times if _attached_to(doc, t, at.cue_token)), None)
        if stated is None and article.published is not None:
            stated = TimeSpan(text="", span=None, start=article.published, end=article.published, granularity="day")
        event_times = [t for t in times if t is not stated]
        if stated is not None and stated.span is not None and stated.start and stated.start != article.published:
            # "On Friday, Kiev said its troops advanced over the past week": the week before that Friday.
            event_times = [_reanchor(t, stated.start) for t in event_times]
        places = [p for p in article.places if inside(p.span) and p.role == "place"]
        quantities = [q for q in article.quantities if inside(q.span)]
        drafts = self.events.find(at)
        events = tuple(e for d in drafts for e in _split_areas(_event(doc, d, drafts, places, event_times, quantities),
                                                              quantities))
        digest = hashlib.sha1(f"{article.id}:{start}:{end}".encode()).hexdigest()[:16]
        return Claim(id=digest, text=doc.text[start:end], span=(start, end), claimant=at.claimant, cue=at.cue,
                     direct_quote=at.direct_quote, stated=stated, events=events)


def _event(doc: Doc, draft: EventDraft, drafts: list[EventDraft], places: list[Place], times: list[TimeSpan],
           quantities: list[Quantity]) -> Event:
    """Attach the sentence's places (all), the time in the trigger's clause, and the nearest quantities."""
    def nearest(pos: int) -> EventDraft:
        return min(drafts, key=lambda d: abs(d.start - pos))

    mine = tuple(q for q in quantities if nearest(q.span[0]) is draft)
    return Event(type=draft.type, polarity=draft.polarity, actor_side=draft.actor_side,  # type: ignore[arg-type]
                 trigger=draft.trigger, places=tuple(places), time=_clause_time(doc, draft, drafts, times),
                 quantities=mine)


def _split_areas(event: Event, quantities: list[Quantity]) -> list[Event]:
    """"9 sq km in the east and 28.4 sq km in the south": two advances, one area each."""
    areas = [q for q in quantities if q.kind == "area"]
    if event.type != "advance" or len(areas) < 2:
        return [event]
    return [replace(event, quantities=(q,)) for q in areas]


def _clause_time(doc: Doc, draft: EventDraft, drafts: list[EventDraft], times: list[TimeSpan]) -> TimeSpan | None:
    """The time expression inside the trigger's clause, else the nearest one no other trigger's clause holds."""
    if not times:
        return None

    def clause(d: EventDraft) -> set[int]:
        token = doc.char_span(d.start, d.start + len(d.trigger), alignment_mode="expand")
        if token is None:
            return set()
        root = token.root
        # A trigger that is an argument ("Russian shelling killed two"): its clause is its verb's.
        if (root.pos_ not in {"VERB", "AUX"} or root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}) \
                and root.head.pos_ in {"VERB", "AUX"}:
            root = root.head
        return {t.idx for t in root.subtree}

    def in_clause(t: TimeSpan, idxs: set[int]) -> bool:
        return t.span is not None and any(t.span[0] <= i < t.span[1] for i in idxs)

    others = [clause(d) for d in drafts if d is not draft]
    own = clause(draft)
    for other in others:  # a relative clause inside ours ("..., which Russian forces took in May") is not ours
        if other < own:
            own -= other
    inside = [t for t in times if in_clause(t, own)]
    if inside:
        return min(inside, key=lambda t: abs(t.span[0] - draft.start))  # type: ignore[index]
    free = [t for t in times if not any(in_clause(t, c) for c in others)]
    return min(free, key=lambda t: abs(t.span[0] - draft.start)) if free else None  # type: ignore[index]


def _inherit_times(claims: list[Claim]) -> list[Claim]:
    """An event told again without its time takes the time of its first telling.

    "Ukraine says advanced near Bakhmut in past week" then "According to Malyar, ... the
    advancement ... near Bakhmut": same type, same side, a shared place -> the same week.
    """
    told: list[Event] = []
    out: list[Claim] = []
    for claim in claims:
        events = []
        for event in claim.events:
            if event.time is None and event.places:
                names = {(p.name or p.text).casefold() for p in event.places}
                for earlier in told:
                    if (earlier.time is not None and earlier.type == event.type and earlier.actor_side == event.actor_side
                            and names & {(p.name or p.text).casefold() for p in earlier.places}):
                        event = replace(event, time=earlier.time)
                        break
            events.append(event)
            told.append(event)
        out.append(replace(claim, events=tuple(events)))
    return out


def _reanchor(time: TimeSpan, base: date) -> TimeSpan:
    """Resolve a relative expression again against the day the claim was made."""
    if resolve_time(time.text, None)[0] is not None:
        return time  # an absolute date ("on July 3, 2023") resolves without any base: it does not move
    start, end, granularity = resolve_time(time.text, base)
    if start is None:
        return time
    return replace(time, start=start, end=end, granularity=granularity)  # type: ignore[arg-type]


def _is_headline(doc: Doc, at: Attribution) -> bool:
    """The first line, with no full stop, followed by more text."""
    start, end = at.span
    line_end = doc.text.find("\n", start)
    rest = doc.text[line_end:] if line_end != -1 else ""
    first_line = doc.text[:line_end] if line_end != -1 else doc.text
    return (not doc.text[:start].strip() and end <= (line_end if line_end != -1 else len(doc.text))
            and not first_line.rstrip().endswith((".", "!", "?", '"', "”")) and len(rest.split()) > 20)


def _attached_to(doc: Doc, time: TimeSpan, cue: int | None) -> bool:
    """Is this time expression the time of the reporting verb ("announced on Monday")?"""
    if cue is None or time.span is None:
        return False
    span = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
    if span is None:
        return False
    # Walk up from the time expression: it dates the cue unless a clause of the content comes first
    # ("said in a video released on Saturday" dates the saying; "said troops advanced on Friday" does not).
    token = span.root
    for _ in range(8):
        if token.head.i == cue:
            return token.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "parataxis"}
        if token.dep_ in {"ccomp", "xcomp", "advcl", "conj", "relcl", "parataxis"} or token.head is token:
            return False
        token = token.head
    return False


def _stage(name: str, article: Article, run: Callable[[], list]) -> list:  # type: ignore[type-arg]
    try:
        return run()
    except FrontwatchError:
        raise
    except Exception as exc:
        raise StageError(name, article.id, exc) from exc


# Short English sentences are sometimes labelled Nigerian Pidgin or Scots: English to us.
ENGLISH_LIKE = frozenset({"en", "pcm", "sco"})


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, a model shipped in the package)."""
    import py3langid

    return str(py3langid.classify(text[:5000])[0])


def english_ratio(text: str) -> float:
    """Share of words that are English function words (about 0.3 in English prose, near 0 otherwise)."""
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in ENGLISH_MARKERS) / len(words)


def parse_date(value: str | date | None, origin: str | None = None) -> date | None:
    """An ISO date (YYYY-MM-DD) or None; raises InputError naming the bad value."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"invalid published date {value!r}: use YYYY-MM-DD", origin) from None


def make_article(text: str, *, published: str | date | None = None, source: str | None = None, url: str | None = None,
                 title: str | None = None, id: str | None = None, origin: str | None = None) -> Article:
    """Build an :class:`Article`, checking the date."""
    return Article(text=text, id=id or "", published=parse_date(published, origin), source=source, url=url,
                   title=title, origin=origin)
