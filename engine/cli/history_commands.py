"""`aisle history ...`, `aisle recommend` and `aisle eval-personalization`.

The same facade calls the GUI makes: what is recorded, pausing, deleting for good, export and
restore, and the explained "For you" picks.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from engine.cli import cli, open_app
from engine.cli.progress_bar import TerminalProgress
from engine.records import Event


def parse_time(value: str | None, *, end_of_day: bool = False) -> float | None:
    """Unix seconds from "2024-05-01", "2024-05-01T14:30" or a number of seconds."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(
            f"'{value}' is not a date like 2024-05-01 or 2024-05-01T14:30") from err
    if end_of_day and len(value) == 10:
        when += dt.timedelta(days=1, microseconds=-1)
    return when.timestamp()


def describe(event: Event) -> str:
    """One readable line per event."""
    when = dt.datetime.fromtimestamp(event.ts).strftime("%Y-%m-%d %H:%M")
    if event.kind == "search":
        return f"{event.id:>6}  {when}  search   “{event.query}” ({len(event.shown)} shown)"
    title = event.product.title if event.product and event.product.title else event.product_id
    extra = f" ({event.dwell:.0f} s)" if event.dwell else ""
    source = f"  via {event.slot}" if event.slot else ""
    return f"{event.id:>6}  {when}  {event.kind:<8} {title}{extra}{source}"


@cli.group()
def history() -> None:
    """Your on-device history: see it, pause it, delete it, export it."""


@history.command("list")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print events as JSON.")
@click.pass_context
def list_cmd(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Show recorded events, newest first, and whether recording is paused."""
    with open_app(ctx) as app:
        events, paused = app.history.events(limit=limit), app.history.paused()
    if as_json:
        data = {"paused": paused, "events": [e.to_dict() for e in events]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("Recording is PAUSED." if paused else "Recording is on.")
    for event in events:
        click.echo(describe(event))
    if not events:
        click.echo("Nothing recorded.")


@history.command("profile")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.pass_context
def profile_cmd(ctx: click.Context, as_json: bool) -> None:
    """Show what Aisle learned: favourite categories, brands, price range and the ranker."""
    with open_app(ctx) as app:
        summary = app.history.profile_summary()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{summary.events} events recorded{' (paused)' if summary.paused else ''}")
    click.echo("Categories: " + (", ".join(f"{k} {v:.0%}" for k, v in summary.categories) or "—"))
    click.echo("Brands: " + (", ".join(f"{k} {v:.0%}" for k, v in summary.brands) or "—"))
    click.echo(f"Usual price range: {summary.price_range or '—'}")
    ranking = summary.ranker["reason"] if summary.ranker else "not trained yet"
    click.echo(f"Personal ranking: {ranking}")


@history.command("pause")
@click.pass_context
def pause_cmd(ctx: click.Context) -> None:
    """Stop recording (until `aisle history resume`)."""
    with open_app(ctx) as app:
        app.history.pause()
    click.echo("Recording paused: nothing you do is recorded until you resume.")


@history.command("resume")
@click.pass_context
def resume_cmd(ctx: click.Context) -> None:
    """Start recording again."""
    with open_app(ctx) as app:
        app.history.resume()
    click.echo("Recording resumed.")


@history.command("delete")
@click.option("--all", "everything", is_flag=True,
              help="Delete the whole history, profile and model.")
@click.option("--id", "ids", multiple=True, type=int, help="Delete this event (repeatable).")
@click.option("--since", default=None, help="Delete events from this date/time on.")
@click.option("--until", default=None, help="Delete events up to this date/time.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def delete_cmd(ctx: click.Context, everything: bool, ids: tuple[int, ...], since: str | None,
               until: str | None, yes: bool) -> None:
    """Delete events for good (rows, the profile learned from them and the model)."""
    if not (everything or ids or since or until):
        raise click.UsageError("Say what to delete: --all, --id N, or --since/--until.")
    if everything and not yes:
        click.confirm("Delete your whole history, profile and personal model?", abort=True)
    with open_app(ctx) as app:
        count = app.history.delete(ids=ids, since=parse_time(since),
                                   until=parse_time(until, end_of_day=True),
                                   everything=everything)
    click.echo(f"Deleted {count} events.")


@history.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.pass_context
def export_cmd(ctx: click.Context, file: str | None) -> None:
    """Export everything as JSON to FILE (or to the screen)."""
    with open_app(ctx) as app:
        if file:
            count = app.history.export(file)
            click.echo(f"Exported {count} events to {file}.")
        else:
            click.echo(json.dumps(app.history.export_data(), ensure_ascii=False, indent=1))


@history.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_cmd(ctx: click.Context, file: str) -> None:
    """Restore a history exported with `aisle history export`."""
    with open_app(ctx) as app:
        added = app.history.restore(file)
    click.echo(f"Restored {added} events.")


@history.command("train")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def train_cmd(ctx: click.Context, as_json: bool) -> None:
    """Train the personal ranker now; it is used only if it beats the normal order."""
    with open_app(ctx) as app:
        report = app.history.train_ranker()
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.reason)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print picks as JSON.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1, max=100))
@click.pass_context
def recommend(ctx: click.Context, as_json: bool, limit: int) -> None:
    """Your "For you" picks, each with the reason it was picked."""
    with open_app(ctx) as app:
        picks = app.history.recommend(limit)
    if as_json:
        click.echo(json.dumps({"picks": [{"id": p.product.id, "title": p.product.title,
                                          "price": p.product.price, "reason": p.reason,
                                          "score": round(p.score, 4)} for p in picks]},
                              ensure_ascii=False, indent=2))
        return
    if not picks:
        click.echo("No picks yet: view or save a few products first.")
    for n, pick in enumerate(picks, 1):
        click.echo(f"{n:>3}. {pick.product.title}  ({pick.product.id})\n     {pick.reason}")


@cli.command("eval-personalization")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--users", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_personalization(ctx: click.Context, seed: int, users: int, as_json: bool) -> None:
    """Personal vs. normal ranking for simulated shoppers (hit rate@10, nDCG@10)."""
    with open_app(ctx) as app, TerminalProgress() as bar:
        report = app.evaluation.evaluate_personalization(users=users, seed=seed, progress=bar)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    for name in ("baseline", "personalized"):
        scores = report[name]
        click.echo(f"{name:<13} hit_rate@10 {scores['hit_rate@10']:.3f}  "
                   f"ndcg@10 {scores['ndcg@10']:.3f}")
    click.echo(f"{report['users']} simulated shoppers, seed {report['seed']}, "
               f"{report['rankers_enabled']} personal rankers switched on")
    sys.stdout.flush()
