"""The `aisle` command line: thin wrappers over the engine's public API.

Each command group lives in its own module and is registered here; errors derived from
``AisleError`` are printed as one readable line and exit with status 1.
"""

from __future__ import annotations

import logging
import sys

import click

from engine import network_guard, paths
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
    network_guard.install(paths.data_dir(data_dir))


def main() -> None:
    cli(prog_name="aisle")


from engine.cli import (  # noqa: E402,F401  (register commands)
    ask_commands,  # noqa: E402,F401  (registers commands)
    bundle_commands,  # noqa: E402,F401  (registers catalog bundle commands)
    catalog_commands,
    eval_commands,  # noqa: E402,F401  (registers `aisle eval`)
    history_commands,  # noqa: E402,F401  (registers `aisle history`, `aisle recommend`)
    model_commands,  # noqa: E402,F401  (registers commands)
    privacy_commands,
)
