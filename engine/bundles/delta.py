"""Delta bundles: a catalog version shipped as its changes against the version installed.

A weekly price update of a big catalog touches a few percent of its products; shipping only
those (with their vectors) makes the update megabytes instead of gigabytes. The publisher makes
the delta from two full bundles; the client applies it to a copy of its active catalog in a new
slot and swaps it in like any install.

Both ends are pinned by content digests (:func:`engine.catalog.store.content_digest`): the
delta names the digest of the catalog it applies to, and of the catalog it must produce. A
client whose catalog is not that base refuses the delta (:class:`DeltaBaseMismatch`) and the
update falls back to the full bundle; a result that does not match is refused as damaged. The
active catalog is never written to.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.bundles import int8_vectors, signing
from engine.bundles.archive import (
    date_to_epoch,
    file_entry,
    members,
    unpack_verified,
    write_archive,
)
from engine.bundles.manifest import (
    DELTA_FILES,
    OPTIONAL_FILES,
    DeltaBase,
    Manifest,
    bundle_generation,
)
from engine.catalog import store
from engine.db import transaction
from engine.errors import BundleError, DeltaBaseMismatch
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

DELTA_NAME = DELTA_FILES[0]
_COLUMNS = ", ".join(store.PRODUCT_COLUMNS)
_SCHEMA = f"""
    CREATE TABLE changed ({_COLUMNS}, content_hash TEXT NOT NULL, text_hash TEXT NOT NULL,
                          vector BLOB NOT NULL);
    CREATE TABLE removed (id TEXT PRIMARY KEY);
"""


@dataclass(frozen=True)
class VectorChanges:
    """What applying a delta did to the vectors, so the base's index can be updated in place:
    the base catalog's generation and vector count (which index to start from), the rowids whose
    vectors are gone, and those with new or changed vectors."""

    base_generation: str
    base_count: int
    removed: list[int]
    updated: list[int]


@dataclass(frozen=True)
class DeltaResult:
    path: Path
    manifest: Manifest
    changed: int
    removed: int
    bundle_bytes: int
    sha256: str


# ----- publisher side ---------------------------------------------------------------------------

def build_delta(base: Path | str, target: Path | str, out: Path | str, *,
                sign_key: Path | str | None = None) -> DeltaResult:
    """Write the delta that turns the catalog of bundle ``base`` into that of bundle ``target``.

    Raises:
        BundleError: either bundle is damaged, or they are different catalogs (another name or
            embedding model).
    """
    key = signing.load_private_key(sign_key) if sign_key else None
    with tempfile.TemporaryDirectory(prefix="aisle-delta-") as tmp:
        old, new = (_unpacked(Path(b), Path(tmp) / n) for b, n in ((base, "base"),
                                                                    (target, "target")))
        if (old.name, old.embedder_id, old.dim) != (new.name, new.embedder_id, new.dim):
            raise BundleError("A delta joins two versions of one catalog made with one embedding "
                              "model; {base} and {target} are not.", base=base, target=target)
        stage = Path(tmp) / "stage"
        stage.mkdir()
        changed, removed = _write_changes(Path(tmp) / "base", Path(tmp) / "target", stage)
        with closing(sqlite3.connect(Path(tmp) / "base" / store.DB_NAME)) as conn:
            base_digest = store.content_digest(conn)
        with closing(sqlite3.connect(Path(tmp) / "target" / store.DB_NAME)) as conn:
            digest = store.content_digest(conn)
        names = [*DELTA_FILES, *OPTIONAL_FILES]
        manifest = Manifest(new.name, new.version, new.created, new.product_count,
                            new.embedder_id, new.dim,
                            tuple(file_entry(stage / n) for n in names if (stage / n).exists()),
                            format_version=2, base=DeltaBase(old.version, base_digest),
                            digest=digest)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_archive(out, members(manifest, stage, key), date_to_epoch(new.created))
    entry = file_entry(out)
    log.info("delta %s -> %s: %d changed, %d removed, %d bytes", old.version, new.version,
             changed, removed, entry.size)
    return DeltaResult(out, manifest, changed, removed, entry.size, entry.sha256)


def _unpacked(bundle: Path, folder: Path) -> Manifest:
    """Unpack a full bundle of the publisher's own, its vectors as float32."""
    folder.mkdir()
    manifest = unpack_verified(bundle, folder).manifest
    if manifest.base is not None:
        raise BundleError("{bundle} is itself a delta; make deltas from full bundles.",
                          bundle=bundle.name)
    if manifest.vectors == "int8":
        int8_vectors.expand_database(folder / store.DB_NAME, manifest.dim)
    return manifest


