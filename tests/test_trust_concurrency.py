"""Concurrency: searches during an import see the old or the new catalog, never a mix, from
another thread or another process; history writes from workers never block readers; one writer
of the vector index at a time, never an older generation over a newer one.

Two app instances on one data dir are refused: see test_trust.py (second instance test).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest
from catalog_fixtures import product_rows

from engine.app import Aisle
from engine.assistant import Assistant, Conversation
from engine.catalog import Catalog, store
from engine.catalog.index_manager import IndexManager
from engine.catalog_library import CatalogLibrary
from engine.personalization.personalizer import Personalizer
from engine.records import Product
from engine.vector_index import VectorIndex

QUERY = "gadget"


def generation(prefix: str, count: int = 40) -> list[Product]:
    """A catalog where every product id starts with ``prefix`` and every title says 'gadget'."""
    return [Product(id=f"{prefix}-{i}", title=f"{prefix.title()} gadget number {i}",
                    description=f"A {prefix} gadget for everyday use, model {i}.",
                    category="Home > Gadgets", brand="Acme", price=10.0 + i, currency="EUR")
            for i in range(count)]


def kinds(ids: list[str]) -> set[str]:
    return {i.split("-")[0] for i in ids}


@pytest.fixture
def catalog(tmp_path):
    cat = Catalog.open(tmp_path / "cat")
    cat.apply_products(generation("old"))
    yield cat
    cat.close()


def searches_during_imports(catalog: Catalog, modes: tuple[str, ...]) -> list[set[str]]:
    """Search in a second thread while two imports replace the whole catalog; what each saw."""
    seen: list[set[str]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def search_loop() -> None:
        try:
            while not done.is_set():
                for mode in modes:
                    hits = catalog.search(QUERY, limit=40, mode=mode).hits
                    seen.append(kinds([h.product.id for h in hits]))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    reader = threading.Thread(target=search_loop)
    reader.start()
    try:
        for prefix in ("new", "newer"):
            catalog.apply_products(generation(prefix), replace=True)
    finally:
        done.set()
        reader.join(60)
    assert not errors, errors
    return seen


def test_search_in_another_thread_during_import_never_sees_a_mix(catalog):
    seen = searches_during_imports(catalog, ("keyword", "hybrid"))
    assert seen and all(len(k) == 1 for k in seen), [k for k in seen if len(k) != 1][:5]
    assert kinds([h.product.id for h in catalog.search(QUERY, limit=40).hits]) == {"newer"}
    print(f"\n{len(seen)} searches during 2 imports, each saw one catalog generation")


def test_dense_only_search_during_import_never_comes_back_empty(catalog):
    seen = searches_during_imports(catalog, ("dense",))
    assert all(len(k) == 1 for k in seen), [k for k in seen if len(k) != 1][:5]


READER = textwrap.dedent("""
    import json, sys, time
    from engine.catalog import Catalog
    catalog = Catalog.open(sys.argv[1])
    print("ready", flush=True)
    seen, deadline = [], time.time() + float(sys.argv[2])
    while time.time() < deadline:
        for mode in ("keyword", "hybrid"):
            ids = [h.product.id for h in catalog.search("gadget", limit=40, mode=mode).hits]
            seen.append(sorted({i.split("-")[0] for i in ids}))
            if len(seen[-1]) == 1 and seen[-1][0] == "newer":
                deadline = min(deadline, time.time() + 1)
    print(json.dumps(seen))
""")


def test_search_in_another_process_during_import_never_sees_a_mix(catalog, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path / "cat"), "90"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        for prefix in ("new", "newer"):
            catalog.apply_products(generation(prefix), replace=True)
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, err[-2000:]
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen and all(len(k) == 1 for k in seen), [k for k in seen if len(k) != 1][:5]
    assert seen[-1] == ["newer"]
    print(f"\nother process: {len(seen)} searches, generations seen "
          f"{sorted({k[0] for k in seen if k})}")


def test_history_writers_and_readers_share_sqlite_safely(tmp_path):
    """GUI workers record events while the engine reads: WAL, one writer at a time, no errors."""
    cat = Catalog.open(tmp_path / "cat")
    cat.apply_products([Product(**row) for row in product_rows()])
    history = Personalizer.open(tmp_path, cat)
    ids = [h.product.id for h in cat.search("", limit=10).hits]
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            for n in range(60):
                history.record("view", ids[(n + offset) % len(ids)], context="search")
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    def reader() -> None:
        try:
            for _ in range(30):
                history.history()
                history.recommend(limit=5)
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    threads += [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert not errors, errors
        assert len(history.history()) == 120
        for db in (tmp_path / "history.db", tmp_path / "cat" / "catalog.db"):
            conn = sqlite3.connect(db)
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            conn.close()
    finally:
        history.close()
        cat.close()


REBUILDER = textwrap.dedent("""
    import sqlite3, sys
    from pathlib import Path
    from engine.catalog import store
    from engine.catalog.index_manager import IndexManager
    conn = sqlite3.connect(sys.argv[1] + "/catalog.db")
    meta = store.get_meta(conn)
    manager = IndexManager(Path(sys.argv[1]))
    print("ready", flush=True)
    for _ in range(int(sys.argv[2])):
        manager.rebuild(conn, meta["embedder"], int(meta["dim"]))
    print("done")
