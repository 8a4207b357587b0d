"""The one way the app asks before deleting something for good."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_deletion(parent: QWidget, title: str, text: str,
                     on_yes: Callable[[], None]) -> QMessageBox:
    """Ask (window-modal, not blocking; Cancel is the default) and call ``on_yes`` on Delete."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("confirmDelete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("Confirm", "Delete"))
    box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda _=False: on_yes())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
