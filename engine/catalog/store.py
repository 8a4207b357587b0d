"""All of the catalog's SQL: schema, products and their FTS5 text, vectors, metadata, filters,
facets and browsing. Every function takes the connection to run on, so the same code serves
the catalog's read connection and an import's own writer.

Rowids are AUTOINCREMENT so a removed product's rowid is never reused: the HNSW index labels
products by rowid, and a stale label must point at nothing rather than at another product.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from engine import db
from engine.errors import CatalogError
from engine.records import FacetValue, Product, SearchFilters
from engine.text_analysis import CJK, index_text, query_terms

log = logging.getLogger(__name__)

DB_NAME = "catalog.db"
THUMBNAILS_NAME = "thumbnails.db"  # product id -> JPEG, when a bundle carried images
CHUNK = 500  # keys per IN (...): below SQLite's 999-parameter floor, with room for filters
PRICE_BUCKETS = (0, 25, 50, 100, 200, 500, 1000)

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

BROWSE_ORDER = {
    "relevance": "coalesce(p.rating_count, 0) DESC, p.rowid",
    "price": "p.price IS NULL, p.price, p.rowid",
    "price_desc": "p.price IS NULL, p.price DESC, p.rowid",
    "rating": "p.rating IS NULL, p.rating DESC, coalesce(p.rating_count, 0) DESC, p.rowid",
}


def open_db(directory: Path, *, create: bool) -> sqlite3.Connection:
    """Open (and migrate) the catalog database in ``directory``."""
    path = directory / DB_NAME
    if not create and not path.exists():
        raise CatalogError("No catalog database at {path}. Import a feed or install a catalog.",
                           path=path)
    try:
        conn = db.connect(path)
        db.migrate(conn, MIGRATIONS)
    except sqlite3.DatabaseError as err:
        raise CatalogError("The catalog database {path} is damaged ({reason}).", path=path,
                           reason=str(err)) from err
    return conn


def checkpoint(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _in_chunks(conn: sqlite3.Connection, sql: str, keys: Sequence[Any],
               params: Sequence[Any] = ()) -> list[Any]:
    """Run ``sql`` once per chunk of ``keys``: ``{marks}`` becomes the chunk's placeholders and
    ``params`` follow them. Returns every chunk's rows."""
    rows: list[Any] = []
    for start in range(0, len(keys), CHUNK):
        chunk = list(keys[start : start + CHUNK])
        marks = ",".join("?" * len(chunk))
        rows += conn.execute(sql.format(marks=marks), [*chunk, *params]).fetchall()
    return rows


# ----- metadata ---------------------------------------------------------------------------

def get_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, value FROM meta")}


def set_meta(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
        [(k, str(v)) for k, v in values.items()],
    )


# ----- products ---------------------------------------------------------------------------

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


def remove(conn: sqlite3.Connection, rowids: Sequence[int]) -> None:
    """Delete these products with their FTS rows (their vectors go by ON DELETE CASCADE)."""
    _in_chunks(conn, "DELETE FROM products_fts WHERE rowid IN ({marks})", rowids)
    _in_chunks(conn, "DELETE FROM products WHERE rowid IN ({marks})", rowids)


def content_digest(conn: sqlite3.Connection) -> str:
    """One hash of what the catalog holds: every product's content and embedded text, and the
    embedder. Two catalogs with the same digest hold the same products and vectors, whatever
    their rowids or file bytes: a delta update names the digest of the catalog it applies to."""
    digest = hashlib.sha256(get_meta(conn).get("embedder", "").encode())
    rows = conn.execute(
        "SELECT p.id, p.content_hash, coalesce(e.text_hash, '') FROM products p "
        "LEFT JOIN embeddings e ON e.rowid = p.rowid ORDER BY p.id"
    )
    for row in rows:
        digest.update("\0".join(row).encode() + b"\n")
    return digest.hexdigest()


def product_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM products").fetchone()[0])


def product_by_id(conn: sqlite3.Connection, product_id: str) -> Product | None:
    row = conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    return product_from_row(row) if row else None


def products_by_id(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Product]:
    rows = _in_chunks(conn, "SELECT * FROM products WHERE id IN ({marks})", ids)
    return {row["id"]: product_from_row(row) for row in rows}


def products_by_rowid(conn: sqlite3.Connection, rowids: Iterable[int]) -> dict[int, Product]:
    rows = _in_chunks(conn, "SELECT * FROM products WHERE rowid IN ({marks})", list(rowids))
    return {row["rowid"]: product_from_row(row) for row in rows}


def product_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM products ORDER BY rowid")]


def prices(conn: sqlite3.Connection) -> list[tuple[str, float, str]]:
    """(id, price, currency) of every product with a price."""
    return [(r[0], float(r[1]), r[2]) for r in conn.execute(
        "SELECT id, price, currency FROM products WHERE price IS NOT NULL")]


