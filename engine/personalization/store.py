"""``history.db``: the shopper's events, the profile derived from them and the trained ranker.

It is a separate file from the catalog, so a catalog update never touches it. Each event is
written together with its profile update in one transaction (WAL), so a crash loses at most
the event being written. Deleting is real: ``secure_delete`` zeroes freed pages, then VACUUM
and a truncating WAL checkpoint leave no copy of deleted rows in the database or WAL files.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from engine import db
from engine.errors import HistoryError
from engine.personalization.events import EXCLUDING_KINDS
from engine.personalization.profile import DAY, KEEP_VIEWS_DAYS, Affinity, Profile, affinity_keys
from engine.records import Event, ProductSnapshot, ShownItem

log = logging.getLogger(__name__)

DB_NAME = "history.db"
EXPORT_FORMAT = "aisle-history"
EXPORT_VERSION = 1

MIGRATIONS: list[db.Migration] = [
    (
        "m001_history",
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            ts REAL NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('search','view','click','save','unsave','cart','bought','dismiss')),
            product_id TEXT,
            query TEXT,
            slot TEXT,
            dwell REAL,
            ref INTEGER,
            shown TEXT,
            title TEXT, category TEXT, brand TEXT, price REAL, currency TEXT
        );
        CREATE INDEX events_ts ON events(ts);
        CREATE INDEX events_product ON events(product_id);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE affinity (
            kind TEXT NOT NULL, key TEXT NOT NULL, value REAL NOT NULL,
            updated REAL NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, key)
        );
        CREATE TABLE taste (
            id INTEGER PRIMARY KEY CHECK (id = 1), vector BLOB NOT NULL, updated REAL NOT NULL
        );
        CREATE TABLE ranker (
            id INTEGER PRIMARY KEY CHECK (id = 1), created REAL NOT NULL, weights BLOB,
            metrics TEXT NOT NULL, enabled INTEGER NOT NULL
        );
        """,
    ),
]

EVENT_COLUMNS = ("ts, kind, product_id, query, slot, dwell, ref, shown, "
                 "title, category, brand, price, currency")


