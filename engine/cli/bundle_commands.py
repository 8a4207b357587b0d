"""`aisle catalog build|keygen|install|rollback|check-updates`: catalog bundles."""

from __future__ import annotations

import json
from typing import Any

import click

from engine.app import FEED_FORMATS, parse_mapping
from engine.cli import open_app
from engine.cli.catalog_commands import catalog
from engine.cli.progress_bar import TerminalProgress
from engine.publish import BUILD_ENGINES, build_bundle, build_delta, generate_keypair


def _echo(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@catalog.command("build")
@click.argument("feeds", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--name", required=True, help="Catalog name shown to shoppers.")
@click.option("--version", "version", required=True, help="Catalog version, e.g. 2024.07.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Bundle file to write.")
@click.option("--sign", "sign_key", type=click.Path(exists=True, dir_okay=False),
              help="Publisher private key (from `aisle catalog keygen`).")
@click.option("--created", default=None,
              help="Date recorded in the bundle (YYYY-MM-DD); default: the feeds' date.")
@click.option("--format", "fmt", default="auto", type=click.Choice(FEED_FORMATS))
@click.option("--map", "mapping", default=None, help="field=column,... for other column names")
@click.option("--no-images", is_flag=True,
              help="Do not fetch product images (no thumbnails in the bundle).")
@click.option("--vectors", default="float32", show_default=True,
              type=click.Choice(["float32", "int8"]),
              help="int8: a compact bundle (4x smaller vectors, index built on install; "
                   "needs Aisle with bundle format 2).")
@click.option("--engine", default="local", show_default=True, type=click.Choice(BUILD_ENGINES),
              help="ray: read and embed on Ray (the publish extra), for big feeds.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 1024),
              help="Embedding actors with --engine ray (also the CPUs of a local Ray).")
@click.option("--ray-address", default=None,
              help="An existing Ray cluster (default: start one on this machine).")
def build_cmd(feeds: tuple[str, ...], name: str, version: str, out: str, sign_key: str | None,
              created: str | None, fmt: str, mapping: str | None, no_images: bool,
              vectors: str, engine: str, workers: int, ray_address: str | None) -> None:
    """Build a deterministic catalog bundle from product feeds, in order (publisher side);
    each product's image link is fetched here and shipped as a thumbnail."""
    with TerminalProgress() as bar:
        built = build_bundle(list(feeds), name, version, out, sign_key=sign_key,
                             created=created, format=fmt,
                             mapping=parse_mapping(mapping) if mapping else None,
                             images=not no_images, vectors=vectors, engine=engine,
                             workers=workers, ray_address=ray_address, progress=bar)
    _echo(built.to_dict())


@catalog.command("delta")
@click.argument("base", type=click.Path(exists=True, dir_okay=False))
@click.argument("target", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Delta file to write.")
@click.option("--sign", "sign_key", type=click.Path(exists=True, dir_okay=False),
              help="Publisher private key (from `aisle catalog keygen`).")
def delta_cmd(base: str, target: str, out: str, sign_key: str | None) -> None:
    """Write the update from bundle BASE to bundle TARGET as a delta (changed products only);
    list it as the target version's "delta" in the update index."""
    _echo(build_delta(base, target, out, sign_key=sign_key).to_dict())


@catalog.command("keygen")
@click.option("--out", "prefix", default="aisle-publisher", show_default=True,
              help="Writes PREFIX.key (keep secret) and PREFIX.pub (give to users).")
def keygen_cmd(prefix: str) -> None:
    """Create an Ed25519 publisher key pair for signing bundles."""
    private, public = generate_keypair(prefix)
    _echo({"private_key": str(private), "public_key": str(public)})


@catalog.command("install")
@click.argument("source")
@click.option("--trust", "trust", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Trusted publisher public key (repeatable); keys in <data>/trusted-keys/ too.")
@click.option("--require-signature", is_flag=True,
              help="Refuse bundles not signed by a trusted key.")
@click.option("--sha256", default=None, help="Expected sha256 of the whole bundle file.")
@click.pass_context
def install_cmd(ctx: click.Context, source: str, trust: tuple[str, ...],
                require_signature: bool, sha256: str | None) -> None:
    """Download (or read) a catalog bundle, verify it and make it the active catalog."""
    with open_app(ctx) as app, TerminalProgress() as bar:
        installed = app.catalog.install_bundle(source, trust=trust,
                                               require_signature=require_signature,
                                               sha256=sha256, progress=bar)
    _echo(installed.to_dict())


@catalog.command("rollback")
@click.pass_context
def rollback_cmd(ctx: click.Context) -> None:
    """Go back to the previously active catalog."""
    with open_app(ctx) as app:
        _echo(app.catalog.roll_back().to_dict())


@catalog.command("check-updates")
@click.argument("index_url")
@click.option("--install", "do_install", is_flag=True, help="Install the newest version if newer.")
@click.pass_context
def check_updates_cmd(ctx: click.Context, index_url: str, do_install: bool) -> None:
    """Compare the installed catalog with the publisher's index of versions (JSON at INDEX_URL)."""
    with open_app(ctx) as app:
        check = app.catalog.check_updates(index_url)
    _echo(check.to_dict())
    if do_install and check.update_available and check.latest:
        with open_app(ctx) as app, TerminalProgress() as bar:
            installed = app.catalog.install_update(check, progress=bar)
        _echo(installed.to_dict())
