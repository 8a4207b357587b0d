"""On-device personalization: history store, profile, gated ranker, picks, user control.

Everything runs against a real catalog (real MiniLM embedder, real hnswlib) built once per
session, and real SQLite history files in tmp_path. The only stand-in is the clock: tests move
time forward by hand instead of sleeping for days.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from engine.app import Aisle
from engine.catalog import Catalog
from engine.cli import cli
from engine.errors import HistoryError
from engine.personalization import HistoryStore, Personalizer
from engine.personalization.profile import HALF_LIFE_DAYS
from engine.personalization.simulate import SimConfig, Simulation, SimUser
from engine.records import SearchResult

ROOT = Path(__file__).resolve().parent.parent
DAY = 86400.0
SECRET_QUERY = "zebra-velvet-ottoman-9f3k"

LEAVES = {
    "Home > Rugs > Wool rugs": ("wool rug", ["Hearthloom", "Woolridge", "Nordweave"]),
    "Home > Rugs > Jute rugs": ("jute rug", ["Terrafold", "Hearthloom", "Sisalco"]),
    "Home > Rugs > Shag rugs": ("shag rug", ["Fluffnest", "Hearthloom", "Nordweave"]),
    "Home > Lighting > Floor lamps": ("floor lamp", ["Lumora", "Brightfield", "Nordweave"]),
    "Home > Lighting > Desk lamps": ("desk lamp", ["Lumora", "Deskly", "Brightfield"]),
    "Electronics > Headphones > Over-ear headphones": ("over-ear headphones",
                                                       ["Sonavo", "Monitorix", "Auralis"]),
    "Electronics > Headphones > Earbuds": ("wireless earbuds", ["Sonavo", "Budzy", "Auralis"]),
    "Electronics > Speakers > Bluetooth speakers": ("bluetooth speaker",
                                                    ["Sonavo", "Boomcraft", "Auralis"]),
    "Kitchen > Cookware > Skillets": ("skillet", ["Ironhearth", "Cookwell", "Panmaster"]),
    "Kitchen > Cookware > Saucepans": ("saucepan", ["Cookwell", "Panmaster", "Steelora"]),
    "Kitchen > Cookware > Dutch ovens": ("dutch oven", ["Ironhearth", "Steelora", "Cookwell"]),
    "Sports > Running shoes > Trail running shoes": ("trail running shoes",
                                                     ["Stridepeak", "Rockstep", "Veloce"]),
    "Sports > Running shoes > Road running shoes": ("road running shoes",
                                                    ["Stridepeak", "Veloce", "Paceline"]),
    "Sports > Yoga > Yoga mats": ("yoga mat", ["Zenfold", "Flowmat", "Paceline"]),
}
ADJECTIVES = ["Classic", "Premium", "Compact", "Large", "Soft", "Modern", "Eco", "Deluxe", "Sturdy"]
COLOURS = ["grey", "cream", "black", "blue", "green", "red", "natural", "white"]
PRICES = [12, 19, 29, 39, 49, 59, 79, 89, 119, 149, 179, 229, 299, 449]


def feed_rows(seed: int = 7, per_leaf: int = 10) -> list[dict]:
    """140 products: 14 leaf categories x 10, three brands each, prices over many bands."""
    rng = random.Random(seed)
    rows = []
    for leaf, (noun, brands) in LEAVES.items():
        for i in range(per_leaf):
            brand, adjective, colour = brands[i % 3], rng.choice(ADJECTIVES), rng.choice(COLOURS)
            rows.append({
                "id": f"{noun.replace(' ', '-')}-{i}", "title": f"{adjective} {colour} {noun}",
                "description": f"A {adjective.lower()} {noun} in {colour} from {brand}.",
                "category": leaf, "brand": brand, "price": float(rng.choice(PRICES)),
                "currency": "USD", "rating": round(rng.uniform(3.5, 4.9), 1),
                "rating_count": rng.randint(5, 3000),
            })
    return rows


@pytest.fixture(scope="session")
def catalog_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("personal-catalog")
    feed = root / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in feed_rows()), encoding="utf-8")
    catalog = Catalog.open(root / "catalog")
    catalog.import_feed(feed, format="jsonl")
    catalog.close()
    return root / "catalog"


@pytest.fixture(scope="session")
def catalog(catalog_dir) -> Catalog:
    return Catalog.open(catalog_dir)


class Clock:
    """Time the test moves by hand (days pass in microseconds)."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def person(tmp_path, catalog, clock) -> Personalizer:
    p = Personalizer(HistoryStore.open(tmp_path), catalog, clock=clock)
    yield p
    p.close()


