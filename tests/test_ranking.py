"""The learned ranker: normalised product tokens, features, the shipped model file, and its
cross-validation, through a real catalog (SQLite FTS5, hnswlib, the real embedder)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from catalog_fixtures import product_rows, write_jsonl
from click.testing import CliRunner

from engine.catalog import Catalog
from engine.cli import cli
from engine.errors import SearchError
from engine.ranking.features import FEATURES, Candidate, TitleFrequencies, feature_matrix
from engine.ranking.model import CARD_FILE, LearnedRanker, shipped_ranker
from engine.ranking.normalise import tokens
from engine.records import Product


@pytest.mark.parametrize(("text", "expected"), [
    ("Area rug 5x7 ft", ["area", "rug", "5", "x", "7", "ft"]),
    ("5 x 7 feet", ["5", "x", "7", "ft"]),
    ("1/2 in. copper pipes", ["0.5", "in", "copper", "pipe"]),
    ("0.5 inch copper pipe", ["0.5", "in", "copper", "pipe"]),
    ("1.7L kettle", ["1.7", "l", "kettle"]),
    ("18-Volt drill, 2.0 Ah", ["18", "v", "drill", "2", "ah"]),
    ("boxes of glasses", ["box", "of", "glass"]),
    ("保暖地毯", ["保暖", "暖地", "地毯"]),
])
def test_sizes_units_fractions_and_plurals_have_one_form(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def candidate(product: Product, *, bm25: float = 0.0, cosine: float = 0.5,
              keyword_rank: int | None = None, dense_rank: int | None = 0) -> Candidate:
    return Candidate(product, bm25, bm25, 0.0, cosine, keyword_rank, dense_rank)


def test_features_of_a_product_without_brand_category_or_description_are_missing() -> None:
    bare = Product(id="b", title="Cordless drill 18V")
    full = Product(id="f", title="Cordless drill 18 volt", brand="Ryobi",
                   category="Tools > Drills", description="Brushless motor.")
    rows = feature_matrix("ryobi 18v drill", [candidate(bare), candidate(full, bm25=3.0,
                                                                          keyword_rank=0)],
                          corrected=False)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert rows.shape == (2, len(FEATURES))
    for name in ("brand_in_query", "category_overlap", "keyword_rank"):
        assert math.isnan(rows[0, col[name]])
    assert rows[1, col["brand_in_query"]] == 1.0
    assert rows[0, col["numbers_matched"]] == rows[1, col["numbers_matched"]] == 1.0
    assert rows[0, col["has_description"]] == 0.0 and rows[1, col["bm25_rel"]] == 1.0


def test_misspelt_run_together_and_rare_words_are_measured_against_the_title() -> None:
    deckover = Product(id="d", title="BEHR Premium DeckOver 1-gal. Wood Coating")
    steel = Product(id="s", title="Steel Garden Stake 12-Gauge")
    frequencies = TitleFrequencies.of(["Steel Garden Stake 12-Gauge", "Garden hose",
                                       "Garden gloves", "Garden rake"])
    col = {name: i for i, name in enumerate(FEATURES)}
    run_together = feature_matrix("deck over", [candidate(deckover), candidate(steel)],
                                  corrected=False, frequencies=frequencies)
    assert run_together[0, col["title_trigrams"]] >= 0.5 > run_together[1, col["title_trigrams"]]
    misspelt = feature_matrix("steele stake", [candidate(steel)], corrected=False)[0]
    assert 0.5 < misspelt[col["title_fuzzy"]] < 1.0
    assert math.isnan(misspelt[col["title_idf_coverage"]])  # no frequencies: missing
    rare = feature_matrix("garden stake", [candidate(steel)], corrected=False,
                          frequencies=frequencies)[0]
    assert rare[col["title_idf_coverage"]] == pytest.approx(1.0)
    common_only = Product(id="h", title="Garden hose")
    weighted = feature_matrix("garden stake", [candidate(common_only)], corrected=False,
                              frequencies=frequencies)[0]
    assert weighted[col["title_idf_coverage"]] < 0.3 < weighted[col["title_coverage"]]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    directory = tmp_path_factory.mktemp("ranked")
    catalog = Catalog.open(directory / "catalog")
    catalog.import_feed(write_jsonl(directory / "feed.jsonl", product_rows()))
    yield catalog
    catalog.close()


def test_the_shipped_ranker_loads_and_orders_learned_search(catalog: Catalog) -> None:
    assert shipped_ranker().card["features"] == list(FEATURES)
    result = catalog.search("wireless headphones", mode="learned", limit=5)
    assert result.hits[0].product.id in {"hp-1", "hp-3"}
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    hybrid = catalog.search("wireless headphones", mode="hybrid", limit=50)
    assert result.total == hybrid.total  # the same candidates, in the ranker's order
    rows = catalog.ranking_candidates("wireless headphones").matrix()
    coverage = rows[:, FEATURES.index("title_idf_coverage")]
    assert not np.isnan(coverage).all()  # the catalog's own title frequencies reached it


def test_learned_search_keeps_filters_facets_and_paging(catalog: Catalog) -> None:
    from engine.records import SearchFilters

    first = catalog.search("rug", mode="learned", limit=2,
                           filters=SearchFilters(max_price=100))
    second = catalog.search("rug", mode="learned", limit=2, offset=2,
                            filters=SearchFilters(max_price=100))
    seen = [h.product for h in first.hits + second.hits]
    assert all(p.price <= 100 for p in seen) and len({p.id for p in seen}) == len(seen)
    assert first.facets["category"]


def test_a_ranker_trained_on_other_features_is_refused(tmp_path: Path) -> None:
    shutil.copytree(shipped_ranker_dir(), tmp_path / "ranker")
    card = json.loads((tmp_path / "ranker" / CARD_FILE).read_text())
    card["features"] = card["features"][:-1]
    (tmp_path / "ranker" / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(SearchError, match="other features"):
        LearnedRanker.load(tmp_path / "ranker")
    (tmp_path / "ranker" / "ranker.txt").write_text("not a model")
    with pytest.raises(SearchError, match="cannot be read"):
        LearnedRanker.load(tmp_path / "ranker")


def test_a_broken_ranker_leaves_learned_search_in_fused_order(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    # The loaded ranker is cached per process, so the loader's own error (tested above on
    # real broken files) stands in for a broken install here.
    from engine.catalog import search

    def broken() -> LearnedRanker:
        raise SearchError("The search ranker in resources/ranker cannot be read (test).")

    monkeypatch.setattr(search, "shipped_ranker", broken)
    learned = catalog.search("rug", mode="learned")
    hybrid = catalog.search("rug", mode="hybrid")
    assert [h.product.id for h in learned.hits] == [h.product.id for h in hybrid.hits]
    assert "cannot be read" in caplog.text


def shipped_ranker_dir() -> Path:
    from engine.paths import resource_path

    return resource_path("ranker")


QUERIES = ["wool rug", "wireless headphones", "frying pan", "running shoes", "laptop",
           "earbuds", "cast iron skillet", "jute rug"]
RELEVANT = {"wool rug": "rug-1", "wireless headphones": "hp-1", "frying pan": "pan-2",
            "running shoes": "shoe-1", "laptop": "lap-1", "earbuds": "hp-3",
            "cast iron skillet": "pan-1", "jute rug": "rug-2"}


def test_eval_ranking_cross_validates_every_ordering_and_writes_a_deterministic_model(
    tmp_path: Path,
) -> None:
    judged = tmp_path / "set"
    judged.mkdir()
    write_jsonl(judged / "products.jsonl", product_rows())
    (judged / "queries-dev.tsv").write_text(
        "".join(f"q{i}\t{q}\n" for i, q in enumerate(QUERIES)))
    (judged / "qrels-dev.tsv").write_text(
        "".join(f"q{i} 0 {RELEVANT[q]} 2\n" for i, q in enumerate(QUERIES)))
    outputs = []
    for out in ("a", "b"):
        result = CliRunner().invoke(cli, ["eval-ranking", "--set", f"tiny={judged}", "--folds",
                                          "2", "--out", str(tmp_path / out), "--json"])
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / out / "ranker.txt").read_bytes())
    report = json.loads(result.stdout)
    assert report["queries"] == {"tiny": len(QUERIES)}
    cv = report["cv"]["tiny"]
    for ordering in ("keyword", "dense", "rrf", "fusion (tuned)", "learned"):
        assert 0.0 <= cv[ordering]["mean"] <= 1.0 and cv[ordering]["sd"] >= 0.0
    assert len(cv["fusion_dense_share_per_fold"]) == 2
    assert outputs[0] == outputs[1]
    ranker = LearnedRanker.load(tmp_path / "a")
    assert ranker.scores(np.zeros((3, len(FEATURES)), dtype=np.float32)).shape == (3,)


def test_eval_ranking_names_a_bad_set_argument() -> None:
    result = CliRunner().invoke(cli, ["eval-ranking", "--set", "no-equals-sign"])
    assert result.exit_code != 0 and "NAME=DIR" in result.output
