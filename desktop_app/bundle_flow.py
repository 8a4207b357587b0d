"""Download, verify and install a catalog bundle from the settings page."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from engine.progress import CancelToken, ProgressCallback

from desktop_app.context import AppContext
from desktop_app.long_task import run_with_progress

BUNDLE_MODULE = "engine.bundles.install"


def available(ctx: AppContext) -> bool:
    """Bundles are installed through the engine's bundle client when this version has it."""
    return importlib.util.find_spec(BUNDLE_MODULE) is not None


def explanation(ctx: AppContext) -> str:
    if not available(ctx):
        return QCoreApplication.translate("BundleFlow", "Downloading catalog bundles is not available in this version.")
    return QCoreApplication.translate("BundleFlow", "Paste the link (or path) of a catalog bundle. It is checked before it replaces "
               "your catalog, and the previous catalog is kept for rollback.")


def install_bundle(parent: QWidget, ctx: AppContext, source: str) -> QProgressDialog:
    """Install ``source`` behind a progress dialog (bytes, speed, time left) with Cancel."""
    install = importlib.import_module(BUNDLE_MODULE)
    signing = importlib.import_module("engine.bundles.signing")

    def work(progress: ProgressCallback, cancel: CancelToken) -> object:
        result = install.install_bundle(
            source, ctx.aisle.library, trusted_keys=signing.trusted_keys_in(ctx.aisle.data_dir),
            progress=progress, cancel=cancel)
        ctx.aisle.reopen_catalog()
        return result

    def finished(result: object) -> None:
        ctx.catalog_changed.emit()
        manifest = result.manifest  # type: ignore[attr-defined]
        text = QCoreApplication.translate("BundleFlow", "Installed %1 (version %2, %3 products).").replace("%1", manifest.name)
        text = text.replace("%2", manifest.version).replace("%3", f"{manifest.product_count:,}")
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("BundleFlow", "Catalog installed"), text,
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    return run_with_progress(parent, QCoreApplication.translate("BundleFlow", "Installing a catalog"), work, finished, "bundleProgress")
