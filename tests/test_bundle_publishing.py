"""Publishing at scale: compact (int8) bundles, delta updates, feeds in shards, and builds on Ray.

Every bundle here is built by `aisle catalog build` / `aisle catalog delta` from real feeds with
the real embedder, installed into a real data directory and searched; updates come over a real
HTTP server on 127.0.0.1. "The same catalog" means the same products (content digest), the
same vectors within float tolerance, and the same search results.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from engine.app import Aisle
from engine.bundles import install_bundle
from engine.catalog import Catalog, store
from engine.catalog_library import CatalogLibrary
from engine.cli import cli
from engine.errors import DeltaBaseMismatch
from tests.test_bundles import (  # noqa: F401 (server: the HTTP server fixture)
    CREATED,
    Route,
    cli_build,
    members_of,
    server,
    write_feed,
)

REPO = Path(__file__).resolve().parent.parent
QUERIES = ("wool rug", "steel kettle", "travel backpack", "oak desk", "linen pillow")


@dataclass
class Published:
    root: Path
    v1: Path
    v2: Path
    v1_int8: Path
    delta: Path
    delta_report: dict


def cli_delta(base: Path, target: Path, out: Path) -> dict:
    result = CliRunner().invoke(cli, ["catalog", "delta", str(base), str(target),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Published:
    root = tmp_path_factory.mktemp("published")
    feed_v1 = write_feed(root / "feed-v1.jsonl", range(1, 61))
    feed_v2 = write_feed(root / "feed-v2.jsonl", range(3, 63), changed={5: 99.0, 9: 1.5})
    cli_build(feed_v1, root / "v1.tar.gz", "1")
    cli_build(feed_v2, root / "v2.tar.gz", "2")
    cli_build(feed_v1, root / "v1-int8.tar.gz", "1", "--vectors", "int8")
    delta = cli_delta(root / "v1.tar.gz", root / "v2.tar.gz", root / "v1-v2.tar.gz")
    return Published(root, root / "v1.tar.gz", root / "v2.tar.gz", root / "v1-int8.tar.gz",
                     root / "v1-v2.tar.gz", delta)


def snapshot(directory: Path) -> dict[str, object]:
    """What a shopper's catalog holds and finds: products, vectors by id, search results."""
    catalog = Catalog.open(directory)
    try:
        conn = store.open_db(directory, create=False)
        try:
            digest = store.content_digest(conn)
            ids = sorted(store.product_ids(conn))
            vectors = store.vectors_by_id(conn, ids, 384)
        finally:
            conn.close()
        found = {q: [h.product.id for h in catalog.search(q, mode="hybrid", limit=10).hits]
                 for q in QUERIES}
        return {"digest": digest, "ids": ids, "vectors": vectors, "found": found,
                "info": catalog.info()}
    finally:
        catalog.close()


def installed(bundle: Path, data: Path) -> dict[str, object]:
    library = CatalogLibrary(data)
    install_bundle(bundle, library)
    return snapshot(library.active_dir())


# ----- compact vectors ---------------------------------------------------------------------------

def test_int8_bundle_is_smaller_installs_and_searches_like_float32(published, tmp_path):
    files = members_of(published.v1_int8)
    manifest = json.loads(files["manifest.json"])
    assert manifest["format_version"] == 2 and manifest["vectors"] == "int8"
    assert set(files) == {"manifest.json", "catalog.db"}, "no index is shipped"
    full = members_of(published.v1)
    assert len(files["catalog.db"]) < len(full["catalog.db"])

    compact = installed(published.v1_int8, tmp_path / "a")
    plain = installed(published.v1, tmp_path / "b")
    assert compact["digest"] == plain["digest"] and compact["ids"] == plain["ids"]
    assert np.abs(compact["vectors"] - plain["vectors"]).max() < 0.01
    for query in QUERIES:
        assert compact["found"][query][:3] == plain["found"][query][:3], query


def test_int8_build_is_deterministic(published, tmp_path):
    again = tmp_path / "again.tar.gz"
    cli_build(published.root / "feed-v1.jsonl", again, "1", "--vectors", "int8")
    assert again.read_bytes() == published.v1_int8.read_bytes()


# ----- delta updates -----------------------------------------------------------------------------

