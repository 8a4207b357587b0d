"""Start-up health check: find broken files, set them aside, and say so in plain words.

A corrupt catalog, history database, search index or settings file must never stop the app
from starting. Each is checked, renamed aside (never deleted) when broken, and reported with
the way out; everything that still works keeps working.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from engine.catalog_library import CatalogLibrary
from engine.quarantine import quarantine
from engine.settings import load_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StartupProblem:
    """One broken file found at start-up: what it was, where it went, what the user can do."""

    what: str
    path: str
    moved_to: str | None
    message: str


def check_database(path: Path, what: str, way_out: str) -> StartupProblem | None:
    """Quarantine ``path`` if SQLite cannot open it or its quick_check fails."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
        if verdict == "ok":
            return None
        reason = verdict
    except sqlite3.DatabaseError as err:
        reason = str(err)
    moved = quarantine(path)
    return StartupProblem(
        what, str(path), str(moved),
        f"Your {what} was damaged ({reason}) and was set aside as {moved.name}. {way_out}",
    )


def check_index(directory: Path) -> StartupProblem | None:
    """A damaged vector index is derived data: set it aside; the catalog rebuilds it."""
    index = directory / "vectors.hnsw"
    if not index.exists() or index.stat().st_size >= 64:
        return None
    moved = quarantine(index)
    return StartupProblem(
        "search index", str(index), str(moved),
        "The search index was incomplete; it is being rebuilt from the catalog (a few seconds).",
    )


def run_startup_checks(data_dir: Path) -> list[StartupProblem]:
    """Check every file Aisle keeps; return the problems found (already handled)."""
    problems: list[StartupProblem] = []
    catalog_dir = CatalogLibrary(data_dir).active_dir()
    found = [
        check_database(
            catalog_dir / "catalog.db", "product catalog",
            "The demo catalog is used until you import or download a catalog again.",
        ),
        check_index(catalog_dir),
        check_database(
            Path(data_dir) / "history.db", "browsing history",
            "A new, empty history was started; your catalog is unaffected.",
        ),
    ]
    problems.extend(p for p in found if p is not None)
    _, settings_message = load_settings(Path(data_dir))
    if settings_message:
        problems.append(StartupProblem("settings", str(Path(data_dir) / "settings.json"),
                                       None, settings_message))
    for problem in problems:
        log.warning("start-up: %s", problem.message)
    return problems
