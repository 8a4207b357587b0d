"""`aisle catalog import|info` and `aisle search`."""

from __future__ import annotations

import json
import sys

import click

from engine.app import FEED_FORMATS, parse_mapping
from engine.cli import cli, open_app
from engine.cli.progress_bar import TerminalProgress
from engine.records import SEARCH_MODES, SORTS, SearchFilters, SearchResult


@cli.group()
def catalog() -> None:
    """Manage the product catalog."""


@catalog.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", default="auto", type=click.Choice(FEED_FORMATS))
@click.option("--map", "mapping", default=None,
              help="field=column,... for feeds with other column names")
@click.option("--merge", is_flag=True, help="Keep products that are not in this feed.")
@click.option("--name", default=None, help="Catalog name shown in the app.")
@click.pass_context
def import_cmd(ctx: click.Context, path: str, fmt: str, mapping: str | None, merge: bool,
               name: str | None) -> None:
    """Import a product feed (Merchant Center TSV/XML, CSV, JSON Lines, JSON)."""
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.catalog.import_feed(path, format=fmt,
                                         mapping=parse_mapping(mapping) if mapping else None,
                                         replace=not merge, name=name or None, progress=bar)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))


@catalog.command("info")
@click.pass_context
def info_cmd(ctx: click.Context) -> None:
    """Show the active catalog."""
    with open_app(ctx) as app:
        info = app.catalog.info()
    click.echo(json.dumps(info.__dict__, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--limit", default=10, show_default=True)
@click.option("--category", default=None)
@click.option("--brand", default=None)
@click.option("--min-price", type=float, default=None)
@click.option("--max-price", type=float, default=None)
@click.option("--min-rating", type=float, default=None)
@click.option("--sort", default="relevance", type=click.Choice(SORTS))
@click.option("--mode", default="hybrid", type=click.Choice(SEARCH_MODES))
@click.option("--model-translation", is_flag=True,
              help="Chinese words over a catalog that is not Chinese are also translated by the "
                   "chat model (a second or so more).")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], as_json: bool, limit: int,
           category: str | None, brand: str | None, min_price: float | None,
           max_price: float | None, min_rating: float | None, sort: str, mode: str,
           model_translation: bool) -> None:
    """Search the catalog (installs the demo catalog on first use)."""
    filters = SearchFilters(category, brand, min_price, max_price, min_rating)
    with open_app(ctx) as app:
        with TerminalProgress() as bar:
            app.catalog.ensure(progress=bar)
        result = app.catalog.search(" ".join(query), filters=filters, sort=sort, limit=limit,
                                    mode=mode, personal=False,
                                    model_translation=model_translation).result
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_hits(result)


def _print_hits(result: SearchResult) -> None:
    if result.corrected_query:
        by_model = " (translated with the chat model)" if result.translated_by == "model" else ""
        click.echo(f"Showing results for: {result.corrected_query}{by_model}")
    click.echo(f"{result.total} results ({result.took_ms:.0f} ms)")
    for n, hit in enumerate(result.hits, 1):
        p = hit.product
        price = f"{p.price:.2f} {p.currency}".strip() if p.price is not None else "—"
        rating = f"★{p.rating:.1f}" if p.rating is not None else ""
        click.echo(f"{n:>3}. {p.title}  [{price}] {rating}  ({p.id})")
    sys.stdout.flush()
