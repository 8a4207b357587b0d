"""`aisle eval` (search relevance per retrieval mode), `aisle eval-ranking` (cross-validated
ranking) and `aisle eval-assistant` (answers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from engine.app import EMBEDDER_IDS, FEED_FORMATS, parse_mapping
from engine.cli import cli, open_app
from engine.cli.progress_bar import TerminalProgress
from engine.records import CROSSLINGUAL

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
@click.option("--crosslingual", type=click.Choice(CROSSLINGUAL), default=None,
              help="How Chinese queries search a catalog that is not Chinese (default: translate).")
@click.option("--vectors", type=click.Choice(["float32", "int8"]), default="float32",
              show_default=True,
              help="int8: search the catalog as a compact bundle of it installs.")
@click.option("--model-translation", is_flag=True,
              help="Chinese queries over a catalog that is not Chinese are also translated by "
                   "the active chat model, as the search box's refined results are.")
@click.pass_context
def eval_cmd(ctx: click.Context, feed: str, queries: str, qrels: str, as_json: bool,
             limit_queries: int | None, fmt: str, embedder: str | None, cache_dir: str | None,
             rebuild: bool, rerank: bool, crosslingual: str | None, vectors: str,
             model_translation: bool) -> None:
    """Score keyword, dense, hybrid and learned search: nDCG@10, MRR@10, Recall@100, latency."""
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.evaluation.evaluate_search(
            feed, queries, qrels, limit_queries=limit_queries, format=fmt, embedder=embedder,
            cache_dir=cache_dir, rebuild=rebuild, rerank=rerank, crosslingual=crosslingual,
            vectors=vectors, model_translation=model_translation, progress=bar)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


def format_table(report: dict[str, Any]) -> str:
    """A Markdown table, ready to paste into docs/EVALUATION.md."""
    lines = [
        f"{report['queries']} judged queries",
        "| mode | " + " | ".join(COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for mode, scores in report["modes"].items():
        lines.append(f"| {mode} | " + " | ".join(f"{scores[c]:.3f}" if c[0] != "l"
                                                  else f"{scores[c]:.1f}" for c in COLUMNS) + " |")
    if "model_translation" in report:
        took = report["model_translation"]
        lines.append(f"chat model's translation of {took['queries']} queries: "
                     f"p50 {took['latency_ms_p50']:.0f} ms, p95 {took['latency_ms_p95']:.0f} ms")
    return "\n".join(lines)


ASSISTANT_COLUMNS = ("requests", "ndcg@3", "reference_ndcg@3", "hit@3", "reference_hit@3",
                     "constraints_kept", "reference_constraints_kept", "language_match",
                     "invented_ids", "invented_prices", "cite_nothing", "ttft_ms_p50",
                     "ttft_ms_p95", "tokens_per_s")


@cli.command("eval-assistant")
@click.option("--catalog", "feed", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Product feed the requests are about (any format `aisle catalog import` reads).")
@click.option("--requests", "requests_path", default=None,
              type=click.Path(exists=True, dir_okay=False),
              help="Shopper requests, JSON lines (see engine/evaluation/assistant_eval.py).")
@click.option("--dialogs", "dialogs_path", default=None,
              type=click.Path(exists=True, dir_okay=False),
              help="Whole dialogs, JSON lines (see engine/evaluation/dialog_eval.py), instead "
                   "of single requests.")
@click.option("--qrels", type=click.Path(exists=True, dir_okay=False), default=None,
              help="TREC qrels for the requests' qids (relevance figures need them).")
@click.option("--map", "mapping", default=None, help="field=column,... as in catalog import.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary and every answer.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N requests only.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where evaluated catalogs are kept (default: <data dir>/eval-cache).")
@click.option("--translation", type=click.Choice(["glossary", "model"]), default="glossary",
              show_default=True, help="Who translates a request across languages.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default=None,
              help="Only the requests in this language.")
@click.pass_context
def eval_assistant_cmd(ctx: click.Context, feed: str, requests_path: str | None,
                       dialogs_path: str | None, qrels: str | None, mapping: str | None,
                       as_json: bool, limit: int | None, cache_dir: str | None,
                       translation: str, lang: str | None) -> None:
    """Score the assistant's answers against plain search of the same messages, or check
    whole dialogs turn by turn (--dialogs)."""
    if dialogs_path is not None and requests_path is None:
        with open_app(ctx) as app, TerminalProgress() as bar:
            report = app.evaluation.evaluate_dialogs(
                feed, dialogs_path, mapping=parse_mapping(mapping) if mapping else None,
                limit=limit, cache_dir=cache_dir, language=lang, progress=bar)
        _print_dialogs(report, as_json)
        return
    if requests_path is None or dialogs_path is not None:
        raise click.UsageError("Give either --requests or --dialogs.")
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.evaluation.evaluate_assistant(
            feed, requests_path, qrels=qrels, mapping=parse_mapping(mapping) if mapping else None,
            limit=limit, cache_dir=cache_dir, translation=translation, language=lang,
            progress=bar)
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


def _print_dialogs(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    summary = report["summary"]
    click.echo(f"model: {report['model']}")
    click.echo(" ".join(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}"
                        for k, v in summary.items() if k not in ("acts", "failed_checks")))
    click.echo("| act | turns | pass | s p50 | s p95 |")
    click.echo("|---|---|---|---|---|")
    for act, figures in summary["acts"].items():
        click.echo(f"| {act} | {figures['turns']} | {figures['pass']:.3f} | "
                   f"{figures['seconds_p50']:.1f} | {figures['seconds_p95']:.1f} |")
    click.echo(f"failed checks: {summary['failed_checks']}")


@cli.command("eval-ranking")
@click.option("--set", "sets", required=True, multiple=True, metavar="NAME=DIR",
              help="A judged set: DIR holds products.jsonl, queries-dev.tsv and qrels-dev.tsv "
                   "(as ../shared/data/* do). Repeat for each set.")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Also train on every query and write the ranker here (resources/ranker).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where evaluated catalogs are kept (default: <data dir>/eval-cache).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def eval_ranking_cmd(ctx: click.Context, sets: tuple[str, ...], folds: int, out: str | None,
                     cache_dir: str | None, as_json: bool) -> None:
    """Query-grouped cross-validation of keyword, dense, RRF, tuned fusion and learned ranking."""
    judged: dict[str, tuple[str, str, str]] = {}
    for item in sets:
        name, sep, folder = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"'{item}': expected NAME=DIR.", param_hint="--set")
        judged[name] = (str(Path(folder) / "products.jsonl"),
                        str(Path(folder) / "queries-dev.tsv"), str(Path(folder) / "qrels-dev.tsv"))
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.evaluation.cross_validate_ranking(judged, folds=folds, out=out,
                                                       cache_dir=cache_dir, progress=bar)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"nDCG@10, {folds}-fold query-grouped CV (mean ± sd over folds)")
    for name, orderings in report["cv"].items():
        click.echo(f"| {name} ({report['queries'][name]} queries) | " + " | ".join(
            f"{o} {s['mean']:.3f} ± {s['sd']:.3f}" for o, s in orderings.items()
            if isinstance(s, dict)) + " |")
