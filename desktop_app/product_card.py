"""A compact, clickable product card (chat citations, "for you"), plus price/rating text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.compare_view import compare_menu
from engine.records import ItemState, Product

if TYPE_CHECKING:
    from desktop_app.context import AppContext

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}


def format_price(product: Product) -> str:
    return format_amount(product.price, product.currency)


def format_amount(amount: float | None, currency: str) -> str:
    """An amount in its currency ("$33.49", "12.00 CHF"); "price unknown" for None."""
    if amount is None:
        return QCoreApplication.translate("ProductCard", "price unknown")
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    if symbol:
        return f"{symbol}{amount:,.2f}"
    return f"{amount:,.2f} {currency}".strip()


def format_rating(product: Product) -> str:
    if product.rating is None:
        return QCoreApplication.translate("ProductCard", "no ratings yet")
    count = f" ({product.rating_count:,})" if product.rating_count else ""
    return f"★ {product.rating:.1f}{count}"


def state_text(state: ItemState) -> str:
    """"♥ Saved · In cart: 2", or "" for a product on neither list."""
    parts = []
    if state.saved:
        parts.append(QCoreApplication.translate("ProductCard", "♥ Saved"))
    if state.in_cart:
        parts.append(QCoreApplication.translate("ProductCard", "In cart: %1").replace(
            "%1", str(state.in_cart)))
    return " · ".join(parts)


def summary_line(product: Product) -> str:
    """One line under a title in lists: brand · price · rating."""
    parts = [product.brand, format_price(product), format_rating(product)]
    return " · ".join(p for p in parts if p)


def thumbnail_pixmap(jpeg: bytes | None, size: int) -> QPixmap | None:
    """The catalog bundle's thumbnail scaled to ``size`` (None without a usable one)."""
    pixmap = QPixmap()
    if not jpeg or not pixmap.loadFromData(jpeg, "JPG"):
        return None
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.SmoothTransformation)


class ProductImage(QLabel):
    """The product's thumbnail from its catalog bundle, or a placeholder for its category (the
    category's initial on a tinted square) when the bundle has none."""

    def __init__(self, product: Product, jpeg: bytes | None, size: int = 56,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(size, size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pixmap_shown = thumbnail_pixmap(jpeg, size)
        if self.pixmap_shown is not None:
            self.setPixmap(self.pixmap_shown)
            self.setAccessibleName(product.title)
            return
        category = product.category_levels[0] if product.category_levels else ""
        self.setText((category[:1] or "?").upper())
        self.setToolTip(category)
        self.setStyleSheet(
            f"background: palette(alternate-base); border: 1px solid palette(mid);"
            f"border-radius: 6px; font-size: {size // 2}px; color: palette(link);"
        )
        self.setAccessibleName(QCoreApplication.translate("ProductCard", "No image offline"))


class ProductCard(QFrame):
    """Title, price, rating and an image placeholder; click or Enter opens the product."""

    activated = Signal(str)

    def __init__(self, product: Product, ctx: AppContext, reason: str = "",
                 jpeg: bytes | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self._ctx = ctx
        self.setObjectName("productCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(product.title)
        row = QHBoxLayout(self)
        self.image = ProductImage(product, jpeg)
        row.addWidget(self.image)
        text = QVBoxLayout()
        title = QLabel(product.title)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: 600;")
        text.addWidget(title)
        text.addWidget(QLabel(summary_line(product)))
        self.state_label = QLabel(objectName="itemState")
        self.state_label.setStyleSheet("color: palette(link);")
        text.addWidget(self.state_label)
        self._show_state()
        ctx.item_states_changed.connect(self._show_state)
        if reason:
            why = QLabel(reason)
            why.setObjectName("reason")
            why.setWordWrap(True)
            why.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
            text.addWidget(why)
        row.addLayout(text, 1)

    def _show_state(self) -> None:
        """Whether the product is saved or in the cart (kept up to date by ``ctx``)."""
        state = self._ctx.state_of(self.product.id)
        self.state_label.setText(state_text(state))
        self.state_label.setVisible(state != ItemState())

    def menu(self) -> QMenu:
        """The right-click menu: add the product to the comparison, or take it out."""
        return compare_menu(self, self._ctx, self.product.id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        self.menu().exec(event.globalPos())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.product.id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.product.id)
            return
        super().keyPressEvent(event)
