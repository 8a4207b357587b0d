"""``lists.db``: the shopper's saved list and cart, kept apart from the history.

Saving a product or putting it in the cart is something the shopper asked for, not something
recorded about them: pausing the history does not stop it, and it is not learned from here (the
history records the same actions for that). Each row keeps the title and price the product had
when it was added, so an item an update removed from the catalog still shows what it was.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path

from engine import db
from engine.errors import ListError
from engine.records import ItemState, ListItem, Product

DB_NAME = "lists.db"
LISTS = ("saved", "cart")
MAX_QUANTITY = 99

MIGRATIONS: list[db.Migration] = [
    (
        "m001_lists",
        """
        CREATE TABLE items (
            list TEXT NOT NULL CHECK (list IN ('saved', 'cart')),
            product_id TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
            added REAL NOT NULL,
            title TEXT NOT NULL,
            price REAL,
            currency TEXT NOT NULL,
            PRIMARY KEY (list, product_id)
        );
        """,
    ),
]


def check_list(name: str) -> str:
    if name not in LISTS:
        raise ListError("There is no list '{name}': use 'saved' or 'cart'.", name=name)
    return name


def check_quantity(quantity: int) -> int:
    if not 0 <= quantity <= MAX_QUANTITY:
        raise ListError("A quantity must be between 0 (remove) and {most}.", most=MAX_QUANTITY)
    return quantity


class ListStore:
    """The saved list and the cart of one data directory. Thread-safe (one locked connection)."""

    def __init__(self, data_dir: Path | str) -> None:
        self.path = Path(data_dir) / DB_NAME
        self._conn = db.open_store(self.path, MIGRATIONS, fail=lambda why: ListError(
            "The saved list and cart in {path} cannot be opened ({reason}). Move the file "
            "aside to start with empty lists.", path=self.path, reason=why))
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def add(self, name: str, product: Product, quantity: int = 1) -> int:
        """Put ``product`` on the list (``quantity`` more of it in the cart; the saved list
        holds one of each); returns how many the list now has."""
        check_list(name)
        with self._lock, db.transaction(self._conn):
            row = self._conn.execute("SELECT quantity FROM items WHERE list = ? AND product_id = ?",
                                     (name, product.id)).fetchone()
            have = row[0] if row else 0
            total = 1 if name == "saved" else min(MAX_QUANTITY, have + max(1, quantity))
            self._conn.execute(
                "INSERT INTO items(list, product_id, quantity, added, title, price, currency)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(list, product_id) DO UPDATE SET"
                " quantity = excluded.quantity",
                (name, product.id, total, time.time(), product.title, product.price,
                 product.currency))
        return total

    def set_quantity(self, name: str, product_id: str, quantity: int) -> bool:
        """Change how many are on the list (0 removes it); False if it was not there."""
        check_list(name)
        if check_quantity(quantity) == 0:
            return self.remove(name, product_id)
        with self._lock, db.transaction(self._conn):
            return bool(self._conn.execute(
                "UPDATE items SET quantity = ? WHERE list = ? AND product_id = ?",
                (1 if name == "saved" else quantity, name, product_id)).rowcount)

    def remove(self, name: str, product_id: str) -> bool:
        check_list(name)
        with self._lock, db.transaction(self._conn):
            return bool(self._conn.execute("DELETE FROM items WHERE list = ? AND product_id = ?",
                                           (name, product_id)).rowcount)

    def clear(self) -> int:
        """Empty both lists (the privacy page's "delete everything"); returns the rows gone."""
        with self._lock:
            with db.transaction(self._conn):
                count = self._conn.execute("DELETE FROM items").rowcount
            db.scrub(self._conn, self.path)
        return count

    def items(self, name: str) -> list[ListItem]:
        """The list's items as saved, newest first (``product`` is not filled in here)."""
        check_list(name)
        with self._lock:
            rows = self._conn.execute(
                "SELECT product_id, title, price, currency, quantity, added FROM items"
                " WHERE list = ? ORDER BY added DESC, product_id", (name,)).fetchall()
        return [ListItem(r["product_id"], r["title"], r["price"], r["currency"], r["quantity"],
                         r["added"]) for r in rows]

    def states(self, product_ids: Iterable[str] | None = None) -> dict[str, ItemState]:
        """Saved and in-cart state of these products (every listed product when None)."""
        with self._lock:
            rows = self._conn.execute("SELECT list, product_id, quantity FROM items").fetchall()
        wanted = None if product_ids is None else set(product_ids)
        states: dict[str, ItemState] = {}
        for row in rows:
            pid = row["product_id"]
            if wanted is not None and pid not in wanted:
                continue
            state = states.get(pid, ItemState())
            states[pid] = (ItemState(True, state.in_cart) if row["list"] == "saved"
                           else ItemState(state.saved, row["quantity"]))
        return states
