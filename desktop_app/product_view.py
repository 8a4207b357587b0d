"""One product: details, attributes, similar items, the shopper's actions on it, and
questions about it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import history_bridge, list_bridge
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.price_chart import PriceChart
from desktop_app.product_card import ProductImage, format_price, format_rating, summary_line
from desktop_app.product_question import ProductQuestion
from desktop_app.workers import run_op
from engine.records import ItemState, Pick, Product, ProductPage

ID_ROLE = Qt.ItemDataRole.UserRole


class ProductView(Retranslatable, QWidget):
    product_shown = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.product: Product | None = None
        self._seq = 0
        self._build()
        self.retranslate()
        ctx.product_requested.connect(self.show_product)
        ctx.item_states_changed.connect(self._show_state)
        ctx.language_changed.connect(self._reload)
        ctx.compare_changed.connect(self.retranslate)

    def _build(self) -> None:
        self.empty_label = QLabel(objectName="productEmpty", wordWrap=True,
                                  alignment=Qt.AlignmentFlag.AlignCenter)
        self.image_slot = QHBoxLayout()
        self.title_label = QLabel(objectName="productTitle", wordWrap=True)
        self.title_label.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel(objectName="productSummary", wordWrap=True)
        self.category_label = QLabel(objectName="productCategory", wordWrap=True)
        self.description_label = QLabel(objectName="productDescription", wordWrap=True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attributes = QTableWidget(0, 2, objectName="attributes")
        self.attributes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attributes.verticalHeader().hide()
        self.attributes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.similar = self._pick_list("similar")
        self.because = self._pick_list("becauseViewed")
        self.because_label = QLabel(objectName="becauseLabel", wordWrap=True)
        self._because_title = ""
        self.action_buttons = {kind: QPushButton(objectName=f"action_{kind}")
                               for kind in history_bridge.ACTIONS}
        for kind, button in self.action_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self._act(k))
        self.compare_button = QPushButton(objectName="compareToggle", clicked=self._compare)
        self.status_label = QLabel(objectName="actionStatus", wordWrap=True)
        self.similar_label, self.attributes_label = QLabel(), QLabel()
        self.price_label = QLabel(objectName="priceHistoryLabel")
        self.price_chart = PriceChart()
        self.question = ProductQuestion(self.ctx)
        self.details = self._details_widget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.details, 1)
        self.details.hide()

    def _pick_list(self, name: str) -> QListWidget:
        picks = QListWidget(objectName=name, wordWrap=True)
        picks.itemActivated.connect(lambda item: self._open_pick(item, name))
        picks.itemClicked.connect(lambda item: self._open_pick(item, name))
        return picks

    def _details_widget(self) -> QWidget:
        header = QHBoxLayout()
        header.addLayout(self.image_slot)
        titles = QVBoxLayout()
        for label in (self.title_label, self.summary_label, self.category_label):
            titles.addWidget(label)
        header.addLayout(titles, 1)
        actions = QGridLayout()
        for i, button in enumerate([*self.action_buttons.values(), self.compare_button]):
            actions.addWidget(button, i // 2, i % 2)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(header)
        column.addLayout(actions)
        column.addWidget(self.status_label)
        column.addWidget(self.description_label)
        column.addWidget(self.question)
        column.addWidget(self.attributes_label)
        column.addWidget(self.attributes)
        column.addWidget(self.price_label)
        column.addWidget(self.price_chart)
        column.addWidget(self.similar_label)
        column.addWidget(self.similar)
        column.addWidget(self.because_label)
        column.addWidget(self.because)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        return scroll

    def retranslate(self) -> None:
        self.empty_label.setText(self.tr(
            "Pick a product in Search, Chat or For you to see its details here."))
        state = self._state()
        labels = {
            "save": self.tr("♥ Saved (click to remove)") if state.saved else self.tr("♡ Save"),
            "cart": self.tr("In cart: %1 — add one more").replace("%1", str(state.in_cart))
            if state.in_cart else self.tr("Add to cart"),
            "bought": self.tr("Mark as bought"), "dismiss": self.tr("Not interested"),
        }
        for kind, button in self.action_buttons.items():
            button.setText(labels[kind])
        chosen = len(self.ctx.compare_ids)
        compared = self.product is not None and self.product.id in self.ctx.compare_ids
        self.compare_button.setText(
            self.tr("Remove from the comparison") if compared
            else self.tr("Compare (%1 chosen)").replace("%1", str(chosen)) if chosen
            else self.tr("Compare"))
        self.attributes_label.setText(self.tr("Details"))
        self.attributes.setHorizontalHeaderLabels([self.tr("Attribute"), self.tr("Value")])
        self.similar_label.setText(self.tr("Similar items"))
        self.price_label.setText(self.tr("Price in each catalog version installed here"))
        self._show_because_label()

    # ----- loading --------------------------------------------------------------------------

    def show_product(self, product_id: str, source: str = "") -> None:
        """Load a product and its related lists in a worker; record the view in history."""
        self._seq += 1
        seq, aisle = self._seq, self.ctx.aisle
        run_op(self, lambda: aisle.catalog.product_page(product_id),
               lambda page: self._show(seq, page, source), self._failed)

    def _reload(self) -> None:
        """The product on screen again, with the engine's words in the new language (not a new
        view in the history)."""
        if self.product is None:
            return
        self._seq += 1
        seq, aisle, product_id = self._seq, self.ctx.aisle, self.product.id
        run_op(self, lambda: aisle.catalog.product_page(product_id),
               lambda page: self._show(seq, page, None), self._failed)

    def _failed(self, err: BaseException) -> None:
        show_error(self, err)

    def _show(self, seq: int, page: ProductPage | None, source: str | None) -> None:
        """Fill the page; ``source`` says where it was opened from (None: shown again, which is
        not a view)."""
        if seq != self._seq:
            return
        if page is None:
            self.question.show_product(None)
            self.empty_label.setText(self.tr("This product is no longer in the catalog."))
            self.empty_label.show()
            self.details.hide()
            return
        product = page.product
        self.product = product
        self.question.show_product(product.id)
        self.empty_label.hide()
        self.details.show()
        self._fill(product, page.thumbnail)
        self.price_chart.set_points(page.prices)
        self.price_chart.setVisible(len(page.prices) >= 2)
        self.price_label.setVisible(len(page.prices) >= 2)
        self._fill_picks(self.similar, page.similar)
        self._fill_picks(self.because, page.because)
        self._because_title = page.because_title
        self.status_label.clear()
        self.retranslate()
        if source is not None:
            history_bridge.record_view(self, self.ctx, product.id, source)
        self.product_shown.emit(product.id)

    def _fill(self, product: Product, thumbnail: bytes | None) -> None:
        while self.image_slot.count():
            self.image_slot.takeAt(0).widget().deleteLater()
        self.image = ProductImage(product, thumbnail, 128)
        self.image_slot.addWidget(self.image)
        self.title_label.setText(product.title)
        self.summary_label.setText(summary_line(product))
        self.category_label.setText(product.category)
        self.description_label.setText(product.description)
        rows = [(self.tr("Price"), format_price(product)),
                (self.tr("Rating"), format_rating(product))]
        rows += [(self.tr("Brand"), product.brand), (self.tr("Availability"), product.availability)]
        rows += [(str(k), str(v)) for k, v in sorted(product.attributes.items())]
        rows = [(k, v) for k, v in rows if v]
        self.attributes.setRowCount(len(rows))
        for r, (key, value) in enumerate(rows):
            self.attributes.setItem(r, 0, QTableWidgetItem(key))
            self.attributes.setItem(r, 1, QTableWidgetItem(value))
        self.attributes.resizeRowsToContents()
        self.attributes.setFixedHeight(
            self.attributes.horizontalHeader().height() + 4
            + sum(self.attributes.rowHeight(r) for r in range(len(rows))))

    def _fill_picks(self, widget: QListWidget, picks: tuple[Pick, ...]) -> None:
        """Each pick on two lines (title; brand · price · rating), its reason as a tooltip."""
        widget.clear()
        for pick in picks:
            text = f"{pick.product.title}\n{summary_line(pick.product)}"
            if pick.reason:
                text += f"\n{pick.reason}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, pick.product.id)
            item.setToolTip(pick.reason)
            widget.addItem(item)
        widget.setVisible(bool(picks))

    def _show_because_label(self) -> None:
        title = self._because_title
        self.because_label.setText(self.tr("Because you viewed %1").replace("%1", title))
        self.because_label.setVisible(bool(title))

    def _open_pick(self, item: QListWidgetItem, source: str) -> None:
        self.ctx.product_requested.emit(item.data(ID_ROLE), source)

    def _compare(self) -> None:
        if self.product is None:
            return
        if not self.ctx.toggle_compare(self.product.id):
            self.status_label.setText(self.tr("Four products are being compared already: "
                                              "remove one on the Compare page first."))
        elif len(self.ctx.compare_ids) >= 2 and self.product.id in self.ctx.compare_ids:
            self.status_label.setText(self.tr("Added. Open Compare to see them side by side."))

    def _state(self) -> ItemState:
        return ItemState() if self.product is None else self.ctx.state_of(self.product.id)

    def _show_state(self) -> None:
        """The save and cart buttons follow the lists (changed here or on another page)."""
        self.retranslate()

    def _act(self, kind: str) -> None:
        if self.product is None:
            return
        product_id, aisle = self.product.id, self.ctx.aisle
        if kind in ("save", "cart"):
            saved = self._state().saved
            if kind == "cart":
                work, done = (lambda: aisle.lists.add_to_cart(product_id, context="product"),
                              self.tr("Added to your cart."))
            elif saved:
                work, done = (lambda: aisle.lists.remove_from_list("saved", product_id,
                                                                   context="product"),
                              self.tr("Removed from your saved list."))
            else:
                work, done = (lambda: aisle.lists.save_product(product_id, context="product"),
                              self.tr("Saved. Find it under Saved & cart."))
            list_bridge.change(self, self.ctx, product_id, work,
                               lambda _state: self.status_label.setText(done))
            return
        done = {
            "bought": self.tr("Marked as bought. It won't be suggested again."),
            "dismiss": self.tr("Got it — we won't suggest this again."),
        }[kind]
        paused = self.tr("Recording is paused, so this was not kept. Turn recording back on "
                         "in Privacy.")

        def finished(recorded: bool) -> None:
            self.status_label.setText(done if recorded else paused)

        history_bridge.record_action(self, self.ctx, kind, product_id, finished)
