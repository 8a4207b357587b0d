"""`aisle eval` (search relevance per retrieval mode) and `aisle eval-assistant` (answers)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.app import Aisle
from engine.assistant import Assistant
from engine.assistant.rerank import LlmReranker
from engine.cli import cli
from engine.cli.progress_bar import TerminalProgress
from engine.embedders import EMBEDDERS
from engine.evaluation import MODES, EvalReport, evaluate, load_judgments
from engine.evaluation.assistant_eval import evaluate_assistant, load_requests
from engine.evaluation.judgments import read_qrels
from engine.evaluation.runner import cached_catalog
from engine.importers.columns import parse_mapping

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
@click.option("--format", "fmt", default="auto",
              type=click.Choice(["auto", "csv", "tsv", "jsonl", "json", "merchant-xml"]))
@click.option("--embedder", type=click.Choice(sorted(EMBEDDERS)), default=None,
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
    judgments = load_judgments(queries, qrels)
    app = Aisle(ctx.obj.get("data_dir"))
    root = Path(cache_dir) if cache_dir else app.data_dir / "eval-cache"
    with TerminalProgress() as bar:
        catalog = cached_catalog(Path(feed), root, format=fmt, embedder_id=embedder,
                                 rebuild=rebuild, progress=bar)
        try:
            reranker = LlmReranker(app.model_host()) if rerank else None
            report = evaluate(catalog, judgments, modes=MODES, limit_queries=limit_queries,
                              reranker=reranker, progress=bar)
        finally:
            catalog.close()
            app.close()
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_table(report))


def format_table(report: EvalReport) -> str:
    """A Markdown table, ready to paste into the README."""
    lines = [
        f"{report.queries} judged queries",
        "| mode | " + " | ".join(COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for mode, scores in report.to_dict()["modes"].items():
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
    requests = load_requests(requests_path)[:limit]
    grades = read_qrels(qrels) if qrels else None
    app = Aisle(ctx.obj.get("data_dir"))
    root = Path(cache_dir) if cache_dir else app.data_dir / "eval-cache"
    with TerminalProgress() as bar:
        catalog = cached_catalog(Path(feed), root, progress=bar,
                                 mapping=parse_mapping(mapping) if mapping else None)
        try:
            app.model_host.progress = bar
            assistant = Assistant(catalog, app.model_host)
            report = evaluate_assistant(assistant, catalog, requests, grades, progress=bar)
        finally:
            catalog.close()
            app.close()
    report["model"] = app.models.active().name
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
