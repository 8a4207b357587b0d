"""Products side by side: the attribute table the engine builds as data, and the chat model's
short verdict under it. Products are chosen from cards, product pages and the saved list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.workers import run_op
from engine.progress import CancelToken
from engine.records import Comparison


def compare_menu(parent: QWidget, ctx: AppContext, product_id: str) -> QMenu:
    """A product's right-click menu (cards, search results): into the comparison, or out."""
    menu = QMenu(parent)
    if product_id in ctx.compare_ids:
        text = QCoreApplication.translate("Compare", "Remove from the comparison")
    else:
        text = QCoreApplication.translate("Compare", "Compare")
    menu.addAction(text).triggered.connect(lambda: ctx.toggle_compare(product_id))
    return menu


class CompareView(Retranslatable, QWidget):
    shown = Signal(object)  # the Comparison on screen (None: fewer than two chosen)
    verdict_shown = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.comparison: Comparison | None = None
        self._seq = 0
        self._cancel = CancelToken()
        self.heading = QLabel(objectName="compareHeading", wordWrap=True)
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.empty = QLabel(objectName="compareEmpty", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.table = QTableWidget(objectName="compareTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().hide()  # titles wrap in the first row; headers cannot
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verdict = QLabel(objectName="compareVerdict", wordWrap=True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_button = QPushButton(objectName="clearCompare", clicked=self.clear)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        column.addWidget(self.verdict)
        column.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()
        ctx.compare_changed.connect(self.refresh)
        ctx.language_changed.connect(lambda _: self.refresh())
        ctx.catalog_changed.connect(self.refresh)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Compare"))
        self.empty.setText(self.tr(
            "Choose two to four products to see them side by side: “Compare” on a product "
            "page or in your saved list, or right-click a product card."))
        self.clear_button.setText(self.tr("Clear the comparison"))

    def refresh(self) -> None:
        """The table for the chosen products, then the verdict (the model may take seconds)."""
        self._seq += 1
        self._cancel.cancel()
        self._cancel = CancelToken()
        seq, ids, language = self._seq, list(self.ctx.compare_ids), self.ctx.engine_language
        if len(ids) < 2:
            self._show(seq, None)
            return
        run_op(self, lambda: self.ctx.aisle.catalog.compare(ids, language),
               lambda table: self._show(seq, table), lambda err: show_error(self, err))
        cancel = self._cancel
        self.verdict.setText(self.tr("Aisle is writing a short verdict…"))
        run_op(self, lambda: self.ctx.aisle.assistant.compare_verdict(ids, language, cancel=cancel),
               lambda verdict: self._show_verdict(seq, verdict), lambda err: show_error(self, err),
               serial=True)

    def _show(self, seq: int, comparison: Comparison | None) -> None:
        if seq != self._seq:
            return
        self.comparison = comparison
        self.empty.setVisible(comparison is None)
        self.table.setVisible(comparison is not None)
        self.verdict.setVisible(comparison is not None)
        self.clear_button.setVisible(bool(self.ctx.compare_ids))
        if comparison is None:
            self.table.clear()
            self.shown.emit(None)
            return
        header, *rows = comparison.rows
        self.table.setColumnCount(len(header.cells))
        self.table.setRowCount(len(rows) + 2)
        self.table.setVerticalHeaderLabels([header.label, *(row.label for row in rows), ""])
        for c, product in enumerate(comparison.products):
            title = QTableWidgetItem(product.title)
            title.setToolTip(product.id)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            self.table.setItem(0, c, title)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row.cells):
                self.table.setItem(r, c, QTableWidgetItem(value))
        for c, product in enumerate(comparison.products):  # the last row: take one out
            button = QPushButton(self.tr("Remove"), objectName="removeCompared")
            button.setToolTip(product.title)
            button.clicked.connect(lambda _=False, pid=product.id: self.ctx.toggle_compare(pid))
            self.table.setCellWidget(len(rows) + 1, c, button)
        self.shown.emit(comparison)

    def _show_verdict(self, seq: int, verdict: tuple[str, str]) -> None:
        if seq != self._seq:
            return
        text, source = verdict
        label = (self.tr("Aisle's verdict (chat model):") if source == "model"
                 else self.tr("From the catalog data:"))
        self.verdict.setText(f"{label} {text}")
        self.verdict_shown.emit(source)

    def clear(self) -> None:
        self.ctx.compare_ids.clear()
        self.ctx.compare_changed.emit()
