"""Turns errors into messages a shopper understands: one dialog, never a traceback."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from engine.errors import AisleError, Cancelled

log = logging.getLogger(__name__)


def error_text(err: BaseException) -> str:
    """The message shown for ``err``: the engine's own words, or a generic apology."""
    if isinstance(err, AisleError):
        return str(err)
    return QCoreApplication.translate(
        "Errors", "Something went wrong inside Aisle. Your data is safe; please try again. "
        "Details were written to the log."
    )


def show_error(parent: QWidget | None, err: BaseException) -> QMessageBox | None:
    """Show ``err`` in a window-modal dialog (non-blocking); ``Cancelled`` is ignored."""
    if isinstance(err, Cancelled):
        return None
    if not isinstance(err, AisleError):
        log.error("unexpected error", exc_info=(type(err), err, err.__traceback__))
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Aisle"))
    box.setText(error_text(err))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box


def install_excepthook() -> None:
    """Log any uncaught exception and show the generic message instead of crashing."""

    def hook(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception", exc_info=(kind, err, tb))
        if QApplication.instance() is not None:
            show_error(QApplication.activeWindow(), err)

    sys.excepthook = hook
