"""The saved list and the cart through the real window (real engine, lists.db and history.db):
the product page's buttons follow the lists, the "Saved & cart" page changes quantities, shows
totals and products an update removed, moves a saved item to the cart, and exports."""

from __future__ import annotations

import csv

import pytest

pytest.importorskip("pytestqt")

from catalog_fixtures import product_rows, write_jsonl  # noqa: E402
from test_gui_support import WAIT_MS, open_product, window  # noqa: E402, F401  (window: fixture)

from desktop_app.product_card import format_amount  # noqa: E402


def changed(qtbot, window):  # type: ignore[no-untyped-def]
    return qtbot.waitSignal(window.ctx.lists_changed, timeout=WAIT_MS)


def show_lists(qtbot, window):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.lists.saved.shown, timeout=WAIT_MS):
        window.show_page("lists")


def test_saving_and_the_cart_show_on_the_product_page_and_the_lists_page(qtbot, window):
    open_product(qtbot, window, "rug-1")
    buttons = window.product.action_buttons
    with changed(qtbot, window):
        buttons["save"].click()
    with changed(qtbot, window):
        buttons["cart"].click()
    assert buttons["save"].text().startswith("♥ Saved")
    assert buttons["cart"].text() == "In cart: 1 — add one more"
    open_product(qtbot, window, "pan-1")
    assert buttons["save"].text() == "♡ Save"  # the state is the product's own
    open_product(qtbot, window, "rug-1")
    assert buttons["save"].text().startswith("♥ Saved")

    show_lists(qtbot, window)
    saved, cart = window.lists.saved, window.lists.cart
    assert [i.product_id for i in saved.shopping_list.items] == ["rug-1"]
    assert window.lists.tabs.tabText(1) == "Cart (1)"
    spin = cart.table.cellWidget(0, 2)
    with qtbot.waitSignal(cart.shown, timeout=WAIT_MS):
        spin.setValue(3)
    rug = next(r for r in product_rows() if r["id"] == "rug-1")
    assert cart.totals.text() == f"Total: {format_amount(rug['price'] * 3, rug['currency'])}"
    assert window.ctx.state_of("rug-1").in_cart == 3
    remove = saved.table.cellWidget(0, 4).findChildren(type(buttons["save"]))[-1]
    with qtbot.waitSignal(saved.shown, timeout=WAIT_MS):
        remove.click()
    assert saved.empty.isVisible() and not window.ctx.state_of("rug-1").saved


def test_a_saved_product_an_update_removed_is_shown_and_the_lists_export(qtbot, window,
                                                                         tmp_path):
    aisle = window.ctx.aisle
    aisle.lists.save_product("rug-1")
    aisle.lists.save_product("pan-1")
    rest = [r for r in product_rows() if r["id"] != "rug-1"]
    aisle.catalog.import_feed(write_jsonl(tmp_path / "update.jsonl", rest), replace=True)
    show_lists(qtbot, window)
    saved = window.lists.saved
    assert saved.missing.isVisible() and saved.missing.text().startswith("1 of these")
    titles = [saved.table.item(r, 0).text() for r in range(saved.table.rowCount())]
    assert any(t.endswith("(no longer in the catalog)") for t in titles)
    move = saved.table.cellWidget(titles.index(next(t for t in titles if "skillet" in t.lower())),
                                  4).findChildren(type(saved.export_csv))[0]
    with qtbot.waitSignal(window.lists.cart.shown, timeout=WAIT_MS):
        move.click()
    assert [i.product_id for i in window.lists.cart.shopping_list.items] == ["pan-1"]
    target = tmp_path / "saved.csv"
    with qtbot.waitSignal(saved.exported, timeout=WAIT_MS):
        saved.export_to(target, "csv")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {r["id"]: r["in_catalog"] for r in rows} == {"rug-1": "False", "pan-1": "True"}
