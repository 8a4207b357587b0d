"""One product catalog on disk: import feeds into it, search it, read products from it.

A ``Catalog`` owns a directory (``catalog.db`` + ``vectors.hnsw``) and composes four owners
with one job each: ``store`` (all the SQL), ``importer`` (the import pipeline),
``index_manager`` (the vector index's lifecycle) and ``search``. Imports write through their
own connection in one transaction, so a concurrent search sees the old or the new catalog,
never a mix, and an import that fails or is cancelled leaves the old catalog as it was.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.catalog import store
from engine.catalog.importer import EmbedPassages, Importer, embed_here, embed_text
from engine.catalog.index_manager import DEFAULT_DIM, IndexManager
from engine.catalog.search import (
    NO_FILTERS,
    Rerank,
    SearchConfig,
    Searcher,
    SearchRequest,
    validate,
)
from engine.db import transaction
from engine.embedders import DEFAULT_EMBEDDER, Embedder, choose_embedder, get_embedder
from engine.errors import EmbedderMismatch
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.ranking.features import RankingInput
from engine.records import ImportReport, Product, SearchFilters, SearchHit, SearchResult

__all__ = ["Catalog", "CatalogInfo", "EmbedPassages", "SearchConfig", "embed_here", "embed_text"]


@dataclass(frozen=True)
class CatalogInfo:
    name: str
    version: str
    snapshot_date: str
    product_count: int
    embedder_id: str
    dim: int
    directory: str


class Catalog:
    """A searchable catalog in one directory. Thread-safe: a lock guards the read connection."""

    def __init__(self, directory: Path, embedder: Embedder | None = None) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._open_conn: sqlite3.Connection | None = store.open_db(self.directory, create=True)
        self._lock = threading.RLock()
        self._embedder = embedder
        index = IndexManager(self.directory)
        self._importer = Importer(self.directory, index, self._import_embedder)
        self._searcher = Searcher(index, self.embed_query, self._snapshot)
        self.config = SearchConfig()

    @classmethod
    def open(cls, directory: Path | str, *, embedder: Embedder | None = None) -> Catalog:
        """Open (creating if needed) the catalog in ``directory``."""
        return cls(Path(directory), embedder)

    def close(self) -> None:
        """Release the database now; the catalog still answers afterwards, opening it again.

        A catalog switch closes the old catalog while a search or an answer that began on it may
        still run on another thread, one call after another: the call in progress finishes first
        (it holds the lock), and the next one gets a fresh connection to the same files, never
        a closed one. The owner drops its reference, so that connection goes with the last user.
        """
        with self._lock:
            if self._open_conn is not None:
                self._open_conn.close()
                self._open_conn = None

    @property
    def _conn(self) -> sqlite3.Connection:
        """The read connection (callers hold ``self._lock``)."""
        if self._open_conn is None:
            self._open_conn = store.open_db(self.directory, create=False)
        return self._open_conn

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """The read connection, locked, in one read transaction: every query sees one
        snapshot, so an import committing meanwhile (another thread or process) is seen
        entirely or not at all."""
        with self._lock, transaction(self._conn, immediate=False):
            yield self._conn

    # ----- metadata -------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        with self._lock:
            return store.get_meta(self._conn)

    def info(self) -> CatalogInfo:
        meta = self.meta()
        with self._lock:
            count = store.product_count(self._conn)
        return CatalogInfo(
            name=meta.get("name", self.directory.name),
            version=meta.get("version", ""),
            snapshot_date=meta.get("snapshot_date", ""),
            product_count=count,
            embedder_id=meta.get("embedder", ""),
            dim=int(meta.get("dim", 0) or 0),
            directory=str(self.directory),
        )

    def checkpoint(self) -> None:
        """Fold the WAL into the database file (before the file is copied or archived)."""
        with self._lock:
            store.checkpoint(self._conn)

    def set_info(self, **values: str) -> None:
        """Record catalog name, version and snapshot date (shown as 'prices as of ...')."""
        with self._lock, transaction(self._conn):
            store.set_meta(self._conn, values)

    def embedder(self) -> Embedder:
        """The embedder this catalog's vectors were made with (loaded on first use).

        A catalog that records none has no vectors yet: it gets the default embedder for its
        queries, but is not tied to it, so its first import still chooses by the products' text.

        Raises:
            EmbedderMismatch: the catalog was embedded with another embedder than requested.
        """
        embedder_id = self.meta().get("embedder")
        if self._embedder is not None:
            if embedder_id and self._embedder.id != embedder_id:
                raise EmbedderMismatch(
                    "This catalog was embedded with '{embedder}' but '{requested}' was requested. "
                    "Re-import the catalog to rebuild its vectors.",
                    embedder=embedder_id, requested=self._embedder.id,
                )
            return self._embedder
        if not embedder_id:
            return get_embedder(DEFAULT_EMBEDDER)
        self._embedder = get_embedder(embedder_id)
        return self._embedder

    def _import_embedder(self, products: Sequence[Product]) -> Embedder:
        """The recorded embedder, else the requested one, else one chosen for these products."""
        embedder_id = self.meta().get("embedder") or (
            self._embedder.id if self._embedder else choose_embedder([p.title for p in products])
        )
        if self._embedder is None or self._embedder.id != embedder_id:
            self._embedder = get_embedder(embedder_id)
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
        return self._importer.import_feed(path, format=format, mapping=mapping, replace=replace,
                                          progress=progress, cancel=cancel)

    def apply_products(
        self,
        products: Sequence[Product],
        report: ImportReport | None = None,
        *,
        replace: bool = True,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
        embed: EmbedPassages = embed_here,
    ) -> ImportReport:
        """Write products (embedding only what changed) in one transaction, then re-index.

        ``embed`` turns the texts to embed into vectors with the catalog's embedder; a
        publisher's build passes one that spreads them over worker processes.
        """
        return self._importer.apply(products, report or ImportReport(), replace=replace,
                                    progress=progress, cancel=cancel, embed=embed)

    # ----- reading --------------------------------------------------------------------------

    def get(self, product_id: str) -> Product | None:
        with self._lock:
            return store.product_by_id(self._conn, product_id)

    def get_many(self, ids: Sequence[str]) -> list[Product]:
        """Products for these ids, in the given order; unknown ids are left out."""
        with self._lock:
            found = store.products_by_id(self._conn, ids)
        return [found[i] for i in ids if i in found]

    def brands(self) -> list[str]:
        """Every brand in the catalog (the assistant matches a request's brand against these)."""
        with self._lock:
            return store.brands(self._conn)

    def currency(self) -> str:
        """The currency most of the catalog's prices are in ("" when it has no prices)."""
        with self._lock:
            return store.main_currency(self._conn)

    def thumbnails(self, product_ids: Sequence[str]) -> dict[str, bytes]:
        """The thumbnails (JPEG) of these products that their catalog bundle carried."""
        return store.thumbnails(self.directory, product_ids)

    def image_links(self) -> list[tuple[str, str]]:
        """(id, image link) of every product the feed gave an image (the bundle builder)."""
        with self._lock:
            return store.image_links(self._conn)

    def prices(self) -> list[tuple[str, float, str]]:
        """(id, price, currency) of every product with a price (for the local price history)."""
        with self._lock:
            return store.prices(self._conn)

    def product_ids(self) -> list[str]:
        with self._lock:
            return store.product_ids(self._conn)

    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Unit-length vectors of these products (zeros for unknown ids), in the given order."""
        with self._lock:
            dim = int(store.get_meta(self._conn).get("dim", DEFAULT_DIM))
            return store.vectors_by_id(self._conn, ids, dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embedder().embed_query(text)

    def similar(self, product_id: str, limit: int = 10) -> list[SearchHit]:
        """Products nearest to this one by meaning (the product itself excluded)."""
        return self._searcher.similar(product_id, limit)

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
        rerank: Rerank | None = None,
        translation: str | None = None,
    ) -> SearchResult:
        """Hybrid search with filters, facets and typo tolerance.

        An empty query browses the catalog (filters and sort still apply, ``rerank`` does not).

        Args:
            rerank: re-orders the hits for the shopper (the same hits, in a new order). With
                the relevance sort it gets every fused hit before the page is cut, so a product
                beyond the first page can reach it; ``total`` and facets do not change.
            translation: the chat model's English for a query this catalog searches in
                translation (see :meth:`translates`), searched beside the glossary's words.

        Raises:
            SearchError: invalid sort, limit or filter values.
        """
        request = SearchRequest(query, filters, sort, limit, offset, mode, self.config, rerank,
                                translation)
        validate(request)
        return self._searcher.search(request)

    def translates(self, query: str) -> bool:
        """Whether ``query`` is searched in translation: Chinese words over a catalog that is
        not Chinese (so a chat model's translation of it would help)."""
        return self._searcher.translates(query, self.config)

    def ranking_candidates(self, query: str) -> RankingInput:
        """Every hybrid candidate of ``query`` with the learned ranker's view of it (training)."""
        return self._searcher.ranking_candidates(query, self.config)