def ids_in(catalog: Catalog, leaf: str) -> list[str]:
    return [r["id"] for r in feed_rows() if r["category"] == leaf]


def file_bytes(directory: Path) -> bytes:
    """The history database and its WAL, as bytes on disk."""
    return b"".join(p.read_bytes() for p in directory.glob("history.db*") if p.is_file())


def simulated_history(person: Personalizer, catalog: Catalog, clock: Clock, sessions: int,
                      seed: int = 1) -> SimUser:
    """A shopper who likes wool rugs and skillets from two brands in the $50-100 band."""
    sim = Simulation(catalog, SimConfig(seed=seed))
    user = SimUser(("Home > Rugs > Wool rugs", "Kitchen > Cookware > Skillets"),
                   ("Hearthloom", "Ironhearth"), 3)
    rng = np.random.default_rng(seed)
    for _ in range(sessions):
        sim.browse(person, user, rng, clock.advance(6 * 3600))
    return user


# ----- recording ----------------------------------------------------------------------------


def test_events_are_recorded_with_their_context(person, catalog, clock):
    result = catalog.search("wool rug", limit=10)
    search_id = person.record_search(result)
    rug = result.hits[2].product
    person.record("click", rug.id, context="search", ref=search_id, ts=clock.advance(5))
    person.record("view", rug.id, context="search", dwell=42.0, ts=clock.advance(1))
    person.record("click", "skillet-1", context="chat", ts=clock.advance(60))
    for kind in ("save", "unsave", "cart", "bought", "dismiss"):
        person.record(kind, "yoga-mat-2", context="product", ts=clock.advance(1))

    events = list(reversed(person.history()))
    assert [e.kind for e in events] == ["search", "click", "view", "click", "save", "unsave",
                                        "cart", "bought", "dismiss"]
    assert events[0].query == "wool rug" and len(events[0].shown) == 10
    assert events[0].shown[2].product_id == rug.id
    assert events[1].ref == search_id and events[1].slot == "search"
    assert events[2].dwell == 42.0 and events[2].product.title == rug.title
    assert events[3].slot == "chat"
    assert events[3].product.category == "Kitchen > Cookware > Skillets"
    assert all(e.ts > 0 for e in events)


def test_invalid_events_are_refused(person):
    with pytest.raises(HistoryError):
        person.record("teleport", "skillet-1")
    with pytest.raises(HistoryError):
        person.record("view", None)


def test_history_db_is_migrated_once(tmp_path):
    HistoryStore.open(tmp_path).close()
    store = HistoryStore.open(tmp_path)
    names = [r[0] for r in store._conn.execute("SELECT name FROM _migrations")]
    assert names == ["m001_history"]
    store.close()


def test_pause_really_stops_recording(tmp_path, catalog, clock):
    person = Personalizer(HistoryStore.open(tmp_path), catalog, clock=clock)
    person.record("view", "skillet-1")
    person.pause()
    assert person.record("view", "skillet-2") is None
    assert person.record_search(catalog.search("rug", limit=5)) is None
    person.close()

    reopened = Personalizer(HistoryStore.open(tmp_path), catalog, clock=clock)
    assert reopened.paused
    assert reopened.record("save", "skillet-3") is None
    assert [e.product_id for e in reopened.history()] == ["skillet-1"]
    assert reopened.summary().events == 1
    reopened.resume()
    assert reopened.record("view", "skillet-4") is not None
    reopened.close()


# ----- profile ------------------------------------------------------------------------------


