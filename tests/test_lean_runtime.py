"""The app without PyTorch: the shipped int8 ONNX embedder (checked against a fresh export of
the installed model), the prebuilt demo catalog on a first launch, and search, recommendations,
the personal ranker's evaluation and chat with ``torch`` made unimportable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from catalog_fixtures import product_rows, write_jsonl

from engine import demo_catalog, embedders, paths
from engine.errors import CatalogError

TEXTS = ["warm wool rug for a small living room", "noise cancelling headphones",
         "cast iron skillet 10 inch", "a", "USB-C charger 65W " * 12]


def shipped_onnx() -> Path:
    folder = paths.prebuilt_path(embedders.OnnxMiniLMEmbedder.id)
    assert (folder / embedders.ONNX_MANIFEST).exists(), "run scripts/setup.sh (engine.prebuilt)"
    return folder


@pytest.mark.slow
def test_the_shipped_embedder_gives_the_vectors_of_a_fresh_export(tmp_path):
    fresh = embedders.export_onnx_int8(tmp_path / "export")
    ours = embedders.OnnxMiniLMEmbedder(shipped_onnx()).embed_passages(TEXTS)
    theirs = embedders.OnnxMiniLMEmbedder(fresh).embed_passages(TEXTS)
    assert np.abs(ours - theirs).max() < 1e-5


def test_a_damaged_shipped_embedder_is_refused_with_a_way_out(tmp_path, monkeypatch):
    copy = tmp_path / "prebuilt" / embedders.OnnxMiniLMEmbedder.id
    shutil.copytree(shipped_onnx(), copy)
    with (copy / "tokenizer.json").open("r+b") as fh:
        fh.seek(100)
        fh.write(b"#")
    monkeypatch.setattr(embedders, "prebuilt_path",
                        lambda *parts: tmp_path.joinpath("prebuilt", *parts))
    with pytest.raises(CatalogError, match="tokenizer.json does not match its checksum.*Reinstall"):
        embedders.onnx_model_folder()


def test_a_first_launch_uses_the_prebuilt_demo_catalog(tmp_path, monkeypatch):
    """Nothing is embedded on the shopper's machine: the catalog is copied, in seconds."""
    from engine.app import Aisle

    assert demo_catalog.is_prepared(paths.prebuilt_path(demo_catalog.prepared_name()))
    monkeypatch.setenv("AISLE_CACHE_DIR", str(tmp_path / "cache"))
    started = time.perf_counter()
    with Aisle(tmp_path / "data") as aisle:
        info = aisle.catalog.ensure()
        assert info.product_count > 2000 and aisle.catalog.search("warm rug", limit=3).result.hits
    assert time.perf_counter() - started < 10
    assert not list((tmp_path / "cache").glob("demo-catalog-*"))


def without_torch(tmp_path: Path, *args: str, timeout: float = 300) -> str:
    """Run the CLI in a fresh process where ``import torch`` fails, as in the installed app."""
    stub = tmp_path / "no-torch" / "torch"
    stub.mkdir(parents=True, exist_ok=True)
    (stub / "__init__.py").write_text('raise ImportError("torch is blocked in this test")\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(stub.parent), *sys.path]),
           "AISLE_DATA_DIR": str(tmp_path / "data"), "AISLE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "engine.cli", *args], env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


def test_search_recommendations_and_personal_ranking_run_without_torch(tmp_path):
    demo = json.loads(without_torch(tmp_path, "search", "warm", "rug", "--json", "--limit", "3"))
    assert any("rug" in hit["title"].lower() for hit in demo["results"])
    without_torch(tmp_path, "recommend")
    report = json.loads(without_torch(tmp_path, "eval-personalization", "--users", "3", "--json"))
    assert report["personalized"]["ndcg@10"] > 0
    feed = write_jsonl(tmp_path / "english.jsonl", product_rows())  # an English catalog: MiniLM
    without_torch(tmp_path, "catalog", "import", str(feed))
    english = json.loads(without_torch(tmp_path, "search", "rug", "--json", "--limit", "3"))
    assert english["results"] and "rug" in english["results"][0]["title"].lower()


@pytest.mark.slow
def test_chat_answers_without_torch(tmp_path):
    answer = json.loads(without_torch(tmp_path, "ask", "--json", "a", "warm", "rug", "under",
                                      "$100", timeout=600))
    assert answer["answer"].strip() and answer["cited_ids"]
