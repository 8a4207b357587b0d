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
