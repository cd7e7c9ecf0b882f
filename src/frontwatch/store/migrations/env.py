"""Alembic environment: the store hands us an open connection (``config.attributes["connection"]``)."""

from __future__ import annotations

from alembic import context

from frontwatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes one
    raise RuntimeError("run migrations through `frontwatch db upgrade`, not the alembic command")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
