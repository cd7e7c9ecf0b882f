"""The web page and HTTP API over the ledger (``frontwatch serve``); ``docs/api.md`` describes the API."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
