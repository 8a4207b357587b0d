"""The bundled demo catalog, embedded once per machine and copied into each new data dir.

Embedding the 2,500 demo products with the multilingual model takes minutes on a laptop; the
result depends only on the demo feed and the embedder, so it is derived data kept in the user
cache dir (``AISLE_CACHE_DIR`` overrides) and reused by every later first run.
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


def _prepared_dir() -> Path:
    feed = paths.resource_path(*DEMO_FEED).read_bytes()
    info = paths.resource_path(*DEMO_INFO).read_bytes()
    digest = hashlib.sha256(feed + info).hexdigest()[:16]
    return paths.cache_dir() / f"demo-catalog-{digest}"


def prepare(progress: ProgressCallback = no_progress,
            cancel: CancelToken = NEVER_CANCELLED) -> Path:
    """Directory of the embedded demo catalog, building it on first use (atomically)."""
    target = _prepared_dir()
    if (target / "vectors.json").exists():
        return target
    staging = Path(tempfile.mkdtemp(prefix=".demo-", dir=paths.cache_dir()))
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
        for leftover in staging.glob(f"{DB_NAME}-*"):
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
