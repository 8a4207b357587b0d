"""The bundle manifest: what a catalog bundle claims to hold, checked before anything is trusted.

The manifest is serialised canonically (sorted keys, fixed indent, UTF-8) so the same catalog
always gives the same bytes; the optional signature covers exactly those bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from engine.errors import BundleError
from engine.messages import Message

# Format 1: float32 vectors in catalog.db and the HNSW index. Format 2 adds compact bundles
# (int8 vectors in catalog.db, the index built on install) and delta bundles (delta.db: the
# products that changed against a named base catalog). Float32 full bundles are still written
# as format 1, so an older Aisle installs them.
FORMAT_VERSION = 2
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
REQUIRED_FILES = ("catalog.db", "vectors.hnsw", "vectors.json")
COMPACT_FILES = ("catalog.db",)
DELTA_FILES = ("delta.db",)
VECTOR_FORMATS = ("float32", "int8")
OPTIONAL_FILES = ("thumbnails.db",)  # product id -> JPEG thumbnail (bundles/thumbnails.py)
# Flat layout: a file name is one path component, so "../x", "/x" and "a/b" are all refused.
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DeltaBase:
    """What a delta bundle applies to: the base version and its catalog's content digest."""

    version: str
    digest: str


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    created: str
    product_count: int
    embedder_id: str
    dim: int
    files: tuple[FileEntry, ...]
    format_version: int = 1
    vectors: str = "float32"
    # A delta bundle: the base it applies to, and the content digest its result must have.
    base: DeltaBase | None = None
    digest: str = ""

    @property
    def required_files(self) -> tuple[str, ...]:
        if self.base is not None:
            return DELTA_FILES
        return COMPACT_FILES if self.vectors == "int8" else REQUIRED_FILES

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files)

    def entry(self, path: str) -> FileEntry | None:
        return next((f for f in self.files if f.path == path), None)

    def to_bytes(self) -> bytes:
        """Canonical serialisation: identical manifests give identical bytes."""
        data: dict[str, Any] = {
            "format_version": self.format_version,
            "catalog": {"name": self.name, "version": self.version, "created": self.created},
            "product_count": self.product_count,
            "embedder": {"id": self.embedder_id, "dim": self.dim},
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }
        if self.format_version >= 2:
            data["vectors"] = self.vectors
        if self.base is not None:
            data["delta"] = {"base_version": self.base.version, "base_digest": self.base.digest,
                             "digest": self.digest}
        return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def bundle_generation(name: str, version: str) -> str:
    """The catalog generation a bundle pins (an import's is its time, which varies)."""
    return f"bundle:{name}:{version}"


def is_safe_name(name: str) -> bool:
    return bool(SAFE_NAME.match(name)) and name not in (MANIFEST_NAME, SIGNATURE_NAME)


def parse_manifest(raw: bytes, supported: int = FORMAT_VERSION) -> Manifest:
    """Parse and validate manifest bytes.

    Raises:
        BundleError: not a manifest, a newer format than this Aisle reads, or invalid fields.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:  # deep nesting
        raise BundleError("The bundle's manifest is not valid JSON; it is damaged.") from err
    if not isinstance(data, dict):
        raise BundleError("The bundle's manifest is not a JSON object; the bundle is damaged.")
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise BundleError("The bundle's manifest has no valid format_version; it is damaged.")
    if version > supported:
        raise BundleError(
            "This catalog bundle uses format version {version}, but this version of Aisle reads "
            "up to version {supported}. Update Aisle to install it.",
            version=version, supported=supported,
        )
    try:
        return _manifest_from(data)
    except (KeyError, TypeError, ValueError) as err:
        raise _invalid(str(err)) from err


def _invalid(reason: str) -> BundleError:
    """The error for a manifest that parses but is wrong; ``reason`` says what is wrong."""
    return BundleError("The bundle's manifest is invalid ({reason}); it is damaged.",
                       reason=reason)


def _manifest_from(data: dict[str, Any]) -> Manifest:
    catalog, embedder = data["catalog"], data["embedder"]
    files = tuple(_file_entry(f) for f in data["files"])
    names = [f.path for f in files]
    if len(set(names)) != len(names):
        raise _invalid(Message("a file is listed twice"))
    vectors = _text(data.get("vectors", "float32"))
    if vectors not in VECTOR_FORMATS:
        raise _invalid(Message("unknown vector format {vectors!r}", vectors=vectors))
    delta = data.get("delta")
    base = None if delta is None else DeltaBase(_text(delta["base_version"]),
                                                _digest(delta["base_digest"]))
    manifest = Manifest(
        name=_text(catalog["name"]), version=_text(catalog["version"]),
        created=_text(catalog["created"]), product_count=_count(data["product_count"]),
        embedder_id=_text(embedder["id"]), dim=_count(embedder["dim"]), files=files,
        format_version=int(data["format_version"]), vectors=vectors, base=base,
        digest=_digest(delta["digest"]) if delta is not None else "",
    )
    missing = [n for n in manifest.required_files if n not in names]
    if missing:
        raise _invalid(Message("missing {names}", names=", ".join(missing)))
    if not manifest.name or not manifest.version:
        raise _invalid(Message("the catalog name and version must not be empty"))
    return manifest


def _digest(value: Any) -> str:
    if not isinstance(value, str) or not SHA256_HEX.match(value):
        raise _invalid(Message("bad catalog digest {value!r}", value=value))
    return value


def _file_entry(item: Any) -> FileEntry:
    path, size, sha = item["path"], item["size"], item["sha256"]
    if not isinstance(path, str) or not is_safe_name(path):
        raise _invalid(Message("unsafe file name {path!r}", path=path))
    if not isinstance(sha, str) or not SHA256_HEX.match(sha):
        raise _invalid(Message("bad sha256 for {path}", path=path))
    return FileEntry(path, _count(size), sha)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _invalid(Message("expected text, got {kind}", kind=type(value).__name__))
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _invalid(Message("expected a non-negative integer, got {value!r}", value=value))
    return value