def thumbnails(directory: Path, product_ids: Sequence[str]) -> dict[str, bytes]:
    """The thumbnails the catalog's ``thumbnails.db`` has for these products (one read)."""
    path = directory / THUMBNAILS_NAME
    if not path.exists() or not product_ids:
        return {}
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return {row[0]: bytes(row[1]) for row in _in_chunks(
                conn, "SELECT product_id, jpeg FROM thumbnails WHERE product_id IN ({marks})",
                list(product_ids))}
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        log.warning("the thumbnails in %s cannot be read: %s", path, err)
        return {}


def image_links(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, image link) of every product the feed gave an image."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT id, image_url FROM products WHERE image_url != ''")]


def brands(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT brand FROM products WHERE brand != '' ORDER BY brand")]


def main_currency(conn: sqlite3.Connection) -> str:
    """The currency most prices are in ("" when no product has a price)."""
    row = conn.execute(
        "SELECT currency FROM products WHERE price IS NOT NULL AND currency != '' "
        "GROUP BY currency ORDER BY count(*) DESC LIMIT 1").fetchone()
    return str(row[0]) if row else ""


def cjk_title_share(conn: sqlite3.Connection, sample: int = 500) -> float:
    """Share of (a sample of) titles with Chinese characters: is this a Chinese catalog?"""
    titles = [r[0] for r in conn.execute("SELECT title FROM products LIMIT ?", (sample,))]
    return sum(bool(CJK.search(t)) for t in titles) / len(titles) if titles else 0.0


def titles(conn: sqlite3.Connection) -> Iterator[str]:
    return (row[0] for row in conn.execute("SELECT title FROM products"))


def title_vocabulary(conn: sqlite3.Connection) -> dict[str, int]:
    """Every word of every title (unstemmed) with its frequency, for spelling correction."""
    counts: dict[str, int] = {}
    for title in titles(conn):
        for term in query_terms(title):
            counts[term] = counts.get(term, 0) + 1
    return counts


# ----- vectors ----------------------------------------------------------------------------

def store_vector(conn: sqlite3.Connection, rowid: int, text_hash: str, vector: np.ndarray) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO embeddings(rowid, text_hash, vector) VALUES (?, ?, ?)",
        (rowid, text_hash, np.asarray(vector, dtype=np.float32).tobytes()),
    )


def embedding_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM embeddings").fetchone()[0])


def all_vectors(conn: sqlite3.Connection, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(rowids, vectors) of every embedded product, in rowid order."""
    rows = conn.execute("SELECT rowid, vector FROM embeddings ORDER BY rowid").fetchall()
    return _labelled(rows, dim)


def vectors_by_rowid(conn: sqlite3.Connection, rowids: Sequence[int], dim: int
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(rowids, vectors) of these embedded products, in rowid order."""
    rows = _in_chunks(conn, "SELECT rowid, vector FROM embeddings WHERE rowid IN ({marks})",
                      sorted(rowids))
    return _labelled(sorted(rows, key=lambda r: r[0]), dim)


def _labelled(rows: Sequence[Any], dim: int) -> tuple[np.ndarray, np.ndarray]:
    labels = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), dim)
    return labels, vectors


def vectors_by_id(conn: sqlite3.Connection, ids: Sequence[str], dim: int) -> np.ndarray:
    """Stored vectors of these products in the given order (zeros for unknown ids)."""
    out = np.zeros((len(ids), dim), dtype=np.float32)
    position = {pid: i for i, pid in enumerate(ids)}
    sql = ("SELECT p.id, e.vector FROM products p JOIN embeddings e ON e.rowid = p.rowid "
           "WHERE p.id IN ({marks})")
    for pid, blob in _in_chunks(conn, sql, ids):
        out[position[pid]] = np.frombuffer(blob, dtype=np.float32)
    return out


def cosines_by_rowid(conn: sqlite3.Connection, rowids: Sequence[int], query: np.ndarray
                     ) -> dict[int, float]:
    """Dot product of the (unit) query vector with the stored vectors of these products."""
    sql = "SELECT rowid, vector FROM embeddings WHERE rowid IN ({marks})"
    return {rowid: float(np.frombuffer(blob, dtype=np.float32) @ query)
            for rowid, blob in _in_chunks(conn, sql, rowids)}


# ----- search -----------------------------------------------------------------------------

