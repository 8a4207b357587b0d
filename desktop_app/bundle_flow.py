"""Download, verify and install a catalog bundle from the settings page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.context import AppContext
from desktop_app.long_task import run_with_progress
from engine.progress import CancelToken, ProgressCallback
from engine.records import InstalledBundle


def explanation() -> str:
    return QCoreApplication.translate(
        "BundleFlow", "Paste the link (or path) of a catalog bundle. It is checked before it "
                      "replaces your catalog, and the previous catalog is kept for rollback.")


def install_bundle(parent: QWidget, ctx: AppContext, source: str) -> QProgressDialog:
    """Install ``source`` behind a progress dialog (bytes, speed, time left) with Cancel."""
    def work(progress: ProgressCallback, cancel: CancelToken) -> InstalledBundle:
        return ctx.aisle.install_bundle(source, progress=progress, cancel=cancel)

    def finished(bundle: InstalledBundle) -> None:
        ctx.catalog_changed.emit()
        text = QCoreApplication.translate(
            "BundleFlow", "Installed %1 (version %2, %3 products).").replace("%1", bundle.name)
        text = text.replace("%2", bundle.version).replace("%3", f"{bundle.product_count:,}")
        box = QMessageBox(QMessageBox.Icon.Information,
                          QCoreApplication.translate("BundleFlow", "Catalog installed"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    return run_with_progress(parent,
                             QCoreApplication.translate("BundleFlow", "Installing a catalog"),
                             work, finished, "bundleProgress")
