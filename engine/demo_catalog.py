"""The bundled demo catalog, embedded once and copied into each new data dir.

Embedding the 2,500 demo products with the multilingual model takes minutes on a laptop; the
result depends only on the demo feed and the embedder, so it is derived data: the installer and
``scripts/setup.sh`` embed it at build time into ``resources/prebuilt/`` (``engine.prebuilt``),
and only an install without it embeds it on first use, into the user cache dir
(``AISLE_CACHE_DIR`` overrides), for every later first run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from engine import paths
from engine.catalog import Catalog
from engine.catalog.store import DB_NAME
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

DEMO_FEED = ("demo", "catalog.jsonl")
DEMO_INFO = ("demo", "catalog.json")
CATALOG_FILES = (DB_NAME, "vectors.hnsw", "vectors.json")


def prepared_name() -> str:
    """The prepared catalog's folder name: it changes with the demo feed, so a stale one is
    never used."""
    feed = paths.resource_path(*DEMO_FEED).read_bytes()
    info = paths.resource_path(*DEMO_INFO).read_bytes()
    return f"demo-catalog-{hashlib.sha256(feed + info).hexdigest()[:16]}"


def is_prepared(directory: Path) -> bool:
    return (directory / "vectors.json").exists()


def prepare(progress: ProgressCallback = no_progress,
            cancel: CancelToken = NEVER_CANCELLED, *, root: Path | None = None) -> Path:
    """Directory of the embedded demo catalog: the shipped one, else one built on first use
    (atomically) under ``root`` (the cache dir by default)."""
    shipped = paths.prebuilt_path(prepared_name())
    if root is None and is_prepared(shipped):
        return shipped
    root = root or paths.cache_dir()
    target = root / prepared_name()
    if is_prepared(target):
        return target
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=root))
    try:
        catalog = Catalog.open(staging)
        try:
            catalog.import_feed(paths.resource_path(*DEMO_FEED), format="jsonl",
                                progress=progress, cancel=cancel)
            info = json.loads(paths.resource_path(*DEMO_INFO).read_text(encoding="utf-8"))
            catalog.set_info(name=info.get("name", "Aisle demo catalog"),
                             version=info.get("version", ""),
                             snapshot_date=info.get("snapshot_date", ""))
            catalog.checkpoint()
        finally:
            catalog.close()
        for leftover in staging.iterdir():  # WAL files, the index lock: only the catalog ships
            if leftover.name not in CATALOG_FILES:
                leftover.unlink()
        staging.replace(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def copy_into(source: Path, directory: Path) -> None:
    """Put the prepared catalog files into ``directory`` (whose catalog must be closed)."""
    for stale in directory.glob(f"{DB_NAME}-*"):
        stale.unlink()
    for name in CATALOG_FILES:
        tmp = directory / (name + ".tmp")
        shutil.copyfile(source / name, tmp)
        tmp.replace(directory / name)
