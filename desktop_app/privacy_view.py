"""Privacy: what Aisle records, the pause switch, the learned profile, delete and export,
and the log of network connections (normally empty: Aisle works offline)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import history_bridge
from desktop_app.bar_chart import BarChart
from desktop_app.confirm import ask_first
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.layout import scrolling_column
from desktop_app.live_page import LivePage
from desktop_app.workers import run_op
from engine.records import PrivacySnapshot

ID_ROLE = Qt.ItemDataRole.UserRole
RANGES_HOURS = (1, 24, 24 * 7)


class PrivacyView(LivePage, Retranslatable, QWidget):
    history_deleted = Signal(int)  # how many events were deleted
    snapshot_shown = Signal(object)  # PrivacySnapshot
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.snapshot: PrivacySnapshot | None = None
        scrolling_column(self, (self._build_recorded(), self._build_profile(),
                                self._build_history(), self._build_network()))
        self.retranslate()
        self.follow(ctx)

    # ----- layout ---------------------------------------------------------------------------

    def _build_recorded(self) -> QGroupBox:
        self.recorded_box = QGroupBox()
        self.recorded_text = QLabel(wordWrap=True, objectName="recordedText")
        self.pause_switch = QCheckBox(objectName="pauseRecording")
        self.pause_switch.clicked.connect(
            lambda on: history_bridge.set_paused(self, self.ctx, on))
        self.personalize_switch = QCheckBox(objectName="personalizeResults")
        self.personalize_switch.setChecked(self.ctx.settings.personalize_results)
        self.personalize_switch.clicked.connect(self._personalize_chosen)
        column = QVBoxLayout(self.recorded_box)
        for widget in (self.recorded_text, self.pause_switch, self.personalize_switch):
            column.addWidget(widget)
        return self.recorded_box

    def _build_profile(self) -> QGroupBox:
        self.profile_box = QGroupBox()
        self.profile_text = QLabel(wordWrap=True, objectName="profileText")
        self.chart_labels = [QLabel() for _ in range(3)]
        self.category_chart = BarChart(objectName="categoryChart")
        self.brand_chart = BarChart(objectName="brandChart")
        self.price_chart = BarChart(objectName="priceChart")
        column = QVBoxLayout(self.profile_box)
        column.addWidget(self.profile_text)
        for label, chart in zip(self.chart_labels,
                                (self.category_chart, self.brand_chart, self.price_chart),
                                strict=True):
            label.setStyleSheet("font-weight: 600;")
            column.addWidget(label)
            column.addWidget(chart)
        return self.profile_box

    def _build_history(self) -> QGroupBox:
        self.history_box = QGroupBox()
        self.history_list = QListWidget(objectName="historyList")
        self.history_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.history_list.setMinimumHeight(160)
        self.history_status = QLabel(objectName="historyStatus", wordWrap=True)
        self.delete_selected_button = QPushButton(objectName="deleteSelected",
                                                  clicked=self.confirm_delete_selected)
        self.range_combo = QComboBox(objectName="deleteRange")
        self.delete_range_button = QPushButton(objectName="deleteRangeButton",
                                               clicked=self.confirm_delete_range)
        self.delete_all_button = QPushButton(objectName="deleteAll",
                                             clicked=self.confirm_delete_all)
        self.export_button = QPushButton(objectName="exportHistory", clicked=self._pick_export)
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(self.delete_selected_button)
        first.addStretch(1)
        first.addWidget(self.range_combo)
        first.addWidget(self.delete_range_button)
        second.addWidget(self.export_button)
        second.addStretch(1)
        second.addWidget(self.delete_all_button)
        column = QVBoxLayout(self.history_box)
        column.addWidget(self.history_list)
        column.addLayout(first)
        column.addLayout(second)
        column.addWidget(self.history_status)
        return self.history_box

    def _build_network(self) -> QGroupBox:
        self.network_box = QGroupBox()
        self.network_text = QLabel(wordWrap=True, objectName="networkText")
        self.network_list = QListWidget(objectName="networkLog")
        self.network_list.setMaximumHeight(110)
        self.seal_text = QLabel(wordWrap=True, objectName="networkSealText")
        column = QVBoxLayout(self.network_box)
        column.addWidget(self.network_text)
        column.addWidget(self.network_list)
        column.addWidget(self.seal_text)
        return self.network_box

    # ----- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.recorded_box.setTitle(self.tr("What Aisle records"))
        self.recorded_text.setText(self.tr(
            "On this computer only: your searches, the products you open, what you save, add "
            "to the cart, mark as bought or mark as not interested. Nothing is sent anywhere. "
            "The catalog itself never changes your history."))
        self.pause_switch.setText(self.tr("Pause recording (nothing new is kept while paused)"))
        self.personalize_switch.setText(self.tr(
            "Order search results by what I like (once Aisle has learned enough)"))
        self.profile_box.setTitle(self.tr("What Aisle has learned about you"))
        for label, text in zip(self.chart_labels, (self.tr("Top categories"),
                                                   self.tr("Top brands"),
                                                   self.tr("Price range you look at")),
                                strict=True):
            label.setText(text)
        self.history_box.setTitle(self.tr("Your history"))
        self.delete_selected_button.setText(self.tr("Delete selected…"))
        keep = max(self.range_combo.currentIndex(), 0)
        self.range_combo.clear()
        self.range_combo.addItems([self.tr("the last hour"), self.tr("the last 24 hours"),
                                   self.tr("the last 7 days")])
        self.range_combo.setCurrentIndex(keep)
        self.delete_range_button.setText(self.tr("Delete from…"))
        self.delete_all_button.setText(self.tr("Delete everything…"))
        self.export_button.setText(self.tr("Export as JSON…"))
        self.network_box.setTitle(self.tr("Network connections"))
        self._show_snapshot()

    # ----- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        run_op(self, self.ctx.aisle.history.privacy, self._loaded,
               lambda err: show_error(self, err))

    def _loaded(self, snapshot: PrivacySnapshot) -> None:
        self.snapshot = snapshot
        self._show_snapshot()
        self.snapshot_shown.emit(snapshot)

    def _show_snapshot(self) -> None:
        snap = self.snapshot
        if snap is None:
            self.profile_text.setText(self.tr("Nothing learned yet."))
            self.network_text.setText(self.tr("Loading…"))
            return
        self.pause_switch.setChecked(snap.paused)
        self.profile_text.setText(self._profile_sentence(snap))
        nothing = self.tr("Nothing yet")
        self.category_chart.set_items(
            [(name.split(">")[-1].strip(), share) for name, share in snap.categories[:6]], nothing)
        self.brand_chart.set_items(snap.brands[:6], nothing)
        self.price_chart.set_items(snap.price_bands, nothing)
        self._fill_history(snap)
        self._fill_network(snap)

    def _profile_sentence(self, snap: PrivacySnapshot) -> str:
        if not snap.total_events:
            return self.tr("Nothing learned yet: open, save or buy a few products and what "
                           "Aisle learns from them appears here.")
        text = self.tr("Learned from %1 recorded actions.").replace("%1", f"{snap.total_events:,}")
        if snap.price_range:
            text += " " + self.tr("You usually look at %1.").replace("%1", snap.price_range)
        if snap.ranker and snap.ranker.get("enabled"):
            text += " " + self.tr("Search results are ordered for you.")
        return text

    def _fill_history(self, snap: PrivacySnapshot) -> None:
        self.history_list.clear()
        kinds = {
            "search": self.tr("Searched"), "view": self.tr("Viewed"),
            "click": self.tr("Opened from search"), "save": self.tr("Saved"),
            "unsave": self.tr("Removed from wishlist"), "cart": self.tr("Added to cart"),
            "bought": self.tr("Bought"), "dismiss": self.tr("Not interested"),
        }
        for event in snap.events:
            when = dt.datetime.fromtimestamp(event.ts).strftime("%Y-%m-%d %H:%M")
            what = (f"“{event.query}”" if event.kind == "search"
                    else (event.product.title if event.product and event.product.title
                          else event.product_id))
            item = QListWidgetItem(f"{when}  ·  {kinds.get(event.kind, event.kind)}  ·  {what}")
            item.setData(ID_ROLE, event.id)
            self.history_list.addItem(item)
        if snap.total_events > len(snap.events):
            self.history_status.setText(self.tr("Showing the newest %1 of %2 actions.").replace(
                "%1", f"{len(snap.events):,}").replace("%2", f"{snap.total_events:,}"))
        elif not snap.events:
            self.history_status.setText(self.tr("Your history is empty."))
        else:
            self.history_status.clear()

    def _fill_network(self, snap: PrivacySnapshot) -> None:
        self.network_list.clear()
        for attempt in snap.network:
            when = dt.datetime.fromtimestamp(attempt.time).strftime("%Y-%m-%d %H:%M")
            verdict = self.tr("allowed") if attempt.allowed else self.tr("blocked")
            self.network_list.addItem(f"{when}  ·  {attempt.host}  ·  {verdict}")
        self.network_list.setVisible(bool(snap.network))
        self.network_text.setText(self.tr(
            "No connection attempts: Aisle has not tried to reach the internet.")
            if not snap.network else self.tr(
            "Connections are only made when you download a catalog bundle; anything else is "
            "blocked and listed here."))
        self.seal_text.setText(self._seal_sentence(snap.model_network_seal))

    def _seal_sentence(self, seal: str) -> str:
        if seal == "seccomp":
            return self.tr(
                "The chat model runs in its own process whose network the operating system has "
                "closed (a Linux seccomp filter): it cannot connect anywhere. The list above "
                "covers the app itself.")
        if seal == "network namespace":
            return self.tr(
                "The chat model runs in its own process in an empty network namespace set up "
                "by the operating system: it cannot connect anywhere. The list above covers "
                "the app itself.")
        return self.tr(
            "On this system the operating system cannot close the chat model's network; the "
            "list above covers connections made by Aisle's own code, not by native "
            "libraries.")

    # ----- actions --------------------------------------------------------------------------

    def _personalize_chosen(self, on: bool) -> None:
        try:
            self.ctx.update_settings(personalize_results=on)
        except Exception as err:  # noqa: BLE001 - shown to the user, never raised
            show_error(self, err)
            return
        self.ctx.personalization_changed.emit()

    def _deleted(self, count: int) -> None:
        self.history_status.setText(self.tr("Deleted %1 actions.").replace("%1", f"{count:,}"))
        self.history_deleted.emit(count)

    def confirm_delete_selected(self) -> QMessageBox | None:
        ids = [item.data(ID_ROLE) for item in self.history_list.selectedItems()]
        if not ids:
            self.history_status.setText(self.tr("Select the actions to delete first."))
            return None
        return ask_first(
            self, self.tr("Delete the selected actions?"),
            self.tr("%1 actions are deleted and what Aisle learned is recomputed from the rest. "
                    "This cannot be undone.").replace("%1", str(len(ids))),
            lambda: history_bridge.delete(self, self.ctx, self._deleted, ids=ids))

    def confirm_delete_range(self) -> QMessageBox:
        hours = RANGES_HOURS[max(self.range_combo.currentIndex(), 0)]
        span = self.range_combo.currentText()
        return ask_first(
            self, self.tr("Delete recent history?"),
            self.tr("Everything recorded in %1 is deleted. This cannot be undone.").replace(
                "%1", span),
            lambda: history_bridge.delete(self, self.ctx, self._deleted,
                                          since=time.time() - hours * 3600))

    def confirm_delete_all(self) -> QMessageBox:
        """Ask before deleting: history, learned profile, saved lists and chats go for good."""
        return ask_first(
            self, self.tr("Delete everything?"),
            self.tr("This deletes your whole history, the profile learned from it, your saved "
                    "items and your saved chats. It cannot be undone."),
            lambda: history_bridge.delete(self, self.ctx, self._deleted, everything=True))

    def _pick_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export your history"), str(Path.home() / "aisle-history.json"),
            self.tr("JSON (*.json)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the whole history to ``path`` as JSON (in a worker)."""
        def done(count: int) -> None:
            self.history_status.setText(self.tr("Exported %1 actions to %2.").replace(
                "%1", f"{count:,}").replace("%2", str(path)))
            self.exported.emit(str(path))

        history_bridge.export(self, self.ctx, path, done)
