"""Product page actions, history, "For you" and the privacy page, driven through the real window
over the real engine (history.db in the test's data dir)."""

from __future__ import annotations

import json
import sys

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window: fixture)
    WAIT_MS,
    dialogs,
    open_product,
    window,
)


def show_privacy(qtbot, window):
    with qtbot.waitSignal(window.privacy.snapshot_shown, timeout=WAIT_MS) as shown:
        window.show_page("privacy")
    return shown.args[0]


def refresh_privacy(qtbot, window):
    with qtbot.waitSignal(window.privacy.snapshot_shown, timeout=WAIT_MS) as shown:
        window.privacy.refresh()
    return shown.args[0]


def history_texts(window):
    items = window.privacy.history_list
    return [items.item(i).text() for i in range(items.count())]


def confirm(qtbot, answer=QMessageBox.StandardButton.Yes):
    qtbot.waitUntil(lambda: bool(dialogs(name="confirmDelete")), timeout=5000)
    box = dialogs(name="confirmDelete")[0]
    box.button(answer).click()


def test_opened_product_appears_in_history_and_profile(qtbot, window):
    open_product(qtbot, window, "rug-1")
    snapshot = show_privacy(qtbot, window)
    assert any("Viewed" in t and "Wool shag rug" in t for t in history_texts(window))
    assert snapshot.total_events == 1
    assert window.privacy.category_chart.items and window.privacy.brand_chart.items
    assert window.privacy.price_chart.items
    assert "Learned from 1 recorded actions" in window.privacy.profile_text.text()
    assert snapshot.network == () and "No connection attempts" in window.privacy.network_text.text()
    if sys.platform.startswith("linux"):  # the model worker's network, closed by the kernel
        assert snapshot.model_network_seal == "seccomp"
        assert "seccomp" in window.privacy.seal_text.text()


def test_product_buttons_save_and_dismiss(qtbot, window):
    open_product(qtbot, window, "hp-1")
    save = window.product.action_buttons["save"]
    assert save.isEnabled()
    with qtbot.waitSignal(window.ctx.history_changed, timeout=WAIT_MS):
        save.click()
    assert window.product.status_label.text() == "Saved. Find it under Saved & cart."
    assert save.text().startswith("♥ Saved")
    with qtbot.waitSignal(window.ctx.history_changed, timeout=WAIT_MS):
        window.product.action_buttons["dismiss"].click()
    show_privacy(qtbot, window)
    texts = history_texts(window)
    assert [t.split("  ·  ")[1] for t in texts] == ["Not interested", "Saved", "Viewed"]


def test_delete_history_asks_first_then_deletes(qtbot, window):
    for product_id in ("rug-1", "pan-1"):
        open_product(qtbot, window, product_id)
    show_privacy(qtbot, window)
    assert len(history_texts(window)) == 2
    window.privacy.confirm_delete_all()
    confirm(qtbot, QMessageBox.StandardButton.Cancel)
    assert refresh_privacy(qtbot, window).total_events == 2
    with qtbot.waitSignal(window.privacy.history_deleted, timeout=WAIT_MS) as deleted:
        window.privacy.delete_all_button.click()
        confirm(qtbot)
    assert deleted.args == [2]
    qtbot.waitUntil(lambda: window.privacy.snapshot.total_events == 0, timeout=WAIT_MS)
    assert history_texts(window) == []
    assert window.privacy.category_chart.items == []
    assert window.ctx.aisle.history.events() == []


def test_delete_selected_entry_keeps_the_rest(qtbot, window):
    for product_id in ("rug-1", "pan-1", "hp-2"):
        open_product(qtbot, window, product_id)
    show_privacy(qtbot, window)
    window.privacy.history_list.item(0).setSelected(True)  # the newest: hp-2
    with qtbot.waitSignal(window.privacy.history_deleted, timeout=WAIT_MS):
        window.privacy.confirm_delete_selected()
        confirm(qtbot)
    kept = {e.product_id for e in window.ctx.aisle.history.events()}
    assert kept == {"rug-1", "pan-1"}


def test_pause_stops_recording_views(qtbot, window):
    show_privacy(qtbot, window)
    with qtbot.waitSignal(window.ctx.history_changed, timeout=WAIT_MS):
        window.privacy.pause_switch.click()
    assert window.ctx.aisle.history.paused()
    open_product(qtbot, window, "rug-2")
    with qtbot.waitSignal(window.ctx.history_changed, timeout=WAIT_MS):
        window.product.action_buttons["cart"].click()
    assert window.product.status_label.text() == "Added to your cart."  # the cart keeps it
    aisle = window.ctx.aisle
    assert aisle.history.events() == [] and aisle.lists.item_states()["rug-2"].in_cart
    with qtbot.waitSignal(window.ctx.history_changed, timeout=WAIT_MS):
        window.product.action_buttons["bought"].click()
    assert "paused" in window.product.status_label.text()
    assert refresh_privacy(qtbot, window).paused and window.privacy.pause_switch.isChecked()


def test_export_history_as_json(qtbot, window, tmp_path):
    open_product(qtbot, window, "shoe-1")
    target = tmp_path / "history.json"
    with qtbot.waitSignal(window.privacy.exported, timeout=WAIT_MS):
        window.privacy.export_to(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [e["product_id"] for e in data["events"]] == ["shoe-1"]


def test_for_you_empty_state_then_explained_picks(qtbot, window):
    with qtbot.waitSignal(window.for_you.picks_shown, timeout=WAIT_MS) as shown:
        window.show_page("for_you")
    assert shown.args == [0]
    assert window.for_you.empty.isVisible() and "Open a few products" in window.for_you.empty.text()
    for product_id in ("rug-1", "rug-3", "hp-1"):
        open_product(qtbot, window, product_id)
    with qtbot.waitSignal(window.for_you.picks_shown, timeout=WAIT_MS) as shown:
        window.show_page("for_you")
    assert shown.args[0] > 0 and not window.for_you.empty.isVisible()
    reasons = [card.findChild(type(window.for_you.heading), "reason")
               for card in window.for_you.cards]
    assert all(r is not None and r.text() for r in reasons)
    assert any(r.text().startswith("Because you viewed") for r in reasons)


def test_product_page_shows_because_you_viewed(qtbot, window):
    open_product(qtbot, window, "rug-1")
    open_product(qtbot, window, "pan-1")
    assert window.product.because_label.text() == "Because you viewed Wool shag rug, 5x7 ft, cream"
    assert window.product.because.count() > 0
    assert window.product.similar.count() > 0
    assert window.product.similar.item(0).toolTip()  # every pick says why it is there


def test_personal_order_can_be_switched_off(qtbot, window):
    show_privacy(qtbot, window)
    assert window.privacy.personalize_switch.isChecked()
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS):
        window.privacy.personalize_switch.click()
    assert window.ctx.settings.personalize_results is False
    assert window.search.reasons == {}