def _write_changes(base: Path, target: Path, stage: Path) -> tuple[int, int]:
    """``delta.db`` (and the changed products' thumbnails) in ``stage``: products new or changed
    in content or embedded text, in the target's order, and the ids the target dropped.

    Vectors are not compared: the same text gives the same vector, except for int8 bundles,
    whose scales (and so every restored vector) move a little with each version."""
    with closing(sqlite3.connect(stage / DELTA_NAME, isolation_level=None)) as conn:
        conn.executescript(_SCHEMA)
        conn.execute("ATTACH ? AS base", (str(base / store.DB_NAME),))
        conn.execute("ATTACH ? AS target", (str(target / store.DB_NAME),))
        with transaction(conn):
            conn.execute(
                f"INSERT INTO changed SELECT {', '.join('p.' + c for c in store.PRODUCT_COLUMNS)},"
                " p.content_hash, e.text_hash, e.vector FROM target.products p"
                " JOIN target.embeddings e ON e.rowid = p.rowid"
                " LEFT JOIN base.products b ON b.id = p.id"
                " LEFT JOIN base.embeddings be ON be.rowid = b.rowid"
                " WHERE b.id IS NULL OR b.content_hash != p.content_hash"
                " OR be.text_hash IS NOT e.text_hash"
                " ORDER BY p.rowid")
            conn.execute("INSERT INTO removed SELECT id FROM base.products"
                         " WHERE id NOT IN (SELECT id FROM target.products) ORDER BY id")
        changed = conn.execute("SELECT count(*) FROM changed").fetchone()[0]
        removed = conn.execute("SELECT count(*) FROM removed").fetchone()[0]
        conn.execute("DETACH base")
        conn.execute("DETACH target")
        conn.execute("VACUUM")
    thumbs = target / store.THUMBNAILS_NAME
    if thumbs.exists():
        _changed_thumbnails(thumbs, stage)
    return int(changed), int(removed)


def _changed_thumbnails(thumbs: Path, stage: Path) -> None:
    """The target's thumbnails of the changed products (the client keeps the others)."""
    dest = stage / store.THUMBNAILS_NAME
    shutil.copyfile(thumbs, dest)
    with closing(sqlite3.connect(dest, isolation_level=None)) as conn:
        conn.execute("ATTACH ? AS delta", (str(stage / DELTA_NAME),))
        conn.execute("DELETE FROM thumbnails WHERE product_id NOT IN "
                     "(SELECT id FROM delta.changed)")
        conn.execute("DETACH delta")
        conn.execute("VACUUM")


# ----- client side ------------------------------------------------------------------------------

