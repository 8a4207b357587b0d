"""The catalogs installed in a data directory, and which one is active.

Each catalog lives in its own slot directory under ``catalogs/``; ``active.json`` names the
active slot and is replaced atomically, so switching catalogs (a bundle install, a rollback)
is one rename: a crash leaves either the old or the new catalog active, never half of one.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from engine.errors import CatalogError

POINTER = "active.json"
DEFAULT_SLOT = "default"
KEEP_SLOTS = 3


class CatalogLibrary:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "catalogs"
        self.root.mkdir(parents=True, exist_ok=True)

    def _read_pointer(self) -> dict[str, object]:
        try:
            return json.loads((self.root / POINTER).read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            raise CatalogError(
                f"{self.root / POINTER} is damaged; delete it to start over.") from err

    def _write_pointer(self, data: dict[str, object]) -> None:
        tmp = self.root / (POINTER + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / POINTER)

    def active_slot(self) -> str | None:
        slot = self._read_pointer().get("slot")
        return str(slot) if slot else None

    def active_dir(self) -> Path:
        """Directory of the active catalog (the default slot when none was activated yet)."""
        path = self.root / (self.active_slot() or DEFAULT_SLOT)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def has_catalog(self) -> bool:
        return (self.active_dir() / "catalog.db").exists()

    def slots(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir()
                      if p.is_dir() and not p.name.startswith("."))

    def new_slot(self, label: str = "catalog") -> Path:
        """A fresh, empty directory to stage a catalog in before activating it."""
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in label)[:40] or "catalog"
        path = self.root / f"{safe}-{time.strftime('%Y%m%d-%H%M%S')}-{time.time_ns() % 10**6:06d}"
        path.mkdir(parents=True)
        return path

    def activate(self, slot: Path | str) -> None:
        """Make ``slot`` the active catalog; the previous one is remembered for rollback."""
        name = Path(slot).name
        if not (self.root / name).is_dir():
            raise CatalogError(f"No catalog slot named {name}.")
        previous = self.active_slot() or (DEFAULT_SLOT if self._has_default() else None)
        history = [s for s in self._read_pointer().get("previous", []) if s != name]  # type: ignore[union-attr]
        if previous and previous != name:
            history.insert(0, previous)
        self._write_pointer({"slot": name, "previous": history[:KEEP_SLOTS]})
        self._prune({name, *history[:KEEP_SLOTS]})

    def rollback(self) -> str:
        """Re-activate the previously active catalog; return its slot name."""
        data = self._read_pointer()
        history = list(data.get("previous", []))  # type: ignore[arg-type]
        while history and not (self.root / history[0]).is_dir():
            history.pop(0)
        if not history:
            raise CatalogError("There is no earlier catalog to roll back to.")
        target, rest = history[0], history[1:]
        current = data.get("slot")
        self._write_pointer({"slot": target, "previous": ([current] if current else []) + rest})
        return str(target)

    def _has_default(self) -> bool:
        return (self.root / DEFAULT_SLOT / "catalog.db").exists()

    def _prune(self, keep: set[str]) -> None:
        """Remove old catalog slots beyond the rollback history (never the default slot)."""
        for name in self.slots():
            if (name not in keep and name != DEFAULT_SLOT
                    and (self.root / name / "catalog.db").exists()):
                shutil.rmtree(self.root / name, ignore_errors=True)