def test_profile_reflects_what_the_shopper_does(person, catalog, clock):
    rugs = ids_in(catalog, "Home > Rugs > Wool rugs")
    for pid in rugs[:5]:
        person.record("view", pid, dwell=30, ts=clock.advance(600))
    person.record("save", rugs[0], ts=clock.advance(60))
    person.record("view", "skillet-1", ts=clock.advance(60))

    profile = person.profile()
    now = clock()
    top_category = profile.top("category", now, 1)[0][0]
    assert top_category in ("Home", "Home > Rugs", "Home > Rugs > Wool rugs")
    assert profile.shares("category", now)["Home > Rugs > Wool rugs"] > \
        profile.shares("category", now)["Kitchen > Cookware > Skillets"]
    taste = profile.taste_unit()
    rug_vec, skillet_vec = catalog.vectors([rugs[7], "skillet-5"])
    assert float(taste @ rug_vec) > float(taste @ skillet_vec)
    summary = person.summary()
    assert summary.events == 7 and summary.categories and summary.price_range


def test_incremental_profile_matches_a_rebuild(person, catalog, clock):
    simulated_history(person, catalog, clock, sessions=15)
    now = clock()
    incremental = person.profile()
    rebuilt = person.rebuild_profile()
    for kind in ("category", "brand", "band"):
        a, b = incremental.shares(kind, now), rebuilt.shares(kind, now)
        assert a.keys() == b.keys()
        assert all(a[k] == pytest.approx(b[k], rel=1e-6) for k in a)
    assert np.allclose(incremental.taste_unit(), rebuilt.taste_unit(), atol=1e-5)


def test_affinities_decay_with_a_half_life(person, clock):
    person.record("view", "skillet-1", ts=clock())
    start = person.profile().affinities[("brand", _brand("skillet-1"))]
    later = clock() + HALF_LIFE_DAYS * DAY
    assert start.at(later) == pytest.approx(start.at(clock()) / 2)


def _brand(pid: str) -> str:
    return next(r["brand"] for r in feed_rows() if r["id"] == pid)


# ----- deleting, export, crash safety ---------------------------------------------------------


def test_delete_everything_leaves_no_trace_in_the_file(tmp_path, person, catalog, clock):
    simulated_history(person, catalog, clock, sessions=25)
    result = catalog.search("ottoman", limit=5)
    secret = person.record_search(SearchResult(SECRET_QUERY, result.hits, 5, {}, 0.0))
    person.record("click", result.hits[0].product.id, ref=secret, ts=clock.advance(3))
    person.train()
    assert SECRET_QUERY.encode() in file_bytes(tmp_path)

    deleted = person.delete_all()

    assert deleted > 50
    assert SECRET_QUERY.encode() not in file_bytes(tmp_path)
    wal = tmp_path / "history.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert person.history() == [] and person.store.load_ranker() is None
    assert person.profile().affinities == {} and person.profile().taste is None
    assert person.recommend() == []


def test_deleting_one_event_or_a_range_rebuilds_the_profile(tmp_path, person, catalog, clock):
    person.record("view", "skillet-1", ts=clock.advance(10))
    secret = person.record_search(SearchResult(SECRET_QUERY, [], 0, {}, 0.0), ts=clock.advance(10))
    old = clock()
    for pid in ids_in(catalog, "Sports > Yoga > Yoga mats")[:3]:
        person.record("view", pid, ts=clock.advance(DAY))

    assert person.delete(ids=[secret]) == 1
    assert SECRET_QUERY.encode() not in file_bytes(tmp_path)
    assert person.delete(since=old + 1) == 3
    remaining = person.history()
    assert [e.product_id for e in remaining] == ["skillet-1"]
    assert set(person.profile().shares("category", clock())) == {
        "Kitchen", "Kitchen > Cookware", "Kitchen > Cookware > Skillets"}


def test_export_and_restore_round_trip(tmp_path, person, catalog, clock):
    simulated_history(person, catalog, clock, sessions=12)
    person.record("dismiss", "yoga-mat-1", ts=clock.advance(5))
    exported = person.export()
    path = tmp_path / "export.json"
    person.export_to(path)
    profile_before = person.profile().shares("category", clock())

    person.delete_all()
    assert person.import_from(path) == len(exported["events"])
    again = person.export()

    assert again["events"] == exported["events"]
    assert len(again["profile"]) == len(exported["profile"])
    for restored, original in zip(again["profile"], exported["profile"], strict=True):
        assert (restored["kind"], restored["key"], restored["count"]) == \
            (original["kind"], original["key"], original["count"])
        assert restored["value"] == pytest.approx(original["value"])
    assert person.profile().shares("category", clock()) == pytest.approx(profile_before)
    assert person.import_from(path) == 0  # restoring twice adds nothing
    assert "yoga-mat-1" in person.store.excluded_products()


