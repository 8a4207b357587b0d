"""Catalog store and import through the real path: real feed files, SQLite, embedder, HNSW."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from catalog_fixtures import product_rows, write_jsonl

from engine.catalog import Catalog, store
from engine.catalog.index_manager import update_stored
from engine.catalog.store import MIGRATIONS
from engine.catalog_library import CatalogLibrary
from engine.db import connect, migrate, schema_version
from engine.errors import Cancelled, CatalogError, FeedError
from engine.progress import CancelToken
from engine.vector_index import EF_SEARCH, EF_SEARCH_MAX, VectorIndex, search_ef


@pytest.fixture
def feed(tmp_path):
    return write_jsonl(tmp_path / "feed.jsonl", product_rows())


def test_blank_database_is_migrated_in_wal_mode(tmp_path):
    conn = connect(tmp_path / "c.db")
    assert migrate(conn, MIGRATIONS) == ["m001_initial"]
    assert migrate(conn, MIGRATIONS) == []
    assert schema_version(conn) == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_import_reports_and_persists_across_reopen(tmp_path, feed):
    catalog = Catalog.open(tmp_path / "cat")
    report = catalog.import_feed(feed)
    assert report.imported == len(product_rows()) and report.embedded == report.imported
    assert report.skipped_total == 0
    catalog.close()
    reopened = Catalog.open(tmp_path / "cat")
    assert reopened.info().product_count == len(product_rows())
    assert reopened.get("rug-1").brand == "Hearthloom"
    assert reopened.search("wool rug", limit=3).hits[0].product.id in {"rug-1", "zh-1"}


def test_reimport_updates_changed_removes_withdrawn_and_reuses_vectors(tmp_path, feed):
    catalog = Catalog.open(tmp_path / "cat")
    catalog.import_feed(feed)
    rows = product_rows()
    rows[0]["price"] = 79.0                      # price change: no new vector needed
    rows[1]["title"] = "Jute rug, 9x12 ft"       # title change: re-embedded
    del rows[-1]                                 # withdrawn
    report = catalog.import_feed(write_jsonl(tmp_path / "v2.jsonl", rows))
    assert (report.updated, report.removed, report.embedded) == (2, 1, 1)
    assert report.unchanged == len(rows) - 2
    assert catalog.get("rug-1").price == 79.0
    assert catalog.get("zh-3") is None
    assert catalog.search("jute rug 9x12", mode="dense", limit=1).hits[0].product.id == "rug-2"


def test_bad_rows_are_skipped_with_reasons(tmp_path):
    rows = product_rows()[:3] + [{"id": "", "title": "no id"}, {"id": "x1"},
                                 dict(product_rows()[0])]
    catalog = Catalog.open(tmp_path / "cat")
    report = catalog.import_feed(write_jsonl(tmp_path / "bad.jsonl", rows))
    assert report.imported == 3
    assert report.skipped == {"missing id": 1, "missing title": 1, "duplicate id": 1}
    assert report.to_dict()["examples"]


def test_not_a_feed_leaves_catalog_untouched(tmp_path, feed):
    catalog = Catalog.open(tmp_path / "cat")
    catalog.import_feed(feed)
    junk = tmp_path / "photo.jsonl"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(FeedError):
        catalog.import_feed(junk)
    assert catalog.info().product_count == len(product_rows())


def test_cancelled_import_leaves_old_catalog(tmp_path, feed):
    catalog = Catalog.open(tmp_path / "cat")
    catalog.import_feed(feed)
    token = CancelToken()

    def cancel_while_embedding(done, total, label):
        if label.startswith("Embedding"):
            token.cancel()

    rows = [dict(r, id=r["id"] + "-new", title=r["title"] + " v2") for r in product_rows()]
    with pytest.raises(Cancelled):
        catalog.import_feed(write_jsonl(tmp_path / "new.jsonl", rows),
                            progress=cancel_while_embedding, cancel=token)
    assert catalog.get("rug-1") is not None and catalog.get("rug-1-new") is None
    assert catalog.search("wool rug", limit=1).total > 0


def test_damaged_database_is_a_catalog_error(tmp_path):
    directory = tmp_path / "cat"
    directory.mkdir()
    (directory / "catalog.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CatalogError, match="damaged"):
        Catalog.open(directory)


def test_half_written_index_is_rebuilt_from_stored_vectors(tmp_path, feed):
    catalog = Catalog.open(tmp_path / "cat")
    catalog.import_feed(feed)
    catalog.close()
    (tmp_path / "cat" / "vectors.hnsw").write_bytes(b"\0" * 100)
    reopened = Catalog.open(tmp_path / "cat")
    assert reopened.search("headphones", mode="dense", limit=1).hits


def test_search_breadth_grows_with_the_index_and_survives_reload(tmp_path):
    """A big index searches wider (bench/search_latency.py: a fixed ef 96 keeps only 0.66 of the
    true top 10 at 1M products); the breadth is recomputed from the loaded index, not stored."""
    assert [search_ef(n) for n in (0, 10_000, 100_000, 1_000_000, 10**8)] == [
        EF_SEARCH, EF_SEARCH, 304, 960, EF_SEARCH_MAX]
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(40_000, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.arange(40_000)
    index = VectorIndex.build(labels, vectors, "test-8d", num_threads=1)
    assert index.ef == search_ef(40_000) == 192
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path, "test-8d", dim=8, expected_count=40_000)
    assert loaded.ef == 192
    hits = loaded.query(vectors[7], k=5)
    assert hits[0][0] == 7 and hits[0][1] == pytest.approx(1.0, abs=1e-5)


def test_an_index_updated_in_place_skips_deleted_products_and_reloads(tmp_path):
    """A delta update marks removed products deleted and adds changed ones (real hnswlib):
    searches never return a deleted product, and the manifest's slots let the graph reload."""
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = VectorIndex.build(np.arange(1, 201), vectors[:200], "test-8d", num_threads=1)
    index.update(np.array([7, 8]), np.arange(201, 301), vectors[200:])
    index.update(np.array([], dtype=np.int64), np.array([9]), vectors[250:251])  # replaced
    assert (index.count, index.slots) == (298, 300)
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path, "test-8d", dim=8, expected_count=298)
    assert loaded.query(vectors[6], k=1)[0][0] not in (7, 8)
    assert {label for label, _ in loaded.query(vectors[250], k=2)} == {9, 251}
    assert len(loaded.query(vectors[0], k=500)) == 298
    with pytest.raises(CatalogError, match="out of date"):
        VectorIndex.load(tmp_path, "test-8d", dim=8, expected_count=300)


