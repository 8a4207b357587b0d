"""Layout helpers shared by the pages."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


def scrolling_column(page: QWidget, widgets: Iterable[QWidget]) -> None:
    """Stack ``widgets`` top to bottom in ``page`` and let them scroll when the window is small."""
    body = QWidget()
    column = QVBoxLayout(body)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    scroll = QScrollArea(widgetResizable=True)
    scroll.setWidget(body)
    QVBoxLayout(page).addWidget(scroll)