def test_import_refuses_files_that_are_not_exports(tmp_path, person):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": "world"}))
    with pytest.raises(HistoryError):
        person.import_from(bad)
    bad.write_text("{not json")
    with pytest.raises(HistoryError):
        person.import_from(bad)


WRITER = """
import sys
from engine.records import Event, ProductSnapshot
from engine.personalization.store import HistoryStore
store = HistoryStore(sys.argv[1])
rug = ProductSnapshot("Wool rug", "Home > Rugs > Wool rugs", "Hearthloom", 89.0, "USD")
for i in range(1_000_000):
    event_id = store.append(Event("view", 1.7e9 + i, f"rug-{i % 40}", slot="product", dwell=12.0,
                                  product=rug))
    print(event_id, flush=True)
"""


def test_kill_9_of_a_writer_leaves_a_consistent_database(tmp_path):
    path = tmp_path / "history.db"
    HistoryStore(path).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                            env=env, text=True)
    committed = []
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert len(committed) >= 300

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r[0] for r in conn.execute("SELECT id FROM events")}
    assert set(committed) <= stored
    # each event and its profile update were one transaction: the counts agree exactly
    count = conn.execute("SELECT count FROM affinity WHERE kind = 'brand' AND key = 'Hearthloom'")
    assert count.fetchone()[0] == len(stored)
    conn.close()


# ----- ranker -------------------------------------------------------------------------------


def test_ranker_trains_and_is_used_only_after_a_held_out_win(tmp_path, person, catalog, clock):
    simulated_history(person, catalog, clock, sessions=60)
    report = person.train(seed=0)

    assert report.enabled, report.to_dict()
    metrics = report.metrics
    assert metrics["personalized"]["ndcg@10"] > metrics["baseline"]["ndcg@10"]
    assert report.heldout_lists >= 4 and report.train_lists > report.heldout_lists
    person.close()

    reopened = Personalizer(HistoryStore.open(tmp_path), catalog, clock=clock)
    assert reopened.store.load_ranker()[2] is True  # the model lives in history.db
    result = catalog.search("rugs", limit=40)
    personal = reopened.personalize(result)
    assert personal.personalized
    assert sorted(h.product.id for h in personal.result.hits) == \
        sorted(h.product.id for h in result.hits)
    top = [h.product for h in personal.result.hits[:5]]
    assert sum(p.category == "Home > Rugs > Wool rugs" or p.brand == "Hearthloom" for p in top) >= 4
    assert personal.reasons and all(personal.reasons.values())
    switched_off = reopened.personalize(result, enabled=False)
    assert not switched_off.personalized and switched_off.result.hits == result.hits
    reopened.close()


def test_personal_order_reaches_beyond_the_first_page(tmp_path, catalog, catalog_dir):
    """The whole result is re-ordered before paging, so a product the normal order puts on
    page 2 can reach page 1; the facade does this for the shopper."""
    clock = Clock(time.time() - 20 * DAY)  # a history that ends a few days ago
    person = Personalizer(HistoryStore.open(tmp_path), catalog, clock=clock)
    simulated_history(person, catalog, clock, sessions=60)
    assert person.train(seed=0).enabled
    plain = catalog.search("rugs", limit=5)
    personal = catalog.search("rugs", limit=5, rerank=lambda hits: person.rerank(hits)[0])
    person.close()
    normal_rank = [h.product.id for h in catalog.search("rugs", limit=100).hits]
    moved_up = [h.product.id for h in personal.hits if normal_rank.index(h.product.id) >= 5]
    assert moved_up and personal.total == plain.total
    assert sorted(h.product.id for h in personal.hits) != sorted(h.product.id for h in plain.hits)

    shutil.copytree(catalog_dir, tmp_path / "catalogs" / "default")
    with Aisle(tmp_path) as aisle:
        page = aisle.catalog.search("rugs", limit=5)
        shown = [h.product.id for h in page.result.hits]
        assert page.personalized and any(normal_rank.index(pid) >= 5 for pid in shown)
        assert page.reasons and set(page.reasons) <= set(shown) and all(page.reasons.values())
        off = aisle.catalog.search("rugs", limit=5, personal=False)
        assert not off.personalized and [h.product.id for h in off.result.hits] == \
            [h.product.id for h in plain.hits]


