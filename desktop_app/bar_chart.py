"""A small horizontal bar chart painted with QPainter (the learned profile on the privacy page)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 16
ROW_GAP = 6
LABEL_SHARE = 0.42


class BarChart(QWidget):
    """One bar per (label, share); shares are drawn relative to the largest and as a percent."""

    def __init__(self, parent: QWidget | None = None, *, objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent)
        self.setObjectName(objectName)
        self.items: list[tuple[str, float]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: Sequence[tuple[str, float]], empty_text: str = "") -> None:
        self.items = list(items)
        self.empty_text = empty_text
        self.setAccessibleDescription(
            "; ".join(f"{label}: {share:.0%}" for label, share in self.items) or empty_text)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        rows = max(len(self.items), 1)
        return QSize(320, rows * (BAR_HEIGHT + ROW_GAP) + ROW_GAP)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        if not self.items:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.empty_text)
            return
        metrics = QFontMetrics(self.font())
        label_width = int(self.width() * LABEL_SHARE)
        value_width = metrics.horizontalAdvance("100%") + 8
        bar_space = max(self.width() - label_width - value_width - 8, 10)
        top_share = max(share for _, share in self.items) or 1.0
        for row, (label, share) in enumerate(self.items):
            y = ROW_GAP + row * (BAR_HEIGHT + ROW_GAP)
            painter.setPen(text_colour)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, label_width - 8)
            painter.drawText(QRectF(0, y, label_width - 8, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            width = max(bar_space * share / top_share, 2.0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(label_width, y + 2, width, BAR_HEIGHT - 4), 3, 3)
            painter.setPen(text_colour)
            painter.drawText(QRectF(label_width + width + 6, y, value_width, BAR_HEIGHT),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{share:.0%}")