def test_an_in_place_update_the_index_cannot_take_asks_for_a_rebuild(tmp_path, feed):
    """A label the base's index lacks (hnswlib refuses it): False, so the installer rebuilds."""
    catalog = Catalog.open(tmp_path / "cat")
    catalog.import_feed(feed)
    catalog.close()
    conn = store.open_db(tmp_path / "cat", create=False)
    meta, count = store.get_meta(conn), store.embedding_count(conn)
    conn.close()
    assert not update_stored(tmp_path / "cat", tmp_path / "cat", meta["embedder"], 384,
                             base_generation=meta["generation"], base_count=count,
                             removed=[10**6], updated=[])


def test_library_activates_and_rolls_back(tmp_path):
    library = CatalogLibrary(tmp_path)
    first = library.new_slot("first")
    (first / "catalog.db").write_bytes(b"")
    library.activate(first)
    second = library.new_slot("second")
    (second / "catalog.db").write_bytes(b"")
    library.activate(second)
    assert library.active_dir() == second
    assert library.rollback() == first.name
    assert library.active_dir() == first


def test_wal_reader_sees_old_or_new_never_a_mix(tmp_path, feed):
    catalog = Catalog.open(tmp_path / "cat")
    catalog.import_feed(feed)
    reader = sqlite3.connect(tmp_path / "cat" / "catalog.db")
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*) FROM products").fetchone()[0]
    rows = product_rows() + [dict(product_rows()[0], id="extra-1")]
    catalog.import_feed(write_jsonl(tmp_path / "more.jsonl", rows))
    assert reader.execute("SELECT count(*) FROM products").fetchone()[0] == before
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM products").fetchone()[0] == before + 1


def test_first_install_can_roll_back_to_the_default_catalog(tmp_path):
    library = CatalogLibrary(tmp_path)
    (library.active_dir() / "catalog.db").write_bytes(b"")
    bundle_slot = library.new_slot("bundle")
    (bundle_slot / "catalog.db").write_bytes(b"")
    library.activate(bundle_slot)
    assert library.rollback() == "default"
    assert library.active_dir().name == "default"
