"""The catalogs installed in a data directory, and which one is active.

Each catalog lives in its own slot directory under ``catalogs/``; ``active.json`` names the
active slot and is replaced atomically, so switching catalogs (a bundle install, a rollback)
is one rename: a crash leaves either the old or the new catalog active, never half of one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from engine.db import damage
from engine.errors import CatalogError
from engine.messages import Message
from engine.quarantine import quarantine

log = logging.getLogger(__name__)

POINTER = "active.json"
DEFAULT_SLOT = "default"
KEEP_SLOTS = 3


@dataclass(frozen=True)
class PointerRepair:
    """A damaged pointer set aside: where it went, and what the user is told."""

    moved_to: Path
    message: str


class CatalogLibrary:
    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir) / "catalogs"
        self.root.mkdir(parents=True, exist_ok=True)

    def _read_pointer(self) -> dict[str, object]:
        """The pointer; a damaged one is set aside and replaced first (see :meth:`repair`)."""
        data, reason = _load_pointer(self.root / POINTER, self.root)
        if reason is not None:
            self.repair()
            data, _ = _load_pointer(self.root / POINTER, self.root)
        return data

    def _history(self, data: dict[str, object] | None = None) -> list[str]:
        """The slots active before, newest first."""
        previous = (self._read_pointer() if data is None else data).get("previous", [])
        return [str(slot) for slot in previous] if isinstance(previous, list) else []

    def repair(self) -> PointerRepair | None:
        """Set a damaged ``active.json`` aside and activate the newest catalog that opens.

        Damaged: unreadable, not the JSON object this class writes, or naming a slot that is
        gone. Nothing is deleted, and when no slot holds a usable catalog the default slot (the
        demo catalog) is used. None: the pointer was fine (or absent).
        """
        path = self.root / POINTER
        _, reason = _load_pointer(path, self.root)
        if reason is None:
            return None
        moved = quarantine(path)
        usable = self._usable_slots()
        if usable:
            self._write_pointer({"slot": usable[0][0], "previous": [n for n, _ in usable[1:]]})
        message = _repair_message(reason, moved.name, usable)
        log.warning("%s", message)
        return PointerRepair(moved, message)

    def _usable_slots(self) -> list[tuple[str, str]]:
        """(slot, catalog name) of every slot whose database opens, newest first."""
        found = []
        for name in self.slots():
            database = self.root / name / "catalog.db"
            title = _catalog_name(database)
            if title is not None:
                found.append((database.stat().st_mtime, name, title or name))
        return [(name, title) for _, name, title in sorted(found, reverse=True)][:KEEP_SLOTS + 1]

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
            raise CatalogError("No catalog slot named {name}.", name=name)
        previous = self.active_slot() or (DEFAULT_SLOT if self._has_default() else None)
        history = [s for s in self._history() if s != name]
        if previous and previous != name:
            history.insert(0, previous)
        self._write_pointer({"slot": name, "previous": history[:KEEP_SLOTS]})
        self._prune({name, *history[:KEEP_SLOTS]})

    def can_roll_back(self) -> bool:
        """Whether an earlier catalog is still kept to go back to."""
        return any((self.root / slot).is_dir() for slot in self._history())

    def rollback(self) -> str:
        """Re-activate the previously active catalog; return its slot name."""
        data = self._read_pointer()
        history = self._history(data)
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


def _repair_message(reason: str, moved: str, usable: list[tuple[str, str]]) -> Message:
    """What the user is told about a replaced pointer: which catalog is active now, and whether
    there is one before it to roll back to (``usable`` is newest first)."""
    if not usable:
        return Message("The record of which catalog is active was damaged ({reason}) and was set "
                       "aside as {moved}; the demo catalog is active now. No catalog was lost.",
                       reason=reason, moved=moved)
    if len(usable) == 1:
        return Message("The record of which catalog is active was damaged ({reason}) and was set "
                       "aside as {moved}; “{catalog}” is active now. No catalog was lost.",
                       reason=reason, moved=moved, catalog=usable[0][1])
    return Message("The record of which catalog is active was damaged ({reason}) and was set "
                   "aside as {moved}; “{catalog}” is active now. No catalog was lost: "
                   "`aisle catalog rollback` goes back to the one before.",
                   reason=reason, moved=moved, catalog=usable[0][1])


def _load_pointer(path: Path, root: Path) -> tuple[dict[str, object], str | None]:
    """The pointer's contents ({} when there is none), or {} and why it cannot be trusted."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError) as err:
        return {}, Message("unreadable: {reason}", reason=str(err))
    if not isinstance(data, dict):
        return {}, Message("not a catalog record")
    slot, previous = data.get("slot"), data.get("previous", [])
    if not isinstance(slot, str) or not slot or Path(slot).name != slot:
        return {}, Message("no catalog named")
    if not isinstance(previous, list) or not all(isinstance(s, str) for s in previous):
        return {}, Message("a broken rollback list")
    if not (root / slot).is_dir():
        return {}, Message("its catalog {slot} is gone", slot=slot)
    return data, None


def _catalog_name(database: Path) -> str | None:
    """The catalog's name ("" when it has none) if its database opens and checks, else None."""
    if not database.is_file() or damage(database) is not None:
        return None
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'name'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else ""
