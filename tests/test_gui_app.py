"""The desktop app driven as a shopper would: real window, real engine, real catalog.

Offscreen Qt.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from catalog_fixtures import product_rows, write_jsonl  # noqa: E402
from driving import StallProbe  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLabel, QProgressDialog  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window: fixture)
    WAIT_MS,
    dialogs,
    window,
)

from engine.app import Aisle  # noqa: E402


def search_and_wait(qtbot, window, text=None):
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS) as blocker:
        if text is None:
            window.search.refresh()
        else:
            window.focus_search()
            qtbot.keyClicks(window.search.query_edit, text)
    return blocker.args[0]


def test_status_bar_shows_catalog_and_snapshot_date(window):
    text = window.catalog_label.text()
    assert "Test shop" in text and "prices as of 2026-11-01" in text


def test_search_with_brand_and_category_facets(qtbot, window):
    result = search_and_wait(qtbot, window, "rug")
    assert result.total >= 4
    assert window.search.count_label.text().startswith(f"{result.total:,} results")
    brands = window.search.brand_list
    item = next(brands.item(i) for i in range(brands.count())
                if brands.item(i).text().startswith("Hearthloom"))
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS) as blocker:
        brands.itemClicked.emit(item)
    narrowed = blocker.args[0]
    assert narrowed.hits and {h.product.brand for h in narrowed.hits} == {"Hearthloom"}
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS):
        window.search.clear_filters()
    tree = window.search.category_tree
    garden = tree.findItems("Garden", Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)[0]
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS) as blocker:
        tree.itemClicked.emit(garden, 0)
    assert [h.product.id for h in blocker.args[0].hits] == ["rug-4"]


def test_price_filter_and_keyboard_navigation_open_a_product(qtbot, window):
    search_and_wait(qtbot, window, "headphones")
    with qtbot.waitSignal(window.search.results_shown, timeout=WAIT_MS) as blocker:
        window.search.max_price.setValue(150)
    assert all(h.product.price <= 150 for h in blocker.args[0].hits)
    window.focus_search()
    qtbot.keyClick(window.search.query_edit, Qt.Key.Key_Down)
    assert window.search.results.hasFocus()
    first = window.search.results.currentItem().data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(window.product.product_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(window.search.results, Qt.Key.Key_Return)
    assert shown.args == [first]
    assert window.current_page() == "product"
    assert window.product.title_label.text() == window.ctx.aisle.catalog.product(first).title


def test_product_page_lists_similar_items(qtbot, window):
    with qtbot.waitSignal(window.product.product_shown, timeout=WAIT_MS):
        window.ctx.product_requested.emit("rug-1", "test")
    assert window.product.similar.count() > 0
    assert window.product.attributes.rowCount() >= 3


def test_switching_language_retranslates_every_page(qtbot, window):
    window.settings.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "搜索", timeout=5000)
    assert window.search.query_edit.placeholderText().startswith("搜索")
    assert "价格截至 2026-11-01" in window.catalog_label.text()
    assert Aisle(window.ctx.aisle.data_dir).settings.language == "zh_CN"
    window.settings.set_language("en")
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Search", timeout=5000)


def test_the_engines_reasons_follow_the_ui_language(qtbot, window):
    """Reasons are written by the engine: switching language shows them again, in Chinese,
    on the product page and under "For you", with the page's own labels."""
    from test_gui_support import open_product

    open_product(qtbot, window, "rug-2")
    open_product(qtbot, window, "rug-1")
    views = len(window.ctx.aisle.history.events())
    assert window.product.similar.item(0).toolTip().startswith("Similar to ")
    window.settings.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.product.similar.item(0).toolTip().startswith("与 "),
                    timeout=WAIT_MS)
    assert window.product.attributes.item(0, 0).text() == "价格"
    assert len(window.ctx.aisle.history.events()) == views  # shown again, not viewed again
    with qtbot.waitSignal(window.for_you.picks_shown, timeout=WAIT_MS):
        window.show_page("for_you")
    assert "您" in window.for_you.cards[0].findChild(QLabel, "reason").text()
    window.settings.set_language("en")


