"""Records of catalog bundles: building, installing and rolling back, and update checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from engine.records.lists import PriceDrop


@dataclass(frozen=True)
class InstalledBundle:
    """A catalog bundle that was verified and made the active catalog."""

    name: str
    version: str
    created: str
    product_count: int
    embedder_id: str
    signed_by: str | None
    slot: str
    previous_slot: str | None
    vanished: tuple[str, ...]  # ids of products the new catalog no longer has
    seconds: float
    price_drops: tuple[PriceDrop, ...] = ()  # saved or carted products now cheaper
    listed_vanished: tuple[str, ...] = ()  # saved or carted products no longer in the catalog

    def to_dict(self) -> dict[str, Any]:
        return {
            "installed": self.name, "version": self.version, "created": self.created,
            "products": self.product_count, "embedder": self.embedder_id,
            "signed_by": self.signed_by, "slot": self.slot, "previous_slot": self.previous_slot,
            "no_longer_in_catalog": len(self.vanished), "seconds": round(self.seconds, 2),
            "price_drops": [{"id": d.product_id, "before": d.before, "now": d.now,
                             "currency": d.currency} for d in self.price_drops],
            "listed_no_longer_in_catalog": list(self.listed_vanished),
        }


@dataclass(frozen=True)
class BuiltBundle:
    """A bundle written by the publisher side (``aisle catalog build``)."""

    path: str
    size: int
    sha256: str
    name: str
    version: str
    created: str
    product_count: int
    embedder_id: str
    signed_by: str | None
    skipped: Mapping[str, int]
    thumbnails: int = 0  # products with a thumbnail in the bundle
    images_skipped: tuple[tuple[str, str], ...] = ()  # (product id, why) of images left out
    vectors: str = "float32"  # or int8 (a compact bundle: the index is built on install)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.path, "size": self.size, "sha256": self.sha256, "name": self.name,
            "version": self.version, "created": self.created, "products": self.product_count,
            "embedder": self.embedder_id, "signed_by": self.signed_by,
            "skipped": dict(self.skipped), "thumbnails": self.thumbnails,
            "images_skipped": [{"id": pid, "reason": why} for pid, why in self.images_skipped],
            "vectors": self.vectors, "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class BuiltDelta:
    """A delta bundle written by the publisher side (``aisle catalog delta``)."""

    path: str
    size: int
    sha256: str
    name: str
    base_version: str
    version: str
    changed: int
    removed: int
    product_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.path, "size": self.size, "sha256": self.sha256, "name": self.name,
            "base_version": self.base_version, "version": self.version,
            "changed": self.changed, "removed": self.removed, "products": self.product_count,
        }


@dataclass(frozen=True)
class CatalogSwitch:
    """The catalog slot that is active after a rollback, and what it holds."""

    slot: str
    name: str
    version: str
    product_count: int

    def to_dict(self) -> dict[str, Any]:
        return {"active_slot": self.slot, "name": self.name, "version": self.version,
                "products": self.product_count}


@dataclass(frozen=True)
class DeltaEntry:
    """A smaller download of a version: its changes against the base version."""

    base: str
    url: str
    sha256: str
    size: int


@dataclass(frozen=True)
class VersionEntry:
    version: str
    url: str
    sha256: str
    size: int
    created: str
    delta: DeltaEntry | None = None


@dataclass(frozen=True)
class UpdateCheck:
    catalog: str
    installed_version: str
    latest: VersionEntry | None
    update_available: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalog": self.catalog,
            "installed_version": self.installed_version,
            "latest": asdict(self.latest) if self.latest else None,
            "update_available": self.update_available,
        }