def apply_delta(slot: Path, active: Path, manifest: Manifest,
                progress: ProgressCallback = no_progress,
                cancel: CancelToken = NEVER_CANCELLED) -> VectorChanges:
    """Turn the unpacked delta in ``slot`` into the whole new catalog, from a copy of ``active``.

    Raises:
        DeltaBaseMismatch: the active catalog is not the delta's base (nothing is changed).
        BundleError: the result is not the catalog the delta promised (it is damaged).
    """
    assert manifest.base is not None
    base_db = active / store.DB_NAME
    if not base_db.exists():
        raise _mismatch(manifest, "none")
    with closing(sqlite3.connect(f"file:{base_db}?mode=ro", uri=True)) as src:
        meta = store.get_meta(src)
        if store.content_digest(src) != manifest.base.digest:
            raise _mismatch(manifest, meta.get("version") or "unknown")
        base_count = store.embedding_count(src)
        src.execute("VACUUM INTO ?", (str(slot / store.DB_NAME),))
    cancel.check()
    conn = store.open_db(slot, create=False)
    try:
        conn.execute("ATTACH ? AS delta", (str(slot / DELTA_NAME),))
        with transaction(conn):
            removed, updated = _apply_changes(conn, manifest)
        conn.execute("DETACH delta")
        if store.content_digest(conn) != manifest.digest:
            raise BundleError("The catalog update did not give the catalog its publisher made; "
                              "it is damaged. Install the full catalog version instead.")
        store.checkpoint(conn)
    finally:
        conn.close()
    _merge_thumbnails(slot, active)
    (slot / DELTA_NAME).unlink()
    return VectorChanges(meta.get("generation", ""), base_count, removed, updated)


def _mismatch(manifest: Manifest, installed: str) -> DeltaBaseMismatch:
    assert manifest.base is not None
    return DeltaBaseMismatch(
        "This update changes version {base} of the catalog, but the installed catalog is "
        "version {installed} or was changed since; install the full version {version} instead.",
        base=manifest.base.version, installed=installed, version=manifest.version)


def _apply_changes(conn: sqlite3.Connection, manifest: Manifest
                   ) -> tuple[list[int], list[int]]:
    """Removals, then each changed product with its vector, then the new version's metadata.

    Returns the rowids whose vectors went and those whose vectors are new or changed (a price
    change keeps the product's rowid and vector)."""
    stored = store.existing_hashes(conn)
    gone = [stored[r[0]] for r in conn.execute("SELECT id FROM delta.removed") if r[0] in stored]
    store.remove(conn, [rowid for rowid, _, _ in gone])
    updated: list[int] = []
    for row in conn.execute("SELECT * FROM delta.changed").fetchall():
        vector = np.frombuffer(row["vector"], dtype=np.float32)
        if vector.shape != (manifest.dim,):
            raise BundleError("The catalog update is damaged ({reason}).",
                              reason=f"a vector of {vector.shape[0]} values")
        before, _, text_hash = stored.get(row["id"], (None, "", None))
        rowid = store.upsert(conn, store.product_from_row(row), row["content_hash"], before)
        if text_hash != row["text_hash"]:
            store.store_vector(conn, rowid, row["text_hash"], vector)
            updated.append(rowid)
    store.set_meta(conn, {"name": manifest.name, "version": manifest.version,
                          "snapshot_date": manifest.created,
                          "generation": bundle_generation(manifest.name, manifest.version)})
    return [rowid for rowid, _, text_hash in gone if text_hash is not None], updated


def _merge_thumbnails(slot: Path, active: Path) -> None:
    """The base's thumbnails of products still listed, beside the delta's of changed ones."""
    base = active / store.THUMBNAILS_NAME
    if not base.exists():
        return
    dest = slot / store.THUMBNAILS_NAME
    if not dest.exists():
        shutil.copyfile(base, dest)
    with closing(sqlite3.connect(dest, isolation_level=None)) as conn:
        conn.execute("ATTACH ? AS base", (str(base),))
        conn.execute("ATTACH ? AS catalog", (str(slot / store.DB_NAME),))
        with transaction(conn):
            conn.execute("INSERT OR IGNORE INTO thumbnails SELECT * FROM base.thumbnails")
            conn.execute("DELETE FROM thumbnails WHERE product_id NOT IN "
                         "(SELECT id FROM catalog.products)")
        conn.execute("DETACH base")
        conn.execute("DETACH catalog")
