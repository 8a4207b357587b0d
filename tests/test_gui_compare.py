"""Compare through the real window: products chosen from the product page, a card's menu and
the saved list, the engine's attribute table as data, and the real chat model's verdict."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window_with_model: fixture)
    WAIT_MS,
    open_product,
    wait_model,
    window_with_model,
)

from desktop_app.product_card import ProductCard  # noqa: E402


def test_products_chosen_anywhere_are_compared_with_a_verdict(qtbot, window_with_model):
    window = window_with_model
    assert wait_model(qtbot, window, timeout=120_000) == "ready"
    for product_id in ("rug-1", "rug-2"):
        open_product(qtbot, window, product_id)
        window.product.compare_button.click()
    assert window.ctx.compare_ids == ["rug-1", "rug-2"]
    assert window.product.compare_button.text() == "Remove from the comparison"
    assert window.sidebar.item(5).text() == "Compare (2)"

    compare = window.compare
    with qtbot.waitSignal(compare.verdict_shown, timeout=120_000) as verdict:
        with qtbot.waitSignal(compare.shown, timeout=WAIT_MS):
            window.show_page("compare")
    assert compare.table.columnCount() == 2 and compare.table.rowCount() >= 3
    titles = [compare.table.item(0, c).text() for c in range(2)]
    assert titles == [window.ctx.aisle.catalog.product(i).title for i in ("rug-1", "rug-2")]
    assert verdict.args == ["model"] and compare.verdict.text().startswith("Aisle's verdict")

    card = ProductCard(window.ctx.aisle.catalog.product("pan-1"), window.ctx)
    with qtbot.waitSignal(compare.shown, timeout=WAIT_MS):
        card.menu().actions()[0].trigger()
    assert compare.table.columnCount() == 3
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS):
        window.search.query_edit.setText("headphones")
    first = window.search.results.item(0).data(Qt.ItemDataRole.UserRole)
    [action] = window.search.result_menu(0).actions()
    assert action.text() == "Compare"
    action.trigger()
    assert window.ctx.compare_ids[-1] == first
    window.ctx.toggle_compare(first)  # out again: the saved list adds the fourth below

    window.ctx.aisle.lists.save_product("hp-1")
    with qtbot.waitSignal(window.lists.saved.shown, timeout=WAIT_MS):
        window.show_page("lists")
    compare_button = window.lists.saved.table.cellWidget(0, 4).findChild(QPushButton,
                                                                         "compareItem")
    with qtbot.waitSignal(compare.shown, timeout=WAIT_MS):
        compare_button.click()
    assert window.ctx.compare_ids == ["rug-1", "rug-2", "pan-1", "hp-1"]
    open_product(qtbot, window, "shoe-1")
    window.product.compare_button.click()  # a fifth: refused, with a way out
    assert "Four products" in window.product.status_label.text()
    assert len(window.ctx.compare_ids) == 4

    window.show_page("compare")
    remove = compare.findChildren(QPushButton, "removeCompared")[0]
    with qtbot.waitSignal(compare.shown, timeout=WAIT_MS):
        remove.click()
    assert compare.table.columnCount() == 3
    with qtbot.waitSignal(compare.shown, timeout=WAIT_MS):
        compare.clear_button.click()
    assert compare.empty.isVisible() and window.ctx.compare_ids == []
