"""The saved list and the cart as pages: quantities, totals per currency, products an update
removed, moving an item to the cart, and export as CSV or JSON."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import list_bridge
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.live_page import LivePage
from desktop_app.product_card import format_amount
from desktop_app.workers import run_op
from engine.records import ListItem, ShoppingList

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_QUANTITY = 99


class ListPanel(Retranslatable, QWidget):
    """One list: a row per product, its total(s), and the export buttons."""

    shown = Signal(object)  # the ShoppingList on screen
    exported = Signal(str)  # the file written

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.name = ctx, name
        self.shopping_list: ShoppingList | None = None
        self.table = QTableWidget(0, 5, objectName=f"{name}Table")
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open)
        self.empty = QLabel(objectName=f"{name}Empty", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.totals = QLabel(objectName=f"{name}Totals")
        self.totals.setStyleSheet("font-weight: 600;")
        self.missing = QLabel(objectName=f"{name}Missing", wordWrap=True)
        self.drops = QLabel(objectName=f"{name}Drops", wordWrap=True)
        self.drops.setStyleSheet("color: palette(link); font-weight: 600;")
        self.export_csv = QPushButton(objectName=f"{name}ExportCsv",
                                      clicked=lambda: self._pick_export("csv"))
        self.export_json = QPushButton(objectName=f"{name}ExportJson",
                                       clicked=lambda: self._pick_export("json"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals, 1)
        bottom.addWidget(self.export_csv)
        bottom.addWidget(self.export_json)
        column = QVBoxLayout(self)
        column.addWidget(self.drops)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        column.addWidget(self.missing)
        column.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Product"), self.tr("Price"),
            self.tr("Quantity") if self.name == "cart" else "", self.tr("Subtotal"), ""])
        self.empty.setText(self.tr("Nothing saved yet: press ♡ Save on a product page.")
                           if self.name == "saved" else
                           self.tr("Your cart is empty: press Add to cart on a product page."))
        self.export_csv.setText(self.tr("Export as CSV…"))
        self.export_json.setText(self.tr("Export as JSON…"))
        if self.shopping_list is not None:
            self.show_list(self.shopping_list)

    def show_list(self, shopping_list: ShoppingList) -> None:
        self.shopping_list = shopping_list
        items = shopping_list.items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            self._fill_row(row, item)
        self.table.setColumnHidden(2, self.name != "cart")
        self.table.setColumnHidden(3, self.name != "cart")  # one of each on the saved list
        self.empty.setVisible(not items)
        self.table.setVisible(bool(items))
        totals = " + ".join(format_amount(total, currency)
                            for currency, total in shopping_list.totals)
        self.totals.setText(self.tr("Total: %1").replace("%1", totals) if totals else "")
        self.missing.setText(self.tr(
            "%1 of these products are no longer in the catalog (shown as they were when added)."
        ).replace("%1", str(shopping_list.missing)))
        self.missing.setVisible(bool(shopping_list.missing))
        self.drops.setText(self.tr("Price drops since the last catalog update: %1").replace(
            "%1", "; ".join(f"{d.title} {format_amount(d.before, d.currency)} → "
                            f"{format_amount(d.now, d.currency)}"
                            for d in shopping_list.drops)))
        self.drops.setVisible(bool(shopping_list.drops))
        self.export_csv.setEnabled(bool(items))
        self.export_json.setEnabled(bool(items))
        self.shown.emit(shopping_list)

    def _fill_row(self, row: int, item: ListItem) -> None:
        title = item.title if item.product is not None else self.tr("%1 (no longer in the "
                                                                    "catalog)").replace(
            "%1", item.title)
        price = format_amount(item.price, item.currency)
        drop = next((d for d in self.shopping_list.drops if d.product_id == item.product_id),
                    None) if self.shopping_list else None
        if drop is not None:
            price = self.tr("%1 (was %2)").replace("%1", price).replace(
                "%2", format_amount(drop.before, drop.currency))
        cells = [title, price, "", format_amount(item.subtotal, item.currency)]
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setData(ID_ROLE, item.product_id)
            self.table.setItem(row, column, cell)
        if self.name == "cart":
            spin = QSpinBox(objectName="quantity", minimum=1, maximum=MAX_QUANTITY,
                            value=item.quantity)
            spin.setAccessibleName(self.tr("Quantity"))
            spin.setKeyboardTracking(False)  # a typed "12" is one change, not "1" then "12"
            spin.valueChanged.connect(
                lambda value, pid=item.product_id: self.set_quantity(pid, value))
            self.table.setCellWidget(row, 2, spin)
        self.table.setCellWidget(row, 4, self._row_buttons(item))

    def _row_buttons(self, item: ListItem) -> QWidget:
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(2, 0, 2, 0)
        if self.name == "saved" and item.product is not None:
            to_cart = QPushButton(self.tr("Add to cart"), objectName="moveToCart")
            to_cart.clicked.connect(lambda _=False, pid=item.product_id: self.add_to_cart(pid))
            row.addWidget(to_cart)
        if item.product is not None:
            compared = item.product_id in self.ctx.compare_ids
            compare = QPushButton(self.tr("Uncompare") if compared else self.tr("Compare"),
                                  objectName="compareItem")
            compare.clicked.connect(
                lambda _=False, pid=item.product_id: self.ctx.toggle_compare(pid))
            row.addWidget(compare)
        remove = QPushButton(self.tr("Remove"), objectName="removeItem")
        remove.clicked.connect(lambda _=False, pid=item.product_id: self.remove(pid))
        row.addWidget(remove)
        return buttons

    def set_quantity(self, product_id: str, quantity: int) -> None:
        aisle = self.ctx.aisle
        list_bridge.change(self, self.ctx, product_id,
                           lambda: aisle.lists.set_quantity(self.name, product_id, quantity))

    def add_to_cart(self, product_id: str) -> None:
        aisle = self.ctx.aisle
        list_bridge.change(self, self.ctx, product_id,
                           lambda: aisle.lists.add_to_cart(product_id, context="saved"))

    def remove(self, product_id: str) -> None:
        aisle = self.ctx.aisle
        list_bridge.change(self, self.ctx, product_id, lambda: aisle.lists.remove_from_list(
            self.name, product_id, context=self.name))

    def _open(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None and self.shopping_list is not None:
            if self.shopping_list.items[row].product is not None:
                self.ctx.product_requested.emit(item.data(ID_ROLE), self.name)

    def _pick_export(self, kind: str) -> None:
        name = self.tr("CSV (*.csv)") if kind == "csv" else self.tr("JSON (*.json)")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the list"), str(Path.home() / f"aisle-{self.name}.{kind}"), name)
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        aisle = self.ctx.aisle
        run_op(self, lambda: aisle.lists.export_list(self.name, path, format=kind),
               lambda _count: self.exported.emit(str(path)), lambda err: show_error(self, err))


class ListsView(LivePage, Retranslatable, QWidget):
    """The "Saved & cart" page: one tab per list."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved = ListPanel(ctx, "saved")
        self.cart = ListPanel(ctx, "cart")
        self.tabs = QTabWidget(objectName="listTabs")
        self.tabs.addTab(self.saved, "")
        self.tabs.addTab(self.cart, "")
        QVBoxLayout(self).addWidget(self.tabs)
        self.retranslate()
        self.follow(ctx, history=False)  # a list change also records history: refresh once
        ctx.lists_changed.connect(self._refresh_if_visible)
        ctx.compare_changed.connect(self._refresh_if_visible)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Saved"))
        self.tabs.setTabText(1, self.tr("Cart"))

    def refresh(self) -> None:
        lists = self.ctx.aisle.lists
        run_op(self, lambda: (lists.shopping_list("saved"), lists.shopping_list("cart")),
               self._show, lambda err: show_error(self, err))

    def _show(self, lists: tuple[ShoppingList, ShoppingList]) -> None:
        saved, cart = lists
        self.saved.show_list(saved)
        self.cart.show_list(cart)
        self.retranslate()
        count = sum(i.quantity for i in cart.items)
        if count:
            self.tabs.setTabText(1, self.tr("Cart (%1)").replace("%1", str(count)))
