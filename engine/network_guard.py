"""A process-wide guard that refuses every network connection the user did not ask for.

Built on Python's audit hooks (PEP 578): every ``socket.connect``, ``socket.sendto`` and name
lookup from Python code raises an event before it happens; the guard refuses it unless its
host was allowed for the duration of a user-started download. Attempts are logged (in memory
and in ``network-log.jsonl`` in the data dir) so the privacy page can show them: normally none.
"""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LOG_NAME = "network-log.jsonl"
_LOCAL_SOCKET_FAMILIES = {getattr(socket, "AF_UNIX", -1)}


class NetworkBlocked(ConnectionRefusedError):
    """Raised inside the code that tried to open a connection the user did not ask for."""


@dataclass(frozen=True)
class Attempt:
    time: float
    event: str
    host: str
    port: int | None
    allowed: bool


class NetworkGuard:
    """Refuses and logs outgoing connections except to hosts allowed by ``allow(host)``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._allowed: dict[str, int] = {}
        self.attempts: list[Attempt] = []
        self.strict = True
        self.log_path: Path | None = None

    @contextmanager
    def allow(self, host: str) -> Iterator[None]:
        """Let connections to ``host`` through while a user-started download runs."""
        names = {host.lower()}
        self._add(names)
        names |= _addresses_of(host)
        self._add(names - {host.lower()})
        try:
            yield
        finally:
            self._remove(names)

    def _add(self, names: set[str]) -> None:
        with self._lock:
            for name in names:
                self._allowed[name] = self._allowed.get(name, 0) + 1

    def _remove(self, names: set[str]) -> None:
        with self._lock:
            for name in names:
                self._allowed[name] -= 1
                if not self._allowed[name]:
                    del self._allowed[name]

    def _is_allowed(self, host: str) -> bool:
        with self._lock:
            return host.lower() in self._allowed

    def check(self, event: str, host: str, port: int | None) -> None:
        allowed = not self.strict or self._is_allowed(host)
        attempt = Attempt(time.time(), event, host, port, allowed)
        with self._lock:
            self.attempts.append(attempt)
        self._persist(attempt)
        if not allowed:
            log.warning("blocked network %s to %s:%s", event, host, port)
            raise NetworkBlocked(f"Aisle works offline: the connection to {host} was blocked.")

    def _persist(self, attempt: Attempt) -> None:
        if self.log_path is None:
            return
        try:
            with open(self.log_path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(asdict(attempt)) + "\n")
        except OSError:
            log.exception("could not write the network log")

    def _audit(self, event: str, args: tuple[Any, ...]) -> None:
        if event in ("socket.connect", "socket.sendto"):
            sock, address = args[0], args[1]
            if getattr(sock, "family", None) in _LOCAL_SOCKET_FAMILIES:
                return
            if isinstance(address, tuple) and address:
                self.check(event, str(address[0]), int(address[1]) if len(address) > 1 else None)
        elif event == "socket.getaddrinfo":
            host = args[0]
            if isinstance(host, bytes):
                host = host.decode(errors="replace")
            if host:
                self.check("dns", str(host), args[1] if isinstance(args[1], int) else None)


def _addresses_of(host: str) -> set[str]:
    """The addresses a host name resolves to (looked up while the name itself is allowed)."""
    try:
        return {str(info[4][0]).lower() for info in socket.getaddrinfo(host, None)}
    except OSError:
        return set()


_guard: NetworkGuard | None = None
_install_lock = threading.Lock()


def install(data_dir: Path | None = None, *, strict: bool = True) -> NetworkGuard:
    """Install the guard once per process (audit hooks cannot be removed) and return it."""
    global _guard
    with _install_lock:
        if _guard is None:
            _guard = NetworkGuard()
            sys.addaudithook(_guard._audit)
        _guard.strict = strict
        if data_dir is not None:
            _guard.log_path = Path(data_dir) / LOG_NAME
        return _guard


def guard() -> NetworkGuard | None:
    """The installed guard, if any."""
    return _guard


@contextmanager
def allow(host: str) -> Iterator[None]:
    """Allow ``host`` for a user-started download (a no-op when no guard is installed)."""
    if _guard is None:
        yield
        return
    with _guard.allow(host):
        yield


def read_log(data_dir: Path) -> list[dict[str, Any]]:
    """Connection attempts recorded in this data dir, oldest first."""
    path = Path(data_dir) / LOG_NAME
    if not path.exists():
        return []
    attempts = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            attempts.append(json.loads(line))
        except ValueError:
            continue
    return attempts
