"""Personal picks with the reason under each, or an empty state that explains how it fills."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.live_page import LivePage
from desktop_app.product_card import ProductCard
from desktop_app.workers import run_op
from engine.records import Pick

PICKS_SHOWN = 12


class ForYouView(LivePage, Retranslatable, QWidget):
    picks_shown = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards: list[ProductCard] = []
        self.heading = QLabel(objectName="forYouHeading", wordWrap=True)
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.empty = QLabel(objectName="forYouEmpty", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.subheading = QLabel(objectName="forYouSubheading", wordWrap=True)
        self.subheading.hide()
        self.refresh_button = QPushButton(objectName="refreshPicks", clicked=self.refresh)
        self.list_widget = QWidget()
        self.list_column = QVBoxLayout(self.list_widget)
        self.list_column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.list_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.retranslate()
        self.follow(ctx)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Picked for you"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.empty.setText(self.tr(
            "Nothing here yet. As you search, open and save products, Aisle learns what you "
            "like — on this computer only — and your picks appear here with the reason for "
            "each. Open a few products to get started."))
        self.subheading.setText(self.tr(
            "Chosen from what you viewed and saved on this computer. Products you bought or "
            "marked “not interested” are left out."))

    def refresh(self) -> None:
        aisle = self.ctx.aisle
        def work() -> tuple[list[Pick], dict[str, bytes]]:
            picks = aisle.history.recommend(limit=PICKS_SHOWN)
            return picks, aisle.catalog.thumbnails([p.product.id for p in picks])

        run_op(self, work, lambda found: self._show(*found), lambda err: show_error(self, err))

    def _show(self, picks: list[Pick], thumbnails: dict[str, bytes]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        for pick in picks:
            card = ProductCard(pick.product, self.ctx, pick.reason,
                               thumbnails.get(pick.product.id))
            card.activated.connect(lambda pid: self.ctx.product_requested.emit(pid, "for_you"))
            self.list_column.insertWidget(self.list_column.count() - 1, card)
            self.cards.append(card)
        self.empty.setVisible(not picks)
        self.subheading.setVisible(bool(picks))
        self.retranslate()
        self.picks_shown.emit(len(picks))
