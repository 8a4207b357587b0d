"""Publisher tools: build and sign catalog bundles and the delta updates between them
(``aisle catalog build``, ``build-delta``, ``keygen``). They need no data directory, so they
stand beside the facade rather than on it; the importers and embedders load on first use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from engine.bundles import generate_keypair as _generate_keypair
from engine.errors import BundleError
from engine.progress import ProgressCallback, no_progress
from engine.records import BuiltBundle, BuiltDelta

__all__ = ["BUILD_ENGINES", "build_bundle", "build_delta", "generate_keypair"]

BUILD_ENGINES = ("local", "ray")


def build_bundle(
    feeds: Sequence[Path | str] | Path | str, name: str, version: str, out: Path | str, *,
    sign_key: Path | str | None = None, created: str | None = None, format: str = "auto",
    mapping: Mapping[str, str] | None = None, images: bool = True, vectors: str = "float32",
    engine: str = "local", workers: int = 2, ray_address: str | None = None,
    progress: ProgressCallback = no_progress,
) -> BuiltBundle:
    """Import ``feeds`` (shards of one catalog) and write it as a catalog bundle to ``out``
    (same inputs, same bytes).

    Args:
        vectors: ``float32``, or ``int8`` for a compact bundle (4x smaller vectors; the app
            builds the index on install).
        engine: ``local`` (this process) or ``ray`` (read and embed on Ray: a local Ray with
            ``workers`` embedding actors, or the cluster at ``ray_address``); the same catalog.

    Raises:
        FeedError: a feed cannot be read.
        BundleError: no products, a bad ``created`` date, an unusable signing key, an unknown
            engine or vector format, or Ray cannot start.
    """
    from engine.bundles.builder import build_bundle as build  # the importers and embedders
    from engine.bundles.ray_pipeline import RayOptions

    if engine not in BUILD_ENGINES:
        raise BundleError("Unknown build engine {engine!r}; use one of: {engines}.",
                          engine=engine, engines=", ".join(BUILD_ENGINES))
    ray = RayOptions(workers, ray_address) if engine == "ray" else None
    result = build(feeds, name, version, out, sign_key=sign_key, created=created, format=format,
                   mapping=dict(mapping) if mapping else None, images=images, vectors=vectors,
                   ray=ray, progress=progress)
    m = result.manifest
    return BuiltBundle(str(result.path), result.bundle_bytes, result.sha256, name, version,
                       m.created, m.product_count, m.embedder_id, result.signer,
                       dict(result.report.skipped), result.thumbnails.made,
                       tuple(result.thumbnails.skipped), m.vectors, result.report.seconds)


def build_delta(base: Path | str, target: Path | str, out: Path | str, *,
                sign_key: Path | str | None = None) -> BuiltDelta:
    """Write the delta update from bundle ``base`` to bundle ``target`` (two full bundles of one
    catalog): the changed and new products with their vectors, and the removed ids.

    Raises:
        BundleError: a bundle is damaged, a delta itself, or of another catalog or model.
    """
    from engine.bundles.delta import build_delta as build

    result = build(base, target, out, sign_key=sign_key)
    m = result.manifest
    return BuiltDelta(str(result.path), result.bundle_bytes, result.sha256, m.name,
                      m.base.version if m.base else "", m.version, result.changed,
                      result.removed, m.product_count)


def generate_keypair(prefix: Path | str) -> tuple[Path, Path]:
    """Write an Ed25519 publisher key pair, PREFIX.key (secret) and PREFIX.pub (to share)."""
    return _generate_keypair(prefix)
