"""Product images in catalog bundles: fetched over real HTTP (127.0.0.1) when the publisher
builds, refused when hostile (a decompression bomb, not an image, a 404), shipped as small
JPEGs in one checksummed file, and shown by the app from the installed bundle."""

from __future__ import annotations

import io
import json
import struct
import threading
import zlib
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from catalog_fixtures import product_rows, write_jsonl
from PIL import Image

from engine.app import Aisle
from engine.publish import build_bundle


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def bomb_png(width: int = 40_000, height: int = 40_000) -> bytes:
    """A tiny PNG whose header claims 1.6 billion pixels (decoding it would need gigabytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


@pytest.fixture
def image_site(tmp_path):
    site = tmp_path / "images"
    site.mkdir()
    photo = io.BytesIO()
    Image.new("RGB", (1200, 800), (180, 40, 40)).save(photo, "PNG")
    (site / "rug.png").write_bytes(photo.getvalue())
    (site / "bomb.png").write_bytes(bomb_png())
    (site / "big.png").write_bytes(bomb_png(6000, 5000))  # under Pillow's limit, over ours
    (site / "notes.jpg").write_text("this is not an image", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_thumbnails_are_built_checked_shipped_and_shown(image_site, tmp_path):
    links = {"rug-1": "rug.png", "rug-2": "bomb.png", "shoe-1": "big.png", "pan-1": "notes.jpg",
             "hp-1": "gone.png"}
    rows = [dict(r, image_link=f"{image_site}/{links[r['id']]}") if r["id"] in links else r
            for r in product_rows()]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    built = build_bundle(feed, "Image shop", "1", tmp_path / "shop.aisle.tar.gz",
                         created="2026-11-01")
    again = build_bundle(feed, "Image shop", "1", tmp_path / "again.aisle.tar.gz",
                         created="2026-11-01")
    assert built.thumbnails == 1 and again.sha256 == built.sha256  # same images, same bytes
    reasons = dict(built.images_skipped)
    assert set(reasons) == {"rug-2", "shoe-1", "pan-1", "hp-1"}
    assert "pixels" in reasons["rug-2"] and "too many" in reasons["shoe-1"]
    assert "not a usable image" in reasons["pan-1"]
    assert "404" in reasons["hp-1"]
    assert json.loads(json.dumps(built.to_dict()))["thumbnails"] == 1

    with Aisle(tmp_path / "data") as aisle:
        aisle.catalog.install_bundle(tmp_path / "shop.aisle.tar.gz")
        jpeg = aisle.catalog.thumbnail("rug-1")
        assert jpeg is not None and jpeg[:2] == b"\xff\xd8"
        with Image.open(io.BytesIO(jpeg)) as thumb:
            assert max(thumb.size) == 256 and thumb.format == "JPEG"
        assert aisle.catalog.thumbnail("rug-2") is None and aisle.catalog.thumbnail("pan-1") is None


def test_a_bundle_built_without_images_has_no_thumbnails(image_site, tmp_path):
    rows = [dict(r, image_link=f"{image_site}/rug.png") for r in product_rows()[:3]]
    built = build_bundle(write_jsonl(tmp_path / "feed.jsonl", rows), "Plain shop", "1",
                         tmp_path / "plain.aisle.tar.gz", created="2026-11-01", images=False)
    assert built.thumbnails == 0 and built.images_skipped == ()
    with Aisle(tmp_path / "data") as aisle:
        aisle.catalog.install_bundle(tmp_path / "plain.aisle.tar.gz")
        assert aisle.catalog.thumbnail(rows[0]["id"]) is None
