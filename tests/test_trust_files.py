"""Bad files never brick the app: a truncated model, a damaged model list, and everything at once.

Corrupt catalog/history databases and garbage settings are covered one by one in test_trust.py,
a half-written HNSW index in test_catalog.py. Here: the model cases, the record of the active
catalog (active.json), and a start with every file broken at once, after which search, history
and the assistant still work.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from catalog_fixtures import product_rows, write_jsonl

from engine.app import Aisle
from engine.assistant.assistant import Assistant
from engine.assistant.conversation import Conversation
from engine.catalog import Catalog
from engine.catalog_library import CatalogLibrary
from engine.errors import ModelError
from engine.llm.host import ModelHost
from engine.llm.model_files import QWEN_05B
from engine.llm.registry import ModelRegistry
from engine.records import Product
from engine.startup_check import run_startup_checks

HEAD_BYTES = 20 * 1024 * 1024  # past the GGUF metadata, far short of the tensor data


def truncated_copy(model_file: Path, dest: Path, size: int) -> Path:
    """The real model's first ``size`` bytes: what an interrupted download or copy leaves."""
    with model_file.open("rb") as src, dest.open("wb") as out:
        out.write(src.read(size))
    return dest


def ask(assistant: Assistant, message: str):
    events = list(assistant.ask(message, Conversation()))
    assert events[-1].kind == "final"
    return events[-1].result


def test_truncated_user_model_gives_plain_error_and_retrieval_only_answers(tmp_path, catalog,
                                                                            model_file):
    model = truncated_copy(model_file, tmp_path / "my-model.gguf", HEAD_BYTES)
    registry = ModelRegistry(tmp_path / "data", gpu=False, cores=2)
    registry.add(model)  # the header and metadata are intact: only loading can tell
    registry.use("my-model")
    assert run_startup_checks(tmp_path / "data") == []
    host = ModelHost(registry)
    with pytest.raises(ModelError, match=r"my-model\.gguf could not be loaded.*truncated") as err:
        host()
    print(f"\nuser sees (truncated user model, on load): {err.value}")
    result = ask(Assistant(catalog, host), "cast iron skillet")
    assert result.mode == "retrieval-only" and "pan-1" in result.cited_ids
    assert "my-model.gguf" in result.reason
    assert model.stat().st_size == HEAD_BYTES  # the user's own file is left where it is


def test_user_model_cut_inside_its_header_is_reported_not_moved(tmp_path, model_file):
    model = truncated_copy(model_file, tmp_path / "my-model.gguf", HEAD_BYTES)
    registry = ModelRegistry(tmp_path, gpu=False, cores=2)
    registry.add(model)
    registry.use("my-model")
    os.truncate(model, 16)
    problems = run_startup_checks(tmp_path)
    assert [p.what for p in problems] == ["chat model"]
    assert problems[0].moved_to is None and model.exists()
    assert "truncated" in problems[0].message and "Settings → Model" in problems[0].message
    print(f"\nuser sees (user model cut in its header, at start-up): {problems[0].message}")


@pytest.mark.slow  # re-joins and hashes the 491 MB model
def test_damaged_assembled_model_is_set_aside_and_assembled_again(tmp_path, model_file):
    models = tmp_path / "models"
    models.mkdir()
    truncated_copy(model_file, models / QWEN_05B.filename, HEAD_BYTES)
    problems = run_startup_checks(tmp_path)
    assert [p.what for p in problems] == ["chat model"]
    moved = Path(problems[0].moved_to)
    assert moved.exists() and moved.stat().st_size == HEAD_BYTES
    assert not (models / QWEN_05B.filename).exists()
    print(f"\nuser sees (damaged built-in model file, at start-up): {problems[0].message}")
    rebuilt = ModelRegistry(tmp_path, gpu=False, cores=2).model_path()
    assert rebuilt.stat().st_size == QWEN_05B.size
    assert run_startup_checks(tmp_path) == []


def test_garbage_model_list_is_set_aside(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "registry.json").write_text('{"user_models": [{"name": 1}]}')
    problems = run_startup_checks(tmp_path)
    assert [p.what for p in problems] == ["model list"]
    assert list((tmp_path / "models").glob("registry.json.broken-*"))
    assert ModelRegistry(tmp_path).active().name == QWEN_05B.name
    print(f"\nuser sees (garbage model list): {problems[0].message}")


