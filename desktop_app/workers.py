"""The one place the GUI starts background work.

``run_op`` runs a callable on a thread pool and delivers its result (or error) back on the GUI
thread through Qt signals; the callable never touches widgets. Model and index work (loading the
chat model, generating, importing a feed) goes to a single-thread pool so only one of them runs
at a time and only one model is ever in memory. Streamed text is collected by a
:class:`StreamBuffer` and flushed to the widget on a short timer, not repainted per token.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05
FLUSH_INTERVAL_MS = 60

_general_pool: QThreadPool | None = None
_serial_pool: QThreadPool | None = None
_live: set[_Signals] = set()


def general_pool() -> QThreadPool:
    """Pool for short catalog/history reads (search, product details)."""
    global _general_pool
    if _general_pool is None:
        _general_pool = QThreadPool()
        _general_pool.setMaxThreadCount(2)
    return _general_pool


def serial_pool() -> QThreadPool:
    """Single-thread pool for model and index work: one model loaded, one job at a time."""
    global _serial_pool
    if _serial_pool is None:
        _serial_pool = QThreadPool()
        _serial_pool.setMaxThreadCount(1)
        _serial_pool.setExpiryTimeout(-1)
    return _serial_pool


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until background jobs finish (used at shutdown and in tests)."""
    done = True
    for pool in (_general_pool, _serial_pool):
        if pool is not None:
            done = pool.waitForDone(msecs) and done
    return done


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, object)  # the label may be an engine Message, not just a str


class _Job(QRunnable):
    def __init__(self, op: Callable[..., Any], signals: _Signals, with_progress: bool) -> None:
        super().__init__()
        self._op = op
        self._signals = signals
        self._with_progress = with_progress
        self._last_progress = 0.0

    def _progress(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL_S or (total and done >= total):
            self._last_progress = now
            self._signals.progressed.emit(int(done), int(total), label)

    def run(self) -> None:
        try:
            result = self._op(self._progress) if self._with_progress else self._op()
        except BaseException as err:  # noqa: BLE001 - every failure is handed to on_failure
            self._signals.failed.emit(err)
        else:
            self._signals.succeeded.emit(result)


def run_op(
    parent: QObject,
    op: Callable[..., Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    *,
    serial: bool = False,
) -> None:
    """Run ``op`` off the GUI thread and call back on the GUI thread.

    With ``on_progress``, ``op`` is called with one argument, a ``progress(done, total, label)``
    callback it may call from the worker. Callbacks are skipped once ``parent`` is deleted.
    ``serial`` puts the job on the single model/index thread.
    """
    signals = _Signals()
    _live.add(signals)

    def alive() -> bool:
        return shiboken6.isValid(parent)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _live.discard(signals)
        if alive():
            callback(value)
        elif isinstance(value, BaseException):
            log.info("background job failed after its window closed: %s", value)

    signals.succeeded.connect(lambda value: finish(on_success, value))
    signals.failed.connect(lambda err: finish(on_failure, err))
    if on_progress is not None:
        signals.progressed.connect(lambda d, t, label: alive() and on_progress(d, t, label))
    pool = serial_pool() if serial else general_pool()
    pool.start(_Job(op, signals, on_progress is not None))


class StreamBuffer(QObject):
    """Collects text (and, for an answer, its first cards) pushed from a worker thread and
    flushes them to the GUI on a timer."""

    def __init__(self, on_text: Callable[[str], None], parent: QObject | None = None,
                 on_reset: Callable[[], None] | None = None,
                 on_items: Callable[[list[Any]], None] | None = None) -> None:
        super().__init__(parent)
        self._on_text = on_text
        self._on_reset = on_reset
        self._on_items = on_items
        self._reset_pending = False
        self._chunks: list[str] = []
        self._items: list[Any] | None = None
        self._lock = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)

    def start(self) -> None:
        self._timer.start()

    def push(self, text: str) -> None:
        """Called from the worker thread for each token."""
        with self._lock:
            self._chunks.append(text)

    def push_items(self, items: list[Any]) -> None:
        """Called from the worker with what the text will be about (an answer's product cards)."""
        with self._lock:
            self._items = list(items)

    def reset(self) -> None:
        """Called from the worker: discard the text so far (a regenerated answer follows)."""
        with self._lock:
            self._chunks.clear()
            self._reset_pending = True

    def flush(self) -> None:
        with self._lock:
            text = "".join(self._chunks)
            self._chunks.clear()
            reset, self._reset_pending = self._reset_pending, False
            items, self._items = self._items, None
        if reset and self._on_reset is not None:
            self._on_reset()
        if items is not None and self._on_items is not None:
            self._on_items(items)
        if text:
            self._on_text(text)

    def stop(self) -> None:
        """Stop the timer and deliver whatever is still buffered."""
        self._timer.stop()
        self.flush()
