"""Catalog updates on the settings page: check the publisher's index of versions, install the
newest one, or go back to the catalog that was active before."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from desktop_app import bundle_flow
from desktop_app.confirm import ask_first
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.workers import run_op
from engine.records import CatalogSwitch, UpdateCheck


class CatalogUpdatesBox(Retranslatable, QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.check: UpdateCheck | None = None
        self.index_url = QLineEdit(ctx.settings.update_index_url, objectName="updateIndexUrl")
        self.check_button = QPushButton(objectName="checkUpdates", clicked=self.check_now)
        self.status = QLabel(objectName="updateStatus", wordWrap=True)
        self.install_button = QPushButton(objectName="installUpdate", clicked=self.install)
        self.install_button.hide()
        self.status.hide()
        self.rollback_button = QPushButton(objectName="rollbackCatalog",
                                           clicked=self.confirm_rollback)
        row = QHBoxLayout()
        row.addWidget(self.index_url, 1)
        row.addWidget(self.check_button)
        actions = QHBoxLayout()
        actions.addWidget(self.install_button)
        actions.addWidget(self.rollback_button)
        actions.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.status)
        column.addLayout(actions)
        self.retranslate()
        ctx.catalog_changed.connect(self._refresh_rollback)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Catalog updates"))
        self.index_url.setPlaceholderText(self.tr("Address of the publisher's update index"))
        self.check_button.setText(self.tr("Check for updates"))
        self.rollback_button.setText(self.tr("Go back to the previous catalog…"))
        if self.check is not None:
            self._show_check(self.check)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def check_now(self) -> None:
        """Remember the address, then ask the publisher's index (off the GUI thread)."""
        url = self.index_url.text().strip()
        if not url:
            self._say(self.tr("Enter the update address your catalog's publisher "
                                        "gives."))
            return
        try:
            self.ctx.update_settings(update_index_url=url)
        except Exception as err:  # noqa: BLE001 - shown to the user, never raised
            show_error(self, err)
            return
        self._say(self.tr("Checking…"))
        self.check_button.setEnabled(False)
        run_op(self, lambda: self.ctx.aisle.catalog.check_updates(url), self._show_check,
               self._failed)

    def _failed(self, err: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._say("")
        show_error(self, err)

    def _show_check(self, check: UpdateCheck) -> None:
        self.check = check
        self.check_button.setEnabled(True)
        latest = check.latest
        if check.update_available and latest is not None:
            size = f" ({latest.size / 1e6:,.1f} MB)" if latest.size else ""
            self._say(self.tr("Version %1 of %2 is available%3; you have %4.")
                                .replace("%1", latest.version).replace("%2", check.catalog)
                                .replace("%3", size)
                                .replace("%4", check.installed_version or "—"))
            self.install_button.setText(self.tr("Install version %1").replace(
                "%1", latest.version))
        else:
            self._say(self.tr("Your catalog is up to date (version %1).").replace(
                "%1", check.installed_version or "—"))
        self.install_button.setVisible(check.update_available and latest is not None)

    def install(self) -> None:
        check = self.check
        if check is None or check.latest is None:
            return
        self.install_button.hide()
        self.check = None
        self._say("")
        bundle_flow.install_update(self, self.ctx, check)

    def _refresh_rollback(self) -> None:
        run_op(self, self.ctx.aisle.catalog.can_roll_back, self.rollback_button.setEnabled,
               lambda err: show_error(self, err))

    def confirm_rollback(self) -> None:
        ask_first(
            self, self.tr("Go back to the previous catalog?"),
            self.tr("The catalog you used before this one becomes active again; the current one "
                    "is kept, so you can switch back. Your history, chats and lists are kept."),
            self.rollback, self.tr("Go back"))

    def rollback(self) -> None:
        def switched(switch: CatalogSwitch) -> None:
            self._say(self.tr("Back to %1 (version %2, %3 products).")
                                .replace("%1", switch.name).replace("%2", switch.version)
                                .replace("%3", f"{switch.product_count:,}"))
            self.ctx.catalog_changed.emit()

        run_op(self, self.ctx.aisle.catalog.roll_back, switched, lambda err: show_error(self, err),
               serial=True)
