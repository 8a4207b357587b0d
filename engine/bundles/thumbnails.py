"""Publisher side: each product's ``image_link`` as a small thumbnail inside the bundle.

Images are fetched on the publisher's machine when the bundle is built, so the shopper's app
never goes online for them. An image is untrusted input: it must be one of a few plain formats,
small in bytes and in pixels (a "decompression bomb" is refused before it is decoded), and it
is re-encoded, so no metadata or trailing bytes reach the shopper. All thumbnails go into one
checksummed file, ``thumbnails.db`` (product id -> JPEG), written in id order so the same
images give the same bytes.
"""

from __future__ import annotations

import io
import logging
import sqlite3
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from engine.bundles.download import DownloadPolicy, fetch_bytes
from engine.errors import BundleError, DownloadError
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

THUMB_PIXELS = 256  # the longer side
MAX_IMAGE_BYTES = 8 << 20
MAX_IMAGE_PIXELS = 24_000_000  # 6000 x 4000
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
JPEG_QUALITY = 82
IMAGE_POLICY = DownloadPolicy(connect_timeout=10.0, read_timeout=20.0)

@dataclass
class ThumbnailReport:
    """How many thumbnails were made, and each image left out with the reason."""

    made: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (product id, why)


def thumbnail(data: bytes) -> bytes:
    """``data`` (an image file) as a JPEG of at most ``THUMB_PIXELS`` a side.

    Raises:
        ValueError: not an image of an accepted format, damaged, or too many pixels.
    """
    from PIL import Image, UnidentifiedImageError  # publisher side only: the [publish] extra

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=FORMATS) as probe:
                width, height = probe.size  # read from the header, nothing decoded yet
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValueError(f"{width} x {height} pixels is too many")
                probe.verify()
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                image.draft("RGB", (THUMB_PIXELS, THUMB_PIXELS))  # JPEG: decode scaled down
                image.thumbnail((THUMB_PIXELS, THUMB_PIXELS))
                out = io.BytesIO()
                image.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError,
                Image.DecompressionBombWarning) as err:
            raise ValueError(f"not a usable image ({err})") from err
    return out.getvalue()


def make_thumbnails(links: Sequence[tuple[str, str]], dest: Path, *,
                    progress: ProgressCallback = no_progress,
                    cancel: CancelToken = NEVER_CANCELLED) -> ThumbnailReport:
    """Write ``dest`` (thumbnails.db) from (product id, http(s) image link) pairs (the importer
    keeps no other links); images that cannot be fetched or are not plain, safe images are
    skipped with the reason."""
    try:
        import PIL  # noqa: F401 - only checked here, used by thumbnail()
    except ImportError as err:
        raise BundleError("Product images need Pillow: install Aisle with the [publish] extra, "
                          "or build with --no-images.") from err
    report = ThumbnailReport()
    made: dict[str, bytes] = {}
    for done, (product_id, link) in enumerate(sorted(links)):
        cancel.check()
        progress(done, len(links), Message("Fetching product images"))
        try:
            made[product_id] = thumbnail(fetch_bytes(
                link, policy=IMAGE_POLICY, max_bytes=MAX_IMAGE_BYTES, accept="image/*",
                what="product image"))
        except (DownloadError, ValueError) as err:
            report.skipped.append((product_id, str(err)))
            log.info("no thumbnail for %s: %s", product_id, err)
    conn = sqlite3.connect(dest, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("CREATE TABLE thumbnails (product_id TEXT PRIMARY KEY, jpeg BLOB NOT NULL)")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO thumbnails VALUES (?, ?)", sorted(made.items()))
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    report.made = len(made)
    progress(len(links), len(links), Message("Fetching product images"))
    return report
