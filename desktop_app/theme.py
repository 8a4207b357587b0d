"""Follow the system's light or dark scheme with Qt's Fusion style and palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#303134",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Button: "#2d2f33",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Highlight: "#3d6fd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Mid: "#3c4043",
}


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


STYLE_SHEET = """
QListWidget#sidebar::item { padding: 8px 10px; }
QListWidget#results::item, QListWidget#similar::item, QListWidget#becauseViewed::item {
    padding: 5px 4px; }
"""

_following_system = False


def apply_theme(app: QApplication, scheme: str = "system") -> None:
    """Use Fusion and a palette for ``scheme``: "system" follows the OS, live; or "light"/"dark"."""
    global _following_system
    app.setStyle("Fusion")
    dark = scheme == "dark" or (scheme == "system" and is_dark())
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet("")  # re-polish every widget with the new palette
    app.setStyleSheet(STYLE_SHEET)
    if scheme == "system" and not _following_system:
        _following_system = True
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda _scheme: apply_theme(app, "system"))
