"""Typed errors the engine raises; each carries a message a shopper or publisher can act on.

The CLI prints ``str(err)`` and exits non-zero; the GUI shows it in one error dialog.
"""

from __future__ import annotations


class AisleError(Exception):
    """Base of every error the engine raises on purpose."""


class Cancelled(AisleError):
    """The user cancelled a long operation; callers ignore it silently."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


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

    def __init__(self, message: str, cause: str = "") -> None:
        super().__init__(message)
        self.cause = cause


class AssistantError(AisleError):
    """The assistant could not answer (and could not fall back)."""


class HistoryError(AisleError):
    """The local history database could not be read or written."""


class ListError(AisleError):
    """The saved list or cart could not be changed (unknown product, bad quantity, file)."""


class BundleError(AisleError):
    """A catalog bundle is broken, hostile, unsigned when a signature is required, or too new."""


class DownloadError(BundleError):
    """A catalog download failed (server error, timeout, wrong content)."""


class SettingsError(AisleError):
    """The settings file is unreadable or holds invalid values."""


class AlreadyRunning(AisleError):
    """Another Aisle instance already uses this data directory."""