def test_ranker_stays_off_when_it_cannot_beat_the_normal_order(person, catalog, clock):
    """A shopper who always takes the first result: the shown order is already perfect."""
    rng = random.Random(3)
    queries = ["rug", "lamp", "headphones", "skillet", "running shoes", "yoga mat", "speaker"]
    for _ in range(40):
        result = catalog.search(rng.choice(queries), limit=20)
        ref = person.record_search(result, ts=clock.advance(3600))
        person.record("click", result.hits[0].product.id, ref=ref, ts=clock.advance(5))

    report = person.train()

    assert not report.enabled
    assert report.metrics["baseline"]["ndcg@10"] == 1.0
    result = catalog.search("rug", limit=20)
    assert person.personalize(result).result.hits == result.hits


def test_ranker_falls_back_cleanly_with_little_history(person, catalog, clock):
    simulated_history(person, catalog, clock, sessions=4)
    assert person.train_if_due(min_new_events=1000) is None
    report = person.train_if_due(min_new_events=1)
    assert not report.enabled and "Not enough history" in report.reason
    assert person.train_if_due(min_new_events=1) is None  # nothing new since
    result = catalog.search("skillet", limit=10)
    personal = person.personalize(result)
    assert not personal.personalized and personal.result is result


def test_a_stored_ranker_of_another_kind_is_ignored_until_retrained(tmp_path, person, catalog,
                                                                     clock):
    """A history from a version whose ranker was an MLP (numpy weights), or a damaged blob:
    search goes on unpersonalised, and the next training stores a LightGBM model."""
    simulated_history(person, catalog, clock, sessions=60)
    person.train(seed=0)
    report = person.store.load_ranker()[1]
    person.store.save_ranker(b"PK\x03\x04 old numpy weights", report, True)
    person.close()
    reopened = Personalizer(HistoryStore.open(tmp_path), catalog, clock=clock)
    result = catalog.search("rugs", limit=20)
    assert not reopened.personalize(result).personalized
    assert reopened.train(seed=0).enabled and reopened.personalize(result).personalized
    reopened.close()


def test_training_on_5000_events_is_fast(tmp_path, catalog, clock):
    import lightgbm  # noqa: F401  (measure training, not the one-time import)

    person = Personalizer(HistoryStore(":memory:"), catalog, clock=clock)
    sim = Simulation(catalog, SimConfig())
    user = SimUser(("Home > Rugs > Wool rugs",), ("Hearthloom",), 3)
    rng = np.random.default_rng(0)
    while person.store.count() < 5000:
        sim.browse(person, user, rng, clock.advance(3600))
    report = person.train()
    print(f"trained on {person.store.count()} events in {report.seconds:.2f} s")
    assert report.lists > 500
    assert report.seconds < 5.0
    person.close()


# ----- recommendations and explanations ----------------------------------------------------


def test_for_you_excludes_bought_and_dismissed_and_is_diverse(person, catalog, clock):
    rugs = ids_in(catalog, "Home > Rugs > Wool rugs")
    for pid in rugs[:4]:
        person.record("view", pid, dwell=40, ts=clock.advance(3600))
    person.record("save", rugs[1], ts=clock.advance(60))
    person.record("bought", rugs[2], ts=clock.advance(60))
    person.record("dismiss", rugs[3], ts=clock.advance(60))
    person.record("view", "skillet-4", ts=clock.advance(60))

    picks = person.recommend(limit=10)

    ids = [p.product.id for p in picks]
    assert len(picks) == 10 and len(set(ids)) == 10
    assert rugs[2] not in ids and rugs[3] not in ids
    assert max(Counter(p.product.brand for p in picks).values()) <= 3
    assert max(Counter(p.product.category for p in picks).values()) <= 4
    assert all(p.reason.strip() for p in picks)
    reasons = " ".join(p.reason for p in picks)
    assert "wool rugs this week" in reasons
    assert "Because you viewed" in reasons or "usual price range" in reasons
    rug_picks = [p for p in picks if p.product.category == "Home > Rugs > Wool rugs"]
    assert rug_picks, "the feed should lean on what the shopper looked at"


