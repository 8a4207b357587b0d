"""One Aisle per data directory: a second instance is told so instead of sharing the files."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from engine.errors import AlreadyRunning

LOCK_NAME = "aisle.lock"


class InstanceLock:
    """Held for the life of the app; released on exit or when the process dies."""

    def __init__(self, data_dir: Path) -> None:
        self._lock = FileLock(str(Path(data_dir) / LOCK_NAME))

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout as err:
            raise AlreadyRunning(
                "Aisle is already running with this data folder. Switch to the open window, "
                "or close it first."
            ) from err

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
