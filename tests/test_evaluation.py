"""Relevance metrics (hand-computed values) and `aisle eval` end to end on a tiny judged set."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.errors import FeedError
from engine.evaluation import load_judgments, mrr_at, ndcg_at, recall_at
from engine.ranking.metrics import percentile

# One query's judgments: a=3, b=2, d=1 relevant; c judged irrelevant; x unjudged.
GRADES = {"a": 3, "b": 2, "c": 0, "d": 1}
RANKING = ["x", "b", "a", "c"]


def test_ndcg_uses_exponential_gains_and_the_ideal_from_all_judgments() -> None:
    # DCG  = 0 + (2^2-1)/log2(3) + (2^3-1)/log2(4) + 0      = 3/1.58496 + 3.5   = 5.392789
    # IDCG = (2^3-1)/log2(2) + (2^2-1)/log2(3) + (2^1-1)/log2(4) = 7 + 1.892789 + 0.5 = 9.392789
    #                                                                                 -> 0.574141
    expected = (3 / math.log2(3) + 7 / 2) / (7 + 3 / math.log2(3) + 1 / 2)
    assert ndcg_at(RANKING, GRADES, 10) == pytest.approx(expected, abs=1e-12)
    assert round(ndcg_at(RANKING, GRADES, 10), 6) == 0.574141
    # Cut at 2: DCG = 3/log2(3); ideal over the two best grades = 7 + 3/log2(3).
    assert ndcg_at(RANKING, GRADES, 2) == pytest.approx((3 / math.log2(3)) / (7 + 3 / math.log2(3)))


def test_perfect_and_empty_rankings() -> None:
    assert ndcg_at(["a", "b", "d"], GRADES, 10) == 1.0
    assert ndcg_at([], GRADES, 10) == 0.0
    assert ndcg_at(["a"], {"a": 0}, 10) == 0.0  # nothing relevant: defined as 0, not a crash


def test_mrr_counts_the_first_result_with_a_positive_grade() -> None:
    assert mrr_at(RANKING, GRADES, 10) == 0.5
    assert mrr_at(["c", "x", "d"], GRADES, 10) == pytest.approx(1 / 3)
    assert mrr_at(["c", "x", "d"], GRADES, 2) == 0.0
    assert mrr_at([f"u{i}" for i in range(10)] + ["a"], GRADES, 10) == 0.0


def test_recall_counts_grade_above_zero_as_relevant() -> None:
    assert recall_at(RANKING, GRADES, 100) == pytest.approx(2 / 3)
    assert recall_at(RANKING, GRADES, 2) == pytest.approx(1 / 3)
    assert recall_at(["c"], {"c": 0}, 100) == 0.0


def test_percentile_interpolates_like_numpy() -> None:
    values = [10.0, 1.0, 4.0, 2.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 95) == pytest.approx(4.0 + 0.85 * 6.0)
    assert percentile([], 50) == 0.0


def test_judgments_skip_queries_without_a_relevant_product(tmp_path: Path) -> None:
    queries = tmp_path / "q.tsv"
    qrels = tmp_path / "qrels.tsv"
    queries.write_text("q1\tred rug\nq2\tnothing good\nq3\tunjudged\n")
    qrels.write_text("q1 0 p1 2\nq1 0 p2 0\nq2 0 p3 0\n")
    judgments = load_judgments(queries, qrels)
    assert judgments.judged_queries() == [("q1", "red rug")]
    assert judgments.grades["q1"] == {"p1": 2, "p2": 0}


def test_malformed_qrels_are_rejected_with_the_line(tmp_path: Path) -> None:
    queries = tmp_path / "q.tsv"
    qrels = tmp_path / "qrels.tsv"
    queries.write_text("q1\tred rug\n")
    qrels.write_text("q1 0 p1 2\nq1 p2\n")
    with pytest.raises(FeedError, match="line 2"):
        load_judgments(queries, qrels)


# ----- end to end -----------------------------------------------------------------------------

PRODUCTS = [
    ("p-rug", "Wool shag rug, cream", "Thick warm wool pile rug for the living room."),
    ("p-jute", "Jute area rug, natural", "Hand-woven jute flat weave rug."),
    ("p-mat", "Rubber door mat", "Weatherproof entrance mat."),
    ("p-hp", "Wireless noise cancelling headphones", "Over-ear Bluetooth headphones."),
    ("p-buds", "True wireless earbuds", "In-ear Bluetooth earbuds with charging case."),
    ("p-pan", "Cast iron skillet, 12 inch", "Pre-seasoned frying pan for stove and oven."),
    ("p-pot", "Stainless steel stock pot", "Large pot for soups and pasta."),
    ("p-shoe", "Trail running shoes", "Grippy outsole for muddy trails."),
]
QUERIES = "q1\twool rug\nq2\tbluetooth headphones\nq3\tfrying pan\nq4\tbanana\n"
QRELS = (
    "q1 0 p-rug 2\nq1 0 p-jute 1\nq1 0 p-mat 0\n"
    "q2 0 p-hp 2\nq2 0 p-buds 1\n"
    "q3 0 p-pan 2\nq3 0 p-pot 0\n"
    "q4 0 p-shoe 0\n"
)
METRICS = {"ndcg@10", "mrr@10", "recall@100", "latency_ms_p50", "latency_ms_p95"}


@pytest.fixture
def judged_set(tmp_path: Path) -> tuple[Path, Path, Path]:
    feed = tmp_path / "products.jsonl"
    feed.write_text("".join(
        json.dumps({"id": i, "title": t, "description": d}) + "\n" for i, t, d in PRODUCTS
    ))
    (tmp_path / "queries.tsv").write_text(QUERIES)
    (tmp_path / "qrels.tsv").write_text(QRELS)
    return feed, tmp_path / "queries.tsv", tmp_path / "qrels.tsv"


def run_eval(feed: Path, queries: Path, qrels: Path, *extra: str) -> dict:
    args = ["eval", "--catalog", str(feed), "--queries", str(queries), "--qrels", str(qrels),
            *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in extra else {"table": result.stdout}


def test_aisle_eval_reports_every_mode_and_reuses_the_cached_catalog(
    judged_set: tuple[Path, Path, Path], isolated_data_dir: Path
) -> None:
    report = run_eval(*judged_set, "--json")
    assert set(report) == {"modes", "queries"}
    assert report["queries"] == 3  # q4 has no relevant product
    assert set(report["modes"]) == {"keyword", "dense", "hybrid", "learned"}
    for scores in report["modes"].values():
        assert set(scores) == METRICS
        assert (0.0 <= scores["ndcg@10"] <= 1.0
                and scores["latency_ms_p95"] >= scores["latency_ms_p50"])
    # Every query names its best product in plain words: each mode ranks it first.
    assert report["modes"]["keyword"]["mrr@10"] == 1.0
    assert report["modes"]["hybrid"]["mrr@10"] == 1.0
    assert report["modes"]["hybrid"]["recall@100"] == 1.0

    index = next((isolated_data_dir / "eval-cache").glob("*/vectors.hnsw"))
    built = index.stat().st_mtime_ns
    again = run_eval(*judged_set, "--json")
    assert index.stat().st_mtime_ns == built  # cached: not re-imported, not re-embedded
    assert {
        m: {k: v for k, v in s.items() if "latency" not in k} for m, s in again["modes"].items()
    } == {
        m: {k: v for k, v in s.items() if "latency" not in k} for m, s in report["modes"].items()
    }


def test_aisle_eval_prints_a_table_and_limits_queries(judged_set: tuple[Path, Path, Path]) -> None:
    output = run_eval(*judged_set, "--limit-queries", "2")["table"]
    assert output.splitlines()[0] == "2 judged queries"
    assert "| keyword |" in output and "| dense |" in output and "| hybrid |" in output


def test_aisle_eval_int8_searches_the_catalog_as_its_compact_bundle_installs(
    judged_set: tuple[Path, Path, Path], isolated_data_dir: Path
) -> None:
    full = run_eval(*judged_set, "--json")
    compact = run_eval(*judged_set, "--json", "--vectors", "int8")
    copies = list((isolated_data_dir / "eval-cache").glob("*-int8"))
    assert len(copies) == 1 and (copies[0] / "vectors.hnsw").exists()
    assert set(compact["modes"]) == set(full["modes"])
    for mode in ("keyword", "dense", "hybrid"):
        assert abs(compact["modes"][mode]["ndcg@10"] - full["modes"][mode]["ndcg@10"]) < 0.05


def test_merge_order_ignores_invented_and_repeated_numbers() -> None:
    from engine.assistant.rerank import merge_order

    head = ["a", "b", "c", "d"]
    assert merge_order(head, [3, 3, 9, 0, 1]) == ["c", "a", "b", "d"]  # type: ignore[arg-type]
    assert merge_order(head, "not a list") == head  # type: ignore[arg-type]


@pytest.mark.slow
def test_aisle_eval_rerank_adds_a_mode_scored_with_the_real_model(
    judged_set: tuple[Path, Path, Path]
) -> None:
    report = run_eval(*judged_set, "--json", "--rerank")
    assert set(report["modes"]) == {"keyword", "dense", "hybrid", "learned", "hybrid+rerank"}
    reranked = report["modes"]["hybrid+rerank"]
    assert set(reranked) == METRICS
    assert reranked["recall@100"] == report["modes"]["hybrid"]["recall@100"]  # same candidates
    assert reranked["mrr@10"] >= 0.5
