"""``frontwatch serve``: the HTTP API and the web page over one ledger (FastAPI).

The HTTP layer is thin: each route checks its parameters and calls the :class:`~frontwatch.store.Ledger`
query the CLI uses (``claims``, ``incidents``, ``show``, ``place``, ``claimed_area``, ``export_rows``,
``ingest``); there is no SQL here. Errors have one JSON shape (``security.py``). ``docs/api.md`` describes
every endpoint; the OpenAPI description is at ``/openapi.json`` and browsable at ``/docs``.

    uvicorn --factory frontwatch.web.app:create_app     # settings, ledger URL and token from the environment
"""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..config import Settings
from ..errors import NotFoundError
from ..store import Ledger
from .models import ClaimsPage, PlacePage
from .security import TOKEN_ENV, ApiError, BodyLimit, SecurityHeaders, check_token, install_error_handlers

WEB = Path(__file__).resolve().parent
STATIC = WEB / "static"
Limit = Annotated[int | None, Query(ge=1, description="Rows per page (default: setting web.page_size).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip: the previous page's next_offset.")]
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class ArticleIn(BaseModel):
    """One article to analyse and store (``POST /api/articles``, as JSON or as form fields)."""

    text: str = Field(min_length=1, description="The article's text (plain text; HTML is not parsed here).")
    published: date | None = Field(None, description="Publication date; relative dates resolve against it.")
    source: str | None = Field(None, max_length=400, description="The outlet: claimant of unattributed sentences.")
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=400, description="Your id for the article (else its content hash).")


class Analyser:
    """The pipeline, loaded on the first article (the spaCy model takes seconds) and used by one thread at a time."""

    def __init__(self, settings: Settings, pipeline: Any = None) -> None:
        self.settings, self.pipeline, self.lock = settings, pipeline, threading.Lock()

    def ingest(self, ledger: Ledger, article: ArticleIn) -> tuple[str, dict[str, Any]]:
        from ..pipeline import Pipeline, make_article
        from ..store.writer import content_hash

        art = make_article(article.text, published=article.published, source=article.source, url=article.url,
                           title=article.title, id=article.id, origin="POST /api/articles")
        with self.lock:
            if self.pipeline is None:
                self.pipeline = Pipeline(self.settings)
            outcomes = list(ledger.ingest([art], self.pipeline))
        status = outcomes[-1].status if outcomes else "failed"
        if status == "failed":
            reason = outcomes[-1].reason if outcomes else "the article could not be analysed"
            raise ApiError(422, f"the article could not be analysed: {reason}")
        return status, ledger.show(content_hash(art.text))


def create_app(settings: Settings | None = None, db: str | None = None, *, token: str | None = None,
               pipeline: Any = None, create: bool = False) -> FastAPI:
    """The app over the ledger at ``db`` (default: setting ``ledger.db``); ``token`` defaults to
    ``$FRONTWATCH_TOKEN`` (none: writes disabled); ``pipeline`` lets tests share a loaded one."""
    settings = settings or Settings.load()
    web = settings.web
    ledger = Ledger(db, settings, create=create)
    app = FastAPI(title="frontwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Claims about armed conflict, attributed, geocoded and dated, grouped into "
                              "incidents with their contradictions. Errors: `{ok: false, status, error, errors}`.")
    app.state.ledger = ledger
    app.state.settings = settings
    app.state.token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    app.state.analyser = Analyser(settings, pipeline)
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders, tile_url=web.tile_url)
    origins = [o.strip() for o in web.cors_origins.split(",") if o.strip()]
    if origins:  # off by default: other sites' pages cannot read the API
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=web.max_body_bytes)
    app.router.on_shutdown.append(ledger.close)
    _mount_assets(app, settings)
    _routes(app, ledger, settings)
    return app


def assets_dir(settings: Settings) -> Path:
    return Path(settings.web.assets_dir) if settings.web.assets_dir else WEB / "node_modules"


def _mount_assets(app: FastAPI, settings: Settings) -> None:
    import xstatic.pkg.leaflet as leaflet

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    npm = assets_dir(settings)
    for name, sub in (("uplot", "uplot/dist"), ("swagger-ui", "swagger-ui-dist")):
        if (npm / sub).is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=npm / sub), name=name)
    app.state.charts = (npm / "uplot/dist/uPlot.iife.min.js").is_file()
    app.state.swagger = (npm / "swagger-ui-dist/swagger-ui-bundle.js").is_file()


