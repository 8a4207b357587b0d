"""Download, verify and install a catalog bundle from the settings page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.context import AppContext
from desktop_app.long_task import run_with_progress
from engine.bundles.install import install_bundle as install_verified
from engine.bundles.signing import trusted_keys_in
from engine.progress import CancelToken, ProgressCallback


def explanation() -> str:
    return QCoreApplication.translate(
        "BundleFlow", "Paste the link (or path) of a catalog bundle. It is checked before it "
                      "replaces your catalog, and the previous catalog is kept for rollback.")


def install_bundle(parent: QWidget, ctx: AppContext, source: str) -> QProgressDialog:
    """Install ``source`` behind a progress dialog (bytes, speed, time left) with Cancel."""
    def work(progress: ProgressCallback, cancel: CancelToken) -> object:
        result = install_verified(
            source, ctx.aisle.library, trusted_keys=trusted_keys_in(ctx.aisle.data_dir),
            progress=progress, cancel=cancel)
        ctx.aisle.reopen_catalog()
        return result

    def finished(result: object) -> None:
        ctx.catalog_changed.emit()
        manifest = result.manifest  # type: ignore[attr-defined]
        text = QCoreApplication.translate(
            "BundleFlow", "Installed %1 (version %2, %3 products).").replace("%1", manifest.name)
        text = text.replace("%2", manifest.version).replace("%3", f"{manifest.product_count:,}")
        box = QMessageBox(QMessageBox.Icon.Information,
                          QCoreApplication.translate("BundleFlow", "Catalog installed"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    return run_with_progress(parent,
                             QCoreApplication.translate("BundleFlow", "Installing a catalog"),
                             work, finished, "bundleProgress")
