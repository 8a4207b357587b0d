"""The app's side of the model worker: a chat model whose llama.cpp runs in another process.

:class:`WorkerModel` has the same calls as the in-process model (see
:class:`engine.llm.chat_api.ChatAPI`); each is forwarded to the worker (``engine.llm.worker``).
If the worker dies, the call in progress raises :class:`ModelCrashed` with the signal that
ended it, and :attr:`WorkerModel.alive` turns False so the host starts a fresh one. Closing a
worker ends its process, so the model's memory really goes back to the system.
"""

from __future__ import annotations

import itertools
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from engine import messages as engine_messages
from engine.errors import Cancelled, ModelCrashed, ModelError
from engine.llm.chat_api import ChatAPI, GenerationStats, Message
from engine.llm.runtime import ModelSettings
from engine.progress import NEVER_CANCELLED, CancelToken

log = logging.getLogger(__name__)

# How packaging/launcher.py knows to run engine.llm.worker instead of the app.
FROZEN_FLAG = "--aisle-model-worker"
WORKER_PREFIX_ENV = "AISLE_WORKER_PREFIX"
POLL_SECONDS = 0.02
# After Cancel, the worker stops within milliseconds (llama.cpp's abort callback); one that
# has not answered by then is stuck in native code and is killed.
CANCEL_GRACE_SECONDS = 2.0
LOAD_TIMEOUT_SECONDS = 600.0
QUIT_SECONDS = 5.0
NATIVE_CRASH_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGILL, signal.SIGBUS, signal.SIGABRT,
                                  signal.SIGFPE})


def worker_error(text: str, template: str = "", params: dict[str, Any] | None = None
                 ) -> ModelError:
    """The ModelError the worker reported; a report without a template (from outside the
    engine) is shown as it came."""
    reason = engine_messages.Message.sent(text, template, params or {}) if template else text
    return ModelError("{reason}", reason=reason)


def _command(fd: int) -> list[str]:
    """The worker's command line, after ``AISLE_WORKER_PREFIX`` if set: a program to run it
    under, as Chromium's ``--renderer-cmd-prefix`` (``qemu-x86_64 -cpu Haswell`` to try an
    older CPU, a debugger, valgrind)."""
    prefix = shlex.split(os.environ.get(WORKER_PREFIX_ENV, ""))
    if getattr(sys, "frozen", False):  # an installer's executable: packaging/launcher.py
        return [*prefix, sys.executable, FROZEN_FLAG, str(fd)]
    return [*prefix, sys.executable, "-m", "engine.llm.worker", str(fd)]


class _Worker:
    """One worker process and its socket; knows how it ended.

    A plain child process (not ``multiprocessing``'s spawn, which re-imports the app's main
    module in the child): it imports only what serving the model needs.
    """

    def __init__(self, model_path: str | None, settings: ModelSettings | None) -> None:
        ours, theirs = socket.socketpair()
        # stdout stays clean for the app's own output (`aisle ask --json`); stderr is shared.
        self.process = subprocess.Popen(_command(theirs.fileno()), pass_fds=(theirs.fileno(),),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        theirs.close()  # so that the worker's death closes the socket for us
        self.conn = Connection(ours.detach())
        self.closing = False
        self.send(("load", model_path, settings))

    def send(self, message: tuple[Any, ...]) -> None:
        try:
            self.conn.send(message)
        except (BrokenPipeError, ConnectionResetError, OSError) as err:
            raise self.crashed() from err

    def receive(self, timeout: float) -> tuple[Any, ...] | None:
        """The next message, or None after ``timeout``; raises ModelCrashed if the worker died."""
        try:
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, ConnectionResetError, OSError) as err:
            raise self.crashed() from err
        if not self.alive():
            raise self.crashed()
        return None

    def alive(self) -> bool:
        return self.process.poll() is None

    def ready(self, model_name: str | None) -> dict[str, Any]:
        """The worker's first message: what it loaded, or raise why it could not.

        Args:
            model_name: the model's file name (None: the worker only reports llama.cpp's build).

        Raises:
            ModelError: loading failed (``ModelCrashed``: the worker died meanwhile).
        """
        deadline = time.monotonic() + LOAD_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            message = self.receive(POLL_SECONDS * 5)
            if message is None:
                continue
            if message[0] == "load_error":
                raise worker_error(*message[1:])
            return dict(message[1])
        raise _load_timeout(model_name)

    def crashed(self) -> ModelError:
        try:
            self.process.wait(1.0)
        except subprocess.TimeoutExpired:
            pass
        if self.closing:
            return ModelError("The chat model was closed; it loads again with the next message.")
        return ModelCrashed(
            "The chat model stopped unexpectedly ({exit_status}); a fresh one starts with the "
            "next message", exit_status=self.exit_description, cause=self.exit_description)

    @property
    def exit_signal(self) -> signal.Signals | None:
        code = self.process.returncode
        if code is None or code >= 0:
            return None
        try:
            return signal.Signals(-code)
        except ValueError:
            return None

    @property
    def exit_description(self) -> str:
        sig = self.exit_signal
        if sig is not None:
            return sig.name
        code = self.process.returncode
        if code is None:
            return engine_messages.Message("still running")
        return engine_messages.Message("exit code {code}", code=code)

    def stop(self) -> None:
        """End the process: politely, then by force."""
        self.closing = True
        if self.alive():
            try:
                self.conn.send(("quit",))
                self.process.wait(QUIT_SECONDS)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.alive():
            self.process.kill()
            self.process.wait(QUIT_SECONDS)
        self.conn.close()


