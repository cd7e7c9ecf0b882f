"""The web app's guards: one JSON error shape, request size limits, the write token, security headers.

Every error the API answers has datasette's shape ``{"ok": false, "status": 404, "error": "...", "errors": []}``
and never a stack trace: unexpected exceptions are logged on the server and answered with a fixed message.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import FrontwatchError, InputError, NotFoundError, StorageError

LOGGER = logging.getLogger("frontwatch.web")
TOKEN_ENV = "FRONTWATCH_TOKEN"


class ApiError(Exception):
    """An error to answer with the JSON error shape."""

    def __init__(self, status: int, message: str, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.errors, self.headers = status, message, errors or [], headers


def error_body(status: int, message: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"ok": False, "status": status, "error": message, "errors": errors or []}


def error_response(status: int, message: str, errors: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, errors), status_code=status, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only where and what: pydantic also echoes the input, which may be the untrusted text itself.
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in exc.errors()]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.errors, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such page or API endpoint (see /docs)"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        where = ", ".join(".".join(e["loc"][1:] or e["loc"]) + ": " + e["msg"] for e in errors[:3])
        return error_response(400, f"bad request parameters ({where})", errors)

    @app.exception_handler(FrontwatchError)
    async def _frontwatch(_: Request, exc: FrontwatchError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return error_response(404, str(exc))
        if isinstance(exc, InputError):
            return error_response(400, str(exc))
        if isinstance(exc, StorageError):
            return error_response(503, str(exc))
        LOGGER.error("request failed: %s", exc)
        return error_response(500, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        LOGGER.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal error: the server's log has the details")


def check_token(request: Request) -> None:
    """A FastAPI dependency for write endpoints: ``Authorization: Bearer <FRONTWATCH_TOKEN>``."""
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(403, f"writes are disabled on this server: start it with {TOKEN_ENV} set to enable them")
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header[:7].lower() == "bearer " else request.headers.get("x-frontwatch-token", "")
    if not given:
        raise ApiError(401, "this endpoint needs the write token: send 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "wrong write token", headers={"WWW-Authenticate": "Bearer"})


class BodyLimit:
    """Answer 413 to request bodies over ``max_bytes``, whether announced by Content-Length or streamed.

    The body (at most ``max_bytes``) is read before the app runs and replayed to it, so a handler never
    sees a half-read body and an oversize upload is refused with the error shape, not a broken connection.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        too_big = error_response(413, f"request body larger than {self.max_bytes} bytes (setting web.max_body_bytes)")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await too_big(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await too_big(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def tile_origin(tile_url: str) -> str:
    """The CSP source for the tile server: ``https://{s}.tile.x.org/...`` -> ``https://*.tile.x.org``."""
    if "://" not in tile_url:
        return ""
    scheme, rest = tile_url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if host and "{" not in host else ""


class SecurityHeaders:
    """Adds CSP and friends to every response. The page runs only its own scripts, so even text that
    escaped escaping could not run; /docs (Swagger UI) needs its one inline start-up script.
    (Plain ASGI rather than ``@app.middleware``: this sits on every API call of the load test.)"""

    def __init__(self, app: ASGIApp, tile_url: str) -> None:
        self.app = app
        tiles = tile_origin(tile_url)
        page = ("default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                f"img-src 'self' data: {tiles}".strip() + "; object-src 'none'; base-uri 'none'; "
                "frame-ancestors 'none'; form-action 'self'")
        docs = page.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'")
        common = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                  (b"x-frame-options", b"DENY")]
        self.page = [(b"content-security-policy", page.encode()), *common]
        self.docs = [(b"content-security-policy", docs.encode()), *common]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs if scope["path"].startswith("/docs") else self.page

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
