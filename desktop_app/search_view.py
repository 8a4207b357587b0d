"""Browse and search the catalog: debounced instant results, facets, sort and paging."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import history_bridge
from desktop_app.compare_view import compare_menu
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.product_card import summary_line, thumbnail_pixmap
from desktop_app.workers import run_op
from engine.errors import Cancelled
from engine.progress import NEVER_CANCELLED, CancelToken
from engine.records import SORTS, FacetValue, SearchFilters, SearchPage, SearchResult

PAGE_SIZE = 20
DEBOUNCE_MS = 200
ROW_IMAGE = 48  # px, a result row's thumbnail
ID_ROLE = Qt.ItemDataRole.UserRole
RATINGS = (None, 4.5, 4.0, 3.0)
# Refined results (the chat model's translation) that come later than this are not shown: the
# shopper is reading the first ones by then (the model was busy answering a chat, say). The
# translation is remembered, so the query's next page or sort has it. The 1.5B model's p95 is
# 1.1 s on 2 cores (EVALUATION.md, Chinese queries over an English catalog).
REFINE_WINDOW_S = 3.0


class _QueryEdit(QLineEdit):
    """The search field; Down moves into the results so the keyboard alone is enough."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchView(Retranslatable, QWidget):
    results_shown = Signal(object)  # SearchResult, after the list is filled

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.category: str | None = None
        self.brand: str | None = None
        self.offset = 0
        self.last_result: SearchResult | None = None
        self.reasons: dict[str, str] = {}
        self._search_ref: tuple[SearchResult, int] | None = None
        self._seq = 0
        self._refining = CancelToken()  # the chat model's translation of the current query
        self._refined = ""  # the last query the chat model translated (remembered there)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self._build()
        self.retranslate()
        ctx.catalog_changed.connect(self.refresh)
        ctx.personalization_changed.connect(self.refresh)

    # ----- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.query_edit = _QueryEdit(objectName="searchField", clearButtonEnabled=True)
        self.query_edit.textChanged.connect(self._restart)
        self.query_edit.down_pressed.connect(self._focus_results)
        self.sort_combo = QComboBox(objectName="sortCombo")
        self.sort_combo.currentIndexChanged.connect(self._restart_now)
        top = QHBoxLayout()
        top.addWidget(self.query_edit, 1)
        self.sort_label = QLabel()
        top.addWidget(self.sort_label)
        top.addWidget(self.sort_combo)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_facets())
        splitter.addWidget(self._build_results())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _build_facets(self) -> QWidget:
        self.category_tree = QTreeWidget(objectName="categoryTree", headerHidden=True)
        self.category_tree.itemClicked.connect(self._category_chosen)
        self.category_tree.itemActivated.connect(self._category_chosen)
        self.brand_list = QListWidget(objectName="brandList")
        self.brand_list.itemClicked.connect(self._brand_chosen)
        self.brand_list.itemActivated.connect(self._brand_chosen)
        self.min_price = QDoubleSpinBox(objectName="minPrice", maximum=1e7, decimals=0)
        self.max_price = QDoubleSpinBox(objectName="maxPrice", maximum=1e7, decimals=0)
        for spin in (self.min_price, self.max_price):
            spin.setSingleStep(10)
            spin.valueChanged.connect(self._restart)
        self.rating_combo = QComboBox(objectName="ratingCombo")
        self.rating_combo.currentIndexChanged.connect(self._restart_now)
        self.clear_button = QPushButton(objectName="clearFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.category_label, self.brand_label = QLabel(), QLabel()
        self.min_label, self.max_label, self.rating_label = QLabel(), QLabel(), QLabel()
        self.price_form = QFormLayout()
        self.price_form.addRow(self.min_label, self.min_price)
        self.price_form.addRow(self.max_label, self.max_price)
        self.price_form.addRow(self.rating_label, self.rating_combo)
        panel = QWidget()
        column = QVBoxLayout(panel)
        for widget in (self.category_label, self.category_tree, self.brand_label, self.brand_list):
            column.addWidget(widget)
        column.addLayout(self.price_form)
        column.addWidget(self.clear_button)
        scroll = QScrollArea(widgetResizable=True, minimumWidth=200)
        scroll.setWidget(panel)
        return scroll

    def _build_results(self) -> QWidget:
        self.count_label = QLabel(objectName="resultCount")
        self.results = QListWidget(objectName="results", wordWrap=True, alternatingRowColors=True)
        self.results.setIconSize(QSize(ROW_IMAGE, ROW_IMAGE))
        self.results.itemActivated.connect(self._open_item)
        self.results.itemClicked.connect(self._open_item)
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.results.customContextMenuRequested.connect(
            lambda pos: self._result_menu(pos).exec(self.results.mapToGlobal(pos)))
        self.prev_button = QPushButton(objectName="prevPage")
        self.next_button = QPushButton(objectName="nextPage")
        self.page_label = QLabel(objectName="pageLabel")
        self.prev_button.clicked.connect(lambda: self._turn_page(-1))
        self.next_button.clicked.connect(lambda: self._turn_page(1))
        paging = QHBoxLayout()
        paging.addWidget(self.prev_button)
        paging.addStretch(1)
        paging.addWidget(self.page_label)
        paging.addStretch(1)
        paging.addWidget(self.next_button)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.count_label)
        column.addWidget(self.results, 1)
        column.addLayout(paging)
        return box

    def retranslate(self) -> None:
        self.query_edit.setPlaceholderText(self.tr("Search products (Ctrl+K)…"))
        self.sort_label.setText(self.tr("Sort:"))
        sort_names = {"relevance": self.tr("Best match"), "price": self.tr("Price: low to high"),
                      "price_desc": self.tr("Price: high to low"), "rating": self.tr("Top rated")}
        sorts = [sort_names[s] for s in SORTS]
        ratings = [self.tr("Any rating"), self.tr("4.5 stars & up"), self.tr("4 stars & up"),
                   self.tr("3 stars & up")]
        for combo, labels in ((self.sort_combo, sorts), (self.rating_combo, ratings)):
            keep = max(combo.currentIndex(), 0)
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(labels)
            combo.setCurrentIndex(keep)
            combo.blockSignals(False)
        self.category_label.setText(self.tr("Category"))
        self.brand_label.setText(self.tr("Brand"))
        for spin in (self.min_price, self.max_price):
            spin.setSpecialValueText(self.tr("Any"))
        self.min_label.setText(self.tr("Min price"))
        self.max_label.setText(self.tr("Max price"))
        self.rating_label.setText(self.tr("Rating"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.prev_button.setText(self.tr("‹ Previous"))
        self.next_button.setText(self.tr("Next ›"))
        if self.last_result is not None:
            self._show_counts(self.last_result)
            self._show_facets(self.last_result)

    # ----- running a search -----------------------------------------------------------------

    def filters(self) -> SearchFilters:
        low, high = self.min_price.value(), self.max_price.value()
        return SearchFilters(
            category=self.category,
            brand=self.brand,
            min_price=low or None,
            max_price=high or None,
            min_rating=RATINGS[max(self.rating_combo.currentIndex(), 0)],
        )

    def sort(self) -> str:
        return SORTS[max(self.sort_combo.currentIndex(), 0)]

    def focus_search(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def refresh(self) -> None:
        self._restart_now()

    def _restart(self) -> None:
        self.offset = 0
        self._debounce.start()

    def _restart_now(self) -> None:
        self.offset = 0
        self._debounce.stop()
        self.run_search()

    def run_search(self) -> None:
        """Search in a worker; a newer search makes older results be ignored when they land."""
        self._seq += 1
        self._refining.cancel()
        if self.query_edit.text().strip() == self._refined and self._model_ready():
            self._refining = CancelToken()  # another page or filter: the translation is known
            self._search(self._seq, self._refining)
        else:
            self._search(self._seq)

    def _search(self, seq: int, refine: CancelToken | None = None,
                deadline: float = math.inf) -> None:
        """One search of the current query; with a ``refine`` token the chat model also
        translates it, to refine results the glossary's translation found (EVALUATION.md, Chinese
        queries over an English catalog). Results landing after ``deadline`` (monotonic
        seconds) are dropped."""
        query, filters, sort, offset = (
            self.query_edit.text(), self.filters(), self.sort(), self.offset)
        aisle = self.ctx.aisle

        def work() -> tuple[SearchPage, dict[str, bytes]]:
            page = aisle.catalog.search(query, filters=filters, sort=sort, limit=PAGE_SIZE,
                                        offset=offset, model_translation=refine is not None,
                                        cancel=refine or NEVER_CANCELLED)
            return page, aisle.catalog.thumbnails([h.product.id for h in page.result.hits])

        def show(found: tuple[SearchPage, dict[str, bytes]]) -> None:
            if time.monotonic() <= deadline:
                self._show(seq, *found)

        run_op(self, work, show, lambda err: self._failed(seq, err))

    def _failed(self, seq: int, err: BaseException) -> None:
        if seq == self._seq and not isinstance(err, Cancelled):
            show_error(self, err)

    def _refine(self, seq: int, result: SearchResult) -> None:
        """Glossary results are on screen: search again with the chat model's translation too,
        when the model is ready (it is not started for this)."""
        if result.translated_by == "model":
            self._refined = result.query
        elif result.translated_by == "glossary" and self._model_ready():
            self._refining = CancelToken()
            self._search(seq, self._refining, time.monotonic() + REFINE_WINDOW_S)

    def _model_ready(self) -> bool:
        return self.ctx.model_state[0] == "ready"

    def _show(self, seq: int, page: SearchPage, thumbnails: dict[str, bytes]) -> None:
        if seq != self._seq:
            return
        result, reasons = page.result, dict(page.reasons)
        self.last_result = result
        self.reasons = reasons
        self.results.clear()
        for hit in result.hits:
            text = f"{hit.product.title}\n{summary_line(hit.product)}"
            reason = reasons.get(hit.product.id, "")
            if reason:
                text += "\n↑ " + reason
            item = QListWidgetItem(text)
            pixmap = thumbnail_pixmap(thumbnails.get(hit.product.id), ROW_IMAGE)
            if pixmap is not None:
                item.setIcon(QIcon(pixmap))
            item.setData(ID_ROLE, hit.product.id)
            item.setToolTip(f"{hit.product.category}\n{reason}".strip())
            self.results.addItem(item)
        self._show_counts(result)
        self._show_facets(result)
        self.results_shown.emit(result)
        self._refine(seq, result)

    def _show_counts(self, result: SearchResult) -> None:
        total = result.total
        text = self.tr("1 result") if total == 1 else self.tr("%1 results").replace(
            "%1", f"{total:,}")
        if result.translated_by == "model":
            text += "  ·  " + self.tr("showing results for “%1”, translated with the chat model"
                                      ).replace("%1", result.corrected_query or "")
        elif result.corrected_query:
            text += "  ·  " + self.tr("showing results for “%1”").replace(
                "%1", result.corrected_query)
        self.count_label.setText(text)
        pages = max(1, -(-result.total // PAGE_SIZE))
        page = self.offset // PAGE_SIZE + 1
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(page)).replace("%2", str(pages)))
        self.prev_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + PAGE_SIZE < result.total)

    # ----- facets ---------------------------------------------------------------------------

    def _show_facets(self, result: SearchResult) -> None:
        self._fill_categories(result.facets.get("subcategory", []))
        self.brand_list.blockSignals(True)
        self.brand_list.clear()
        self.brand_list.addItem(QListWidgetItem(self.tr("All brands")))
        for facet in result.facets.get("brand", []):
            item = QListWidgetItem(f"{facet.value} ({facet.count})")
            item.setData(ID_ROLE, facet.value)
            self.brand_list.addItem(item)
            if facet.value == self.brand:
                self.brand_list.setCurrentItem(item)
        self.brand_list.blockSignals(False)

    def _fill_categories(self, paths: list[FacetValue]) -> None:
        tree = self.category_tree
        tree.blockSignals(True)
        tree.clear()
        root = QTreeWidgetItem([self.tr("All categories")])
        tree.addTopLevelItem(root)
        nodes: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, int] = {}
        for facet in paths:
            levels = [p.strip() for p in facet.value.split(">") if p.strip()]
            for depth in range(1, len(levels) + 1):
                key = " > ".join(levels[:depth])
                counts[key] = counts.get(key, 0) + facet.count
                if key not in nodes:
                    parent = nodes.get(" > ".join(levels[: depth - 1]), root)
                    nodes[key] = QTreeWidgetItem(parent, [levels[depth - 1]])
                    nodes[key].setData(0, ID_ROLE, key)
        for key, node in nodes.items():
            node.setText(0, f"{node.text(0)} ({counts[key]})")
        tree.expandItem(root)
        chosen = nodes.get(self.category or "", root)
        tree.setCurrentItem(chosen)
        while chosen is not None:
            tree.expandItem(chosen)
            chosen = chosen.parent()
        tree.blockSignals(False)

    def _category_chosen(self, item: QTreeWidgetItem) -> None:
        self.category = item.data(0, ID_ROLE)
        self._restart_now()

    def _brand_chosen(self, item: QListWidgetItem) -> None:
        self.brand = item.data(ID_ROLE)
        self._restart_now()

    def clear_filters(self) -> None:
        self.category = self.brand = None
        for widget in (self.min_price, self.max_price, self.rating_combo):
            widget.blockSignals(True)
        self.min_price.setValue(0)
        self.max_price.setValue(0)
        self.rating_combo.setCurrentIndex(0)
        for widget in (self.min_price, self.max_price, self.rating_combo):
            widget.blockSignals(False)
        self._restart_now()

    # ----- results --------------------------------------------------------------------------

    def _turn_page(self, step: int) -> None:
        self.offset = max(0, self.offset + step * PAGE_SIZE)
        self._debounce.stop()
        self.run_search()

    def _remember_ref(self, result: SearchResult, ref: int | None) -> None:
        """Further clicks on the same list refer to the one recorded search."""
        self._search_ref = (result, ref) if ref is not None else None

    def _focus_results(self) -> None:
        if self.results.count():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            self.results.setCurrentRow(max(self.results.currentRow(), 0))

    def _result_menu(self, pos: QPoint) -> QMenu:
        item = self.results.itemAt(pos)
        return compare_menu(self, self.ctx, item.data(ID_ROLE)) if item else QMenu(self)

    def result_menu(self, row: int) -> QMenu:
        """The right-click menu of a result row (what the shopper gets by right-clicking it)."""
        return self._result_menu(self.results.visualItemRect(self.results.item(row)).center())

    def _open_item(self, item: QListWidgetItem) -> None:
        product_id = item.data(ID_ROLE)
        if product_id:
            result = self.last_result
            if result is not None:
                known = (self._search_ref[1]
                         if self._search_ref and self._search_ref[0] is result else None)
                history_bridge.record_click(self, self.ctx, result, product_id, known,
                                            lambda ref: self._remember_ref(result, ref))
            self.ctx.product_requested.emit(product_id, "search")
