"""`aisle eval` (search relevance per retrieval mode) and `aisle eval-assistant` (answers)."""

from __future__ import annotations

import json
from typing import Any

import click

from engine.app import EMBEDDER_IDS, FEED_FORMATS, parse_mapping
from engine.cli import cli, open_app
from engine.cli.progress_bar import TerminalProgress

COLUMNS = ("ndcg@10", "mrr@10", "recall@100", "latency_ms_p50", "latency_ms_p95")


@cli.command("eval")
@click.option("--catalog", "feed", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Product feed of the judged set (any format `aisle catalog import` reads).")
@click.option("--queries", required=True, type=click.Path(exists=True, dir_okay=False),
              help="query_id<TAB>query text, one per line.")
@click.option("--qrels", required=True, type=click.Path(exists=True, dir_okay=False),
              help="TREC qrels: query_id 0 product_id grade.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--limit-queries", type=click.IntRange(min=1), default=None,
              help="Evaluate only the first N judged queries.")
@click.option("--format", "fmt", default="auto", type=click.Choice(FEED_FORMATS))
@click.option("--embedder", type=click.Choice(EMBEDDER_IDS), default=None,
              help="Embedding model (default: chosen from the catalog's languages).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where evaluated catalogs are kept (default: <data dir>/eval-cache).")
@click.option("--rebuild", is_flag=True, help="Re-import the feed even if it is cached.")
@click.option("--rerank", is_flag=True,
              help="Also score hybrid + re-rank of the top 10 by the active chat model (slow).")
@click.pass_context
def eval_cmd(ctx: click.Context, feed: str, queries: str, qrels: str, as_json: bool,
             limit_queries: int | None, fmt: str, embedder: str | None, cache_dir: str | None,
             rebuild: bool, rerank: bool) -> None:
    """Score keyword, dense and hybrid search with nDCG@10, MRR@10, Recall@100 and latency."""
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.evaluate_search(feed, queries, qrels, limit_queries=limit_queries,
                                     format=fmt, embedder=embedder, cache_dir=cache_dir,
                                     rebuild=rebuild, rerank=rerank, progress=bar)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


def format_table(report: dict[str, Any]) -> str:
    """A Markdown table, ready to paste into the README."""
    lines = [
        f"{report['queries']} judged queries",
        "| mode | " + " | ".join(COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for mode, scores in report["modes"].items():
        lines.append(f"| {mode} | " + " | ".join(f"{scores[c]:.3f}" if c[0] != "l"
                                                  else f"{scores[c]:.1f}" for c in COLUMNS) + " |")
    return "\n".join(lines)


ASSISTANT_COLUMNS = ("requests", "ndcg@3", "reference_ndcg@3", "hit@3", "reference_hit@3",
                     "constraints_kept", "reference_constraints_kept", "language_match",
                     "invented_ids", "invented_prices", "cite_nothing", "ttft_ms_p50",
                     "ttft_ms_p95", "tokens_per_s")


@cli.command("eval-assistant")
@click.option("--catalog", "feed", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Product feed the requests are about (any format `aisle catalog import` reads).")
@click.option("--requests", "requests_path", required=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Shopper requests, JSON lines (see engine/evaluation/assistant_eval.py).")
@click.option("--qrels", type=click.Path(exists=True, dir_okay=False), default=None,
              help="TREC qrels for the requests' qids (relevance figures need them).")
@click.option("--map", "mapping", default=None, help="field=column,... as in catalog import.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary and every answer.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N requests only.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where evaluated catalogs are kept (default: <data dir>/eval-cache).")
@click.pass_context
def eval_assistant_cmd(ctx: click.Context, feed: str, requests_path: str, qrels: str | None,
                       mapping: str | None, as_json: bool, limit: int | None,
                       cache_dir: str | None) -> None:
    """Score the assistant's answers against plain search of the same messages."""
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.evaluate_assistant(feed, requests_path, qrels=qrels,
                                        mapping=parse_mapping(mapping) if mapping else None,
                                        limit=limit, cache_dir=cache_dir, progress=bar)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"model: {report['model']}")
    click.echo("| part | " + " | ".join(ASSISTANT_COLUMNS) + " |")
    click.echo("|---" * (len(ASSISTANT_COLUMNS) + 1) + "|")
    for part, scores in report["summary"].items():
        cells = ["" if scores[c] is None else f"{scores[c]:.3f}" if isinstance(scores[c], float)
                 else str(scores[c]) for c in ASSISTANT_COLUMNS]
        click.echo(f"| {part} | " + " | ".join(cells) + " |")
