"""`aisle catalog build|keygen|install|rollback|check-updates`: catalog bundles."""

from __future__ import annotations

import json
from typing import Any

import click

from engine.bundles import (
    check_updates,
    generate_keypair,
    install_bundle,
    load_public_key,
    trusted_keys_in,
)
from engine.bundles.install import InstallResult
from engine.cli.catalog_commands import catalog, open_app
from engine.cli.progress_bar import TerminalProgress
from engine.importers import parse_mapping


def _echo(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@catalog.command("build")
@click.argument("feed", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", required=True, help="Catalog name shown to shoppers.")
@click.option("--version", "version", required=True, help="Catalog version, e.g. 2024.07.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Bundle file to write.")
@click.option("--sign", "sign_key", type=click.Path(exists=True, dir_okay=False),
              help="Publisher private key (from `aisle catalog keygen`).")
@click.option("--created", default=None,
              help="Date recorded in the bundle (YYYY-MM-DD); default: the feed's date.")
@click.option("--format", "fmt", default="auto",
              type=click.Choice(["auto", "csv", "tsv", "jsonl", "json", "merchant-xml"]))
@click.option("--map", "mapping", default=None, help="field=column,... for other column names")
def build_cmd(feed: str, name: str, version: str, out: str, sign_key: str | None,
              created: str | None, fmt: str, mapping: str | None) -> None:
    """Build a deterministic catalog bundle from a product feed (publisher side)."""
    from engine.bundles.builder import build_bundle

    with TerminalProgress() as bar:
        result = build_bundle(feed, name, version, out, sign_key=sign_key, created=created,
                              format=fmt, mapping=parse_mapping(mapping) if mapping else None,
                              progress=bar)
    _echo({
        "bundle": str(result.path), "size": result.bundle_bytes, "sha256": result.sha256,
        "name": name, "version": version, "created": result.manifest.created,
        "products": result.manifest.product_count, "embedder": result.manifest.embedder_id,
        "signed_by": result.signer, "skipped": result.report.skipped,
    })


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
    app = open_app(ctx)
    keys = [load_public_key(p) for p in trust] + trusted_keys_in(app.data_dir)
    with TerminalProgress() as bar:
        result = install_bundle(source, app.library, trusted_keys=keys,
                                require_signature=require_signature, expected_sha256=sha256,
                                progress=bar)
    app.close()
    _echo(_install_summary(result))


def _install_summary(result: InstallResult) -> dict[str, Any]:
    m = result.manifest
    return {
        "installed": m.name, "version": m.version, "created": m.created,
        "products": m.product_count, "embedder": m.embedder_id, "signed_by": result.signer,
        "slot": result.slot, "previous_slot": result.previous_slot,
        "no_longer_in_catalog": len(result.vanished), "seconds": round(result.seconds, 2),
    }


@catalog.command("rollback")
@click.pass_context
def rollback_cmd(ctx: click.Context) -> None:
    """Go back to the previously active catalog."""
    app = open_app(ctx)
    slot = app.library.rollback()
    info = app.reopen_catalog().info()
    _echo({"active_slot": slot, "name": info.name, "version": info.version,
           "products": info.product_count})


@catalog.command("check-updates")
@click.argument("index_url")
@click.option("--install", "do_install", is_flag=True, help="Install the newest version if newer.")
@click.pass_context
def check_updates_cmd(ctx: click.Context, index_url: str, do_install: bool) -> None:
    """Compare the installed catalog with the publisher's index of versions (JSON at INDEX_URL)."""
    app = open_app(ctx)
    info = app.catalog.info() if app.library.has_catalog() else None
    check = check_updates(index_url, info.name if info else "", info.version if info else "")
    _echo(check.to_dict())
    if do_install and check.update_available and check.latest:
        ctx.invoke(install_cmd, source=check.latest.url, trust=(), require_signature=False,
                   sha256=check.latest.sha256 or None)
