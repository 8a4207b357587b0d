"""Catalog bundles end to end: real bundles built by `aisle catalog build`, served by a real HTTP
server on 127.0.0.1, installed into a real data directory; every hostile case must leave the
previously installed catalog active and searchable."""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import tarfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.bundles import (
    DownloadPolicy,
    Limits,
    generate_keypair,
    install_bundle,
    load_public_key,
    vanished_ids,
)
from engine.bundles.builder import build_bundle
from engine.catalog import Catalog
from engine.catalog_library import CatalogLibrary
from engine.cli import cli
from engine.errors import BundleError, Cancelled
from engine.progress import CancelToken

FAST = DownloadPolicy(connect_timeout=2, read_timeout=2, retries=2, backoff=0.05)
CREATED = "2024-07-01"
NOUNS = ["rug", "lamp", "kettle", "chair", "backpack", "headphones", "mug", "towel", "pillow",
         "desk"]
ADJECTIVES = ["wool", "linen", "steel", "oak", "travel"]


def write_feed(path: Path, ids: range, changed: dict[int, float] | None = None) -> Path:
    """A small JSON Lines feed: one product per id, text varied enough to search meaningfully."""
    lines = []
    for i in ids:
        noun, adjective = NOUNS[i % len(NOUNS)], ADJECTIVES[i % len(ADJECTIVES)]
        price = (changed or {}).get(i, 10.0 + i)
        lines.append(json.dumps({
            "id": f"p{i:03d}", "title": f"{adjective.title()} {noun} model {i}",
            "description": f"A {adjective} {noun} for everyday use, size {i % 4 + 1}.",
            "category": f"Home > {noun.title()}s", "brand": ["Acme", "Nordic", "Kumo"][i % 3],
            "price": price, "currency": "EUR",
        }))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_build(feed: Path, out: Path, version: str, *extra: str) -> dict:
    # Session fixtures run before the autouse per-test data dir exists: pass one explicitly.
    data = out.parent / "publisher-data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "catalog", "build", str(feed),
                                      "--name", "Acme home", "--version", version,
                                      "--out", str(out), "--created", CREATED, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@dataclass
class Bundles:
    root: Path
    feed_v1: Path
    v1: Path
    v2: Path
    signed: Path
    public_key: Path
    other_public_key: Path


@pytest.fixture(scope="session")
def bundles(tmp_path_factory) -> Bundles:
    root = tmp_path_factory.mktemp("bundles")
    feed_v1 = write_feed(root / "feed-v1.jsonl", range(1, 51))
    feed_v2 = write_feed(root / "feed-v2.jsonl", range(3, 53), changed={3: 99.0})
    generate_keypair(root / "publisher")
    generate_keypair(root / "stranger")
    cli_build(feed_v1, root / "v1.tar.gz", "1")
    cli_build(feed_v2, root / "v2.tar.gz", "2")
    cli_build(feed_v1, root / "signed.tar.gz", "1", "--sign", str(root / "publisher.key"))
    return Bundles(root, feed_v1, root / "v1.tar.gz", root / "v2.tar.gz", root / "signed.tar.gz",
                   root / "publisher.pub", root / "stranger.pub")


# ----- a real HTTP server with scripted misbehaviour ----------------------------------------------

@dataclass
class Route:
    body: bytes
    content_type: str = "application/gzip"
    mode: str = "ok"  # ok | cut_once | cut_always | hang
    cut_after: int = 0
    hits: int = 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        server: BundleServer = self.server  # type: ignore[assignment]
        route = server.routes.get(self.path)
        server.requests.append((self.path, self.headers.get("Range")))
        if route is None:
            self.send_error(404)
            return
        route.hits += 1
        if route.mode == "hang":
            server.release.wait(30)
            return
        start = int(self.headers["Range"][6:].split("-")[0]) if self.headers.get("Range") else 0
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(route.body) - start))
        if start:
            end, size = len(route.body) - 1, len(route.body)
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        cut = route.mode == "cut_always" or (route.mode == "cut_once" and route.hits == 1)
        self.wfile.write(route.body[start : route.cut_after] if cut else route.body[start:])
        self.wfile.flush()
        self.close_connection = cut

    def log_message(self, *args: object) -> None:
        pass


class BundleServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []
        self.release = threading.Event()

    def serve(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture
def server():
    srv = BundleServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


# ----- helpers -----------------------------------------------------------------------------------

@pytest.fixture
def library(isolated_data_dir, bundles) -> CatalogLibrary:
    """A data directory with bundle v1 installed and active."""
    lib = CatalogLibrary(isolated_data_dir)
    install_bundle(bundles.v1, lib)
    return lib


def assert_untouched(library: CatalogLibrary, slot: str, slots: list[str]) -> None:
    """The catalog active before a failed install is still active, complete and searchable."""
    assert library.active_slot() == slot
    assert library.slots() == slots, "the staging slot was not cleaned up"
    catalog = Catalog.open(library.active_dir())
    try:
        assert catalog.info().product_count == 50
        assert catalog.search("wool rug", mode="keyword").total > 0
    finally:
        catalog.close()


def members_of(bundle: Path) -> dict[str, bytes]:
    with tarfile.open(bundle, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}  # type: ignore[union-attr]


def craft(path: Path, members: list[tuple[str, bytes, bytes, str]]) -> Path:
    """Write a tar.gz with arbitrary (name, data, tar type, link target) members."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data, kind, link in members:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, link
            info.size = len(data) if kind == tarfile.REGTYPE else 0
            tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    return path


def regular(name: str, data: bytes) -> tuple[str, bytes, bytes, str]:
    return (name, data, tarfile.REGTYPE, "")


def with_manifest(bundle: Path, edit) -> list[tuple[str, bytes, bytes, str]]:
    """The bundle's members with its manifest rewritten by ``edit(dict)``."""
    files = members_of(bundle)
    manifest = json.loads(files.pop("manifest.json"))
    edit(manifest)
    return [regular("manifest.json", json.dumps(manifest).encode())] + [
        regular(n, d) for n, d in files.items()
    ]


class FullDisk:
    """A FileOpener whose files fail with ENOSPC after ``room`` bytes.

    The real extension point (``opener=``) with a fake disk, because filling the test machine's
    disk for real would disturb every other process on it.
    """

    def __init__(self, room: int) -> None:
        self.room = room

    def __call__(self, path: Path):
        return _FillingFile(open(path, "xb"), self)


class _FillingFile:
    def __init__(self, fh, disk: FullDisk) -> None:
        self.fh, self.disk = fh, disk

    def write(self, data: bytes) -> int:
        if len(data) > self.disk.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.disk.room -= len(data)
        return self.fh.write(data)

    def close(self) -> None:
        self.fh.close()


# ----- happy paths -------------------------------------------------------------------------------

def test_full_install_over_http_with_progress(server, isolated_data_dir, bundles):
    url = server.serve("/v1.tar.gz", Route(bundles.v1.read_bytes()))
    lib = CatalogLibrary(isolated_data_dir)
    labels: list[str] = []
    result = install_bundle(url, lib, policy=FAST,
                            progress=lambda done, total, label: labels.append(label))
    assert result.manifest.version == "1" and result.manifest.product_count == 50
    assert lib.active_slot() == result.slot
    assert any("MB/s" in label and "left" in label for label in labels)
    assert any(label == "Verifying and unpacking" for label in labels)
    catalog = Catalog.open(lib.active_dir())
    try:
        assert catalog.info().name == "Acme home"
        hits = catalog.search("chair", mode="dense").hits
        assert "chair" in hits[0].product.title.lower()
    finally:
        catalog.close()
    assert not list((isolated_data_dir / "downloads").iterdir()), "download not cleaned up"


def test_build_is_deterministic(bundles, tmp_path):
    again = build_bundle(bundles.feed_v1, "Acme home", "1", tmp_path / "again.tar.gz",
                         created=CREATED)
    assert again.path.read_bytes() == bundles.v1.read_bytes()
    assert again.sha256 == hashlib.sha256(bundles.v1.read_bytes()).hexdigest()


def test_resume_after_connection_cut(server, isolated_data_dir, bundles):
    body = bundles.v1.read_bytes()
    url = server.serve("/v1.tar.gz", Route(body, mode="cut_once", cut_after=len(body) // 2))
    result = install_bundle(url, CatalogLibrary(isolated_data_dir), policy=FAST)
    assert result.manifest.product_count == 50
    assert server.requests == [("/v1.tar.gz", None), ("/v1.tar.gz", f"bytes={len(body) // 2}-")]


def test_cancelled_download_resumes_later(server, isolated_data_dir, bundles):
    body = bundles.v1.read_bytes()
    url = server.serve("/v1.tar.gz", Route(body))
    lib, cancel = CatalogLibrary(isolated_data_dir), CancelToken()
    with pytest.raises(Cancelled):
        install_bundle(url, lib, policy=FAST, cancel=cancel,
                       progress=lambda done, total, label: cancel.cancel())
    assert list((isolated_data_dir / "downloads").glob("*.part"))
    install_bundle(url, lib, policy=FAST)
    assert server.requests[-1][1] is not None and server.requests[-1][1].startswith("bytes=")


def test_signed_bundle_with_trusted_key(library, bundles):
    key = load_public_key(bundles.public_key)
    result = install_bundle(bundles.signed, library, trusted_keys=[key], require_signature=True)
    assert result.signer and len(result.signer) == 16


def test_rollback_restores_previous_catalog(library, bundles):
    first = library.active_slot()
    second = install_bundle(bundles.v2, library).slot
    assert library.active_slot() == second
    assert library.rollback() == first
    catalog = Catalog.open(library.active_dir())
    try:
        assert catalog.info().version == "1" and catalog.get("p001") is not None
    finally:
        catalog.close()


def test_update_keeps_history_and_reports_vanished_ids(library, bundles, isolated_data_dir):
    history = isolated_data_dir / "history.db"
    history.write_bytes(b"saved items the update must never touch")
    before = (history.read_bytes(), history.stat().st_mtime_ns)
    old_dir = library.active_dir()
    result = install_bundle(bundles.v2, library)
    assert (history.read_bytes(), history.stat().st_mtime_ns) == before
    assert result.vanished == ("p001", "p002")
    assert vanished_ids(old_dir, library.active_dir()) == ["p001", "p002"]


def test_check_updates_then_install_latest(server, library, bundles):
    body = bundles.v2.read_bytes()
    server.serve("/bundles/v2.tar.gz", Route(body))
    index = {"catalog": "Acme home", "versions": [
        {"version": "1", "url": "v1.tar.gz", "sha256": "0" * 64, "size": 1, "created": CREATED},
        {"version": "2", "url": "v2.tar.gz", "sha256": hashlib.sha256(body).hexdigest(),
         "size": len(body), "created": CREATED},
    ]}
    url = server.serve("/bundles/index.json", Route(json.dumps(index).encode(), "application/json"))
    result = CliRunner().invoke(cli, ["catalog", "check-updates", url, "--install"])
    assert result.exit_code == 0, result.output
    assert '"update_available": true' in result.stdout
    catalog = Catalog.open(library.active_dir())
    try:
        assert catalog.info().version == "2"
    finally:
        catalog.close()


def test_cli_install_signed_then_rollback(bundles, isolated_data_dir, tmp_path):
    runner = CliRunner()
    keys = runner.invoke(cli, ["catalog", "keygen", "--out", str(tmp_path / "mine")])
    assert keys.exit_code == 0 and (tmp_path / "mine.pub").exists()
    refused = runner.invoke(cli, ["catalog", "install", str(bundles.signed), "--require-signature",
                                 "--trust", str(tmp_path / "mine.pub")])
    assert refused.exit_code == 1 and "does not match any trusted" in refused.output
    for bundle, extra in ((bundles.v1, []), (bundles.signed, ["--trust", str(bundles.public_key),
                                                             "--require-signature"])):
        done = runner.invoke(cli, ["catalog", "install", str(bundle), *extra])
        assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["signed_by"]
    back = runner.invoke(cli, ["catalog", "rollback"])
    assert back.exit_code == 0, back.output
    assert json.loads(back.stdout)["products"] == 50


# ----- hostile and broken input ------------------------------------------------------------------

def expect_refusal(library: CatalogLibrary, source, match: str, **kwargs) -> None:
    slot, slots = library.active_slot(), library.slots()
    with pytest.raises(BundleError, match=match):
        install_bundle(source, library, **kwargs)
    assert_untouched(library, slot, slots)


def test_truncated_download(server, library, bundles):
    body = bundles.v1.read_bytes()
    url = server.serve("/short.tar.gz", Route(body[: len(body) * 2 // 3]))
    expect_refusal(library, url, "damaged or incomplete", policy=FAST)


def test_connection_that_always_cuts_out(server, library, bundles):
    body = bundles.v1.read_bytes()
    url = server.serve("/cut.tar.gz", Route(body, mode="cut_always", cut_after=len(body) // 3))
    expect_refusal(library, url, r"connection closed .* Tried 3 times", policy=FAST)


def test_a_failed_download_and_its_progress_read_in_chinese(server, library, bundles):
    """The shopper's language reaches through the layers: the retry's reason inside the
    download error, and the byte counts of the progress label, are Chinese on request and
    English for the CLI."""
    body = bundles.v1.read_bytes()
    url = server.serve("/cut.tar.gz", Route(body, mode="cut_always", cut_after=len(body) // 3))
    labels: list[str] = []
    with pytest.raises(BundleError) as caught:
        install_bundle(url, library, policy=FAST, progress=lambda d, t, label: labels.append(label))
    cut = f"{len(body) // 3:,} of {len(body):,} bytes"
    assert str(caught.value).startswith(f"The connection closed after {cut}. Tried 3 times")
    assert caught.value.in_language("zh_CN").startswith(
        f"连接在传输了 {cut.replace(' of ', ' / ').removesuffix(' bytes')} 字节后断开。已尝试 3 次")
    download = next(label for label in labels if str(label).startswith("Downloading"))
    assert "MB" in download.in_language("zh") and "Downloading" not in download.in_language("zh")


def test_flipped_byte(library, bundles, tmp_path):
    data = bytearray(bundles.v1.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "flipped.tar.gz"
    bad.write_bytes(bytes(data))
    expect_refusal(library, bad, "damaged|altered")


def test_wrong_checksum_in_manifest(library, bundles, tmp_path):
    def edit(m):
        m["files"][0]["sha256"] = "ab" * 32
    bad = craft(tmp_path / "sum.tar.gz", with_manifest(bundles.v1, edit))
    expect_refusal(library, bad, "Checksum mismatch for 'catalog.db'")


def test_wrong_whole_bundle_checksum(library, bundles):
    expect_refusal(library, bundles.v1, "does not match the checksum", expected_sha256="0" * 64)


def test_missing_signature_when_required(library, bundles):
    key = load_public_key(bundles.public_key)
    expect_refusal(library, bundles.v1, "not signed", trusted_keys=[key], require_signature=True)


def test_signature_from_untrusted_key(library, bundles):
    key = load_public_key(bundles.other_public_key)
    expect_refusal(library, bundles.signed, "does not match any trusted publisher key",
                   trusted_keys=[key], require_signature=True)


def test_tampered_signed_manifest(library, bundles, tmp_path):
    files = members_of(bundles.signed)
    files["manifest.json"] = files["manifest.json"].replace(b'"1"', b'"9"')
    bad = craft(tmp_path / "tampered.tar.gz", [regular(n, d) for n, d in files.items()])
    expect_refusal(library, bad, "does not match any trusted", require_signature=True,
                   trusted_keys=[load_public_key(bundles.public_key)])


def test_parent_directory_path(library, bundles, tmp_path):
    members = with_manifest(bundles.v1, lambda m: None)
    evil = regular("../evil.db", b"x")
    bad = craft(tmp_path / "dotdot.tar.gz", members[:1] + [evil] + members[1:])
    expect_refusal(library, bad, r"unsafe path '\.\./evil\.db'")
    assert not (library.root / "evil.db").exists()


def test_absolute_path(library, bundles, tmp_path):
    members = with_manifest(bundles.v1, lambda m: None)
    target = tmp_path / "absolute-evil"
    bad = craft(tmp_path / "abs.tar.gz", members[:1] + [regular(str(target), b"x")] + members[1:])
    expect_refusal(library, bad, "unsafe path")
    assert not target.exists()


def test_symlink_member(library, bundles, tmp_path):
    members = with_manifest(bundles.v1, lambda m: None)
    link = ("catalog.db", b"", tarfile.SYMTYPE, "/etc/passwd")
    bad = craft(tmp_path / "link.tar.gz", members[:1] + [link])
    expect_refusal(library, bad, "not a regular file")


def test_decompression_bomb_member_larger_than_manifest(library, bundles, tmp_path):
    files = members_of(bundles.v1)
    bomb = files["catalog.db"] + bytes(64 << 20)
    members = [regular("manifest.json", files["manifest.json"]), regular("catalog.db", bomb)]
    bad = craft(tmp_path / "bomb.tar.gz", members)
    assert bad.stat().st_size < 1 << 20  # 64 MB of zeros compress to almost nothing
    expect_refusal(library, bad, "decompression bomb")


def test_manifest_claiming_too_much(library, bundles):
    expect_refusal(library, bundles.v1, "decompression bomb",
                   limits=Limits(max_unpacked_bytes=1000))


def test_newer_format_version(library, bundles, tmp_path):
    newer = with_manifest(bundles.v1, lambda m: m.update(format_version=3))
    bad = craft(tmp_path / "new.tar.gz", newer)
    expect_refusal(library, bad, "format version 3.*Update Aisle")


def test_unknown_embedder(library, bundles):
    expect_refusal(library, bundles.v2, "embedding model '[^']+'.*Update Aisle",
                   embedders={"e5-large": 1024})


def test_disk_full_during_unpack(library, bundles):
    expect_refusal(library, bundles.v2, "Not enough disk space", opener=FullDisk(room=200_000))


def test_html_instead_of_archive(server, library):
    page = b"<!doctype html><html><body>Please log in</body></html>"
    url = server.serve("/login", Route(page, content_type="text/html; charset=utf-8"))
    expect_refusal(library, url, "returned a web page", policy=FAST)
    url = server.serve("/disguised", Route(page, content_type="application/octet-stream"))
    expect_refusal(library, url, "not a catalog bundle", policy=FAST)


def test_hanging_server_times_out(server, library):
    url = server.serve("/hang.tar.gz", Route(b"", mode="hang"))
    policy = DownloadPolicy(connect_timeout=1, read_timeout=0.5, retries=1, backoff=0)
    started = time.monotonic()
    expect_refusal(library, url, "stopped responding", policy=policy)
    assert time.monotonic() - started < 10


def test_not_a_bundle_at_all(library, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(gzip.compress(b"just some text"))
    expect_refusal(library, junk, "damaged|manifest")


def test_missing_file_on_server(server, library):
    url = server.serve("/present.tar.gz", Route(b""))
    expect_refusal(library, url.replace("present", "absent"), "HTTP 404", policy=FAST)


# ----- figures -----------------------------------------------------------------------------------

def test_install_is_cheaper_than_import(bundles, tmp_path, isolated_data_dir):
    """Install does no embedding work: it is faster than importing the same feed (model warm)."""
    started = time.perf_counter()
    catalog = Catalog.open(tmp_path / "plain")
    report = catalog.import_feed(bundles.feed_v1, format="jsonl")
    catalog.close()
    import_seconds = time.perf_counter() - started
    result = install_bundle(bundles.v1, CatalogLibrary(isolated_data_dir))
    feed_bytes, bundle_bytes = bundles.feed_v1.stat().st_size, bundles.v1.stat().st_size
    print(f"\nfeed {feed_bytes} B, bundle {bundle_bytes} B ({bundle_bytes / feed_bytes:.1f}x), "
          f"import {import_seconds:.3f} s (embedded {report.embedded}), "
          f"install {result.seconds:.3f} s")
    assert report.embedded == 50
    assert result.seconds < import_seconds
