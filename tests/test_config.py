from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.config import Settings
from frontwatch.errors import ConfigError


def test_config_defaults() -> None:
    s = Settings.load(env={})
    assert s.input.max_bytes == 5_000_000
    assert s.parse.model == "en_core_web_sm"


def test_config_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "fw.toml"
    path.write_text('[input]\nmax_bytes = 1000\n[parse]\nbatch_size = 8\n', encoding="utf-8")
    s = Settings.load(path, env={"FRONTWATCH_PARSE_BATCH_SIZE": "4"})
    assert s.input.max_bytes == 1000  # from the file
    assert s.parse.batch_size == 4  # the environment wins
    assert s.clean.drop_duplicate_sentences is True  # untouched default


@pytest.mark.parametrize(
    "content,message",
    [
        ("[inptu]\nmax_bytes = 1\n", "unknown settings section"),
        ("[input]\nmax_byte = 1\n", "unknown setting input.max_byte"),
        ('[input]\nmax_bytes = "lots"\n', "must be int"),
        ("[input\n", "not valid TOML"),
    ],
)
def test_config_bad_file_is_config_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "fw.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Settings.load(path, env={})


def test_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        Settings.load(tmp_path / "nope.toml", env={})


def test_config_env_bool() -> None:
    s = Settings.load(env={"FRONTWATCH_CLEAN_DROP_DUPLICATE_SENTENCES": "false"})
    assert s.clean.drop_duplicate_sentences is False