class HistoryStore:
    """One shopper's history database. Thread-safe: a lock guards the single connection."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._conn = db.open_store(self.path, MIGRATIONS, fail=lambda why: HistoryError(
            "The history database {path} cannot be opened ({reason}). Move it aside to "
            "start a new history.", path=self.path, reason=why))
        self._lock = threading.RLock()

    @classmethod
    def open(cls, data_dir: Path | str) -> HistoryStore:
        """The history of the data directory (``<data_dir>/history.db``)."""
        return cls(Path(data_dir) / DB_NAME)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ----- pause ----------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT value FROM settings WHERE key = 'paused'").fetchone()
        return bool(row and row[0] == "1")

    def set_paused(self, paused: bool) -> None:
        """Persistently pause or resume recording."""
        with self._lock, db.transaction(self._conn):
            self._write_paused(paused)

    def _write_paused(self, paused: bool) -> None:
        self._conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('paused', ?)",
                           ("1" if paused else "0",))

    # ----- writing --------------------------------------------------------------------------

    def append(self, event: Event, vector: np.ndarray | None = None) -> int | None:
        """Record an event and fold it into the stored profile; None when recording is paused."""
        with self._lock:
            if self.paused:
                return None
            with db.transaction(self._conn):
                event_id = self._insert(event)
                self._update_profile(event, vector)
        return event_id

    def _insert(self, event: Event, event_id: int | None = None) -> int:
        p = event.product or ProductSnapshot()
        shown = json.dumps([[s.product_id, s.score, s.keyword_rank, s.dense_rank]
                            for s in event.shown]) if event.shown else None
        cur = self._conn.execute(
            f"INSERT INTO events(id, {EVENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event_id, event.ts, event.kind, event.product_id, event.query, event.slot,
             event.dwell, event.ref, shown, p.title, p.category, p.brand, p.price, p.currency),
        )
        return int(cur.lastrowid or 0)

    def _update_profile(self, event: Event, vector: np.ndarray | None) -> None:
        if event.product is None:
            return
        profile = Profile(affinities=self._affinities(affinity_keys(event.product)))
        profile.taste, profile.taste_updated = self._taste()
        changed = profile.apply(event, vector)
        self._write_affinities({k: profile.affinities[k] for k in changed})
        if profile.taste is not None:
            self._write_taste(profile.taste, profile.taste_updated)

    def _affinities(self, keys: Iterable[tuple[str, str]] | None = None,
                    ) -> dict[tuple[str, str], Affinity]:
        sql = "SELECT kind, key, value, updated, count FROM affinity"
        if keys is None:
            rows = list(self._conn.execute(sql))
        else:
            sql += " WHERE kind = ? AND key = ?"
            rows = [r for key in keys for r in self._conn.execute(sql, key)]
        return {(r[0], r[1]): Affinity(r[2], r[3], r[4]) for r in rows}

    def _write_affinities(self, affinities: dict[tuple[str, str], Affinity]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO affinity(kind, key, value, updated, count) VALUES (?,?,?,?,?)",
            [(k[0], k[1], a.value, a.updated, a.count) for k, a in affinities.items()],
        )

    def _taste(self) -> tuple[np.ndarray | None, float]:
        row = self._conn.execute("SELECT vector, updated FROM taste WHERE id = 1").fetchone()
        if row is None:
            return None, 0.0
        return np.frombuffer(row[0], dtype=np.float32).copy(), float(row[1])

    def _write_taste(self, vector: np.ndarray, updated: float) -> None:
        self._conn.execute("INSERT OR REPLACE INTO taste(id, vector, updated) VALUES (1, ?, ?)",
                           (np.asarray(vector, dtype=np.float32).tobytes(), updated))

    # ----- reading --------------------------------------------------------------------------

    def events(self, *, since: float | None = None, until: float | None = None,
               kinds: Sequence[str] | None = None, limit: int | None = None,
               newest_first: bool = False) -> list[Event]:
        """Events in time order (or newest first), optionally within [since, until] and of kinds."""
        where, params = _range_sql(since, until)
        if kinds:
            where += f" AND kind IN ({','.join('?' * len(kinds))})"
            params += list(kinds)
        order = "DESC" if newest_first else "ASC"
        sql = (f"SELECT id, {EVENT_COLUMNS} FROM events WHERE 1{where} "
               f"ORDER BY ts {order}, id {order}")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._lock:
            return [_event_from_row(r) for r in self._conn.execute(sql, params)]

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM events").fetchone()[0])

    def excluded_products(self) -> set[str]:
        """Products bought or dismissed: never recommended again."""
        marks = ",".join("?" * len(EXCLUDING_KINDS))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT DISTINCT product_id FROM events WHERE kind IN ({marks})", EXCLUDING_KINDS)
            return {r[0] for r in rows}

    def load_profile(self, now: float | None = None) -> Profile:
        """The stored profile, with the recent views the features and explanations need."""
        now = time.time() if now is None else now
        with self._lock:
            profile = Profile(affinities=self._affinities())
            profile.taste, profile.taste_updated = self._taste()
            rows = self._conn.execute(
                "SELECT ts, category, product_id FROM events WHERE kind IN ('view', 'click') "
                "AND ts >= ? ORDER BY ts", (now - KEEP_VIEWS_DAYS * DAY,))
            for ts, category, product_id in rows:
                profile.add_view(ts, category or "", product_id)
        return profile

    def replace_profile(self, profile: Profile) -> None:
        """Store a profile rebuilt from scratch (after deleting or importing events)."""
        with self._lock, db.transaction(self._conn):
            self._conn.execute("DELETE FROM affinity")
            self._conn.execute("DELETE FROM taste")
            self._write_affinities(profile.affinities)
            if profile.taste is not None:
                self._write_taste(profile.taste, profile.taste_updated)

    # ----- ranker ---------------------------------------------------------------------------

    def save_ranker(self, weights: bytes | None, metrics: dict[str, Any], enabled: bool) -> None:
        with self._lock, db.transaction(self._conn):
            self._conn.execute(
                "INSERT OR REPLACE INTO ranker(id, created, weights, metrics, enabled) "
                "VALUES (1, ?, ?, ?, ?)", (time.time(), weights, json.dumps(metrics), int(enabled)))

    def load_ranker(self) -> tuple[bytes | None, dict[str, Any], bool] | None:
        with self._lock:
            row = self._conn.execute("SELECT weights, metrics, enabled FROM ranker").fetchone()
        return None if row is None else (row[0], json.loads(row[1]), bool(row[2]))

    # ----- deleting -------------------------------------------------------------------------

    def delete(self, *, ids: Sequence[int] = (), since: float | None = None,
               until: float | None = None, everything: bool = False) -> int:
        """Delete events (by id, by time range, or all) with the profile and ranker derived
        from them, and scrub the file. The caller rebuilds the profile from what is left.

        Returns:
            The number of events deleted.
        """
        if not (ids or everything or since is not None or until is not None):
            raise HistoryError("Say what to delete: event ids, a time range, or everything.")
        with self._lock:
            with db.transaction(self._conn):
                deleted = self._delete_rows(ids, since, until, everything)
                for table in ("affinity", "taste", "ranker"):
                    self._conn.execute(f"DELETE FROM {table}")
            self.scrub()
        return deleted

    def _delete_rows(self, ids: Sequence[int], since: float | None, until: float | None,
                     everything: bool) -> int:
        if everything:
            return self._conn.execute("DELETE FROM events").rowcount
        deleted = 0
        if ids:
            deleted += self._conn.executemany("DELETE FROM events WHERE id = ?",
                                              [(int(i),) for i in ids]).rowcount
        if since is not None or until is not None:
            where, params = _range_sql(since, until)
            deleted += self._conn.execute(f"DELETE FROM events WHERE 1{where}", params).rowcount
        return deleted

    def scrub(self) -> None:
        """Rewrite the file without free pages and empty the WAL, so deleted text is gone."""
        with self._lock:
            db.scrub(self._conn, self.path)

    # ----- export / import ------------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        """Everything the history holds, as JSON-ready data (the ranker's weights excepted)."""
        ranker = self.load_ranker()
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": time.time(),
            "paused": self.paused,
            "events": [e.to_dict() for e in self.events()],
            "profile": [{"kind": k[0], "key": k[1], **a.__dict__}
                        for k, a in sorted(self.load_profile().affinities.items())],
            "ranker": ranker[1] if ranker else None,
        }

    def import_events(self, data: dict[str, Any]) -> int:
        """Restore events from :meth:`export` data, skipping ones already present.

        Returns:
            The number of events added. The caller rebuilds the profile afterwards.

        Raises:
            HistoryError: the data is not an Aisle history export.
        """
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise HistoryError("This file is not an Aisle history export.")
        if int(data.get("version", 0)) > EXPORT_VERSION:
            raise HistoryError("This history export is from a newer Aisle; update Aisle first.")
        events = [Event.from_dict(e) for e in data.get("events") or []]
        with self._lock, db.transaction(self._conn):
            added = self._insert_new(events)
            if "paused" in data:
                self._write_paused(bool(data["paused"]))
        return added

    def _insert_new(self, events: list[Event]) -> int:
        rows = self._conn.execute("SELECT ts, kind, product_id, query FROM events")
        seen = {tuple(r) for r in rows}
        taken = {r[0] for r in self._conn.execute("SELECT id FROM events")}
        new_ids: dict[int, int] = {}
        added = 0
        for event in sorted(events, key=lambda e: (e.ts, e.id or 0)):
            if (event.ts, event.kind, event.product_id, event.query) in seen:
                continue
            ref = new_ids.get(event.ref, event.ref) if event.ref is not None else None
            keep_id = event.id if event.id is not None and event.id not in taken else None
            new_id = self._insert(_with_ref(event, ref), keep_id)
            taken.add(new_id)
            if event.id is not None:
                new_ids[event.id] = new_id
            added += 1
        return added


def _with_ref(event: Event, ref: int | None) -> Event:
    return Event(event.kind, event.ts, event.product_id, event.query, event.slot, event.dwell,
                 ref, event.shown, event.product)


def _range_sql(since: float | None, until: float | None) -> tuple[str, list[Any]]:
    where, params = "", []
    if since is not None:
        where += " AND ts >= ?"
        params.append(since)
    if until is not None:
        where += " AND ts <= ?"
        params.append(until)
    return where, params


def _event_from_row(row: sqlite3.Row) -> Event:
    shown = tuple(ShownItem(s[0], s[1], s[2], s[3]) for s in json.loads(row["shown"] or "[]"))
    product = None
    if row["product_id"] is not None:
        product = ProductSnapshot(row["title"] or "", row["category"] or "", row["brand"] or "",
                                  row["price"], row["currency"] or "")
    return Event(kind=row["kind"], ts=row["ts"], product_id=row["product_id"], query=row["query"],
                 slot=row["slot"], dwell=row["dwell"], ref=row["ref"], shown=shown,
                 product=product, id=row["id"])