class FastJSON(JSONResponse):
    """JSON encoded by orjson: a 100-row claims page takes ~0.1 ms of CPU, against ~1 ms with ``json.dumps``.

    Routes build plain dicts and return this directly, so FastAPI neither validates nor re-encodes them; the
    route's ``response_model`` only documents the shape in the OpenAPI description."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def _page(data: Any, status_code: int = 200) -> FastJSON:
    return FastJSON(data, status_code=status_code)


def _limit(settings: Settings, limit: int | None) -> int:
    if limit is None:
        return settings.web.page_size
    if limit > settings.web.max_page_size:
        raise ApiError(400, f"limit must be at most {settings.web.max_page_size} (setting web.max_page_size)")
    return limit


def _near(value: str | None) -> tuple[float, float, float] | None:
    if not value:
        return None
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(400, f"near must be LAT,LON,KM (e.g. 48.59,38.0,20), got {value[:60]!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20000):
        raise ApiError(400, "near: latitude -90..90, longitude -180..180, radius 0..20000 km")
    return lat, lon, km


def _routes(app: FastAPI, ledger: Ledger, settings: Settings) -> None:  # noqa: C901 - one route each
    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not app.state.swagger:
            return HTMLResponse("<p>Swagger UI is not installed (run <code>make setup</code>); the OpenAPI "
                                "description is at <a href='/openapi.json'>/openapi.json</a>.</p>")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="frontwatch API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png")

    @app.get("/api/health", tags=["meta"], summary="Liveness and what the ledger holds")
    def health() -> JSONResponse:
        return _page({"ok": True, "version": __version__, "ledger": ledger.where, "counts": ledger.stats(),
                      "writes_enabled": bool(app.state.token)})

    @app.get("/api/config", tags=["meta"], summary="What the page needs to know (tiles, limits, writes)")
    def config() -> JSONResponse:
        w = settings.web
        return _page({"ok": True, "tile_url": w.tile_url, "tile_attribution": w.tile_attribution,
                      "writes_enabled": bool(app.state.token), "max_article_chars": w.max_article_chars,
                      "max_page_size": w.max_page_size, "charts": app.state.charts})

    @app.get("/api/claims", tags=["claims"], summary="Claims matching every filter, one row per event, paged",
             response_model=ClaimsPage)
    def list_claims(
        place: Annotated[str | None, Query(max_length=400, description="A place name (or the text that named it).")] = None,
        near: Annotated[str | None, Query(max_length=100, description="LAT,LON,KM: events within KM of a point.")] = None,
        since: Annotated[date | None, Query(description="Events on or after this date.")] = None,
        until: Annotated[date | None, Query(description="Events on or before this date.")] = None,
        side: Annotated[str | None, Query(max_length=40, description="The claimant's side: UA, RU, other, unknown.")] = None,
        type: Annotated[str | None, Query(max_length=40, description="Event type (advance, capture, strike, …).")] = None,
        claimant: Annotated[str | None, Query(max_length=400, description="Part of the claimant's name.")] = None,
        text: Annotated[str | None, Query(max_length=400, description="Words that must all occur (full-text).")] = None,
        limit: Limit = None,
        offset: Offset = 0,
    ) -> JSONResponse:
        point = _near(near)
        if place and point:
            raise ApiError(400, "give place or near, not both")
        if since and until and since > until:
            raise ApiError(400, f"since ({since}) is after until ({until})")
        n = _limit(settings, limit)
        rows = ledger.claims(place=place, near=point, since=since, until=until, side=side, type=type,
                             claimant=claimant, text=text, limit=n + 1, offset=offset)
        more = len(rows) > n
        return _page({"ok": True, "claims": list(rows[:n]), "count": min(len(rows), n), "limit": n, "offset": offset,
                      "next_offset": offset + n if more else None})

    @app.get("/api/claims/{claim_id}", tags=["claims"], summary="One claim: its record, article and incidents")
    def get_claim(claim_id: Annotated[str, PathParam(max_length=200)]) -> JSONResponse:
        found = ledger.show(claim_id)
        if found["kind"] != "claim":
            raise NotFoundError(f"no claim {claim_id!r} in the ledger")
        return _page({"ok": True, **found})

    @app.get("/api/incidents", tags=["incidents"],
             summary="Incidents with their contradictions and updates, contradicted ones first")
    def list_incidents(
        contradicted: Annotated[bool, Query(description="Only incidents with contradictions.")] = False,
        limit: Limit = None,
        offset: Offset = 0,
    ) -> JSONResponse:
        n = _limit(settings, limit)
        found = ledger.incidents(contradicted=contradicted, limit=n + 1, offset=offset)
        more = len(found) > n
        return _page({"ok": True, "incidents": found[:n], "count": min(len(found), n), "limit": n, "offset": offset,
                      "next_offset": offset + n if more else None})

    @app.get("/api/incidents/{incident_id}", tags=["incidents"], summary="One incident with its claims")
    def get_incident(incident_id: Annotated[int, PathParam(ge=1)]) -> JSONResponse:
        found = ledger.show(f"I{incident_id}")
        if found["kind"] != "incident":
            raise NotFoundError(f"no incident {incident_id} in the ledger")
        return _page({"ok": True, **found})

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="One stored article: its verbatim text and its claims (with their spans)")
    def get_article(article_id: str) -> JSONResponse:
        if len(article_id) > 400:
            raise ApiError(400, "article id longer than 400 characters")
        found = ledger.show(article_id)
        if found["kind"] != "article":
            raise NotFoundError(f"no article {article_id!r} in the ledger")
        return _page({"ok": True, **found})

    @app.get("/api/places/{place_id:path}", tags=["places"], summary="One place and the claims made about it",
             response_model=PlacePage)
    def get_place(place_id: str, limit: Limit = None, offset: Offset = 0) -> JSONResponse:
        if len(place_id) > 200:
            raise ApiError(400, "place id longer than 200 characters")
        found = ledger.place(place_id)
        n = _limit(settings, limit)
        rows = ledger.claims(place_id=place_id, limit=n + 1, offset=offset)
        more = len(rows) > n
        return _page({"ok": True, "place": found, "claims": list(rows[:n]), "limit": n, "offset": offset,
                      "next_offset": offset + n if more else None})

    @app.get("/api/export.geojson", tags=["export"], summary="Every located event as GeoJSON (ACLED columns)")
    def export_geojson() -> Response:
        from ..export import rows_geojson

        body = orjson.dumps(rows_geojson(ledger.export_rows()), option=orjson.OPT_NON_STR_KEYS)
        return Response(body, media_type="application/geo+json",
                        headers={"Content-Disposition": 'inline; filename="frontwatch.geojson"'})

    @app.get("/api/stats/area", tags=["stats"], summary="Ground each side claims it took, km² per period")
    def area(
        side: Annotated[str | None, Query(max_length=40, description="Only this claimant side.")] = None,
        by: Annotated[str, Query(description="day, week (Monday-based) or month.")] = "week",
    ) -> JSONResponse:
        if by not in {"day", "week", "month"}:
            raise ApiError(400, f"by must be day, week or month, got {by[:20]!r}")
        return _page({"ok": True, "by": by, "series": ledger.claimed_area(side=side, by=by)})

    @app.post("/api/articles", tags=["articles"], status_code=201, dependencies=[Depends(check_token)],
              summary="Analyse one article and store it with its claims (needs the write token)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": ArticleIn.model_json_schema()},
                  "application/x-www-form-urlencoded": {"schema": ArticleIn.model_json_schema()}}}})
    async def post_article(request: Request) -> JSONResponse:
        article = await _article_from(request)
        if len(article.text) > settings.web.max_article_chars:
            raise ApiError(413, f"article longer than {settings.web.max_article_chars} characters "
                                "(setting web.max_article_chars)")
        status, stored = await run_in_threadpool(app.state.analyser.ingest, ledger, article)
        return _page({"ok": True, "status": status, "article": stored}, status_code=201 if status == "new" else 200)


async def _article_from(request: Request) -> ArticleIn:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: Any
    if kind == "application/json" or kind.endswith("+json"):
        try:
            data = await request.json()
        except ValueError:
            raise ApiError(400, "the body is not valid JSON") from None
        if not isinstance(data, dict):
            raise ApiError(400, "the body must be a JSON object with at least a 'text' field")
    elif kind in FORM_TYPES:
        form = await request.form()
        data = {}
        for key, value in form.items():
            if isinstance(value, str):
                data[key] = value
            elif key == "text":  # an uploaded file as the text
                try:
                    data[key] = (await value.read()).decode("utf-8")
                except UnicodeDecodeError:
                    raise ApiError(400, "the uploaded text is not UTF-8") from None
        data = {k: (v if v != "" or k == "text" else None) for k, v in data.items()}
    else:
        raise ApiError(415, "send the article as application/json or as a form (text=...)")
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in exc.errors()]
        raise ApiError(400, "bad article: " + "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors),
                       errors) from None