def break_everything(data: Path) -> None:
    """Every file Aisle keeps, damaged the way crashes and bad disks damage them."""
    slot = data / "catalogs" / "default"
    slot.mkdir(parents=True)
    (slot / "catalog.db").write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    (slot / "vectors.hnsw").write_bytes(b"\0" * 10)
    (data / "history.db").write_bytes(b"not a database" * 100)
    (data / "settings.json").write_bytes(b"\x00\xff{garbage")
    (data / "models").mkdir()
    (data / "models" / "registry.json").write_bytes(b"[" * 50_000)
    (data / "catalogs" / "active.json").write_bytes(b'{"slot": "defa')


def test_app_starts_with_every_file_broken_and_what_works_works(isolated_data_dir):
    break_everything(isolated_data_dir)
    aisle = Aisle(isolated_data_dir)
    try:
        problems = aisle.start()
        assert sorted(p.what for p in problems) == sorted(
            ["active catalog", "product catalog", "search index", "browsing history",
             "model list", "settings"])
        for p in problems:
            print(f"\nuser sees ({p.what}): {p.message}")
        assert all("set aside" in p.message or "rebuilt" in p.message for p in problems)
        aisle.catalog.import_feed(write_jsonl(isolated_data_dir / "feed.jsonl", product_rows()))
        assert aisle.catalog.search("rug", limit=3).result.hits
        product = aisle.catalog.search("rug", limit=1).result.hits[0].product
        assert aisle.history.record("view", product.id) is not None
        assert aisle.settings == aisle.settings.validated()
    finally:
        aisle.close()
    broken = sorted(p.name for p in isolated_data_dir.rglob("*.broken-*"))
    assert len(broken) == 6, broken
    conn = sqlite3.connect(isolated_data_dir / "history.db")
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def fill_slot(data: Path, name: str, rows: list[dict], age: float) -> None:
    """A catalog slot as a bundle install leaves it; ``age`` seconds old."""
    slot = data / "catalogs" / name
    cat = Catalog.open(slot)
    cat.apply_products([Product(**row) for row in rows])
    cat.close()
    stamp = os.path.getmtime(slot / "catalog.db") - age
    os.utime(slot / "catalog.db", (stamp, stamp))


@pytest.mark.parametrize("pointer", [
    b"\x00\xff garbage", b"[1, 2]", b'{"slot": "../../etc"}', b'{"slot": "gone-20260101"}',
    b'{"slot": "older", "previous": 5}', b'{"slot": ""}',
], ids=["garbage", "list", "escape", "missing-slot", "bad-history", "empty"])
def test_damaged_active_pointer_is_set_aside_and_newest_usable_catalog_used(
        isolated_data_dir, pointer):
    rows = product_rows()
    fill_slot(isolated_data_dir, "older", rows[:3], age=3600)
    fill_slot(isolated_data_dir, "newer", rows, age=60)
    broken = isolated_data_dir / "catalogs" / "newest-but-broken"
    broken.mkdir()
    (broken / "catalog.db").write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    (isolated_data_dir / "catalogs" / "active.json").write_bytes(pointer)
    aisle = Aisle(isolated_data_dir)
    try:
        problems = aisle.start()
        assert [p.what for p in problems] == ["active catalog"]
        print(f"\nuser sees: {problems[0].message}")
        assert "newer" in problems[0].message and "set aside" in problems[0].message
        assert aisle.catalog.info().product_count == len(rows)
        assert aisle.catalog.search("rug", limit=3).result.hits
    finally:
        aisle.close()
    assert (isolated_data_dir / "catalogs" / "older" / "catalog.db").exists()
    assert list((isolated_data_dir / "catalogs").glob("active.json.broken-*"))


def test_damaged_pointer_with_no_usable_catalog_falls_back_to_the_default_slot(tmp_path):
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "active.json").write_text("{")
    problems = run_startup_checks(tmp_path)
    assert [p.what for p in problems] == ["active catalog"]
    assert "the demo catalog is active" in problems[0].message
    assert CatalogLibrary(tmp_path).active_dir().name == "default"


def test_cli_search_recovers_from_a_damaged_pointer(tmp_path):
    fill_slot(tmp_path, "only", product_rows(), age=0)
    (tmp_path / "catalogs" / "active.json").write_text("not json")
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "--data-dir", str(tmp_path),
                           "search", "rug", "--mode", "keyword"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "rug" in proc.stdout.lower()
    assert "set aside" in proc.stderr
