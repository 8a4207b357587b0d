"""Compact vectors for big catalogs: int8 codes with one symmetric scale per dimension.

A float32 vector costs 4 bytes a dimension, and a format-1 bundle stores it twice (in
``catalog.db`` and in the HNSW index). A compact bundle (format 2, ``vectors: int8``) stores
each vector once as int8 codes in ``catalog.db`` and no index; the installer turns the codes
back into float32 and builds the index on the shopper's machine. The scale of dimension d is
max |x_d| / 127 over the catalog, so every code uses the full range of its dimension;
bench/int8_vectors.py and ``aisle eval --vectors int8`` measure what it costs in recall and nDCG.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from engine.catalog import store
from engine.db import transaction
from engine.errors import BundleError

FORMAT = "int8"
SCALE_KEY = "vector_scale"  # meta: the float32 scales' bytes in hex, one per dimension
FORMAT_KEY = "vector_format"


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes of ``vectors`` and the per-dimension scale that maps them back."""
    scale = (np.maximum(np.abs(vectors).max(axis=0, initial=0.0), 1e-12) / 127.0)
    codes = np.clip(np.rint(vectors / scale), -127, 127).astype(np.int8)
    return codes, scale.astype(np.float32)


def restore(codes: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The float32 vectors that ``codes`` stand for."""
    return codes.astype(np.float32) * scale.astype(np.float32)


def round_trip(vectors: np.ndarray) -> np.ndarray:
    """What a compact bundle gives back for ``vectors``: for measuring its cost."""
    return restore(*quantise(vectors))


def compact_database(path: Path, dim: int) -> None:
    """Rewrite a catalog database's vectors as int8 codes (publisher side, before VACUUM)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        labels, vectors = store.all_vectors(conn, dim)
        codes, scale = quantise(vectors)
        with transaction(conn):
            conn.executemany("UPDATE embeddings SET vector = ? WHERE rowid = ?",
                             ((c.tobytes(), int(r)) for c, r in zip(codes, labels, strict=True)))
            store.set_meta(conn, {FORMAT_KEY: FORMAT, SCALE_KEY: scale.tobytes().hex()})
        conn.execute("VACUUM")
    finally:
        conn.close()


def expand_database(path: Path, dim: int) -> None:
    """Turn a compact bundle's int8 codes back into float32 vectors, in one transaction.

    Raises:
        BundleError: the codes or the scale do not have the catalog's dimension (damaged).
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        meta = store.get_meta(conn)
        try:
            scale = np.frombuffer(bytes.fromhex(meta.get(SCALE_KEY, "")), dtype=np.float32)
            rows = conn.execute("SELECT rowid, vector FROM embeddings ORDER BY rowid").fetchall()
            codes = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int8)
            codes = codes.reshape(len(rows), dim)
        except ValueError as err:
            raise BundleError("The bundle's compact vectors are damaged ({reason}).",
                              reason=str(err)) from err
        if meta.get(FORMAT_KEY) != FORMAT or scale.shape != (dim,):
            raise BundleError("The bundle's compact vectors are damaged ({reason}).",
                              reason=f"scale of {scale.shape[0]} values for {dim} dimensions")
        vectors = restore(codes, scale)
        with transaction(conn):
            conn.executemany("UPDATE embeddings SET vector = ? WHERE rowid = ?",
                             ((v.tobytes(), r[0]) for v, r in zip(vectors, rows, strict=True)))
            conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (FORMAT_KEY, SCALE_KEY))
    finally:
        conn.close()
