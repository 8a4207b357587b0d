"""Measure how long the GUI thread was frozen: the one probe the GUI tests and
``bench/app_responsiveness.py`` share, so a test's threshold and a benchmark's figure mean the
same thing."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer


class StallProbe:
    """A 10 ms timer recording the longest gap between its ticks while it runs.

    A gap far above 10 ms means the event loop was blocked that long (no repaint, no input)."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.longest_ms = 0.0
        self.ticks = 0
        self._last = 0.0
        self._timer = QTimer(interval=interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last:
            self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
