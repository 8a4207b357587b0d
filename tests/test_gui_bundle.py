"""Settings → install a catalog bundle over HTTP: progress dialog, verified install, new catalog."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("pytestqt")

from catalog_fixtures import product_rows, write_jsonl  # noqa: E402
from test_gui_support import WAIT_MS, dialogs, window  # noqa: E402, F401  (window: fixture)

from engine.app import build_bundle  # noqa: E402


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def bundle_url(tmp_path):
    """A real bundle built from a small feed, served on 127.0.0.1 by a real HTTP server."""
    site = tmp_path / "site"
    site.mkdir()
    rows = [dict(r, id=f"b-{r['id']}") for r in product_rows()[:8]]
    build_bundle(write_jsonl(tmp_path / "feed.jsonl", rows), "Bundle shop", "7",
                 site / "shop.aisle.tar.gz", created="2026-11-01")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/shop.aisle.tar.gz"
    server.shutdown()


def test_install_bundle_from_settings_with_progress(qtbot, window, bundle_url):
    window.settings.bundle_source.setText(bundle_url)
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=WAIT_MS):
        window.settings.bundle_button.click()
    assert window.ctx.aisle.catalog_info().name == "Bundle shop"
    assert window.ctx.aisle.catalog_info().product_count == 8
    qtbot.waitUntil(lambda: bool(dialogs()), timeout=5000)
    assert "Bundle shop" in dialogs()[0].text()
    qtbot.waitUntil(lambda: "Bundle shop" in window.catalog_label.text(), timeout=5000)
    assert window.ctx.aisle.rollback_catalog().slot
