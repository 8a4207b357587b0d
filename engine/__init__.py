"""Aisle engine: a Qt-free library for an offline shopping assistant.

The CLI (`engine.cli`) and the desktop app (`desktop_app`) both use this public API.
"""

from __future__ import annotations

from engine.errors import AisleError, Cancelled
from engine.progress import CancelToken

__all__ = ["AisleError", "Cancelled", "CancelToken"]
