"""The one way the app asks before doing something that cannot simply be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_first(parent: QWidget, title: str, text: str, on_yes: Callable[[], None],
                     action: str | None = None) -> QMessageBox:
    """Ask (window-modal, not blocking; Cancel is the default) and call ``on_yes`` on the
    action's button ("Delete" unless ``action`` names it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmDelete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(
        action or QCoreApplication.translate("Confirm", "Delete"))
    box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda _=False: on_yes())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
