"""``prices.db``: the price each product had in every catalog version installed here.

Each installed version (the demo catalog, an imported feed, a downloaded bundle) adds the
prices it carries; a price is stored again only when it changed, so a product's history is
short. It is computed and kept on this computer: no one learns which products the shopper
watches. A listed product whose price fell in the newest version is a price drop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from engine import db
from engine.errors import CatalogError
from engine.records import PricePoint

DB_NAME = "prices.db"

MIGRATIONS: list[db.Migration] = [
    (
        "m001_prices",
        """
        CREATE TABLE versions (seen REAL PRIMARY KEY, label TEXT NOT NULL);
        CREATE TABLE points (
            product_id TEXT NOT NULL,
            seen REAL NOT NULL REFERENCES versions(seen),
            price REAL NOT NULL,
            currency TEXT NOT NULL,
            PRIMARY KEY (product_id, seen)
        );
        """,
    ),
]


class PriceHistory:
    """The local price history of one data directory. Thread-safe (one locked connection)."""

    def __init__(self, data_dir: Path | str) -> None:
        self.path = Path(data_dir) / DB_NAME
        self._conn = db.open_store(self.path, MIGRATIONS, secure_delete=False, fail=lambda why:
                                   CatalogError("The price history in {path} cannot be opened "
                                                "({reason}). Move the file aside to start a new "
                                                "one.", path=self.path, reason=why))
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def record(self, label: str, prices: Iterable[tuple[str, float, str]],
               seen: float | None = None) -> int:
        """Add one installed version's prices; returns how many changed (or are new)."""
        seen = time.time() if seen is None else seen
        with self._lock, db.transaction(self._conn):
            last = {row[0]: (row[1], row[2]) for row in self._conn.execute(
                "SELECT product_id, price, currency FROM points p WHERE seen ="
                " (SELECT max(seen) FROM points WHERE product_id = p.product_id)")}
            rows = [(pid, seen, round(price, 2), currency) for pid, price, currency in prices
                    if last.get(pid) != (round(price, 2), currency)]
            self._conn.execute("INSERT INTO versions(seen, label) VALUES (?, ?)", (seen, label))
            self._conn.executemany(
                "INSERT INTO points(product_id, seen, price, currency) VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    def history(self, product_id: str) -> list[PricePoint]:
        """The product's prices, oldest first (one point per version that changed it)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.seen, v.label, p.price, p.currency FROM points p"
                " JOIN versions v ON v.seen = p.seen WHERE p.product_id = ? ORDER BY p.seen",
                (product_id,)).fetchall()
        return [PricePoint(r[0], r[1], r[2], r[3]) for r in rows]

    def drops(self, product_ids: Sequence[str]) -> dict[str, tuple[float, float, str]]:
        """Of these products, those the newest version made cheaper: id -> (before, now,
        currency)."""
        found: dict[str, tuple[float, float, str]] = {}
        with self._lock:
            newest = self._conn.execute("SELECT max(seen) FROM versions").fetchone()[0]
            for pid in dict.fromkeys(product_ids):
                last_two = self._conn.execute(
                    "SELECT seen, price, currency FROM points WHERE product_id = ?"
                    " ORDER BY seen DESC LIMIT 2", (pid,)).fetchall()
                if (len(last_two) == 2 and last_two[0][0] == newest
                        and last_two[0][2] == last_two[1][2] and last_two[0][1] < last_two[1][1]):
                    found[pid] = (last_two[1][1], last_two[0][1], last_two[0][2])
        return found
