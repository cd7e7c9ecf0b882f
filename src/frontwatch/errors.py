"""Exceptions raised by frontwatch.

Our exception hierarchy::

    FrontwatchError
      + InputError            an article or file that cannot be read or analysed
        - NotEnglishError     text in a language the pipeline does not handle
        - NotFoundError       an id the ledger does not hold (the HTTP API answers 404)
      + ConfigError           a bad setting, settings file or command-line value
      + StageError            a pipeline stage failed on one article
      + GazetteerError        the gazetteer cannot be built, imported or read
      + GoldError             an evaluation gold file is malformed
      + StorageError          (reserved for the ledger store)

Callers catch ``FrontwatchError``. The CLI prints ``error: <message>`` and maps
``ConfigError`` to exit code 2 and the others to 1.
"""

from __future__ import annotations


class FrontwatchError(Exception):
    """Base class of every error frontwatch raises on purpose."""


class InputError(FrontwatchError):
    """An input cannot be read or analysed. ``origin`` names the file or stream."""

    def __init__(self, message: str, origin: str | None = None) -> None:
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


class NotEnglishError(InputError):
    """The text is not in English; analysing it would produce garbage claims."""


class NotFoundError(InputError):
    """An incident, claim, article or place id that the ledger does not hold."""


class ConfigError(FrontwatchError):
    """A setting, settings file or command-line value is invalid."""


class StageError(FrontwatchError):
    """A pipeline stage failed on one article."""

    def __init__(self, stage: str, article_id: str, cause: BaseException) -> None:
        self.stage = stage
        self.article_id = article_id
        super().__init__(f"stage '{stage}' failed on article {article_id[:19]}: {cause}")


class GazetteerError(FrontwatchError):
    """The gazetteer cannot be built, imported or opened."""


class GoldError(FrontwatchError):
    """An evaluation gold file is malformed (the message names file and line)."""


class StorageError(FrontwatchError):
    """The claim store cannot be read or written."""
