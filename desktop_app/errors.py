"""Turns errors into messages a shopper understands: one dialog, never a traceback."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.i18n import ui_language
from engine.errors import (
    AisleError,
    AlreadyRunning,
    AssistantError,
    BundleError,
    Cancelled,
    CatalogError,
    DownloadError,
    FeedError,
    HistoryError,
    ListError,
    ModelError,
    SearchError,
    SettingsError,
)

log = logging.getLogger(__name__)


# What went wrong, by the kind of error, translated when shown (lupdate reads the NOOP marks).
HEADLINES: list[tuple[type[AisleError], str]] = [
    (DownloadError, QT_TRANSLATE_NOOP("Errors", "The download did not work.")),
    (BundleError, QT_TRANSLATE_NOOP("Errors", "This catalog bundle cannot be installed.")),
    (FeedError, QT_TRANSLATE_NOOP("Errors", "This file cannot be imported.")),
    (ModelError, QT_TRANSLATE_NOOP("Errors", "The chat model cannot be used.")),
    (ListError, QT_TRANSLATE_NOOP("Errors", "The saved list or the cart could not be changed.")),
    (HistoryError, QT_TRANSLATE_NOOP("Errors", "Your history could not be read or written.")),
    (SettingsError, QT_TRANSLATE_NOOP("Errors", "This setting cannot be used.")),
    (SearchError, QT_TRANSLATE_NOOP("Errors", "This search cannot be run.")),
    (AssistantError, QT_TRANSLATE_NOOP("Errors", "The assistant could not do this.")),
    (AlreadyRunning, QT_TRANSLATE_NOOP("Errors", "Aisle is already open.")),
    (CatalogError, QT_TRANSLATE_NOOP("Errors", "The catalog cannot be used.")),
]


def headline(err: AisleError) -> str:
    """What went wrong, in the UI language, by the kind of error (the engine's detail that
    follows names the file or link and what to do)."""
    return next((QCoreApplication.translate("Errors", text) for kind, text in HEADLINES
                 if isinstance(err, kind)), "")


def error_text(err: BaseException) -> str:
    """The dialog's message for ``err``: what went wrong in the UI language, then
    :func:`error_detail`."""
    first = headline(err) if isinstance(err, AisleError) else ""
    return "\n\n".join(t for t in (first, error_detail(err)) if t)


def error_detail(err: BaseException) -> str:
    """The engine's own words for ``err`` in the UI language, or a generic apology for an
    unexpected error."""
    if isinstance(err, AisleError):
        return err.in_language(ui_language())
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