""")


def test_two_processes_rebuilding_the_index_take_turns(catalog):
    """An import and a search that found the index broken may rebuild it at once: before the
    writer lock, both wrote vectors.hnsw.tmp and one rename failed or left a torn index."""
    directory = catalog.directory
    others = [subprocess.Popen([sys.executable, "-c", REBUILDER, str(directory), "25"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    try:
        for proc in others:
            assert proc.stdout.readline().strip() == "ready"
        conn = sqlite3.connect(directory / "catalog.db")
        meta = store.get_meta(conn)
        manager = IndexManager(directory)
        for _ in range(25):
            manager.rebuild(conn, meta["embedder"], int(meta["dim"]))
        outcomes = [proc.communicate(timeout=120) for proc in others]
    finally:
        for proc in others:
            proc.kill()
    assert [proc.returncode for proc in others] == [0, 0], [err[-1500:] for _, err in outcomes]
    count = store.embedding_count(conn)
    VectorIndex.load(directory, meta["embedder"], int(meta["dim"]), count, meta["generation"])
    conn.close()


def test_an_older_snapshot_never_replaces_a_newer_index(catalog):
    """A search holding the old catalog's snapshot rebuilds after an import saved the new one."""
    directory = catalog.directory
    old_snapshot = sqlite3.connect(directory / "catalog.db")
    old_snapshot.execute("BEGIN")
    old_meta = store.get_meta(old_snapshot)
    catalog.apply_products(generation("new"), replace=True)
    new_generation = catalog.meta()["generation"]
    assert IndexManager(directory).rebuild(
        old_snapshot, old_meta["embedder"], int(old_meta["dim"])) is None
    old_snapshot.rollback()
    old_snapshot.close()
    assert VectorIndex.saved_generation(directory) == new_generation
    assert kinds([h.product.id for h in catalog.search(QUERY, limit=40, mode="dense").hits]) == {
        "new"}


def test_searching_while_the_catalog_switches_never_meets_a_closed_database(tmp_path):
    """A rollback (or a bundle install) closes the old catalog while searches on GUI worker
    threads still run on it: each sees one whole catalog, none fails."""
    library = CatalogLibrary(tmp_path)
    for prefix in ("left", "right"):
        slot = library.new_slot(prefix)
        cat = Catalog.open(slot)
        cat.apply_products(generation(prefix))
        cat.close()
        library.activate(slot)
    aisle = Aisle(tmp_path)
    errors: list[BaseException] = []
    seen: list[set[str]] = []
    done = threading.Event()

    def search_loop() -> None:
        try:
            while not done.is_set():
                for mode in ("keyword", "hybrid"):
                    hits = aisle.catalog.search(QUERY, limit=40, mode=mode).result.hits
                    seen.append(kinds([h.product.id for h in hits]))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    searchers = [threading.Thread(target=search_loop) for _ in range(2)]
    for thread in searchers:
        thread.start()
    try:
        for _ in range(60):
            aisle.catalog.roll_back()
    finally:
        done.set()
        for thread in searchers:
            thread.join(60)
        aisle.close()
    assert not errors, errors[:3]
    assert seen and all(len(k) == 1 for k in seen), [k for k in seen if len(k) != 1][:5]
    print(f"\n{len(seen)} searches during 60 catalog switches, none on a closed database")


def test_an_answer_that_began_before_a_switch_finishes_on_its_catalog(catalog):
    """The assistant reads the catalog again after retrieval (comparison rows, follow-ups); a
    switch closing the catalog in between used to leave it on a closed connection."""
    conversation = Conversation()
    list(Assistant(catalog, None).ask("gadget", conversation))
    answer = Assistant(catalog, None).ask("compare 1 and 2", conversation)
    first = next(answer)
    catalog.close()  # what a rollback or a bundle install does on another thread
    events = [first, *answer]
    assert events[-1].kind == "final" and events[-1].result.mode == "comparison"
    assert len(events[-1].result.cited_ids) == 2
    assert catalog.get_many(events[-1].result.cited_ids)