def test_delta_applied_to_v1_equals_v2_built_in_full(published, tmp_path):
    report = published.delta_report
    assert (report["base_version"], report["version"]) == ("1", "2")
    # 2 new products (61, 62), 2 with a new price; 2 removed (1, 2)
    assert (report["changed"], report["removed"]) == (4, 2)
    assert published.delta.stat().st_size < published.v2.stat().st_size / 3

    library = CatalogLibrary(tmp_path / "shopper")
    install_bundle(published.v1, library)
    result = install_bundle(published.delta, library)
    assert result.vanished == ("p001", "p002")
    updated = snapshot(library.active_dir())
    full = installed(published.v2, tmp_path / "full")
    assert updated["digest"] == full["digest"] and updated["ids"] == full["ids"]
    assert np.abs(updated["vectors"] - full["vectors"]).max() < 1e-6
    assert updated["found"] == full["found"]
    assert (updated["info"].name, updated["info"].version) == ("Acme home", "2")
    # the index was updated in place, not rebuilt: the two removed products are still in its
    # graph, marked deleted, beside the two new ones
    assert index_counts(library.active_dir()) == (60, 62)
    assert library.rollback() and snapshot(library.active_dir())["info"].version == "1"


def index_counts(directory: Path) -> tuple[int, int]:
    """(products searched, products in the graph) of a catalog's saved index."""
    manifest = json.loads((directory / "vectors.json").read_text())
    return manifest["count"], manifest["slots"]


def test_a_delta_removing_many_products_rebuilds_the_index(published, tmp_path):
    """Deleted products stay in an updated graph; past MAX_DELETED_SHARE it is built anew."""
    feed_v3 = write_feed(tmp_path / "feed-v3.jsonl", range(18, 63), changed={5: 99.0, 9: 1.5})
    cli_build(feed_v3, tmp_path / "v3.tar.gz", "3")
    cli_delta(published.v2, tmp_path / "v3.tar.gz", tmp_path / "v2-v3.tar.gz")
    library = CatalogLibrary(tmp_path / "shopper")
    for bundle in (published.v1, published.delta, tmp_path / "v2-v3.tar.gz"):
        install_bundle(bundle, library)
    assert index_counts(library.active_dir()) == (45, 45)  # 2 + 15 deleted of 62: rebuilt
    updated = snapshot(library.active_dir())
    assert updated["digest"] == installed(tmp_path / "v3.tar.gz", tmp_path / "full")["digest"]
    found = [pid for hits in updated["found"].values() for pid in hits]
    assert found and all(int(pid[1:]) >= 18 for pid in found)


def test_delta_for_another_base_is_refused_and_the_catalog_kept(published, tmp_path):
    library = CatalogLibrary(tmp_path / "shopper")
    install_bundle(published.v2, library)
    slot, slots = library.active_slot(), library.slots()
    before = snapshot(library.active_dir())
    with pytest.raises(DeltaBaseMismatch, match="changes version 1 of the catalog"):
        install_bundle(published.delta, library)
    assert library.active_slot() == slot and library.slots() == slots
    assert snapshot(library.active_dir())["digest"] == before["digest"]


def test_delta_onto_a_compact_install(published, tmp_path):
    """Content, not vector bytes, names the base: a delta applies to an int8 install of it."""
    library = CatalogLibrary(tmp_path / "shopper")
    install_bundle(published.v1_int8, library)
    install_bundle(published.delta, library)
    assert snapshot(library.active_dir())["digest"] == installed(published.v2,
                                                                  tmp_path / "full")["digest"]


def serve_index(server, published: Published, delta_base: str) -> str:
    full, delta = published.v2.read_bytes(), published.delta.read_bytes()
    server.serve("/acme/v2.tar.gz", Route(full))
    server.serve("/acme/v1-v2.tar.gz", Route(delta))
    index = {"catalog": "Acme home", "versions": [
        {"version": "2", "url": "v2.tar.gz", "sha256": hashlib.sha256(full).hexdigest(),
         "size": len(full), "created": CREATED,
         "delta": {"base": delta_base, "url": "v1-v2.tar.gz",
                   "sha256": hashlib.sha256(delta).hexdigest(), "size": len(delta)}}]}
    return server.serve("/acme/index.json", Route(json.dumps(index).encode(), "application/json"))


