"""The model worker process: it alone loads llama.cpp and the GGUF file.

A native crash in llama.cpp (an illegal instruction, a general-protection fault, ``abort()``)
or an out-of-memory kill then ends this process, never the app: the app sees the socket close,
answers from search alone, and starts a fresh worker for the next message. This is how Ollama
and LM Studio run their models too.

The app's side is :class:`engine.llm.worker_client.WorkerModel`; it starts this module as
``python -m engine.llm.worker FD`` (a frozen app: ``aisle-gui --aisle-model-worker FD``), FD
being its end of a socket pair. Messages are pickled tuples (``multiprocessing.connection``):

- app → worker: ``("load", path, settings)`` first (path None: only report the build), then
  ``("chat", id, kwargs)``, ``("count", id, messages)``, ``("cancel", id)``, ``("quit",)``
- worker → app: ``("ready", info)`` or ``("load_error", text, template, params)`` once, then
  per request ``("token", id, text)``… and one of ``("done", id, stats)``, ``("cancelled", id)``,
  ``("error", id, text, template, params)``; ``("count", id, n)`` answers a count. An error's
  English ``text`` comes with its template and params (numbers as they are, anything else as
  text), so the app can show it in the shopper's language.

Before anything native loads, the worker closes its own network at the kernel
(:func:`engine.network_seal.seal`: seccomp on Linux), so llama.cpp could not reach the network
even if it tried; the ready report says which mechanism holds.

A reader thread takes "cancel" out of turn, while the main thread is inside llama.cpp: the
abort callback and the token loop read the flag it sets, so Cancel works during prompt
evaluation too.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import queue
import socket
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from engine import network_seal
from engine.errors import Cancelled, ModelError
from engine.progress import CancelToken

# Test-only: crash natively at the first generated token ("abort" or "segv"), only while the
# defaults are in use ("segv-unless-safe", how llama.cpp's AMX bug behaves), or only on a
# graphics card ("segv-on-gpu", a broken driver), so the tests exercise real native crashes.
CRASH_HOOK_ENV = "AISLE_TEST_WORKER_CRASH"
# Test-only: "HOST:PORT" that the worker tries to reach, from Python and from native code, after
# sealing its network; the build report says what happened.
CONNECT_PROBE_ENV = "AISLE_TEST_WORKER_CONNECT"


class _RequestCancel:
    """Event-like flag (for CancelToken) that is set only for the request it names.

    Request ids only grow, so a late Cancel of a finished request never stops the next one,
    and a Cancel that overtakes its queued request still stops it as soon as it starts.
    """

    def __init__(self) -> None:
        self.current = 0
        self.cancelled_id = -1

    def set(self) -> None:
        self.cancelled_id = self.current

    def cancel(self, request_id: int) -> None:
        self.cancelled_id = max(self.cancelled_id, request_id)

    def is_set(self) -> bool:
        return self.cancelled_id == self.current


def main(argv: list[str]) -> None:
    """Serve one model over the socket whose fd is ``argv[0]``, until quit or the app is gone."""
    conn = Connection(int(argv[0]))
    sealed = network_seal.seal()
    try:
        _, model_path, settings = conn.recv()
        if model_path is None:
            conn.send(("ready", {**_build_report(), "network_seal": sealed, **_connect_probe()}))
            return
        try:
            from engine.llm.runtime import ChatModel

            model = ChatModel(model_path, settings)
        except ModelError as err:
            conn.send(("load_error", *_error_event(err)))
            return
        conn.send(("ready", {**_model_report(model), "network_seal": sealed}))
        flag = _RequestCancel()
        requests: queue.Queue[tuple[Any, ...]] = queue.Queue()
        threading.Thread(target=_read, args=(conn, requests, flag), daemon=True).start()
        _serve(conn, requests, model, flag, _crash_hook(settings, model.gpu_layers))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        return  # the app closed its end: nothing left to serve


def _read(conn: Connection, requests: queue.Queue[tuple[Any, ...]],
          flag: _RequestCancel) -> None:
    try:
        while True:
            message = conn.recv()
            if message[0] == "cancel":
                flag.cancel(message[1])
            else:
                requests.put(message)
    except (EOFError, OSError):  # the app is gone: stop whatever runs, then quit
        flag.set()
        requests.put(("quit",))


def _serve(conn: Connection, requests: queue.Queue[tuple[Any, ...]], model: Any,
           flag: _RequestCancel, crash: str) -> None:
    cancel = CancelToken(flag)
    while True:
        request = requests.get()
        if request[0] == "quit":
            model.close()
            return
        kind, request_id, payload = request
        flag.current = request_id
        if kind == "count":
            conn.send(("count", request_id, model.count_tokens(payload)))
            continue
        try:
            for piece in model.stream_chat(cancel=cancel, **payload):
                if crash:
                    _crash(crash)
                conn.send(("token", request_id, piece))
        except Cancelled:
            conn.send(("cancelled", request_id))
        except ModelError as err:
            conn.send(("error", request_id, *_error_event(err)))
        else:
            conn.send(("done", request_id, dataclasses.asdict(model.last_stats)))


def _error_event(err: ModelError) -> tuple[str, str, dict[str, Any]]:
    """``err`` as its English text, template and params, each of which the app can unpickle."""
    params = {k: v if isinstance(v, int | float) else str(v) for k, v in err.params.items()}
    return str(err), err.template, params


def _model_report(model: Any) -> dict[str, Any]:
    return {
        "name": model.name, "context_size": model.context_size, "chat_format": model.chat_format,
        "chat_template": model.chat_template, "gpu_layers": model.gpu_layers,
        "gpu_device": model.gpu_device, "cpu_reason": model.cpu_reason,
        "cpu_variant": model.cpu_variant, "load_seconds": model.load_seconds,
        "messages": list(model.messages), "pid": os.getpid(),
    }


def _build_report() -> dict[str, Any]:
    from engine.llm import backends
    from engine.llm.runtime import gpu_offload_supported

    variant = backends.ensure_loaded()
    return {"gpu_offload": gpu_offload_supported(), "cpu_variant": variant,
            "gpu_devices": [d.description for d in backends.gpu_devices()],
            "gpu_note": backends.gpu_note()}


def _connect_probe() -> dict[str, Any]:
    target = os.environ.get(CONNECT_PROBE_ENV)
    if not target:
        return {}
    host, port = target.rsplit(":", 1)
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
        python = "connected"
    except OSError as err:
        python = f"refused: {err}"
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.socket(socket.AF_INET, socket.SOCK_STREAM, 0)
    native = f"refused: errno {ctypes.get_errno()}" if fd < 0 else "socket opened"
    if fd >= 0:
        libc.close(fd)
    return {"connect_probe": {"python": python, "native": native}}


def _crash_hook(settings: Any, gpu_layers: int) -> str:
    mode = os.environ.get(CRASH_HOOK_ENV, "")
    if mode == "segv-unless-safe":
        return "segv" if settings.use_extra_bufts else ""
    if mode == "segv-on-gpu":  # a graphics card driver that crashes at the first token
        return "segv" if gpu_layers else ""
    return mode


def _crash(mode: str) -> None:
    if mode == "abort":
        ctypes.CDLL(None).abort()
    ctypes.string_at(0)  # reads address 0: SIGSEGV


if __name__ == "__main__":
    main(sys.argv[1:])
