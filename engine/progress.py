"""Progress reporting and cooperative cancellation for long operations.

Long engine calls take ``progress(done, total, label)`` and a :class:`CancelToken`;
they check the token between batches so a GUI Cancel button stops them promptly.
"""

from __future__ import annotations

import threading
from typing import Protocol

from engine.errors import Cancelled


class ProgressCallback(Protocol):
    def __call__(self, done: int, total: int, label: str) -> None: ...


def no_progress(done: int, total: int, label: str) -> None:
    """Default progress sink for callers that do not show progress."""


class Flag(Protocol):
    """What a CancelToken reads and sets: a ``threading.Event`` or anything shaped like one."""

    def set(self) -> None: ...

    def is_set(self) -> bool: ...


class CancelToken:
    """Thread-safe flag set by the UI thread and polled by the worker."""

    def __init__(self, flag: Flag | None = None) -> None:
        """``flag``: where the state lives (the model worker's is set by its reader thread)."""
        self._event: Flag = flag if flag is not None else threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._event.is_set():
            raise Cancelled()


NEVER_CANCELLED = CancelToken()