def test_the_model_can_wait_for_the_first_question(qtbot, window):
    """With "Load the chat model when Aisle starts" off (the ``window`` fixture's setting) the
    window is ready without starting a model; the checkbox is saved at once, for the next start."""
    from engine.settings import load_settings

    assert window.ctx.model_state == ("none", "") and window.model_label.text() == ""
    window.show_page("settings")
    box = window.settings.load_at_start
    assert box.isVisible() and not box.isChecked()
    assert "first question" in window.settings.load_at_start_note.text()
    box.click()
    assert load_settings(window.ctx.aisle.data_dir)[0].load_model_at_start is True
    assert window.ctx.aisle.settings.load_model_at_start is True
    assert window.ctx.model_state[0] == "none"  # the choice is for the next start
    box.click()
    assert load_settings(window.ctx.aisle.data_dir)[0].load_model_at_start is False
    window.settings.set_language("zh_CN")
    qtbot.waitUntil(lambda: box.text() == "启动 Aisle 时加载聊天模型", timeout=5000)
    window.settings.set_language("en")


def test_import_feed_shows_progress_then_report(qtbot, window, tmp_path):
    rows = product_rows()[:5]
    feed = write_jsonl(tmp_path / "small-shop.jsonl", rows)
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=WAIT_MS):
        dialog = window.settings.import_file(feed)
        assert isinstance(dialog, QProgressDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: bool(dialogs(name="importReport")), timeout=5000)
    report = dialogs(name="importReport")[0]
    assert "removed 11" in report.text()
    # The label follows the catalog's info, read off the GUI thread: wait for the new name too.
    qtbot.waitUntil(lambda: "5 products" in window.catalog_label.text()
                    and "small-shop" in window.catalog_label.text(), timeout=5000)
    report.close()


def test_bad_feed_shows_a_readable_error(qtbot, window, tmp_path):
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a product feed at all \x00\x01")
    window.settings.import_file(bad)
    qtbot.waitUntil(lambda: bool(dialogs(name="errorDialog")), timeout=WAIT_MS)
    text = dialogs(name="errorDialog")[0].text()
    assert "photo.jpg" in text and "Traceback" not in text
    assert not dialogs(QProgressDialog)
    assert window.ctx.aisle.catalog.info().product_count == len(product_rows())


def test_gui_stays_responsive_during_import(qtbot, window, tmp_path, record_property):
    rows = [dict(r, id=f"{r['id']}-{n}", title=f"{r['title']} model {n}")
            for n in range(40) for r in product_rows()]
    feed = write_jsonl(tmp_path / "big.jsonl", rows)
    gaps = StallProbe()
    with qtbot.waitSignal(window.ctx.catalog_changed, timeout=120_000):
        gaps.start()
        window.settings.import_file(feed)
    gaps.stop()
    record_property("import_max_gap_ms", gaps.longest_ms)
    print(f"longest event-loop gap during import of {len(rows)} products: {gaps.longest_ms:.0f} ms")
    assert gaps.longest_ms < 250


def test_an_engine_error_says_what_went_wrong_in_the_ui_language(qtbot, window):
    """The dialog's first line is the kind of failure in the UI's language; the engine's own
    words (the file, the link, what to do) follow in the same language."""
    from desktop_app.errors import error_text
    from engine.errors import DownloadError

    err = DownloadError("Cannot read {url} ({reason}). Check your connection.",
                        url="https://example.org/x", reason="timed out")
    assert error_text(err) == ("The download did not work.\n\nCannot read https://example.org/x "
                               "(timed out). Check your connection.")
    window.settings.set_language("zh_CN")
    assert error_text(err) == ("下载没有成功。\n\n无法读取 https://example.org/x（timed out）。"
                               "请检查网络连接。")
    window.settings.set_language("en")
    assert str(err).startswith("Cannot read https://example.org/x")  # the CLI's words


def test_a_bad_feed_is_explained_in_chinese_with_its_skipped_rows(qtbot, window, tmp_path):
    """In 简体中文 the engine's detail of a refused file, and the reasons rows were skipped in a
    feed that imported, are Chinese too (the file name stays as it is)."""
    window.settings.set_language("zh_CN")
    try:
        bad = tmp_path / "photo.jpg"
        bad.write_bytes(b"\xff\xd8\xff\xe0 not a product feed at all \x00\x01")
        window.settings.import_file(bad)
        qtbot.waitUntil(lambda: bool(dialogs(name="errorDialog")), timeout=WAIT_MS)
        error = dialogs(name="errorDialog")[0]
        assert error.text() == "无法导入这个文件。\n\nphoto.jpg 不是商品数据文件，而是 JPEG 图片。"
        error.close()
        rows = [*product_rows()[:3], dict(product_rows()[3], price="free")]
        feed = write_jsonl(tmp_path / "shop.jsonl", rows)
        window.settings.import_file(feed)
        qtbot.waitUntil(lambda: bool(dialogs(name="importReport")), timeout=WAIT_MS)
        report = dialogs(name="importReport")[0]
        assert "价格无效: 1" in report.text(), report.text()
        report.close()
    finally:
        window.settings.set_language("en")
