"""The publisher's build on Ray: feeds read and normalised, and products embedded, in parallel.

A marketplace feed of millions of products takes days to embed in one process. This runs the
same steps as a local build on Ray Data, on one machine (``ray.init`` with N CPUs) or on an
existing cluster (``ray_address``):

1. each feed file (a marketplace ships shards) is one block, read and normalised by the app's
   own importers in a Ray task;
2. the driver chooses the embedder from the products' text and plans what to embed, exactly as
   a local import does;
3. the texts are embedded by ``map_batches`` over an actor pool, each actor holding the same
   embedder class the app queries with, so the vectors are the local build's (within float
   rounding: batches are cut differently);
4. the driver writes them with the local writer, so the bundle has the same format.

Ray is publisher-only (the ``[publish]`` extra): the shopper's app never imports this module.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from engine.catalog.importer import EmbedPassages, read_products
from engine.embedders import Embedder, new_embedder
from engine.errors import BundleError
from engine.importers import read_feed
from engine.messages import Message
from engine.progress import CancelToken, ProgressCallback
from engine.records import ImportReport, Product

log = logging.getLogger(__name__)

EMBED_BATCH = 256  # texts per actor call: large enough to amortise Ray's per-batch overhead


@dataclass(frozen=True)
class RayOptions:
    """Where to run: a local Ray with ``workers`` embedding actors, or an existing cluster."""

    workers: int = 2
    address: str | None = None


@contextmanager
def session(options: RayOptions) -> Iterator[Any]:
    """The ``ray`` module, connected to the cluster or to a local Ray started for this build
    (and stopped after it; a Ray the caller had started is left running).

    Raises:
        BundleError: Ray is not installed (the ``publish`` extra) or cannot start.
    """
    try:
        import ray
    except ImportError as err:
        raise BundleError("Building on Ray needs the 'ray' package: install Aisle with its "
                          "publish extra (pip install 'aisle[publish]').") from err
    started = not ray.is_initialized()
    if started:
        try:
            if options.address:
                ray.init(address=options.address, log_to_driver=False)
            else:
                # Ray runs its workers at nice 15 to keep its own daemons responsive; on a
                # publisher's box also doing other work that starved the embedding actors 4-6x
                # (bench/publish_scale.py), so this build's own Ray runs them at normal priority.
                ray.init(num_cpus=max(options.workers, 1), include_dashboard=False,
                         log_to_driver=False, configure_logging=False,
                         _system_config={"worker_niceness": 0})
        except (ConnectionError, RuntimeError, ValueError) as err:
            raise BundleError("Ray could not start ({reason}).", reason=str(err)) from err
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # the catalog keeps the feeds' order
    context.enable_progress_bars = False
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


def read_feeds(ray: Any, feeds: Sequence[Path], format: str,
               mapping: dict[str, str] | None, report: ImportReport,
               progress: ProgressCallback, cancel: CancelToken) -> list[Product]:
    """Every feed's products, in feed order; refused rows are counted in ``report``."""
    blocks = ray.data.from_items([{"feed": str(f)} for f in feeds],
                                 override_num_blocks=len(feeds))
    rows = blocks.flat_map(_ReadFeed(format, mapping))
    items = (pickle.loads(row["item"]) for row in rows.iter_rows())
    return read_products(items, report, progress, cancel)


class _ReadFeed:
    """One feed file's products and refused rows, pickled (a row's attributes vary in shape)."""

    def __init__(self, format: str, mapping: dict[str, str] | None) -> None:
        self._format, self._mapping = format, mapping

    def __call__(self, row: dict[str, Any]) -> Iterator[dict[str, bytes]]:
        for item in read_feed(row["feed"], format=self._format, mapping=self._mapping):
            yield {"item": pickle.dumps(item)}


def embed_on(ray: Any, workers: int) -> EmbedPassages:
    """An ``embed`` step for :meth:`Catalog.apply_products` that runs on an actor pool."""

    def embed(embedder: Embedder, texts: Sequence[str], progress: ProgressCallback,
              cancel: CancelToken) -> np.ndarray:
        out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        if not texts:
            return out
        # In order of length, as embed_passages does locally: a batch pads to its longest text.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        items = ray.data.from_items([{"pos": i, "text": texts[i]} for i in order])
        vectors = items.map_batches(
            _EmbedActor, fn_constructor_args=(embedder.id,), batch_size=EMBED_BATCH,
            compute=ray.data.ActorPoolStrategy(size=max(workers, 1)), num_cpus=1,
            batch_format="numpy",
        )
        done = 0
        for batch in vectors.iter_batches(batch_size=EMBED_BATCH, batch_format="numpy"):
            cancel.check()
            out[batch["pos"]] = np.stack(batch["vector"])
            done += len(batch["pos"])
            progress(done, len(texts), Message("Embedding products"))
        return out

    return embed


class _EmbedActor:
    """Holds one embedder for the actor's life (loading it is the expensive part), using the
    one CPU Ray gave the actor: N actors then use N cores, not N × all of them."""

    def __init__(self, embedder_id: str) -> None:
        self._embedder = new_embedder(embedder_id, threads=1)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self._embedder.embed_passages([str(t) for t in batch["text"]])
        return {"pos": batch["pos"], "vector": vectors}