def _load_timeout(model_name: str | None) -> ModelError:
    if model_name is None:
        return ModelError("llama.cpp did not load within {seconds:.0f} s.",
                          seconds=LOAD_TIMEOUT_SECONDS)
    return ModelError("The model {name} did not load within {seconds:.0f} s.",
                      name=model_name, seconds=LOAD_TIMEOUT_SECONDS)


def build_report() -> dict[str, Any]:
    """What the installed llama.cpp offers (GPU offload, CPU variant), asked of a worker."""
    proc = _Worker(None, None)
    try:
        return proc.ready(None)
    finally:
        proc.stop()


class WorkerModel(ChatAPI):
    """A GGUF chat model served by its own worker process."""

    def __init__(self, path: Path | str, settings: ModelSettings | None = None) -> None:
        """Start the worker and wait until it has loaded the model.

        Raises:
            ModelError: the file is missing, not GGUF, truncated, or llama.cpp cannot load it.
            ModelCrashed: the worker died while loading.
        """
        self.path = Path(path)
        self.settings = settings or ModelSettings()
        self.last_stats = GenerationStats()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        started = time.perf_counter()
        self._proc = _Worker(str(self.path), self.settings)
        try:
            self.info = self._proc.ready(self.path.name)
        except BaseException:
            self._proc.stop()
            raise
        self.start_seconds = time.perf_counter() - started
        self.messages: list[str] = list(self.info["messages"])
        log.info("model worker %d serves %s (%.2f s to start, CPU variant %s)", self.pid,
                 self.path.name, self.start_seconds, self.info["cpu_variant"] or "native")

    # ----- what the worker told us ----------------------------------------------------------

    @property
    def pid(self) -> int:
        return int(self._proc.process.pid)

    @property
    def alive(self) -> bool:
        return self._proc.alive() and not self._proc.closing

    @property
    def exit_signal(self) -> signal.Signals | None:
        """The signal that ended the worker, if one did."""
        return self._proc.exit_signal

    @property
    def name(self) -> str:
        return str(self.info["name"])

    @property
    def context_size(self) -> int:
        return int(self.info["context_size"])

    @property
    def chat_format(self) -> str:
        return str(self.info["chat_format"])

    @property
    def chat_template(self) -> str | None:
        return self.info["chat_template"]

    @property
    def gpu_layers(self) -> int:
        return int(self.info["gpu_layers"])

    @property
    def network_seal(self) -> str:
        """How the kernel closed the worker's network (``engine.network_seal``; "": it did not)."""
        return str(self.info.get("network_seal", ""))

    @property
    def gpu_device(self) -> str:
        """The graphics card the model runs on ("" on the CPU)."""
        return str(self.info.get("gpu_device", ""))

    @property
    def cpu_reason(self) -> str:
        """Why the model runs on the CPU of a build that has a graphics card backend (a
        :class:`~engine.messages.Message`, so Settings shows it in the shopper's language)."""
        reason: str = self.info.get("cpu_reason", "")
        return reason

    @property
    def cpu_variant(self) -> str:
        """The CPU kernels llama.cpp runs ("" for a native build)."""
        return str(self.info["cpu_variant"])

    # ----- requests -------------------------------------------------------------------------

    def count_tokens(self, messages: Sequence[Message]) -> int:
        with self._lock:
            request_id = next(self._ids)
            self._proc.send(("count", request_id, list(messages)))
            while True:
                message = self._proc.receive(POLL_SECONDS * 5)
                if message is not None and message[1] == request_id:
                    return int(message[2])

    def stream_chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        cancel: CancelToken = NEVER_CANCELLED,
        response_format: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        with self._lock:
            cancel.check()
            request_id = next(self._ids)
            self._proc.send(("chat", request_id, {
                "messages": list(messages), "max_tokens": max_tokens,
                "temperature": temperature, "response_format": response_format}))
            finished = False
            try:
                for message in self._replies(request_id, cancel):
                    kind = message[0]
                    if kind == "token":
                        yield message[2]
                        continue
                    finished = True
                    if kind == "done":
                        self.last_stats = GenerationStats(**message[2])
                        return
                    if kind == "cancelled":
                        raise Cancelled()
                    raise worker_error(*message[2:])
            except ModelError:
                finished = True
                raise
            finally:
                if not finished:  # the caller stopped reading: stop the worker too
                    self._abandon(request_id)

    def _replies(self, request_id: int, cancel: CancelToken) -> Iterator[tuple[Any, ...]]:
        """The worker's messages for one request; passes Cancel on and enforces its grace."""
        cancelled_at: float | None = None
        while True:
            if cancelled_at is None and cancel.cancelled:
                self._proc.send(("cancel", request_id))
                cancelled_at = time.monotonic()
            if cancelled_at is not None and time.monotonic() - cancelled_at > CANCEL_GRACE_SECONDS:
                log.warning("model worker %d ignored Cancel; ending it", self.pid)
                self._proc.stop()
                raise Cancelled()
            message = self._proc.receive(POLL_SECONDS)
            if message is not None and message[1] == request_id:
                yield message

    def _abandon(self, request_id: int) -> None:
        stop = CancelToken()
        stop.cancel()
        try:
            for message in self._replies(request_id, stop):
                if message[0] != "token":
                    return
        except (ModelError, Cancelled):
            return

    def close(self) -> None:
        """End the worker process (its memory goes back to the system at once)."""
        self._proc.stop()
