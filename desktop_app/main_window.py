"""The main window: a sidebar switching pages, and a status bar with catalog and model state."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop_app import startup
from desktop_app.chat_view import ChatView
from desktop_app.compare_view import CompareView
from desktop_app.context import AppContext
from desktop_app.for_you_view import ForYouView
from desktop_app.i18n import Retranslatable
from desktop_app.lists_view import ListsView
from desktop_app.privacy_view import PrivacyView
from desktop_app.product_view import ProductView
from desktop_app.search_view import SearchView
from desktop_app.settings_view import SettingsView
from desktop_app.workers import wait_for_all
from engine.app import CatalogInfo

log = logging.getLogger(__name__)

PAGES = ("chat", "search", "product", "for_you", "lists", "compare", "privacy", "settings")


class MainWindow(Retranslatable, QMainWindow):
    ready = Signal()  # catalog open and first results requested

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setMinimumSize(QSize(720, 480))
        self.resize(1100, 720)
        self.chat = ChatView(ctx)
        self.search = SearchView(ctx)
        self.product = ProductView(ctx)
        self.for_you = ForYouView(ctx)
        self.lists = ListsView(ctx)
        self.compare = CompareView(ctx)
        self.privacy = PrivacyView(ctx)
        self.settings = SettingsView(ctx)
        self.pages = QStackedWidget()
        self.sidebar = QListWidget(objectName="sidebar")
        self.sidebar.setFixedWidth(160)
        for page in (self.chat, self.search, self.product, self.for_you, self.lists,
                     self.compare, self.privacy, self.settings):
            self.pages.addWidget(page)
            self.sidebar.addItem(QListWidgetItem())
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sidebar)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.catalog_label = QLabel(objectName="catalogStatus")
        self.model_label = QLabel(objectName="modelStatus")
        self.statusBar().addWidget(self.catalog_label, 1)
        self.statusBar().addPermanentWidget(self.model_label)
        self._model_state = ("none", "")
        self._catalog_info: CatalogInfo | None = None
        self._wire()
        self.retranslate()
        self.show_page("search")

    def _wire(self) -> None:
        ctx = self.ctx
        ctx.product_requested.connect(lambda *_: self.show_page("product"))
        ctx.page_requested.connect(self.show_page)
        ctx.compare_changed.connect(self.retranslate)
        ctx.catalog_changed.connect(self.refresh_catalog_status)
        ctx.model_status_changed.connect(self._model_status)
        ctx.model_wanted.connect(lambda: startup.load_model(self, ctx))
        self.settings.model_settings_changed.connect(
            lambda: startup.load_model(self, ctx, explain_failure=True))
        shortcuts = {
            "Ctrl+K": self.focus_search,
            "Ctrl+N": self.new_chat,
            **{f"Ctrl+{i + 1}": (lambda p=page: self.show_page(p)) for i, page in enumerate(PAGES)},
        }
        for keys, slot in shortcuts.items():
            QShortcut(QKeySequence(keys), self, activated=slot)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Aisle — your offline shopping assistant"))
        chosen = len(self.ctx.compare_ids)
        names = (self.tr("Chat"), self.tr("Search"), self.tr("Product"), self.tr("For you"),
                 self.tr("Saved & cart"),
                 self.tr("Compare (%1)").replace("%1", str(chosen)) if chosen
                 else self.tr("Compare"), self.tr("Privacy"), self.tr("Settings"))
        for i, name in enumerate(names):
            self.sidebar.item(i).setText(name)
            self.sidebar.item(i).setToolTip(f"{name} (Ctrl+{i + 1})")
        self._show_catalog_status()
        self._model_status(*self._model_state)

    # ----- navigation -----------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGES.index(name))

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def focus_search(self) -> None:
        self.show_page("search")
        self.search.focus_search()

    def new_chat(self) -> None:
        self.show_page("chat")
        self.chat.new_chat()

    # ----- start-up and status --------------------------------------------------------------

    def start(self) -> None:
        """Claim the data folder, open (or install) the catalog, then load the model."""
        self.catalog_label.setText(self.tr("Opening the catalog…"))
        startup.open_catalog(self, self.ctx, self._catalog_ready)

    def _catalog_ready(self, info: CatalogInfo) -> None:
        self._set_catalog_info(info)
        self.ctx.catalog_changed.emit()
        if self.ctx.aisle.settings.load_model_at_start:
            startup.load_model(self, self.ctx)
        self.ctx.aisle.warm_up()
        log.info("usable: the catalog is open (%d products)", info.product_count)
        self.ready.emit()

    def refresh_catalog_status(self) -> None:
        startup.catalog_info(self, self.ctx, self._set_catalog_info)

    def _set_catalog_info(self, info: CatalogInfo) -> None:
        self._catalog_info = info
        self._show_catalog_status()

    def _show_catalog_status(self) -> None:
        info = self._catalog_info
        if info is None:
            return
        count = info.product_count
        products = self.tr("1 product") if count == 1 else self.tr("%1 products").replace(
            "%1", f"{count:,}")
        text = f"{info.name} · {products}"
        if info.snapshot_date:
            text += " · " + self.tr("prices as of %1").replace("%1", info.snapshot_date)
        self.catalog_label.setText(text)

    def _model_status(self, state: str, text: str) -> None:
        self._model_state = (state, text)
        texts = {
            "loading": f"{self.tr('Loading model…')} {text}".strip(),
            "ready": self.tr("Model ready: %1").replace("%1", text),
            "failed": self.tr("No chat model — answers list matching products"),
            "none": "",
        }
        self.model_label.setText(texts.get(state, text))
        self.model_label.setToolTip(self._model_tooltip(state, text))

    def _model_tooltip(self, state: str, text: str) -> str:
        """The model's name and license when it is ready, the reason when it failed."""
        model = self.ctx.loaded_model
        if state == "ready" and model is not None and model.license:
            return f"{model.display_name} — {model.license}"
        return text if state in ("failed", "ready") else ""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.chat.stop()
        wait_for_all(10000)
        self.ctx.aisle.close()
        super().closeEvent(event)
