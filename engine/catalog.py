"""One product catalog on disk: import feeds into it, search it, read products from it.

A ``Catalog`` owns a directory (``catalog.db`` + ``vectors.hnsw``). Imports write through their
own connection in one transaction, so a concurrent search sees the old or the new catalog,
never a mix, and an import that fails or is cancelled leaves the old catalog as it was.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine import catalog_store as store
from engine import search as search_mod
from engine.db import transaction
from engine.embedders import Embedder, choose_embedder, get_embedder
from engine.errors import CatalogError, EmbedderMismatch
from engine.importers import read_feed
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import (
    ImportReport,
    Product,
    SearchFilters,
    SearchHit,
    SearchResult,
    SkippedRow,
)
from engine.text_analysis import Speller, query_terms
from engine.vector_index import ExactIndex, StaleIndex, VectorIndex

log = logging.getLogger(__name__)

EMBED_DESCRIPTION_CHARS = 100
NO_FILTERS = SearchFilters()


@dataclass(frozen=True)
class CatalogInfo:
    name: str
    version: str
    snapshot_date: str
    product_count: int
    embedder_id: str
    dim: int
    directory: str


def embed_text(product: Product) -> str:
    """What the dense index sees of a product: the title first, then what disambiguates it."""
    parts = [product.title, product.brand, product.category.replace(" > ", ", ")]
    if product.description:
        parts.append(product.description[:EMBED_DESCRIPTION_CHARS])
    return ". ".join(p for p in parts if p)


def _text_hash(text: str, embedder_id: str) -> str:
    return hashlib.sha256(f"{embedder_id}\0{text}".encode()).hexdigest()[:32]


class Catalog:
    """A searchable catalog in one directory. Thread-safe: a lock guards the read connection."""

    def __init__(self, directory: Path, embedder: Embedder | None = None) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._conn = store.open_db(self.directory, create=True)
        self._lock = threading.RLock()
        self._embedder = embedder
        self._index: VectorIndex | None = None
        self._speller: Speller | None = None
        self._generation = ""
        self.config = search_mod.SearchConfig()

    @classmethod
    def open(cls, directory: Path | str, *, embedder: Embedder | None = None) -> Catalog:
        """Open (creating if needed) the catalog in ``directory``."""
        return cls(Path(directory), embedder)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ----- metadata -------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        with self._lock:
            return store.get_meta(self._conn)

    def info(self) -> CatalogInfo:
        meta = self.meta()
        with self._lock:
            count = self._conn.execute("SELECT count(*) FROM products").fetchone()[0]
        return CatalogInfo(
            name=meta.get("name", self.directory.name),
            version=meta.get("version", ""),
            snapshot_date=meta.get("snapshot_date", ""),
            product_count=int(count),
            embedder_id=meta.get("embedder", ""),
            dim=int(meta.get("dim", 0) or 0),
            directory=str(self.directory),
        )

    def checkpoint(self) -> None:
        """Fold the WAL into the database file (before the file is copied or archived)."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def set_info(self, **values: str) -> None:
        """Record catalog name, version and snapshot date (shown as 'prices as of ...')."""
        with self._lock, transaction(self._conn):
            store.set_meta(self._conn, values)

    def embedder(self) -> Embedder:
        """The embedder this catalog's vectors were made with (loaded on first use)."""
        embedder_id = self.meta().get("embedder")
        if self._embedder is not None:
            if embedder_id and self._embedder.id != embedder_id:
                raise EmbedderMismatch(
                    f"This catalog was embedded with '{embedder_id}' but '{self._embedder.id}' "
                    "was requested. Re-import the catalog to rebuild its vectors."
                )
            return self._embedder
        self._embedder = get_embedder(embedder_id or "minilm-l6-v2")
        return self._embedder

    # ----- import ---------------------------------------------------------------------------

    def import_feed(
        self,
        path: Path | str,
        *,
        format: str = "auto",
        mapping: dict[str, str] | None = None,
        replace: bool = True,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> ImportReport:
        """Import a product feed; with ``replace`` products missing from the feed are removed.

        Unchanged products keep their vectors; only new or edited text is embedded.

        Raises:
            FeedError: the file is not a feed we can read (nothing is changed).
            Cancelled: the user cancelled (nothing is changed).
        """
        started = time.perf_counter()
        feed = read_feed(path, format=format, mapping=mapping)
        report = ImportReport(format=feed.format)
        products = self._read_products(feed, report, progress, cancel)
        self.apply_products(products, report, replace=replace, progress=progress, cancel=cancel)
        report.seconds = time.perf_counter() - started
        return report

    @staticmethod
    def _read_products(
        feed: Iterable[Product | SkippedRow],
        report: ImportReport,
        progress: ProgressCallback,
        cancel: CancelToken,
    ) -> list[Product]:
        products: list[Product] = []
        for item in feed:
            if isinstance(item, Product):
                products.append(item)
            else:
                report.skip(item)
            if (len(products) + report.skipped_total) % 1000 == 0:
                cancel.check()
                progress(len(products), 0, "Reading feed")
        return products

    def apply_products(
        self,
        products: Sequence[Product],
        report: ImportReport | None = None,
        *,
        replace: bool = True,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> ImportReport:
        """Write products (embedding only what changed) in one transaction, then re-index."""
        report = report or ImportReport()
        with self._lock:
            existing = store.existing_hashes(self._conn)
            embedder_id = self.meta().get("embedder") or (
                self._embedder.id if self._embedder
                else choose_embedder([p.title for p in products])
            )
        embedder = self._embedder if self._embedder and self._embedder.id == embedder_id else None
        embedder = embedder or get_embedder(embedder_id)
        self._embedder = embedder
        plan = [(p, store.content_hash(p), embed_text(p)) for p in products]
        to_embed = [
            (i, text) for i, (p, _, text) in enumerate(plan)
            if existing.get(p.id, (0, "", None))[2] != _text_hash(text, embedder.id)
        ]
        vectors = embedder.embed_passages([t for _, t in to_embed], progress, cancel)
        new_vectors = {i: vectors[n] for n, (i, _) in enumerate(to_embed)}
        cancel.check()
        writer = store.open_db(self.directory, create=True)
        try:
            with transaction(writer):
                self._write(writer, plan, existing, new_vectors, embedder, report, replace)
            self._rebuild_index(writer, embedder)
        finally:
            writer.close()
        report.embedded = len(to_embed)
        self._reload()
        return report

    def _write(
        self,
        writer: sqlite3.Connection,
        plan: list[tuple[Product, str, str]],
        existing: dict[str, tuple[int, str, str | None]],
        new_vectors: dict[int, np.ndarray],
        embedder: Embedder,
        report: ImportReport,
        replace: bool,
    ) -> None:
        for i, (product, chash, text) in enumerate(plan):
            rowid, old_hash, _ = existing.get(product.id, (None, None, None))
            if rowid is not None and old_hash == chash and i not in new_vectors:
                report.unchanged += 1
                continue
            if rowid is None:
                report.imported += 1
            else:
                report.updated += 1
            rowid = store.upsert(writer, product, chash, rowid)
            if i in new_vectors:
                store.store_vector(writer, rowid, _text_hash(text, embedder.id), new_vectors[i])
        if replace:
            kept = {p.id for p, _, _ in plan}
            gone = [rowid for pid, (rowid, _, _) in existing.items() if pid not in kept]
            store.remove(writer, gone)
            report.removed = len(gone)
        store.set_meta(writer, {
            "embedder": embedder.id,
            "dim": embedder.dim,
            "generation": f"{time.time_ns()}",
        })

    def _rebuild_index(self, conn: sqlite3.Connection, embedder: Embedder) -> None:
        labels, vectors = store.all_vectors(conn, embedder.dim)
        generation = store.get_meta(conn).get("generation", "")
        VectorIndex.build(labels, vectors, embedder.id).save(self.directory, generation)

    def _reload(self) -> None:
        with self._lock:
            self._index = None
            self._speller = None
            self._generation = store.get_meta(self._conn).get("generation", "")

    def _current_index(self) -> VectorIndex | ExactIndex | None:
        """The loaded HNSW index, reloaded when another writer changed the catalog.

        While an import has committed but not yet rewritten the index, the search falls back to
        exact search over its own snapshot's vectors rather than mixing two catalogs.
        """
        with self._lock:
            meta = store.get_meta(self._conn)
            generation = meta.get("generation", "")
            if generation != self._generation:
                self._index, self._speller = None, None
                self._generation = generation
            if self._index is None and meta.get("embedder"):
                count = self._conn.execute("SELECT count(*) FROM embeddings").fetchone()[0]
                dim = int(meta.get("dim", 384))
                try:
                    self._index = VectorIndex.load(
                        self.directory, meta["embedder"], dim, count, generation)
                except StaleIndex:
                    return ExactIndex(*store.all_vectors(self._conn, dim))
                except CatalogError as err:
                    log.warning("rebuilding search index: %s", err)
                    self._rebuild_index(self._conn, self.embedder())
                    self._index = VectorIndex.load(self.directory, meta["embedder"], dim, count)
            return self._index

    # ----- reading --------------------------------------------------------------------------

    def get(self, product_id: str) -> Product | None:
        with self._lock:
            row = self._conn.execute("SELECT * FROM products WHERE id = ?",
                                     (product_id,)).fetchone()
        return store.product_from_row(row) if row else None

    def get_many(self, ids: Sequence[str]) -> list[Product]:
        """Products for these ids, in the given order; unknown ids are left out."""
        with self._lock:
            rows = {}
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for row in self._conn.execute(f"SELECT * FROM products WHERE id IN ({marks})",
                                              chunk):
                    rows[row["id"]] = store.product_from_row(row)
        return [rows[i] for i in ids if i in rows]

    def brands(self) -> list[str]:
        """Every brand in the catalog (the assistant matches a request's brand against these)."""
        with self._lock:
            return [r[0] for r in self._conn.execute(
                "SELECT DISTINCT brand FROM products WHERE brand != '' ORDER BY brand")]

    def currency(self) -> str:
        """The currency most of the catalog's prices are in ("" when it has no prices)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT currency FROM products WHERE price IS NOT NULL AND currency != '' "
                "GROUP BY currency ORDER BY count(*) DESC LIMIT 1").fetchone()
        return str(row[0]) if row else ""

    def product_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT id FROM products ORDER BY rowid")]

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Unit-length vectors of these products (zeros for unknown ids), in the given order."""
        dim = int(self.meta().get("dim", 384))
        out = np.zeros((len(ids), dim), dtype=np.float32)
        position = {pid: i for i, pid in enumerate(ids)}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    "SELECT p.id, e.vector FROM products p JOIN embeddings e ON e.rowid = p.rowid "
                    f"WHERE p.id IN ({marks})", chunk,
                )
                for pid, blob in rows:
                    out[position[pid]] = np.frombuffer(blob, dtype=np.float32)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder().embed_query(text)

    def similar(self, product_id: str, limit: int = 10) -> list[SearchHit]:
        """Products nearest to this one by meaning (the product itself excluded)."""
        index = self._current_index()
        vector = self.vectors([product_id])[0]
        if index is None or not vector.any():
            return []
        pairs = [(r, s) for r, s in index.query(vector, limit + 1)]
        with self._lock:
            products = store.products_by_rowid(self._conn, [r for r, _ in pairs])
        hits = [
            SearchHit(products[r], s, None, rank)
            for rank, (r, s) in enumerate(pairs)
            if r in products and products[r].id != product_id
        ]
        return hits[:limit]

    # ----- search ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        filters: SearchFilters = NO_FILTERS,
        sort: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        mode: str = "hybrid",
    ) -> SearchResult:
        """Hybrid search with filters, facets and typo tolerance.

        An empty query browses the catalog (filters and sort still apply).

        Raises:
            SearchError: invalid sort, limit or filter values.
        """
        started = time.perf_counter()
        search_mod.validate(filters, sort, limit, offset)
        query = query.strip()[: search_mod.MAX_QUERY_CHARS]
        terms = query_terms(query)
        if not query or (not terms and mode == "keyword"):
            return self._browse(query, filters, sort, limit, offset, started)
        corrected = None
        # One read transaction: every query of this search sees the same snapshot, so an import
        # committing meanwhile (another thread or process) is seen entirely or not at all.
        with self._lock, transaction(self._conn, immediate=False):
            keyword: list[tuple[int, float]] = []
            if mode in ("hybrid", "keyword"):
                keyword = search_mod.keyword_ranking(
                    self._conn, terms, filters, self.config, prefix_last=True)
                if len(keyword) < 3:
                    fixed = self._correct(terms)
                    if fixed != terms:
                        corrected = " ".join(fixed)
                        keyword = search_mod.keyword_ranking(
                            self._conn, fixed, filters, self.config)
            dense = self._dense(corrected or query, filters) if mode in ("hybrid", "dense") else []
            cosines = self._cosines(corrected or query, keyword, dense) if mode == "hybrid" else {}
            fused = search_mod.fuse(keyword, dense, self.config, cosines)
            return self._page(query, fused, filters, sort, limit, offset, started, corrected)

    def _cosines(self, query: str, keyword: list[tuple[int, float]],
                 dense: list[tuple[int, float]]) -> dict[int, float]:
        """Cosine of the query with keyword candidates the dense list missed (score fusion)."""
        if self.config.fusion != "score" or not keyword or self._current_index() is None:
            return {}
        seen = {r for r, _ in dense}
        missing = [r for r, _ in keyword if r not in seen]
        vector = self.embed_query(query)
        with self._lock:
            return store.cosines_by_rowid(self._conn, missing, vector)

    def _correct(self, terms: list[str]) -> list[str]:
        if self._speller is None:
            self._speller = Speller(store.title_vocabulary(self._conn))
        return [self._speller.correct(t) for t in terms]

    def _dense(self, query: str, filters: SearchFilters) -> list[tuple[int, float]]:
        index = self._current_index()
        if index is None:
            return []
        has_filters = filters != SearchFilters()
        pool = self.config.dense_pool * (10 if has_filters else 1)
        pairs = index.query(self.embed_query(query), pool)
        if not has_filters:
            return pairs
        where, params = search_mod.filter_sql(filters)
        with self._lock:
            allowed = self._rowids_matching([r for r, _ in pairs], where, params)
        return [(r, s) for r, s in pairs if r in allowed][: self.config.dense_pool]

    def _rowids_matching(self, rowids: list[int], where: str, params: list[object]) -> set[int]:
        allowed: set[int] = set()
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT p.rowid FROM products p WHERE p.rowid IN ({marks}){where}"
            allowed.update(r[0] for r in self._conn.execute(sql, [*chunk, *params]))
        return allowed

    def _page(
        self,
        query: str,
        fused: list[tuple[int, float, int | None, int | None]],
        filters: SearchFilters,
        sort: str,
        limit: int,
        offset: int,
        started: float,
        corrected: str | None,
    ) -> SearchResult:
        with self._lock:
            products = store.products_by_rowid(self._conn, [f[0] for f in fused])
            fused = [f for f in fused if f[0] in products]
            facets = search_mod.facets_for(self._conn, [f[0] for f in fused], filters)
        hits = [SearchHit(products[r], s, kr, dr) for r, s, kr, dr in fused]
        hits = search_mod.sort_hits(hits, sort)
        return SearchResult(
            query=query,
            hits=hits[offset : offset + limit],
            total=len(hits),
            facets=facets,
            took_ms=(time.perf_counter() - started) * 1000,
            corrected_query=corrected,
        )

    def _browse(
        self,
        query: str,
        filters: SearchFilters,
        sort: str,
        limit: int,
        offset: int,
        started: float,
    ) -> SearchResult:
        where, params = search_mod.filter_sql(filters)
        order = search_mod.browse_order(sort)
        with self._lock:
            total = self._conn.execute(
                f"SELECT count(*) FROM products p WHERE 1{where}", params
            ).fetchone()[0]
            rows = self._conn.execute(
                f"SELECT * FROM products p WHERE 1{where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
            facets = search_mod.facets_for(self._conn, None, filters)
        hits = [SearchHit(store.product_from_row(r), 0.0) for r in rows]
        return SearchResult(query, hits, int(total), facets, (time.perf_counter() - started) * 1000)
