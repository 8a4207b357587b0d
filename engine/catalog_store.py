"""The catalog database: products, their FTS5 text, their vectors and catalog metadata.

Rowids are AUTOINCREMENT so a removed product's rowid is never reused: the HNSW index labels
products by rowid, and a stale label must point at nothing rather than at another product.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from engine import db
from engine.errors import CatalogError
from engine.records import Product
from engine.text_analysis import index_text, query_terms

DB_NAME = "catalog.db"

MIGRATIONS: list[db.Migration] = [
    (
        "m001_initial",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE products (
            rowid INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            brand TEXT NOT NULL DEFAULT '',
            price REAL,
            currency TEXT NOT NULL DEFAULT '',
            rating REAL,
            rating_count INTEGER,
            image_url TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            availability TEXT NOT NULL DEFAULT '',
            attributes TEXT NOT NULL DEFAULT '{}',
            content_hash TEXT NOT NULL
        );
        CREATE INDEX products_category ON products(category);
        CREATE INDEX products_brand ON products(brand);
        CREATE INDEX products_price ON products(price);
        CREATE VIRTUAL TABLE products_fts USING fts5(
            title, body, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE TABLE embeddings (
            rowid INTEGER PRIMARY KEY REFERENCES products(rowid) ON DELETE CASCADE,
            text_hash TEXT NOT NULL,
            vector BLOB NOT NULL
        );
        """,
    ),
]

PRODUCT_COLUMNS = (
    "id", "title", "description", "category", "brand", "price", "currency", "rating",
    "rating_count", "image_url", "url", "availability", "attributes",
)


def open_db(directory: Path, *, create: bool) -> sqlite3.Connection:
    """Open (and migrate) the catalog database in ``directory``."""
    path = directory / DB_NAME
    if not create and not path.exists():
        raise CatalogError(f"No catalog database at {path}. Import a feed or install a catalog.")
    try:
        conn = db.connect(path)
        db.migrate(conn, MIGRATIONS)
    except sqlite3.DatabaseError as err:
        raise CatalogError(f"The catalog database {path} is damaged ({err}).") from err
    return conn


def content_hash(product: Product) -> str:
    payload = json.dumps(product.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def product_from_row(row: sqlite3.Row) -> Product:
    attributes = json.loads(row["attributes"] or "{}")
    return Product(
        id=row["id"], title=row["title"], description=row["description"],
        category=row["category"], brand=row["brand"], price=row["price"],
        currency=row["currency"], rating=row["rating"], rating_count=row["rating_count"],
        image_url=row["image_url"], url=row["url"], availability=row["availability"],
        attributes=attributes,
    )


def _product_values(product: Product) -> list[Any]:
    values = product.to_dict()
    values["attributes"] = json.dumps(product.attributes, ensure_ascii=False, sort_keys=True)
    return [values[c] for c in PRODUCT_COLUMNS]


def fts_body(product: Product) -> str:
    """Everything but the title that a keyword search should match, CJK-bigrammed."""
    attrs = " ".join(str(v) for v in product.attributes.values()
                     if isinstance(v, (str, int, float)))
    return index_text(" ".join([product.brand, product.category, product.description, attrs]))


def existing_hashes(conn: sqlite3.Connection) -> dict[str, tuple[int, str, str | None]]:
    """id -> (rowid, content hash, embedding text hash) for every stored product."""
    rows = conn.execute(
        "SELECT p.id, p.rowid, p.content_hash, e.text_hash FROM products p "
        "LEFT JOIN embeddings e ON e.rowid = p.rowid"
    )
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def upsert(conn: sqlite3.Connection, product: Product, chash: str, rowid: int | None) -> int:
    """Insert or update one product and its FTS row; return its rowid (kept on update)."""
    values = _product_values(product)
    if rowid is None:
        placeholders = ", ".join("?" for _ in PRODUCT_COLUMNS)
        cur = conn.execute(
            f"INSERT INTO products ({', '.join(PRODUCT_COLUMNS)}, content_hash) "
            f"VALUES ({placeholders}, ?)",
            [*values, chash],
        )
        rowid = int(cur.lastrowid or 0)
    else:
        assignments = ", ".join(f"{c} = ?" for c in PRODUCT_COLUMNS)
        conn.execute(
            f"UPDATE products SET {assignments}, content_hash = ? WHERE rowid = ?",
            [*values, chash, rowid],
        )
        conn.execute("DELETE FROM products_fts WHERE rowid = ?", (rowid,))
    conn.execute(
        "INSERT INTO products_fts(rowid, title, body) VALUES (?, ?, ?)",
        (rowid, index_text(product.title), fts_body(product)),
    )
    return rowid


def store_vector(conn: sqlite3.Connection, rowid: int, text_hash: str, vector: np.ndarray) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO embeddings(rowid, text_hash, vector) VALUES (?, ?, ?)",
        (rowid, text_hash, np.asarray(vector, dtype=np.float32).tobytes()),
    )


def remove(conn: sqlite3.Connection, rowids: Sequence[int]) -> None:
    for rowid in rowids:
        conn.execute("DELETE FROM products_fts WHERE rowid = ?", (rowid,))
        conn.execute("DELETE FROM products WHERE rowid = ?", (rowid,))


def all_vectors(conn: sqlite3.Connection, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(rowids, vectors) of every embedded product, in rowid order."""
    rows = conn.execute("SELECT rowid, vector FROM embeddings ORDER BY rowid").fetchall()
    labels = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), dim)
    return labels, vectors


def cosines_by_rowid(conn: sqlite3.Connection, rowids: Sequence[int], query: np.ndarray
                     ) -> dict[int, float]:
    """Dot product of the (unit) query vector with the stored vectors of these products."""
    out: dict[int, float] = {}
    for start in range(0, len(rowids), 500):
        chunk = list(rowids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for rowid, blob in conn.execute(
            f"SELECT rowid, vector FROM embeddings WHERE rowid IN ({marks})", chunk
        ):
            out[rowid] = float(np.frombuffer(blob, dtype=np.float32) @ query)
    return out


def get_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, value FROM meta")}


def set_meta(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        [(k, str(v)) for k, v in values.items()],
    )


def products_by_rowid(conn: sqlite3.Connection, rowids: Iterable[int]) -> dict[int, Product]:
    ids = list(rowids)
    out: dict[int, Product] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT * FROM products WHERE rowid IN ({marks})", chunk):
            out[row["rowid"]] = product_from_row(row)
    return out


def title_vocabulary(conn: sqlite3.Connection) -> dict[str, int]:
    """Every word of every title (unstemmed) with its frequency, for spelling correction."""
    counts: dict[str, int] = {}
    for (title,) in conn.execute("SELECT title FROM products"):
        for term in query_terms(title):
            counts[term] = counts.get(term, 0) + 1
    return counts
