"""Download, verify and install a catalog bundle from the settings page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.context import AppContext
from desktop_app.long_task import run_with_progress
from engine.progress import CancelToken, ProgressCallback
from engine.records import InstalledBundle, UpdateCheck


def explanation() -> str:
    return QCoreApplication.translate(
        "BundleFlow", "Paste the link (or path) of a catalog bundle. It is checked before it "
                      "replaces your catalog, and the previous catalog is kept for rollback.")


def install_bundle(parent: QWidget, ctx: AppContext, source: str) -> QProgressDialog:
    """Install ``source`` behind a progress dialog (bytes, speed, time left) with Cancel; then
    say what changed, with the saved products the new catalog no longer has."""
    return _install(parent, ctx, lambda progress, cancel: ctx.aisle.catalog.install_bundle(
        source, progress=progress, cancel=cancel))


def install_update(parent: QWidget, ctx: AppContext, check: UpdateCheck) -> QProgressDialog:
    """Install the newer version ``check`` found (its delta when one fits), as above."""
    return _install(parent, ctx, lambda progress, cancel: ctx.aisle.catalog.install_update(
        check, progress=progress, cancel=cancel))


def _install(parent: QWidget, ctx: AppContext,
             work: Callable[[ProgressCallback, CancelToken], InstalledBundle]) -> QProgressDialog:
    def finished(bundle: InstalledBundle) -> None:
        ctx.catalog_changed.emit()
        installed_box(parent, ctx, bundle)

    return run_with_progress(parent,
                             QCoreApplication.translate("BundleFlow", "Installing a catalog"),
                             work, finished, "bundleProgress")


def installed_box(parent: QWidget, ctx: AppContext, bundle: InstalledBundle) -> QMessageBox:
    """"Installed …", how many products are gone, and a way to the saved ones among them."""
    text = QCoreApplication.translate(
        "BundleFlow", "Installed %1 (version %2, %3 products).").replace("%1", bundle.name)
    text = text.replace("%2", bundle.version).replace("%3", f"{bundle.product_count:,}")
    if bundle.vanished:
        text += " " + QCoreApplication.translate(
            "BundleFlow", "%1 products are no longer in the catalog.").replace(
            "%1", f"{len(bundle.vanished):,}")
    if bundle.listed_vanished:
        text += " " + QCoreApplication.translate(
            "BundleFlow", "%1 of them are on your saved list or in your cart; they stay there, "
                          "marked.").replace("%1", str(len(bundle.listed_vanished)))
    if bundle.price_drops:
        text += " " + QCoreApplication.translate(
            "BundleFlow", "Price drops: %1 of your saved products are cheaper now.").replace(
            "%1", str(len(bundle.price_drops)))
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("BundleFlow", "Catalog installed"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("catalogInstalled")
    if bundle.listed_vanished or bundle.price_drops:
        show = box.addButton(QCoreApplication.translate("BundleFlow", "Show them"),
                             QMessageBox.ButtonRole.ActionRole)
        show.setObjectName("showVanished")
        show.clicked.connect(lambda _=False: ctx.page_requested.emit("lists"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
