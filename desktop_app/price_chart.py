"""A product's price in each installed catalog version, as a small step chart (QPainter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.product_card import format_amount
from engine.records import PricePoint

HEIGHT = 110
MARGIN = 10


class PriceChart(QWidget):
    """One step per version that changed the price; each price written at its point and each
    version's name under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="priceChart")
        self.points: list[PricePoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_points(self, points: Sequence[PricePoint]) -> None:
        self.points = list(points)
        self.setAccessibleDescription("; ".join(
            f"{p.label}: {format_amount(p.price, p.currency)}" for p in self.points))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(360, HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if len(self.points) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = QFontMetrics(self.font())
        line_height = metrics.height()
        top, bottom = MARGIN + line_height, self.height() - MARGIN - line_height
        prices = [p.price for p in self.points]
        low, high = min(prices), max(prices)
        span = (high - low) or 1.0
        step = (self.width() - 2 * MARGIN) / (len(self.points) - 1)

        def at(index: int, price: float) -> QPointF:
            return QPointF(MARGIN + index * step, bottom - (price - low) / span * (bottom - top))

        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        for i in range(1, len(self.points)):
            before, now = at(i - 1, prices[i - 1]), at(i, prices[i])
            painter.drawLine(before, QPointF(now.x(), before.y()))
            painter.drawLine(QPointF(now.x(), before.y()), now)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        width = max(step - 4, 40.0)
        for i, point in enumerate(self.points):
            spot = at(i, point.price)
            painter.drawEllipse(spot, 3, 3)
            align = (Qt.AlignmentFlag.AlignLeft if i == 0 else Qt.AlignmentFlag.AlignRight
                     if i == len(self.points) - 1 else Qt.AlignmentFlag.AlignHCenter)
            x = spot.x() if i == 0 else spot.x() - width if i == len(self.points) - 1 \
                else spot.x() - width / 2
            painter.drawText(QRectF(x, spot.y() - line_height - 4, width, line_height),
                             align, format_amount(point.price, point.currency))
            label = metrics.elidedText(point.label, Qt.TextElideMode.ElideMiddle, int(width))
            painter.drawText(QRectF(x, self.height() - MARGIN - line_height, width, line_height),
                             align, label)
