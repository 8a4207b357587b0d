"""A long engine operation behind a progress dialog with Cancel (import, bundle install)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.errors import show_error
from desktop_app.i18n import ui_language
from desktop_app.workers import run_op
from engine.messages import Message, in_language
from engine.progress import CancelToken, ProgressCallback

Work = Callable[[ProgressCallback, CancelToken], Any]


def run_with_progress(parent: QWidget, title: str, work: Work, on_done: Callable[[Any], None],
                      object_name: str = "taskProgress") -> QProgressDialog:
    """Run ``work(progress, cancel)`` on the model/index thread behind a modal progress dialog.

    Cancel sets the token; the engine stops at its next check and raises ``Cancelled``, which
    closes the dialog without a message. Other errors are shown readably.
    """
    cancel = CancelToken()
    dialog = QProgressDialog(QCoreApplication.translate("LongTask", "Starting…"),
                             QCoreApplication.translate("LongTask", "Cancel"), 0, 0, parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.canceled.connect(cancel.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText(
        QCoreApplication.translate("LongTask", "Cancelling…")))
    dialog.show()

    def progressed(done: int, total: int, label: str) -> None:
        if cancel.cancelled:
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        dialog.setLabelText(_label(label, done, total))

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(err: BaseException) -> None:
        dialog.close()
        show_error(parent, err)

    run_op(parent, lambda progress: work(progress, cancel), finished, failed, progressed,
           serial=True)
    return dialog


def _label(label: str, done: int, total: int) -> str:
    """The engine's label in the UI language: a stage ("Reading feed") gets the counts after
    it; a label with figures of its own (bytes, speed, time left) is a whole sentence."""
    if isinstance(label, Message) and label.params:
        return label.in_language(ui_language())
    stage = (in_language(label, ui_language()) if label
             else QCoreApplication.translate("LongTask", "Working"))
    if total:
        return f"{stage}… {done:,} / {total:,}"
    return f"{stage}… {done:,}" if done else f"{stage}…"
