"""The docs keep up with the code: every setting and every stage is documented."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import frontwatch
from frontwatch.config import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    settings = Settings.load(env={})
    for section in dataclasses.fields(settings):
        assert f"## [{section.name}]" in text, section.name
        for f in dataclasses.fields(getattr(settings, section.name)):
            assert re.search(rf"^- `{f.name}`", text, re.M), f"{section.name}.{f.name} missing from configuration.md"


def test_docs_every_stage_is_in_architecture() -> None:
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    for stage in frontwatch.STAGES:
        assert re.search(rf"-> {stage}\b", text), stage


def test_docs_all_exports_exist_once() -> None:
    assert len(set(frontwatch.__all__)) == len(frontwatch.__all__)
    for name in frontwatch.__all__:
        assert hasattr(frontwatch, name), name