def test_update_downloads_the_delta_when_it_fits(server, published, isolated_data_dir):
    url = serve_index(server, published, "1")
    with Aisle(isolated_data_dir) as app:
        app.catalog.install_bundle(published.v1)
        installed_bundle = app.catalog.install_update(app.catalog.check_updates(url))
        assert installed_bundle.version == "2" and installed_bundle.product_count == 60
    paths = [path for path, _ in server.requests]
    assert "/acme/v1-v2.tar.gz" in paths and "/acme/v2.tar.gz" not in paths


def test_update_falls_back_to_the_full_bundle_when_the_base_differs(server, published,
                                                                     isolated_data_dir):
    """The installed catalog says version 1 but holds other products: the delta is refused,
    and the full version is installed instead."""
    other = write_feed(published.root / "other-v1.jsonl", range(100, 120))
    cli_build(other, published.root / "other-v1.tar.gz", "1")
    url = serve_index(server, published, "1")
    with Aisle(isolated_data_dir) as app:
        app.catalog.install_bundle(published.root / "other-v1.tar.gz")
        installed_bundle = app.catalog.install_update(app.catalog.check_updates(url))
        assert installed_bundle.version == "2" and installed_bundle.product_count == 60
    paths = [path for path, _ in server.requests]
    assert paths.index("/acme/v1-v2.tar.gz") < paths.index("/acme/v2.tar.gz")


# ----- feeds in shards, and Ray ----------------------------------------------------------------

def test_feed_shards_build_the_catalog_of_the_whole_feed(published, tmp_path):
    lines = (published.root / "feed-v1.jsonl").read_text().splitlines(keepends=True)
    first, second = tmp_path / "part-1.jsonl", tmp_path / "part-2.jsonl"
    first.write_text("".join(lines[:25]))
    second.write_text("".join(lines[25:]) + lines[0])  # a duplicate across shards is skipped
    out = tmp_path / "sharded.tar.gz"
    built = cli_build(first, out, "1", str(second))
    assert built["skipped"] == {"duplicate id": 1}
    assert installed(out, tmp_path / "a")["digest"] == installed(published.v1,
                                                                 tmp_path / "b")["digest"]


def ray_build(shards: list[Path], out: Path) -> dict:
    """`aisle catalog build --engine ray` in its own process, as a publisher runs it: Ray's
    threads and native libraries must not stay behind in the test process, where later Qt tests
    run (one such run ended in a segmentation fault in a GUI test after this build)."""
    aisle = Path(sys.executable).with_name("aisle")
    result = subprocess.run(
        [str(aisle), "--data-dir", str(out.parent / "publisher-data"), "catalog", "build",
         *map(str, shards), "--name", "Acme home", "--version", "1", "--out", str(out),
         "--created", CREATED, "--engine", "ray", "--workers", "2"],
        capture_output=True, text=True, timeout=900, cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="the publish extra (Ray)")
def test_ray_build_is_the_catalog_of_a_local_build(published, tmp_path):
    feed = published.root / "feed-v1.jsonl"
    lines = feed.read_text().splitlines(keepends=True)
    shards = [tmp_path / f"shard-{n}.jsonl" for n in range(3)]
    for n, shard in enumerate(shards):
        shard.write_text("".join(lines[20 * n:20 * (n + 1)]))
    out = tmp_path / "ray.tar.gz"
    built = ray_build(shards, out)
    assert built["products"] == 60
    again = ray_build(shards, tmp_path / "ray-again.tar.gz")
    assert json.loads(members_of(out)["manifest.json"]) == json.loads(
        members_of(tmp_path / "ray-again.tar.gz")["manifest.json"]), "a deterministic manifest"
    assert again["sha256"] == built["sha256"]

    ray_built = installed(out, tmp_path / "a")
    local = installed(published.v1, tmp_path / "b")
    assert ray_built["digest"] == local["digest"] and ray_built["ids"] == local["ids"]
    assert np.abs(ray_built["vectors"] - local["vectors"]).max() < 1e-4
    assert ray_built["found"] == local["found"]


def test_the_shoppers_app_never_imports_ray():
    """Ray is the publisher's (the publish extra): installing, updating and searching a catalog,
    and the GUI's modules, run without it (test_packaging checks the installer leaves it out)."""
    code = ("import sys, engine.app, engine.bundles, engine.cli, desktop_app.main\n"
            "assert not [m for m in sys.modules if m == 'ray' or m.startswith('ray.')]\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=120)
