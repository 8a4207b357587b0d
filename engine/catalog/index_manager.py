"""The lifecycle of a catalog's HNSW index: which generation is loaded, loading, rebuilding.

Every import stamps the database with a new ``generation`` and saves the index it rebuilt with
that generation in its manifest. A reader compares the generation of the snapshot it reads
with the loaded index's, so an import by another thread or process is picked up on the next
search without being told about it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from filelock import FileLock

from engine.catalog import store
from engine.errors import CatalogError
from engine.vector_index import ExactIndex, StaleIndex, VectorIndex

log = logging.getLogger(__name__)

DEFAULT_DIM = 384
WRITER_LOCK = "vectors.lock"
# Past this share of deleted products in an index's graph, an update rebuilds it: they still
# cost search time, and hnswlib never reclaims them.
MAX_DELETED_SHARE = 0.2


class IndexManager:
    """The vector index of one catalog directory.

    The catalog calls ``current`` with its read connection's lock held, so one search at a time
    loads or replaces the loaded index; ``rebuild`` writes the files under its own file lock, so
    an import calls it from its own thread or process.
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
            self._index = self.rebuild(conn, embedder_id, dim)
            if self._index is None:  # an import saved a newer generation meanwhile
                return ExactIndex(*store.all_vectors(conn, dim))
        return self._index

    def rebuild(self, conn: sqlite3.Connection, embedder_id: str, dim: int) -> VectorIndex | None:
        """Build the index from the vectors ``conn`` sees and save it with their generation.

        An import and a search that found the index broken may both get here, in two threads
        or two processes: one writes at a time (a file lock beside the index), and an index of
        an older generation never replaces a newer one. None: a newer index was saved already.
        """
        generation = store.get_meta(conn).get("generation", "")
        with FileLock(str(self._directory / WRITER_LOCK)):
            if _order(VectorIndex.saved_generation(self._directory)) > _order(generation):
                return None
            labels, vectors = store.all_vectors(conn, dim)
            index = VectorIndex.build(labels, vectors, embedder_id, dim=dim)
            index.save(self._directory, generation)
        return index


def rebuild_stored(directory: Path, embedder_id: str, dim: int) -> None:
    """Build and save the index of the catalog database in ``directory`` (a freshly staged or
    restored catalog no reader has open yet)."""
    conn = store.open_db(directory, create=False)
    try:
        IndexManager(directory).rebuild(conn, embedder_id, dim)
    finally:
        conn.close()


def update_stored(directory: Path, base: Path, embedder_id: str, dim: int, *,
                  base_generation: str, base_count: int, removed: Sequence[int],
                  updated: Sequence[int]) -> bool:
    """Save in ``directory`` the index of ``base`` updated in place for a delta applied to a copy
    of it: ``removed`` rowids deleted, ``updated`` ones' vectors (read from ``directory``'s
    database) added or replaced. False, with nothing saved, when the caller should rebuild
    instead: the base's index is missing or of another generation, or deleted products would
    make up more than ``MAX_DELETED_SHARE`` of the graph.
    """
    try:
        index = VectorIndex.load(base, embedder_id, dim, base_count, base_generation)
    except CatalogError as err:
        log.info("rebuilding the index of an updated catalog: %s", err)
        return False
    deleted = index.slots - base_count + len(removed)
    if deleted > MAX_DELETED_SHARE * index.slots:
        return False
    conn = store.open_db(directory, create=False)
    try:
        labels, vectors = store.vectors_by_rowid(conn, updated, dim)
        try:
            index.update(np.asarray(removed, dtype=np.int64), labels, vectors)
        except RuntimeError as err:  # hnswlib: a label the base's index does not hold
            log.warning("an in-place index update failed (%s); rebuilding", err)
            return False
        if index.count != store.embedding_count(conn):
            log.warning("an in-place index update disagrees with the catalog; rebuilding")
            return False
        index.save(directory, store.get_meta(conn).get("generation", ""))
    finally:
        conn.close()
    return True


def _order(generation: str) -> int:
    """Generations are import times in nanoseconds; "" (never stamped) is the oldest."""
    return int(generation) if generation.isdigit() else 0
