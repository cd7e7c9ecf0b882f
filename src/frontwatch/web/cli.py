"""``frontwatch serve``: the web page and HTTP API over a ledger (uvicorn). Mounted by ``frontwatch.cli``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..store.cli import EXIT_STORAGE, EXIT_USAGE, ConfigOption, DbOption


def register(app: typer.Typer) -> None:
    from ..cli import err, fail, load_settings

    @app.command()
    def serve(
        db: DbOption = None,
        host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
        workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
        config: ConfigOption = None,
    ) -> None:
        """Serve the web page (map, timeline, claims, incidents) and the HTTP API; Ctrl-C stops.

        Writes (POST /api/articles) need the token in FRONTWATCH_TOKEN; without it they are disabled.
        """
        import uvicorn

        from ..errors import StorageError
        from ..store import Ledger
        from .app import create_app
        from .security import TOKEN_ENV

        settings = load_settings(config)
        if not 0 < port < 65536:
            raise fail(f"--port must be 1..65535, got {port}", EXIT_USAGE)
        try:  # open (and create, for an empty ledger to paste into) once here, so a bad --db fails before serving
            with Ledger(db, settings, create=True) as ledger:
                where, counts = ledger.where, ledger.stats()
        except StorageError as exc:
            raise fail(str(exc), EXIT_STORAGE) from None
        shown = f"[{host}]" if ":" in host else host
        err.print(f"frontwatch: {where} ({counts['articles']} articles, {counts['claims']} claims, "
                  f"{counts['incidents']} incidents); writes "
                  + ("enabled (token set)" if os.environ.get(TOKEN_ENV) else f"disabled (set {TOKEN_ENV} to enable)"),
                  markup=False, soft_wrap=True)
        print(f"Serving on http://{shown}:{port}/  (API docs at /docs; Ctrl-C stops)", flush=True)
        if workers == 1:
            uvicorn.run(create_app(settings, db), host=host, port=port, log_level="warning")
            return
        # Worker processes build their own app from the environment: hand them the ledger and settings file.
        if db:
            os.environ["FRONTWATCH_LEDGER_DB"] = db
        if config:
            os.environ["FRONTWATCH_CONFIG"] = str(Path(config).resolve())
        # Workers are spawned interpreters, and multiprocessing imports the parent's main module in each: here
        # the `frontwatch` script, i.e. the whole CLI with spaCy (seconds and hundreds of MB per worker), while
        # the app needs none of it. Without a main module to copy, a worker imports only the app factory.
        main = sys.modules["__main__"]
        hidden = {k: main.__dict__.pop(k) for k in ("__file__",) if k in main.__dict__}
        spec, main.__spec__ = getattr(main, "__spec__", None), None
        try:
            # A worker imports the app before it answers the supervisor: on a busy machine that can take longer
            # than uvicorn's default 5 s, and it would kill and restart workers forever.
            uvicorn.run("frontwatch.web.app:create_app", factory=True, host=host, port=port, workers=workers,
                        log_level="warning", timeout_worker_healthcheck=120)
        finally:
            main.__dict__.update(hidden)
            main.__spec__ = spec
