"""The import pipeline: read a feed, diff it with the catalog by content hash, embed only new or
edited text, write everything in one transaction, then have the index rebuilt.

The import writes through a connection of its own, and only after the last embedding batch,
in one transaction: a concurrent search sees the old or the new catalog, never a mix, and an
import that fails or is cancelled leaves the old catalog as it was.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.catalog import store
from engine.catalog.index_manager import IndexManager
from engine.db import transaction
from engine.embedders import Embedder
from engine.importers import read_feed
from engine.messages import Message
from engine.progress import CancelToken, ProgressCallback
from engine.records import ImportReport, Product, SkippedRow

EMBED_DESCRIPTION_CHARS = 100
Stored = dict[str, tuple[int, str, str | None]]  # id -> (rowid, content hash, text hash)
ChooseEmbedder = Callable[[Sequence[Product]], Embedder]
# How texts become vectors: in this process by default; a publisher's build may hand them to
# a pool of workers holding the same embedder (engine/bundles/ray_pipeline.py).
EmbedPassages = Callable[[Embedder, Sequence[str], ProgressCallback, CancelToken], np.ndarray]


def embed_here(embedder: Embedder, texts: Sequence[str], progress: ProgressCallback,
               cancel: CancelToken) -> np.ndarray:
    return embedder.embed_passages(texts, progress, cancel)


def embed_text(product: Product) -> str:
    """What the dense index sees of a product: the title first, then what disambiguates it."""
    parts = [product.title, product.brand, product.category.replace(" > ", ", ")]
    if product.description:
        parts.append(product.description[:EMBED_DESCRIPTION_CHARS])
    return ". ".join(p for p in parts if p)


def content_hash(product: Product) -> str:
    payload = json.dumps(product.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _text_hash(text: str, embedder_id: str) -> str:
    return hashlib.sha256(f"{embedder_id}\0{text}".encode()).hexdigest()[:32]


def read_products(feed: Iterable[Product | SkippedRow], report: ImportReport,
                  progress: ProgressCallback, cancel: CancelToken) -> list[Product]:
    """The feed's products; its refused rows are counted in ``report``."""
    products: list[Product] = []
    for item in feed:
        if isinstance(item, Product):
            products.append(item)
        else:
            report.skip(item)
        if (len(products) + report.skipped_total) % 1000 == 0:
            cancel.check()
            progress(len(products), 0, Message("Reading feed"))
    return products


@dataclass(frozen=True)
class _Plan:
    """Each product with its content hash and embedding text; which positions need a vector."""

    rows: list[tuple[Product, str, str]]
    to_embed: list[int]

    @classmethod
    def of(cls, products: Sequence[Product], stored: Stored, embedder_id: str) -> _Plan:
        rows = [(p, content_hash(p), embed_text(p)) for p in products]
        to_embed = [i for i, (p, _, text) in enumerate(rows)
                    if stored.get(p.id, (0, "", None))[2] != _text_hash(text, embedder_id)]
        return cls(rows, to_embed)


class Importer:
    """Writes products into the catalog in ``directory``.

    ``choose_embedder`` picks the embedder for the products about to be written (the one the
    catalog records, else one suited to their text).
    """

    def __init__(self, directory: Path, index: IndexManager,
                 choose_embedder: ChooseEmbedder) -> None:
        self._directory = directory
        self._index = index
        self._choose_embedder = choose_embedder

    def import_feed(self, path: Path | str, *, format: str, mapping: dict[str, str] | None,
                    replace: bool, progress: ProgressCallback, cancel: CancelToken
                    ) -> ImportReport:
        """Read and apply a feed file; see ``Catalog.import_feed``."""
        started = time.perf_counter()
        feed = read_feed(path, format=format, mapping=mapping)
        report = ImportReport(format=feed.format)
        products = read_products(feed, report, progress, cancel)
        self.apply(products, report, replace=replace, progress=progress, cancel=cancel)
        report.seconds = time.perf_counter() - started
        return report

    def apply(self, products: Sequence[Product], report: ImportReport, *, replace: bool,
              progress: ProgressCallback, cancel: CancelToken,
              embed: EmbedPassages = embed_here) -> ImportReport:
        """Embed what changed, write it all in one transaction, then rebuild the index."""
        embedder = self._choose_embedder(products)
        writer = store.open_db(self._directory, create=True)
        try:
            stored = store.existing_hashes(writer)
            plan = _Plan.of(products, stored, embedder.id)
            texts = [plan.rows[i][2] for i in plan.to_embed]
            vectors = embed(embedder, texts, progress, cancel)
            cancel.check()
            new_vectors = {i: vectors[n] for n, i in enumerate(plan.to_embed)}
            with transaction(writer):
                _write(writer, plan, stored, new_vectors, embedder, report, replace)
            self._index.rebuild(writer, embedder.id, embedder.dim)
        finally:
            writer.close()
        report.embedded = len(texts)
        return report


def _write(writer: sqlite3.Connection, plan: _Plan, stored: Stored,
           new_vectors: dict[int, np.ndarray], embedder: Embedder, report: ImportReport,
           replace: bool) -> None:
    for i, (product, chash, text) in enumerate(plan.rows):
        rowid, old_hash, _ = stored.get(product.id, (None, None, None))
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
        kept = {p.id for p, _, _ in plan.rows}
        gone = [rowid for pid, (rowid, _, _) in stored.items() if pid not in kept]
        store.remove(writer, gone)
        report.removed = len(gone)
    store.set_meta(writer, {
        "embedder": embedder.id,
        "dim": embedder.dim,
        "generation": f"{time.time_ns()}",
    })
