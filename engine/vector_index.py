"""The dense half of hybrid search: an hnswlib HNSW index persisted beside the catalog.

The index is derived data. Its manifest (``vectors.json``) names the embedder, dimension and
product count; a mismatch or a broken file means "rebuild from the vectors in catalog.db",
never "migrate". A delta update may leave deleted products in the graph, marked so searches
skip them: the manifest's ``slots`` counts them with the live ``count``.
"""

from __future__ import annotations

import json
import logging
import math
import os
from pathlib import Path

import hnswlib
import numpy as np

from engine.errors import CatalogError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
EF_CONSTRUCTION = 200
M = 16
EF_SEARCH = 96
EF_SEARCH_MAX = 1000


def search_ef(count: int) -> int:
    """HNSW's search breadth for an index of ``count`` products.

    A fixed breadth loses true neighbours as the graph grows: in bench/search_latency.py, ef 96
    keeps recall@10 at 0.98 on 10k real vectors but 0.91 at 100k and 0.66 at 1M (synthetic).
    Growing it with the square root of the size holds recall near 0.95 and still answers in a
    few milliseconds at 1M on 2 cores, small beside embedding the query.
    """
    return max(EF_SEARCH, min(EF_SEARCH_MAX, round(EF_SEARCH * math.sqrt(count / 10_000))))


class StaleIndex(CatalogError):
    """The saved index is from an earlier generation of the catalog than the reader's snapshot."""


class VectorIndex:
    """Cosine (inner product on unit vectors) HNSW index whose labels are product rowids."""

    def __init__(self, index: hnswlib.Index, embedder_id: str, count: int | None = None) -> None:
        self._index = index
        self.embedder_id = embedder_id
        self._count = int(index.get_current_count()) if count is None else count
        self.ef = search_ef(self.count)
        index.set_ef(self.ef)

    @classmethod
    def build(cls, labels: np.ndarray, vectors: np.ndarray, embedder_id: str, *,
              dim: int = 384, num_threads: int = -1) -> VectorIndex:
        """Build from (rowid, vector) pairs; ``num_threads=1`` makes the bytes reproducible."""
        dim = vectors.shape[1] if vectors.ndim == 2 and len(vectors) else dim
        index = hnswlib.Index(space="ip", dim=dim)
        index.init_index(max_elements=max(len(labels), 1), ef_construction=EF_CONSTRUCTION, M=M,
                         random_seed=100)
        if len(labels):
            index.add_items(vectors, labels, num_threads=num_threads)
        return cls(index, embedder_id)

    @property
    def count(self) -> int:
        """Products searched (the graph's deleted ones not counted)."""
        return self._count

    @property
    def slots(self) -> int:
        """Products in the graph, deleted ones included."""
        return int(self._index.get_current_count())

    def update(self, removed: np.ndarray, labels: np.ndarray, vectors: np.ndarray) -> None:
        """Delete ``removed`` and add or replace ``labels``' vectors, in place.

        A delta that changes a few percent of a large catalog costs seconds this way where a
        rebuild costs minutes. Labels are rowids, which the catalog never reuses, so a removed
        label is never added back.
        """
        if len(labels):
            needed = self.slots + len(labels)
            if needed > self._index.get_max_elements():
                self._index.resize_index(needed)
            before = self.slots
            self._index.add_items(vectors, labels, num_threads=1)
            self._count += self.slots - before
        for label in removed:
            self._index.mark_deleted(int(label))
        self._count -= len(removed)
        self.ef = search_ef(self.count)
        self._index.set_ef(self.ef)

    def query(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Return up to k (label, cosine similarity) pairs, best first."""
        if self.count == 0 or k <= 0:
            return []
        k = min(k, self.count)
        self._index.set_ef(max(self.ef, k))
        labels, distances = self._index.knn_query(vector.reshape(1, -1), k=k)
        return [(int(label), float(1.0 - dist))
                for label, dist in zip(labels[0], distances[0], strict=True)]

    def save(self, directory: Path, generation: str = "") -> None:
        """Write the index and its manifest atomically (temp file + rename).

        ``generation`` is the catalog database's generation the index was built from, so a
        reader can tell an index that an import has not rewritten yet.
        """
        tmp = directory / "vectors.hnsw.tmp"
        self._index.save_index(str(tmp))
        os.replace(tmp, directory / "vectors.hnsw")
        manifest = {
            "format_version": FORMAT_VERSION,
            "embedder": self.embedder_id,
            "dim": self._index.dim,
            "count": self.count,
            "slots": self.slots,
            "generation": generation,
        }
        tmp_manifest = directory / "vectors.json.tmp"
        tmp_manifest.write_text(json.dumps(manifest, indent=2))
        os.replace(tmp_manifest, directory / "vectors.json")

    @staticmethod
    def saved_generation(directory: Path) -> str:
        """The catalog generation of the index saved in ``directory`` ("": none or unreadable)."""
        try:
            return str(json.loads((directory / "vectors.json").read_text()).get("generation", ""))
        except (OSError, ValueError, AttributeError):
            return ""

    @classmethod
    def load(cls, directory: Path, embedder_id: str, dim: int, expected_count: int,
             generation: str = "") -> VectorIndex:
        """Load the saved index.

        Raises:
            StaleIndex: the index belongs to another generation of the catalog (an import
                is rewriting it right now).
            CatalogError: the index is missing, out of date or broken.
        """
        manifest_path, index_path = directory / "vectors.json", directory / "vectors.hnsw"
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError) as err:
            raise CatalogError("The search index manifest {path} is missing or broken.",
                               path=manifest_path) from err
        if (
            manifest.get("format_version") != FORMAT_VERSION
            or manifest.get("embedder") != embedder_id
            or manifest.get("dim") != dim
            or manifest.get("count") != expected_count
        ):
            raise CatalogError("The search index in {directory} is out of date.",
                               directory=directory)
        if generation and manifest.get("generation") not in ("", generation):
            raise StaleIndex("The search index in {directory} is being rewritten.",
                             directory=directory)
        slots = manifest.get("slots", expected_count)
        index = hnswlib.Index(space="ip", dim=dim)
        try:
            index.load_index(str(index_path), max_elements=max(int(slots), 1))
        except (RuntimeError, OSError, ValueError, TypeError) as err:
            raise CatalogError("The search index {path} is damaged.", path=index_path) from err
        if index.get_current_count() != slots:
            raise CatalogError("The search index {path} is incomplete.", path=index_path)
        return cls(index, embedder_id, expected_count)


class ExactIndex:
    """Brute-force search over a snapshot's vectors: the stand-in while an import rewrites
    ``vectors.hnsw``, so a search then still sees exactly its own snapshot."""

    def __init__(self, labels: np.ndarray, vectors: np.ndarray) -> None:
        self._labels, self._vectors = labels, vectors

    @property
    def count(self) -> int:
        return len(self._labels)

    def query(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self._labels) or k <= 0:
            return []
        scores = self._vectors @ vector
        top = np.argsort(-scores)[:k]
        return [(int(self._labels[i]), float(scores[i])) for i in top]
