"""Session-wide test setup: isolated data dir, offline hubs, offscreen Qt."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def isolated_cache_dir(tmp_path_factory):
    """Derived data (the embedded demo catalog, exported ONNX models) is shared by one session."""
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
