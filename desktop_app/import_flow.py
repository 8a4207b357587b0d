"""Import a feed file with a progress dialog and Cancel, then report what happened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.context import AppContext
from desktop_app.i18n import ui_language
from desktop_app.long_task import run_with_progress
from engine.messages import in_language
from engine.progress import CancelToken, ProgressCallback
from engine.records import ImportReport


def import_feed(parent: QWidget, ctx: AppContext, path: Path) -> QProgressDialog:
    """Start importing ``path`` into the active catalog; returns the progress dialog shown."""

    def work(progress: ProgressCallback, cancel: CancelToken) -> ImportReport:
        try:
            stamp = dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
        except OSError:
            stamp = ""  # the import itself says what is wrong with the file
        return ctx.aisle.catalog.import_feed(path, name=path.stem, version="", snapshot_date=stamp,
                                             progress=progress, cancel=cancel)

    def finished(report: ImportReport) -> None:
        ctx.catalog_changed.emit()
        _show_report(parent, report)

    return run_with_progress(parent,
                             QCoreApplication.translate("ImportFlow", "Importing products"),
                             work, finished, "importProgress")


def _show_report(parent: QWidget, report: ImportReport) -> None:
    text = QCoreApplication.translate("ImportFlow",
                                      "Imported %1 new, updated %2, removed %3 products.")
    text = text.replace("%1", f"{report.imported:,}").replace("%2", f"{report.updated:,}")
    text = text.replace("%3", f"{report.removed:,}")
    if report.skipped_total:
        language = ui_language()
        reasons = ", ".join(f"{in_language(reason, language)}: {count}"
                            for reason, count in report.skipped.items())
        text += "\n" + QCoreApplication.translate("ImportFlow", "Skipped %1 rows (%2).").replace(
            "%1", f"{report.skipped_total:,}").replace("%2", reasons)
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("ImportFlow", "Import finished"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("importReport")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
