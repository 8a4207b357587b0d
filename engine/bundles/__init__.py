"""Catalog bundles: publish a catalog once, download and install it safely, update it later.

See docs/BUNDLES.md for the format. The build side (``engine.bundles.builder.build_bundle``) is
not imported here: it pulls in the importers and embedding models, which installing never needs.
"""

from __future__ import annotations

from engine.bundles.archive import FileOpener, Limits, open_new_file, unpack_verified
from engine.bundles.download import DownloadPolicy, TransferMeter, download
from engine.bundles.install import InstallResult, install_bundle, known_embedders, vanished_ids
from engine.bundles.manifest import FORMAT_VERSION, FileEntry, Manifest, parse_manifest
from engine.bundles.signing import generate_keypair, load_public_key, trusted_keys_in
from engine.bundles.updates import UpdateCheck, VersionEntry, check_updates

__all__ = [
    "FORMAT_VERSION", "DownloadPolicy", "FileEntry", "FileOpener", "InstallResult", "Limits",
    "Manifest", "TransferMeter", "UpdateCheck", "VersionEntry", "check_updates",
    "download", "generate_keypair", "install_bundle", "known_embedders", "load_public_key",
    "open_new_file", "parse_manifest", "trusted_keys_in", "unpack_verified", "vanished_ids",
]

