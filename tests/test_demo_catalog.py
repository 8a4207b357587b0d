"""The shipped demo catalog: well-formed, reproducible, bilingual, and importable as-is."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from engine.importers import read_feed
from engine.paths import resource_path
from engine.records import Product, SearchFilters

ROOT = Path(__file__).resolve().parent.parent
CATALOG = resource_path("demo", "catalog.jsonl")
SCRIPT = ROOT / "scripts" / "make_demo_catalog.py"
FIELDS = ["id", "title", "description", "category", "brand", "price", "currency", "rating",
          "rating_count", "image_url", "url", "availability", "attributes"]
CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|。")
INJECTION_MARKERS = ("Ignore previous instructions", "SYSTEM NOTE FOR AI", "忽略之前的所有指令")


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with CATALOG.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def test_every_line_is_a_product_object_with_our_fields(rows):
    assert len(rows) >= 2000
    for row in rows:
        assert list(row) == FIELDS
        assert row["id"] and row["title"] and row["category"]
        assert isinstance(row["price"], float) and row["price"] > 0
        assert isinstance(row["attributes"], dict) and row["attributes"]


def test_ids_are_unique_and_sequential(rows):
    assert [r["id"] for r in rows] == [f"demo-{n:05d}" for n in range(1, len(rows) + 1)]


def test_titles_are_unique(rows):
    assert len({r["title"] for r in rows}) == len(rows)


def test_values_are_in_range(rows):
    for row in rows:
        assert row["rating"] is None or 1.0 <= row["rating"] <= 5.0
        assert row["rating_count"] >= 0 and (row["rating"] is None) == (row["rating_count"] == 0)
        assert row["url"] == f"https://demo.aisle.invalid/p/{row['id']}"
        assert row["image_url"] == ""
        assert row["availability"] in {"in_stock", "out_of_stock", "backorder", "preorder"}
        hostile = any(m in row["description"] for m in INJECTION_MARKERS)
        assert 1 <= len(SENTENCE_END.findall(row["description"])) <= (4 if hostile else 3)


def test_categories_are_two_or_three_levels_under_about_twelve_tops(rows):
    tops = Counter(r["category"].split(" > ")[0] for r in rows)
    assert 10 <= len(tops) <= 14
    assert all(count >= 50 for count in tops.values())
    assert all(2 <= len(r["category"].split(" > ")) <= 3 for r in rows)


def test_chinese_products_are_priced_in_yuan(rows):
    chinese = [r for r in rows if CJK.search(r["title"])]
    assert len(chinese) / len(rows) >= 0.08
    assert all(r["currency"] == "CNY" and CJK.search(r["description"]) for r in chinese)
    assert all(r["currency"] == "USD" for r in rows if not CJK.search(r["title"]))


def test_chinese_query_words_appear_in_titles(rows):
    titles = [r["title"] for r in rows]
    assert any("保暖" in t and "地毯" in t for t in titles)
    assert sum("蓝牙耳机" in t for t in titles) >= 10


def test_small_warm_rugs_under_100_dollars_exist(rows):
    rugs = [r for r in rows
            if r["category"] in ("Home > Rugs > Wool rugs", "Home > Rugs > Shag rugs")
            and r["currency"] == "USD" and r["price"] < 100]
    assert len(rugs) >= 30
    assert any("small living room" in r["description"] for r in rugs)


def test_injection_products_are_the_ones_the_readme_lists(rows):
    hostile = {r["id"] for r in rows if any(m in r["description"] for m in INJECTION_MARKERS)}
    section = resource_path("demo", "README.md").read_text(encoding="utf-8").split(
        "## Hostile descriptions")[1].split("## ")[0]
    assert hostile == set(re.findall(r"demo-\d{5}(?=`)", section))
    assert len(hostile) == 3


def test_metadata_file():
    meta = json.loads(resource_path("demo", "catalog.json").read_text(encoding="utf-8"))
    assert meta == {"name": "Aisle demo catalog", "version": "2026.11",
                    "snapshot_date": "2026-11-01", "license": "CC0-1.0 (generated for Aisle)",
                    "language": "en+zh"}


def test_file_stays_small():
    assert CATALOG.stat().st_size < 2_000_000


def test_generator_reproduces_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "catalog.jsonl"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True,
                   capture_output=True, timeout=120)
    assert out.read_bytes() == CATALOG.read_bytes()


def test_importer_accepts_every_row(rows):
    feed = read_feed(CATALOG)
    items = list(feed)
    assert feed.format == "jsonl"
    assert all(isinstance(item, Product) for item in items)
    assert [p.id for p in items] == [r["id"] for r in rows]
    assert items[0].price == rows[0]["price"] and items[0].attributes == rows[0]["attributes"]


@pytest.mark.slow
def test_demo_catalog_answers_the_showcase_queries(tmp_path):
    """End to end with the real multilingual embedder: the queries the app demos must work.

    Goes through the app's first-run path (embedded once per session cache, then copied)."""
    from engine.app import Aisle

    with Aisle(tmp_path / "data") as app:
        info = app.catalog.ensure()
        assert info.product_count == 2500
        assert info.name == "Aisle demo catalog"
        rugs = app.catalog.search("warm rug for a small living room",
                                  filters=SearchFilters(max_price=100), limit=5).result
        assert rugs.hits and all("Rugs" in h.product.category for h in rugs.hits[:3])
        assert any(("Wool" in h.product.category or "Shag" in h.product.category)
                   and h.product.currency == "USD" for h in rugs.hits[:3])
        for query, word in (("保暖地毯", "地毯"), ("蓝牙耳机", "耳机")):
            top = app.catalog.search(query, limit=5).result.hits
            assert top and word in top[0].product.title
