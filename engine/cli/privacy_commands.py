"""`aisle privacy log`: every network connection attempt the guard saw (normally none)."""

from __future__ import annotations

import datetime as dt
import json

import click

from engine.cli import cli, open_app


@cli.group()
def privacy() -> None:
    """What Aisle did with the network (nothing, unless you downloaded a catalog)."""


@privacy.command("log")
@click.option("--json", "as_json", is_flag=True, help="Print {\"attempts\": [...]} as JSON.")
@click.pass_context
def log_cmd(ctx: click.Context, as_json: bool) -> None:
    """List connection attempts: blocked ones and downloads you started."""
    with open_app(ctx) as app:
        attempts = app.history.network_log()
    if as_json:
        click.echo(json.dumps({"attempts": [a.to_dict() for a in attempts]}, indent=2))
        return
    if not attempts:
        click.echo("No network connection attempts were recorded.")
        return
    for a in attempts:
        when = dt.datetime.fromtimestamp(a.time).strftime("%Y-%m-%d %H:%M:%S")
        verdict = "allowed (your download)" if a.allowed else "BLOCKED"
        click.echo(f"{when}  {a.event:<14} {a.host}:{a.port or ''}  {verdict}")
