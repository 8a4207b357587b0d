"""Drive the real window from a script — screenshots, benchmarks — as pytest-qt drives it in the
tests: a virtual display, waiting on signals and conditions, and the stall probe the GUI tests
assert on (so a test's threshold and a benchmark's figure mean the same thing).

Qt is imported inside the functions: ``rerun_under_xvfb`` must run before Qt picks a platform.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

_CHILD_MARK = "AISLE_UNDER_XVFB"


def rerun_under_xvfb(screen: str = "1400x900x24", *, offscreen_fallback: bool = False) -> None:
    """Re-run this script under ``xvfb-run`` when there is no display; returns when there is one.

    Without xvfb-run it exits with the install hint, or with ``offscreen_fallback`` switches Qt
    to its offscreen platform (no real X server, so fonts and window mapping are not measured).
    """
    if os.environ.get("DISPLAY") or os.environ.get(_CHILD_MARK):
        return
    if shutil.which("xvfb-run") is None:
        if not offscreen_fallback:
            sys.exit("No display and no xvfb-run: apt-get install -y xvfb fonts-noto-cjk")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    env = dict(os.environ, **{_CHILD_MARK: "1"}, QT_QPA_PLATFORM="xcb")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", sys.executable, *sys.argv]
    sys.exit(subprocess.call(cmd, env=env))


def pause(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate: Callable[[], bool], timeout_ms: int) -> None:
    """Run the event loop until ``predicate()`` holds; TimeoutError after ``timeout_ms``."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not done within {timeout_ms / 1000:.0f} s")
        pause(50)


class SignalWait:
    """What ``waiting`` caught: the signal's arguments once it fired."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None


@contextlib.contextmanager
def waiting(signal: Any, timeout_ms: int) -> Iterator[SignalWait]:
    """Run the body, then the event loop until ``signal`` fires (connected before the body, so a
    quick signal is not missed); TimeoutError after ``timeout_ms``."""
    from PySide6.QtCore import QEventLoop, QTimer

    caught, loop = SignalWait(), QEventLoop()

    def fired(*args: Any) -> None:
        caught.args = args
        loop.quit()

    signal.connect(fired)
    try:
        yield caught
        if caught.args is None:
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
    finally:
        signal.disconnect(fired)
    if caught.args is None:
        raise TimeoutError(f"no signal within {timeout_ms / 1000:.0f} s")


class StallProbe:
    """A 10 ms timer recording the longest gap between its ticks while it runs.

    A gap far above 10 ms means the event loop was blocked that long (no repaint, no input)."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

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
