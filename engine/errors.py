"""Typed errors the engine raises; each carries a message a shopper or publisher can act on.

A message is an English template with named fields and the values for them, so it can be shown
in the shopper's language: the CLI prints ``str(err)`` (English) and exits non-zero; the GUI
shows ``err.in_language(...)`` in one error dialog. Templates are literal strings at the raise
site, which is how ``scripts/translations.sh`` finds them.
"""

from __future__ import annotations

from typing import Any

from engine import messages


class AisleError(Exception):
    """Base of every error the engine raises on purpose."""

    def __init__(self, message: str = "", /, **params: Any) -> None:
        self.template = message
        self.params = params
        super().__init__(messages.fill(message, "en", params))

    def in_language(self, language: str) -> str:
        """The message in ``language`` ("en", "zh" or "zh_CN"), English where untranslated."""
        return messages.translate(self.template, language, **self.params)


class Cancelled(AisleError):
    """The user cancelled a long operation; callers ignore it silently."""

    def __init__(self) -> None:
        super().__init__("Cancelled.")


class FeedError(AisleError):
    """A file given to the importer is not a product feed we can read."""


class CatalogError(AisleError):
    """The catalog database or its index is missing, broken or incompatible."""


class EmbedderMismatch(CatalogError):
    """The catalog's vectors were made by a different embedding model than the one in use."""


class SearchError(AisleError):
    """A search request was invalid (e.g. a negative price bound)."""


class ModelError(AisleError):
    """A chat model file is missing, truncated, not GGUF, or failed to load."""


class ModelCrashed(ModelError):
    """The chat model's worker process died (a native crash, an out-of-memory kill, ...).

    The app itself keeps running: the turn is answered from search alone and the next message
    starts a fresh worker. ``cause`` names what ended it ("SIGSEGV", "exit code 1").
    """

    def __init__(self, message: str, /, cause: str = "", **params: Any) -> None:
        super().__init__(message, **params)
        self.cause = cause


class AssistantError(AisleError):
    """The assistant could not answer (and could not fall back)."""


class HistoryError(AisleError):
    """The local history database could not be read or written."""


class ListError(AisleError):
    """The saved list or cart could not be changed (unknown product, bad quantity, file)."""


class BundleError(AisleError):
    """A catalog bundle is broken, hostile, unsigned when a signature is required, or too new."""


class DeltaBaseMismatch(BundleError):
    """The installed catalog is not the one a delta update was made against (the full version
    is installed instead)."""


class DownloadError(BundleError):
    """A catalog download failed (server error, timeout, wrong content)."""


class SettingsError(AisleError):
    """The settings file is unreadable or holds invalid values."""


class AlreadyRunning(AisleError):
    """Another Aisle instance already uses this data directory."""
