"""Settings → install a catalog bundle over HTTP: progress dialog, verified install, new catalog."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("pytestqt")

from catalog_fixtures import product_rows, write_jsonl  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QPushButton  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window: fixture)
    WAIT_MS,
    dialogs,
    open_product,
    window,
)

from engine.publish import build_bundle  # noqa: E402


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
    assert window.ctx.aisle.catalog.info().name == "Bundle shop"
    assert window.ctx.aisle.catalog.info().product_count == 8
    qtbot.waitUntil(lambda: bool(dialogs()), timeout=5000)
    assert "Bundle shop" in dialogs()[0].text()
    qtbot.waitUntil(lambda: "Bundle shop" in window.catalog_label.text(), timeout=5000)
    assert window.ctx.aisle.catalog.roll_back().slot


@pytest.fixture
def update_site(tmp_path):
    """Versions 7 and 8 of one catalog (8 drops a product and makes the next one cheaper) and
    their index, on 127.0.0.1."""
    site = tmp_path / "updates"
    site.mkdir()
    rows = [dict(r, id=f"b-{r['id']}") for r in product_rows()[:8]]
    entries = []
    cheaper = dict(rows[1], price=rows[1]["price"] - 10)
    for version, feed in (("7", rows), ("8", [cheaper, *rows[2:]])):
        built = build_bundle(write_jsonl(tmp_path / f"feed-{version}.jsonl", feed),
                             "Bundle shop", version, site / f"shop-{version}.aisle.tar.gz",
                             created="2026-11-01")
        entries.append({"version": version, "url": f"shop-{version}.aisle.tar.gz",
                        "sha256": built.sha256, "size": built.size})
    (site / "index.json").write_text(json.dumps({"catalog": "Bundle shop", "versions": entries}))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", rows[0]["id"], rows[1]["id"]
    server.shutdown()


def test_updates_are_checked_installed_and_rolled_back_from_settings(qtbot, window,
                                                                      update_site):
    base, dropped, cheaper = update_site
    window.show_page("settings")
    window.settings.bundle_source.setText(f"{base}/shop-7.aisle.tar.gz")
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=WAIT_MS):
        window.settings.bundle_button.click()
    qtbot.waitUntil(lambda: bool(dialogs(name="catalogInstalled")), timeout=5000)
    dialogs(name="catalogInstalled")[0].accept()
    window.ctx.aisle.lists.save_product(dropped)
    window.ctx.aisle.lists.save_product(cheaper)

    updates = window.settings.updates
    updates.index_url.setText(f"{base}/index.json")
    updates.check_now()
    qtbot.waitUntil(updates.install_button.isVisible, timeout=WAIT_MS)
    assert updates.status.text().startswith("Version 8 of Bundle shop is available")
    assert window.ctx.aisle.settings.update_index_url == f"{base}/index.json"
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=WAIT_MS):
        updates.install_button.click()
    qtbot.waitUntil(lambda: bool(dialogs(name="catalogInstalled")), timeout=5000)
    [box] = dialogs(name="catalogInstalled")
    assert "1 products are no longer in the catalog" in box.text()
    assert "1 of them are on your saved list or in your cart" in box.text()
    assert "Price drops: 1 of your saved products are cheaper now." in box.text()
    with qtbot.waitSignal(window.lists.saved.shown, timeout=WAIT_MS):
        box.findChild(QPushButton, "showVanished").click()
    assert window.current_page() == "lists"
    assert window.ctx.aisle.catalog.info().version == "8"
    assert window.lists.saved.drops.text().startswith("Price drops since the last catalog")
    prices = [window.lists.saved.table.item(r, 1).text() for r in range(2)]
    assert any("(was $" in p for p in prices)
    open_product(qtbot, window, cheaper)
    assert window.product.price_chart.isVisible()
    assert [p.label for p in window.product.price_chart.points] == ["Bundle shop 7",
                                                                     "Bundle shop 8"]
    window.show_page("settings")

    qtbot.waitUntil(updates.rollback_button.isEnabled, timeout=WAIT_MS)
    updates.confirm_rollback()
    [confirm] = dialogs(name="confirmDelete")
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=WAIT_MS):
        confirm.button(QMessageBox.StandardButton.Yes).click()
    assert window.ctx.aisle.catalog.info().version == "7"
    assert updates.status.text().startswith("Back to Bundle shop (version 7")


def test_thumbnails_from_the_bundle_show_on_cards_results_and_the_product_page(
        qtbot, window, tmp_path):
    from PIL import Image

    from desktop_app.product_card import ProductCard

    site = tmp_path / "images"
    site.mkdir()
    Image.new("RGB", (640, 480), (40, 90, 160)).save(site / "rug.png")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = [dict(r, id=f"i-{r['id']}") for r in product_rows()[:6]]
    rows[0]["image_link"] = f"http://127.0.0.1:{server.server_port}/rug.png"
    try:
        build_bundle(write_jsonl(tmp_path / "feed.jsonl", rows), "Image shop", "1",
                     tmp_path / "images.aisle.tar.gz", created="2026-11-01")
    finally:
        server.shutdown()
    window.show_page("settings")
    window.settings.bundle_source.setText(str(tmp_path / "images.aisle.tar.gz"))
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=WAIT_MS):
        window.settings.bundle_button.click()
    with_image, without = (window.ctx.aisle.catalog.product(rows[i]["id"]) for i in (0, 1))
    thumbs = window.ctx.aisle.catalog.thumbnails([with_image.id, without.id])
    cards = [ProductCard(p, window.ctx, jpeg=thumbs.get(p.id)) for p in (with_image, without)]
    assert cards[0].image.pixmap_shown is not None
    assert cards[1].image.pixmap_shown is None and cards[1].image.toolTip() == "Home"
    open_product(qtbot, window, with_image.id)
    assert window.product.image.pixmap_shown.width() == 128
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS):
        window.focus_search()
        window.search.query_edit.setText("rug")
    icons = {window.search.results.item(r).data(Qt.ItemDataRole.UserRole):
             not window.search.results.item(r).icon().isNull()
             for r in range(window.search.results.count())}
    assert icons[with_image.id] and not icons[without.id]
