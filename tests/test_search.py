"""Hybrid search through the real path: filters, facets, sort, typos, Chinese, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from catalog_fixtures import product_rows, write_jsonl
from click.testing import CliRunner

from engine.catalog import Catalog
from engine.cli import cli
from engine.errors import SearchError
from engine.records import SearchFilters


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    cat = Catalog.open(root / "cat")
    cat.import_feed(write_jsonl(root / "feed.jsonl", product_rows()))
    yield cat
    cat.close()


def ids(result):
    return [h.product.id for h in result.hits]


def test_hybrid_finds_the_warm_rug(catalog):
    result = catalog.search("warm rug for a small living room", limit=5)
    assert set(ids(result)[:3]) & {"rug-1", "rug-3", "zh-1"}
    assert result.hits[0].keyword_rank is not None or result.hits[0].dense_rank is not None


@pytest.mark.parametrize("filters, check", [
    (SearchFilters(category="Home > Rugs"), lambda p: p.category.startswith("Home > Rugs")),
    (SearchFilters(brand="Sonavo"), lambda p: p.brand == "Sonavo"),
    (SearchFilters(min_price=50, max_price=150), lambda p: 50 <= p.price <= 150),
    (SearchFilters(min_rating=4.5), lambda p: p.rating >= 4.5),
])
def test_every_filter_applies_to_every_hit(catalog, filters, check):
    result = catalog.search("rug headphones laptop shoes", filters=filters, limit=50)
    assert result.hits
    assert all(check(h.product) for h in result.hits)


def test_facets_count_the_result_set(catalog):
    result = catalog.search("headphones", limit=50)
    brands = {f.value: f.count for f in result.facets["brand"]}
    assert brands["Sonavo"] >= 2
    assert {f.value for f in result.facets["category"]} >= {"Electronics"}
    assert sum(f.count for f in result.facets["price"]) == result.total


def test_sort_by_price_and_rating(catalog):
    by_price = catalog.search("rug", sort="price", limit=50)
    prices = [h.product.price for h in by_price.hits]
    assert prices == sorted(prices)
    by_rating = catalog.search("rug", sort="rating", limit=50)
    ratings = [h.product.rating for h in by_rating.hits]
    assert ratings == sorted(ratings, reverse=True)


def test_typo_query_is_corrected(catalog):
    result = catalog.search("wireles headphnes", mode="keyword", limit=5)
    assert result.corrected_query == "wireless headphones"
    assert "hp-1" in ids(result)


def test_chinese_query_finds_chinese_products(catalog):
    assert ids(catalog.search("保暖地毯", mode="keyword", limit=3))[0] == "zh-1"
    assert "zh-2" in ids(catalog.search("蓝牙耳机", limit=5))


def test_empty_query_browses_with_filters_and_facets(catalog):
    result = catalog.search("", filters=SearchFilters(category="Electronics"), sort="price",
                            limit=3)
    assert result.total == 6 and len(result.hits) == 3
    assert result.hits[0].product.price == 79.0
    assert result.facets["brand"]


def test_paging_is_consistent(catalog):
    everything = ids(catalog.search("rug", limit=20))
    assert ids(catalog.search("rug", limit=2, offset=2)) == everything[2:4]


def test_rerank_orders_the_whole_pool_before_paging(catalog):
    """A personal re-ranker sees every fused hit, so the last one can reach page 1; what the
    result counts (total, facets) is the pool's and does not move."""
    plain = catalog.search("rug", limit=2)
    last = ids(catalog.search("rug", limit=50))[-1]
    assert plain.total > 2 and last not in ids(plain)
    pools = []

    def favour_last(hits):
        pools.append(len(hits))
        return sorted(hits, key=lambda h: h.product.id != last)

    lifted = catalog.search("rug", limit=2, rerank=favour_last)
    assert ids(lifted)[0] == last
    assert lifted.total == plain.total and lifted.facets == plain.facets
    catalog.search("rug", sort="price", limit=2, rerank=favour_last)
    assert pools == [plain.total]  # whole pool, once; an explicit sort is not re-ranked


@pytest.mark.parametrize("kwargs", [
    {"sort": "cheapest"}, {"mode": "semantic"}, {"limit": 0},
    {"filters": SearchFilters(min_price=-1)}, {"filters": SearchFilters(min_price=10, max_price=5)},
])
def test_invalid_requests_raise_search_error(catalog, kwargs):
    with pytest.raises(SearchError):
        catalog.search("rug", **kwargs)


def test_absurd_query_is_harmless(catalog):
    result = catalog.search('" OR * NEAR( ) ' * 200 + "x" * 5000, limit=5)
    assert result.total >= 0


