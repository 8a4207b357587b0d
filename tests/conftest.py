"""Session-wide test setup: isolated data dir, offline hubs, offscreen Qt, and the expensive
real parts paid for once per session: the joined chat model, one model worker, the test catalog."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from engine.llm.worker_client import WorkerModel

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# scripts/driving.py drives the window for the screenshots and the benchmarks; the GUI tests
# assert on its stall probe, so a test's threshold and a benchmark's figure mean the same.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))


@pytest.fixture(autouse=True, scope="session")
def isolated_cache_dir(tmp_path_factory):
    """Derived data a test makes (what ``resources/prebuilt/`` lacks) is shared by one session,
    never the user's cache."""
    cache = tmp_path_factory.mktemp("aisle-cache")
    os.environ["AISLE_CACHE_DIR"] = str(cache)
    return cache


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own AISLE_DATA_DIR so nothing touches the user's real data."""
    data = tmp_path / "aisle-data"
    data.mkdir()
    monkeypatch.setenv("AISLE_DATA_DIR", str(data))
    return data


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """The small real feed (catalog_fixtures) in a real catalog, shared by one test module; a
    module that needs other products defines its own ``catalog``."""
    from catalog_fixtures import product_rows

    from engine.catalog import Catalog
    from engine.records import Product

    cat = Catalog.open(tmp_path_factory.mktemp("catalog"))
    cat.apply_products([Product(**row) for row in product_rows()])
    yield cat
    cat.close()


@pytest.fixture(scope="module")
def english_catalog(tmp_path_factory):
    """The English products of the small real feed in a real catalog (Chinese queries over it
    are translated)."""
    from catalog_fixtures import english_rows, write_jsonl

    from engine.catalog import Catalog

    root = tmp_path_factory.mktemp("english")
    cat = Catalog.open(root / "cat")
    cat.import_feed(write_jsonl(root / "feed.jsonl", english_rows()))
    yield cat
    cat.close()


@pytest.fixture(scope="session")
def catalog_data(tmp_path_factory):
    """A data dir holding the small test catalog, embedded once per session; tests copy it."""
    from catalog_fixtures import product_rows, write_jsonl

    from engine.app import Aisle

    base = tmp_path_factory.mktemp("app-catalog")
    with Aisle(base / "data") as aisle:
        aisle.catalog.import_feed(write_jsonl(base / "feed.jsonl", product_rows()),
                                  name="Test shop", version="1", snapshot_date="2026-11-01")
    return base / "data"


@pytest.fixture
def aisle(tmp_path, catalog_data):
    """The facade on a copy of the test catalog, its chosen model a file that cannot load
    (header intact, weights missing): answers come from search alone, at once."""
    from engine.app import Aisle

    data = tmp_path / "data"
    shutil.copytree(catalog_data, data)
    with Aisle(data) as app:
        app.models.use(app.models.add(unloadable_model(tmp_path / "broken.gguf")).name)
        yield app


def unloadable_model(path: Path) -> Path:
    """A GGUF file whose header is intact and whose weights are missing: it is accepted as a
    model and fails at once when loaded, so answers come from search alone."""
    path.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (5).to_bytes(8, "little")
                     + (0).to_bytes(8, "little") + b"\0" * 4096)
    return path


@pytest.fixture(scope="session")
def model_file(tmp_path_factory) -> Path:
    """The default chat model (Qwen2.5-Coder 0.5B) joined from its packages once per session;
    tests hard-link it rather than join 491 MB again."""
    from engine.llm.model_files import QWEN_05B, assemble

    return assemble(QWEN_05B, tmp_path_factory.mktemp("models"))


class SharedWorker:
    """The session's one real model worker, started on first use and again after a test ended
    it (a crash test, say). Calling it returns the live worker, so it also serves where the
    engine takes a model factory (``Assistant(catalog, chat_worker)``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._model: WorkerModel | None = None

    def __call__(self) -> WorkerModel:
        from engine.llm.worker_client import WorkerModel

        if self._model is None or not self._model.alive:
            self._model = WorkerModel(self.path)
        return self._model

    def close(self) -> None:
        if self._model is not None:
            self._model.close()


@pytest.fixture(scope="session")
def chat_worker(model_file: Path) -> Iterator[SharedWorker]:
    """The factory of the session's shared model worker (for module-scoped fixtures)."""
    shared = SharedWorker(model_file)
    yield shared
    shared.close()


@pytest.fixture
def chat_model(chat_worker: SharedWorker) -> WorkerModel:
    """The session's real model worker, alive."""
    return chat_worker()


def link_model(model_file: Path, target: Path) -> Path:
    """Hard-link the session's joined model to ``target`` (a copy across file systems)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        try:
            os.link(model_file, target)
        except OSError:
            shutil.copyfile(model_file, target)
    return target
