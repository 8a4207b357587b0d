"""The `aisle` command line: thin wrappers over the engine's facade (``engine.app.Aisle``).

Each command group lives in its own module and is registered here; errors derived from
``AisleError`` are printed as one readable line and exit with status 1. Commands import only
``engine.app``, ``engine.records``, ``engine.errors`` and ``engine.progress`` (an
import-linter contract in pyproject.toml).
"""

from __future__ import annotations

import logging
import sys

import click

from engine.app import Aisle, install_network_guard
from engine.errors import AisleError, Cancelled


class AisleGroup(click.Group):
    """Turns engine errors into a message and a non-zero exit instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Cancelled:
            click.echo("Cancelled.", err=True)
            sys.exit(130)
        except AisleError as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(1)


@click.group(cls=AisleGroup)
@click.option("--data-dir", type=click.Path(file_okay=False), default=None,
              help="Where Aisle keeps its data (default: $AISLE_DATA_DIR or the user data dir).")
@click.option("-v", "--verbose", is_flag=True, help="Log engine activity to stderr.")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, verbose: bool) -> None:
    """Aisle: a private, offline shopping assistant."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    ctx.obj = {"data_dir": data_dir}
    install_network_guard(data_dir)


def open_app(ctx: click.Context) -> Aisle:
    """The facade over the data directory this command was given."""
    return Aisle(ctx.obj.get("data_dir") if ctx.obj else None)


def main() -> None:
    cli(prog_name="aisle")


from engine.cli import (  # noqa: E402,F401  (importing them registers their commands)
    ask_commands,
    bundle_commands,
    catalog_commands,
    eval_commands,
    history_commands,
    list_commands,
    model_commands,
    privacy_commands,
)
