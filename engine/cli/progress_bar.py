"""A progress callback that draws on the terminal (stderr), quiet when not a TTY."""

from __future__ import annotations

import sys
import time
from types import TracebackType


class TerminalProgress:
    """Usable as ``progress(done, total, label)``; redraws at most ten times a second."""

    def __init__(self) -> None:
        self._last = 0.0
        self._shown = False
        self._enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if not self._enabled or (now - self._last < 0.1 and done != total):
            return
        self._last = now
        if total:
            width = 30
            filled = int(width * done / max(total, 1))
            line = f"\r{label}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        else:
            line = f"\r{label}: {done}"
        sys.stderr.write(line[:120].ljust(80))
        sys.stderr.flush()
        self._shown = True

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
