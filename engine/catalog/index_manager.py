"""The lifecycle of a catalog's HNSW index: which generation is loaded, loading, rebuilding.

Every import stamps the database with a new ``generation`` and saves the index it rebuilt with
that generation in its manifest. A reader compares the generation of the snapshot it reads
with the loaded index's, so an import by another thread or process is picked up on the next
search without being told about it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from engine.catalog import store
from engine.errors import CatalogError
from engine.vector_index import ExactIndex, StaleIndex, VectorIndex

log = logging.getLogger(__name__)

DEFAULT_DIM = 384


class IndexManager:
    """The vector index of one catalog directory.

    Not locked itself: the catalog calls ``current`` with its read connection's lock held, so
    one search at a time loads or replaces the index. ``rebuild`` only replaces files (each
    atomically), so an import calls it from its own thread.
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._index: VectorIndex | None = None
        self._generation = ""

    def current(self, conn: sqlite3.Connection, meta: dict[str, str]
                ) -> VectorIndex | ExactIndex | None:
        """The index of the snapshot ``conn`` is reading (``meta`` is that snapshot's meta).

        While an import has committed but not yet rewritten the index, this is exact search
        over the snapshot's own vectors rather than an index of another catalog generation.
        A missing or broken index is rebuilt from the stored vectors. None: nothing embedded.
        """
        generation = meta.get("generation", "")
        if generation != self._generation:
            self._index, self._generation = None, generation
        embedder_id = meta.get("embedder")
        if self._index is not None or not embedder_id:
            return self._index
        dim = int(meta.get("dim", DEFAULT_DIM))
        count = store.embedding_count(conn)
        try:
            self._index = VectorIndex.load(self._directory, embedder_id, dim, count, generation)
        except StaleIndex:
            return ExactIndex(*store.all_vectors(conn, dim))
        except CatalogError as err:
            log.warning("rebuilding search index: %s", err)
            self.rebuild(conn, embedder_id, dim)
            self._index = VectorIndex.load(self._directory, embedder_id, dim, count)
        return self._index

    def rebuild(self, conn: sqlite3.Connection, embedder_id: str, dim: int) -> None:
        """Build the index from the vectors ``conn`` sees and save it with their generation."""
        labels, vectors = store.all_vectors(conn, dim)
        generation = store.get_meta(conn).get("generation", "")
        VectorIndex.build(labels, vectors, embedder_id, dim=dim).save(self._directory, generation)