def test_similar_and_because_you_viewed_explain_themselves(person, catalog, clock):
    rugs = ids_in(catalog, "Home > Rugs > Wool rugs")
    person.record("dismiss", rugs[5], ts=clock.advance(10))
    person.record("view", rugs[0], ts=clock.advance(10))
    title = catalog.get(rugs[0]).title

    similar = person.similar_to(rugs[0], limit=6)
    assert similar and rugs[0] not in [p.product.id for p in similar]
    assert rugs[5] not in [p.product.id for p in similar]
    assert all(p.reason.startswith(f"Similar to {title}") for p in similar)

    because = person.because_you_viewed(limit=6)
    assert because and all(p.reason.startswith(f"Because you viewed {title}") for p in because)


def test_usual_price_range_is_explained_in_money(person, catalog, clock):
    in_band = [r["id"] for r in feed_rows() if 50 <= r["price"] < 100][:6]
    for pid in in_band:
        person.record("save", pid, ts=clock.advance(600))
    picks = person.recommend(limit=10)
    assert any("In your usual price range ($50–$100)" in p.reason for p in picks)
    assert person.summary().price_range == "$50–$100"


# ----- CLI ----------------------------------------------------------------------------------


@pytest.fixture
def data_dir(isolated_data_dir, catalog_dir) -> Path:
    """A data directory whose active catalog is the test catalog."""
    shutil.copytree(catalog_dir, isolated_data_dir / "catalogs" / "default")
    return isolated_data_dir


def test_cli_history_commands(tmp_path, data_dir, catalog):
    store = HistoryStore.open(data_dir)
    person = Personalizer(store, catalog)
    person.record_search(SearchResult(SECRET_QUERY, [], 0, {}, 0.0))
    person.record("view", "skillet-1", dwell=20)
    person.record("save", "wool-rug-1")
    person.close()
    runner = CliRunner()

    out = runner.invoke(cli, ["history", "list"])
    assert out.exit_code == 0, out.output
    assert SECRET_QUERY in out.output and "save" in out.output
    listed = json.loads(runner.invoke(cli, ["history", "list", "--json"]).output)
    assert len(listed["events"]) == 3 and listed["paused"] is False

    assert runner.invoke(cli, ["history", "pause"]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["history", "list", "--json"]).output)["paused"] is True
    assert runner.invoke(cli, ["history", "resume"]).exit_code == 0

    export = tmp_path / "mine.json"
    assert runner.invoke(cli, ["history", "export", str(export)]).exit_code == 0
    picks = json.loads(runner.invoke(cli, ["recommend", "--json", "--limit", "5"]).output)["picks"]
    assert picks and all(p["reason"] for p in picks)

    first_id = listed["events"][-1]["id"]
    out = runner.invoke(cli, ["history", "delete", "--id", str(first_id)])
    assert "Deleted 1 events" in out.output
    assert SECRET_QUERY.encode() not in file_bytes(data_dir)
    out = runner.invoke(cli, ["history", "delete", "--all", "--yes"])
    assert "Deleted 2 events" in out.output
    assert runner.invoke(cli, ["history", "delete"]).exit_code != 0

    out = runner.invoke(cli, ["history", "import", str(export)])
    assert "Restored 3 events" in out.output
    profile = json.loads(runner.invoke(cli, ["history", "profile", "--json"]).output)
    assert profile["events"] == 3 and profile["categories"]


def test_eval_personalization_is_reproducible_and_shows_a_lift(data_dir):
    runner = CliRunner()
    args = ["eval-personalization", "--seed", "3", "--users", "6", "--json"]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert set(report) >= {"personalized", "baseline", "seed", "users"}
    assert set(report["personalized"]) == {"hit_rate@10", "ndcg@10"}
    assert report["seed"] == 3 and report["users"] == 6
    assert report["personalized"]["ndcg@10"] > report["baseline"]["ndcg@10"]
    assert json.loads(runner.invoke(cli, args).output) == report
