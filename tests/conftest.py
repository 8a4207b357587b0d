"""Session-wide test setup: isolated data dir, offline hubs, offscreen Qt."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


@pytest.fixture(scope="module")
def catalog_data(tmp_path_factory):
    """A data dir holding the small test catalog, embedded once per test module."""
    from catalog_fixtures import product_rows, write_jsonl

    from engine.app import Aisle

    base = tmp_path_factory.mktemp("app-catalog")
    with Aisle(base / "data") as aisle:
        aisle.import_feed(write_jsonl(base / "feed.jsonl", product_rows()), name="Test shop",
                          version="1", snapshot_date="2026-11-01")
    return base / "data"


@pytest.fixture
def aisle(tmp_path, catalog_data):
    """The facade on a copy of the test catalog, its chosen model a file that cannot load
    (header intact, weights missing): answers come from search alone, at once."""
    from engine.app import Aisle

    data = tmp_path / "data"
    shutil.copytree(catalog_data, data)
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (5).to_bytes(8, "little")
                       + (0).to_bytes(8, "little") + b"\0" * 4096)
    with Aisle(data) as app:
        app.use_model(app.add_model(broken).name)
        yield app
