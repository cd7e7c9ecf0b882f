"""The shapes of the API's JSON answers, for the OpenAPI description only.

Routes build plain dicts from the ``Ledger`` and return them as pre-encoded JSON (``app.FastJSON``), so these
models never validate or serialise a response (per claim, that cost more CPU than the query); they are named
in the route decorators (``response_model``) so ``/docs`` shows each field. ``tests/test_web_api.py`` checks
real answers against the schemas published here, so the description cannot drift from what is sent.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class ClaimRow(BaseModel):
    """One claim and one of its events (a claim without events has null event fields)."""

    claim_id: str
    event_id: str | None = Field(description="`<claim id>:<position>`; null for a claim without events.")
    article: str = Field(description="The article's id (its input id, else its content hash).")
    source: str | None = Field(description="The outlet.")
    published: str | None = Field(description="The article's publication date, YYYY-MM-DD.")
    claimant: str
    claimant_side: str = Field(description="UA, RU, other or unknown.")
    text: str = Field(description="The claim's sentence.")
    type: str | None = Field(description="Event type: advance, capture, withdrawal, repelled, shelling, strike, …")
    polarity: str | None = Field(description="asserted, denied, …")
    actor_side: str | None
    place: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    precision: int | None
    start: str | None = Field(description="The event's first day, YYYY-MM-DD (what since/until filter on).")
    end: str | None = Field(description="The event's last day, YYYY-MM-DD.")
    value: float | None = Field(description="The quantity claimed, if any.")
    unit: str | None = Field(description="Its unit: km2, people, …")
    incident_id: int | None
    stated: str | None = Field(description="When the claim was made (else the publication date): the page order.")


class ClaimsPage(BaseModel):
    """One page of claims, newest first; ask for the next with ``offset=next_offset``."""

    ok: bool
    claims: list[ClaimRow]
    count: int = Field(description="Rows on this page.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last page.")


class PlacePage(BaseModel):
    """One place of the ledger and a page of the claims about it."""

    ok: bool
    place: dict[str, object] = Field(description="The place's record: id, name, lat, lon, admin1, …, claims.")
    claims: list[ClaimRow]
    limit: int
    offset: int
    next_offset: int | None
