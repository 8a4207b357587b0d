"""Privacy: what Aisle records, the pause switch, the learned profile, delete and export."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QGroupBox, QHBoxLayout, QLabel, QListWidget, QMessageBox, QPushButton,
    QScrollArea, QVBoxLayout, QWidget,
)

from desktop_app import history_bridge
from desktop_app.context import AppContext
from desktop_app.i18n import Retranslatable


class PrivacyView(Retranslatable, QWidget):
    history_deleted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recorded_box, self.profile_box, self.history_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.recorded_text = QLabel(wordWrap=True, objectName="recordedText")
        self.pause_switch = QCheckBox(objectName="pauseRecording")
        self.unavailable = QLabel(wordWrap=True, objectName="privacyUnavailable")
        self.profile_text = QLabel(wordWrap=True, objectName="profileText")
        self.history_list = QListWidget(objectName="historyList")
        self.delete_all_button = QPushButton(objectName="deleteAll", clicked=self.confirm_delete_all)
        self.export_button = QPushButton(objectName="exportHistory")
        QVBoxLayout(self.recorded_box).addWidget(self.recorded_text)
        self.recorded_box.layout().addWidget(self.pause_switch)
        QVBoxLayout(self.profile_box).addWidget(self.profile_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_all_button)
        history_column = QVBoxLayout(self.history_box)
        history_column.addWidget(self.history_list)
        history_column.addLayout(buttons)
        body = QWidget()
        column = QVBoxLayout(body)
        for widget in (self.unavailable, self.recorded_box, self.profile_box, self.history_box):
            column.addWidget(widget)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        QVBoxLayout(self).addWidget(scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.recorded_box.setTitle(self.tr("What Aisle records"))
        self.recorded_text.setText(self.tr(
            "On this computer only: your searches, the products you open (and for how long), "
            "what you save, add to the cart, mark as bought or mark as not interested. Nothing "
            "is sent anywhere. The catalog itself never changes your history."))
        self.pause_switch.setText(self.tr("Pause recording"))
        self.profile_box.setTitle(self.tr("What Aisle has learned about you"))
        self.history_box.setTitle(self.tr("Your history"))
        self.delete_all_button.setText(self.tr("Delete everything…"))
        self.export_button.setText(self.tr("Export as JSON…"))
        enabled = history_bridge.available(self.ctx)
        self.unavailable.setVisible(not enabled)
        self.unavailable.setText(self.tr(
            "This version of Aisle does not record any history yet, so there is nothing to "
            "show, pause or delete."))
        self.profile_text.setText(self.tr("Nothing learned yet."))
        for widget in (self.pause_switch, self.history_list, self.delete_all_button,
                       self.export_button):
            widget.setEnabled(enabled)

    def confirm_delete_all(self) -> QMessageBox:
        """Ask before deleting: history, learned profile and model are removed for good."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete everything?"), self.tr(
            "This deletes your whole history, the profile learned from it and your saved "
            "items. It cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmDelete")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: history_bridge.delete_everything(self, self.ctx,
                                                                      self.history_deleted.emit))
        box.open()
        return box
