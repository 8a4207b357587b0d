"""`aisle models list|add PATH|use NAME`."""

from __future__ import annotations

import json

import click

from engine.cli import cli, open_app
from engine.records import ModelEntry


def _describe(entry: ModelEntry) -> str:
    marks = "".join([
        "*" if entry.active else " ",
        "d" if entry.default else " ",
    ])
    size = f"{entry.size / 1e6:,.0f} MB" if entry.size else "size unknown"
    state = "installed" if entry.installed else "not installed"
    return (f"{marks} {entry.name:<28} {entry.display_name}  [{size}, {state}]\n"
            f"     license: {entry.license}\n     file: {entry.path}")


@cli.group()
def models() -> None:
    """Manage local chat models (GGUF)."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the models as JSON.")
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """List built-in and added models (* active, d default for this computer)."""
    with open_app(ctx) as app:
        entries = app.models.entries()
    if as_json:
        click.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    for entry in entries:
        click.echo(_describe(entry))


@models.command("add")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--name", default=None, help="Name to use (default: the file name).")
@click.pass_context
def add_cmd(ctx: click.Context, path: str, name: str | None) -> None:
    """Register a GGUF model file where it lies (it is not copied)."""
    with open_app(ctx) as app:
        entry = app.models.add(path, name=name)
    click.echo(f"Added {entry.name} ({entry.path}). Use it with: aisle models use {entry.name}")


@models.command("use")
@click.argument("name")
@click.pass_context
def use_cmd(ctx: click.Context, name: str) -> None:
    """Make NAME the model the assistant uses."""
    with open_app(ctx) as app:
        entry = app.models.use(name)
    click.echo(f"Now using {entry.display_name} ({entry.name}).")
