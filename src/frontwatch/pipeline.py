"""The pipeline: an article in, a :class:`Report` of attributed claims out.

``STAGES`` lists the stages in the order they run (a test pins it). The spaCy
model, the gazetteer and the actors table are loaded once per :class:`Pipeline`;
``Pipeline.pipe`` batches articles through ``nlp.pipe``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import TypeVar

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .actors import Actors
from .config import Settings
from .errors import FrontwatchError, InputError, NotEnglishError, StageError
from .records import Article, Place, Report
from .stages.attach import build_claims
from .stages.attribute import Attributor
from .stages.clean import aggregated_from, clean_text
from .stages.events import EventFinder
from .stages.parse import load_nlp
from .stages.places import resolve_places
from .stages.places_outlet import OutletHome, OutletPriors, home_on_front
from .stages.quantities import extract_quantities
from .stages.times import extract_times

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

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
        self._fronts: dict[tuple[str, str | frozenset[str], int | None, str], bool] = {}  # home_on_front per home region and year

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
        parsed: Iterator[tuple[Doc, Article, OutletHome | None, list[Place] | None]] = (
            (_lean(doc), article, None, None) for doc, article in self.nlp.pipe(
                prepared(), as_tuples=True, batch_size=parse.batch_size, n_process=parse.n_process))
        if self.settings.places.outlet_priors:
            parsed = self._outlet_homes(parsed)
        for doc, article, outlet, places in parsed:
            try:
                yield self._finish(doc, article, outlet=outlet, places=places)
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
        # Text rich in English function words passes whatever the language identifier says, so the
        # identifier (a tenth of a millisecond per kB, ~3% of an analysis) runs only on the rest.
        if english_ratio(cleaned.text) >= self.settings.input.min_english_ratio:
            return replace(article, removed=cleaned.removed, language="en"), cleaned.text
        language = detect_language(cleaned.text)
        if language not in ENGLISH_LIKE and not short_latin_text(cleaned.text, self.settings.input.short_text_words):
            raise NotEnglishError(
                f"text looks like '{language}', not English; frontwatch analyses English news only "
                "(translate it first)",
                article.origin,
            )
        return replace(article, removed=cleaned.removed, language="en"), cleaned.text

    def _outlet_homes(self, parsed: Iterable[tuple[Doc, Article, OutletHome | None, list[Place] | None]]
                      ) -> Iterator[tuple[Doc, Article, OutletHome | None, list[Place] | None]]:
        """Each article with its source's home region learned from the source's other articles
        (:mod:`.stages.places_outlet`), or with its first reading's places when there is none to learn.

        Articles are held ``places.outlet_window`` at a time; what a window teaches stays for the next ones
        (one :class:`OutletPriors` per call). The first reading is the places stage alone, on the docs
        already parsed (no second spaCy pass), and it stands for an article that gets no home: only an
        article whose source has one is read twice."""
        priors = OutletPriors(point=self.settings.places.outlet_point)
        seen = 0
        for window in _windows(parsed, self.settings.places.outlet_window):
            first: dict[int, list[Place]] = {}
            for i, (doc, article, _, _) in enumerate(window, seen):
                if not article.source:
                    continue  # no source, nothing to learn: read once, in _finish
                try:
                    first[i] = self._places(doc, article)
                except Exception:  # noqa: BLE001 - _finish reads it again and reports the failure
                    continue
                priors.add(article.source, str(i), first[i], article.published)
            for i, (doc, article, _, _) in enumerate(window, seen):
                home = priors.home(article.source, exclude=str(i), day=article.published) if i in first else None
                if home is not None and not home.beat_only and \
                        self._on_front(home, article.published.year if article.published else None):
                    # the stage would ignore it (places_outlet.front_line): read again only for the beat
                    home = home.beat_home()
                yield doc, article, home, None if home is not None else first.get(i)
            seen += len(window)

    def _on_front(self, home: OutletHome, year: int | None) -> bool:
        key = (home.country, home.admin1 or home.regions, year, self.settings.places.conflicts)
        if key not in self._fronts:
            self._fronts[key] = home_on_front(home, self.gazetteer, self.settings.places.conflicts, year)
        return self._fronts[key]

    def _places(self, doc: Doc, article: Article, outlet: OutletHome | None = None) -> list[Place]:
        return resolve_places(doc, self.gazetteer, self.settings.places, source=article.source,
                              published=article.published, outlet=outlet)

    def _finish(self, doc: Doc, article: Article, *, outlet: OutletHome | None = None,
                places: list[Place] | None = None) -> Report:
        """attribute, places, times, quantities, events: everything after the spaCy pass.

        ``outlet``: the source's home region for the places stage; ``places``: that stage's result when
        it already ran (the first reading of :meth:`_outlet_homes`)."""
        s = self.settings
        attributions = self.attributor.attribute(doc, article.source, aggregated_from(article.removed))
        found = places if places is not None else _stage("places", article, lambda: self._places(doc, article, outlet))
        times = tuple(_stage("times", article, lambda: extract_times(doc, article.published, s.times)))
        quantities = tuple(_stage("quantities", article, lambda: extract_quantities(doc, s.quantities)))
        article = replace(article, places=tuple(found), times=times, quantities=quantities)
        return Report(article=article, claims=tuple(build_claims(doc, article, attributions, self.events)))


def _lean(doc: Doc) -> Doc:
    """The doc without its tok2vec tensor (96 floats a token), which no stage reads: the outlet home's window
    holds up to ``places.outlet_window`` parsed docs, and the tensors were most of their memory (+170 MB over
    600 articles of 600 words)."""
    doc.tensor = _NO_TENSOR
    return doc


_NO_TENSOR = numpy.zeros((0,), dtype="float32")


def _windows(items: Iterable[T], size: int) -> Iterator[list[T]]:
    window: list[T] = []
    for item in items:
        window.append(item)
        if len(window) >= max(size, 1):
            yield window
            window = []
    if window:
        yield window


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


def short_latin_text(text: str, max_words: int) -> bool:
    """A headline-length text in Latin script: too short for language identification to refuse it
    ("Kadyrov fighters storm Marinka" reads as Pidgin, "Russia strikes Odesa port" as Finnish)."""
    words = _WORD.findall(text[:2000])
    if len(words) >= max_words:
        return False
    letters = [c for w in words for c in w]
    return sum(c < "\u0250" for c in letters) >= 0.8 * len(letters)


def english_ratio(text: str) -> float:
    """Share of the lower-case words that are English function words (about 0.4 in English prose, near 0
    otherwise). Capitalised words are left out: a war headline that is mostly village and soldier names
    ("Mortar attack on Pisky, Opytne and Vodiane kills ...") is English by the few common words it has."""
    # single letters are left out too: the "y" and "o" of "36y.o." are no words to weigh ("a" and "i" are)
    words = [w for w in _WORD.findall(text[:20000]) if not w[:1].isupper() and (len(w) > 1 or w in "ai")]
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in ENGLISH_MARKERS) / len(words)


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
