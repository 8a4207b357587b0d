"""Aisle engine: a Qt-free library for an offline shopping assistant.

The CLI (`engine.cli`) and the desktop app (`desktop_app`) both use its facade,
:class:`engine.app.Aisle`, with the records of :mod:`engine.records`.
"""

from __future__ import annotations

from engine.errors import AisleError, Cancelled
from engine.progress import CancelToken

__all__ = ["AisleError", "Cancelled", "CancelToken"]