def test_similar_products_exclude_the_product_itself(catalog):
    similar = [h.product.id for h in catalog.similar("hp-1", limit=3)]
    assert "hp-1" not in similar and similar


def test_cli_import_then_search_json_in_a_new_process(tmp_path):
    feed = write_jsonl(tmp_path / "feed.jsonl", product_rows())
    data = tmp_path / "data"
    runner = CliRunner()
    out = runner.invoke(cli, ["--data-dir", str(data), "catalog", "import", str(feed)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["imported"] == len(product_rows())
    proc = subprocess.run(
        [sys.executable, "-m", "engine.cli", "--data-dir", str(data), "search", "cast iron pan",
         "--json", "--max-price", "100", "--limit", "3"],
        capture_output=True, text=True, timeout=120, check=True,
    )
    payload = json.loads(proc.stdout)
    assert payload["results"][0]["id"] == "pan-1"
    assert set(payload) >= {"results", "facets", "took_ms"}
    assert set(payload["results"][0]) >= {"id", "title", "price", "score"}


def test_cli_rejects_a_non_feed_with_exit_1(tmp_path):
    junk = tmp_path / "page.csv"
    junk.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    out = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "d"), "catalog", "import",
                                   str(junk)])
    assert out.exit_code == 1
    assert "Error:" in out.output


@pytest.mark.parametrize("mode", ["keyword", "hybrid", "learned"])
def test_a_chinese_query_over_an_english_catalog_searches_its_english_words(english_catalog,
                                                                            mode):
    result = english_catalog.search("降噪耳机", mode=mode, limit=3)
    assert result.corrected_query == "noise headphones"  # shown as "Showing results for"
    assert result.hits[0].product.id == "hp-1"
    assert english_catalog.search("羊毛地毯", mode=mode, limit=3).hits[0].product.id == "rug-1"


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_a_chinese_word_is_searched_in_the_sense_the_catalogs_titles_use(english_catalog, mode):
    result = english_catalog.search("真无线耳机", mode=mode, limit=3)
    assert result.corrected_query == "true wireless headphones"  # CC-CEDICT's first: "really"
    assert result.hits[0].product.id == "hp-3"  # "True wireless earbuds"


def test_a_translated_query_weighs_its_keyword_leg_less():
    from engine.catalog.search import SearchConfig

    config = SearchConfig()
    translated = config.translated()
    assert translated.keyword_weight == config.translated_keyword_weight < config.keyword_weight
    assert translated.keyword_weight + translated.dense_weight == pytest.approx(
        config.keyword_weight + config.dense_weight)


def test_a_chinese_query_over_a_chinese_catalog_is_not_translated(catalog, english_catalog):
    import dataclasses

    assert catalog.search("保暖地毯", limit=3).hits[0].product.id == "zh-1"
    english_catalog.config = dataclasses.replace(english_catalog.config, crosslingual="none")
    try:
        assert english_catalog.search("降噪耳机", mode="keyword").hits == []
    finally:
        english_catalog.config = dataclasses.replace(english_catalog.config,
                                                     crosslingual="translate")


def test_the_glossary_puts_chinese_shopping_words_in_english():
    from engine.crosslingual import glossary

    words = glossary()
    assert words.translate("降噪耳机") == "noise headphones"
    assert words.translate("三星galaxy手机壳") == "Samsung galaxy phone case"  # Latin kept
    assert words.translate("睡袋") == "sleeping bag"  # CC-CEDICT
    assert words.translate("red rug") == "red rug"
    assert words.translate("13寸macbook保护壳") == "13 inch macbook case"  # a unit as titles say it
    assert words.translate("蝙蝠侠") == "Batman"  # not "Batman, comic book superhero"
    assert "托" not in words.translate("霍比特人")  # no Chinese left in the English words


def test_the_glossary_chooses_among_senses_by_the_catalogs_titles():
    from engine.crosslingual import KEYWORD_SENSES, Glossary

    words = Glossary({"皮": ("skin", "leather", "fur"), "包": ("wrap", "bag", "bun", "packet"),
                      "扬": ("raise", "flutter")})
    titles = {"leather": 4, "fur": 1, "bag": 9, "bun": 2, "packet": 1, "tote": 3}
    assert KEYWORD_SENSES == 2
    english = words.for_catalog("皮包 tote", titles)
    assert english.best == "leather bag tote"  # each word's first sense the titles use
    assert english.keyword == "leather fur bag bun tote"  # and the next one, ORed by BM25
    assert words.translate("皮包 tote") == "skin wrap tote"  # for no catalog: the first senses
    assert words.for_catalog("扬", titles).keyword == "raise"  # none in the titles: the first