def filter_sql(filters: SearchFilters, alias: str = "p") -> tuple[str, list[Any]]:
    """A WHERE fragment (starting with ' AND' or empty) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.category:
        clauses.append(f"({alias}.category = ? OR {alias}.category LIKE ? ESCAPE '\\')")
        escaped = filters.category.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [filters.category, escaped + " >%"]
    if filters.brand:
        clauses.append(f"{alias}.brand = ?")
        params.append(filters.brand)
    if filters.min_price is not None:
        clauses.append(f"{alias}.price >= ?")
        params.append(filters.min_price)
    if filters.max_price is not None:
        clauses.append(f"{alias}.price <= ?")
        params.append(filters.max_price)
    if filters.min_rating is not None:
        clauses.append(f"{alias}.rating >= ?")
        params.append(filters.min_rating)
    return "".join(f" AND {c}" for c in clauses), params


def keyword_ranking(conn: sqlite3.Connection, match: str, filters: SearchFilters, *,
                    title_weight: float, limit: int) -> list[tuple[int, float, float, float]]:
    """(rowid, -bm25, title's -bm25, the rest's -bm25) best first, filters applied inside the
    query so nothing is cut short.

    The field scores (the learned ranker's) cost little here: FTS5's time goes on walking the
    matches, which a second query over them repeated (homedepot: 4.6 ms against 2.0 ms a
    query), and so did joining the products table when no filter needs it."""
    where, params = filter_sql(filters)
    join = " JOIN products p ON p.rowid = f.rowid" if where else ""
    sql = (
        "SELECT f.rowid, bm25(products_fts, ?, 1.0) AS score, bm25(products_fts, 1.0, 0.0), "
        f"bm25(products_fts, 0.0, 1.0) FROM products_fts f{join} "
        f"WHERE products_fts MATCH ?{where} ORDER BY score LIMIT ?"
    )
    rows = conn.execute(sql, [title_weight, match, *params, limit]).fetchall()
    return [(r[0], -r[1], -r[2], -r[3]) for r in rows]


def rowids_matching(conn: sqlite3.Connection, rowids: Sequence[int], filters: SearchFilters
                    ) -> set[int]:
    """Those of ``rowids`` whose products pass ``filters``."""
    where, params = filter_sql(filters)
    sql = "SELECT p.rowid FROM products p WHERE p.rowid IN ({marks})" + where
    return {r[0] for r in _in_chunks(conn, sql, rowids, params)}


def browse(conn: sqlite3.Connection, filters: SearchFilters, sort: str, limit: int,
           offset: int) -> tuple[int, list[Product]]:
    """(how many products pass ``filters``, one page of them in ``sort`` order)."""
    where, params = filter_sql(filters)
    total = conn.execute(f"SELECT count(*) FROM products p WHERE 1{where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT * FROM products p WHERE 1{where} ORDER BY {BROWSE_ORDER[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return int(total), [product_from_row(r) for r in rows]


def facets(conn: sqlite3.Connection, rowids: list[int] | None, filters: SearchFilters
           ) -> dict[str, list[FacetValue]]:
    """Facet counts over the result set (or over the whole filtered catalog when browsing)."""
    if rowids is not None:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _hits(rowid INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM _hits")
        conn.executemany("INSERT INTO _hits VALUES (?)", [(r,) for r in rowids])
        source, params = "products p JOIN _hits h ON h.rowid = p.rowid WHERE 1", list[Any]()
    else:
        where, params = filter_sql(filters)
        source = f"products p WHERE 1{where}"
    top_category = ("CASE WHEN instr(p.category, ' > ') > 0 "
                    "THEN substr(p.category, 1, instr(p.category, ' > ') - 1) ELSE p.category END")
    queries = {
        "category": f"SELECT {top_category} AS v, count(*) FROM {source} AND p.category != '' "
                    "GROUP BY v ORDER BY 2 DESC, 1 LIMIT 30",
        "subcategory": f"SELECT p.category AS v, count(*) FROM {source} AND p.category != '' "
                       "GROUP BY v ORDER BY 2 DESC, 1 LIMIT 50",
        "brand": f"SELECT p.brand AS v, count(*) FROM {source} AND p.brand != '' "
                 "GROUP BY v ORDER BY 2 DESC, 1 LIMIT 30",
        "price": f"SELECT {_price_bucket_sql()} AS v, count(*) FROM {source} "
                 "AND p.price IS NOT NULL GROUP BY v ORDER BY min(p.price)",
        "rating": f"SELECT CAST(p.rating AS INTEGER) || '+' AS v, count(*) FROM {source} "
                  "AND p.rating >= 1 GROUP BY v ORDER BY 1 DESC",
    }
    return {
        name: [FacetValue(str(v), int(c)) for v, c in conn.execute(sql, params)]
        for name, sql in queries.items()
    }


def _price_bucket_sql() -> str:
    cases = []
    for low, high in zip(PRICE_BUCKETS, PRICE_BUCKETS[1:], strict=False):
        cases.append(f"WHEN p.price < {high} THEN '{low}-{high}'")
    return f"CASE {' '.join(cases)} ELSE '{PRICE_BUCKETS[-1]}+' END"
