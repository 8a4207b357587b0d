"""What every view shares: the engine facade, the settings, and app-wide signals.

Views talk to each other only through these signals (open a product, history changed, ...),
so no view holds a reference to another.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop_app.i18n import LanguageSwitcher
from desktop_app.workers import run_op
from engine.app import MAX_COMPARE, Aisle, Settings
from engine.records import ItemState, LoadedModel

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Shared state for one main window."""

    product_requested = Signal(str, str)   # product id, where it was opened from
    catalog_changed = Signal()
    history_changed = Signal()
    chats_changed = Signal()  # saved chats were deleted elsewhere (the privacy page)
    lists_changed = Signal()  # the saved list or the cart changed
    item_states_changed = Signal()  # ``item_states`` was read again after a lists change
    language_changed = Signal(str)  # the UI language, once saved (the engine's words follow it)
    page_requested = Signal(str)  # a page to show (a name of main_window.PAGES)
    compare_changed = Signal()  # ``compare_ids`` changed
    personalization_changed = Signal()  # personal ordering of results switched on or off
    # state ("none" before the first load, "loading", "ready", "failed") and a text: the
    # progress while loading, the model's name when ready, the reason when it failed
    model_status_changed = Signal(str, str)
    # the chat model is needed now (a question while none was loaded at start): load it with
    # its status shown, before the question on the same model thread
    model_wanted = Signal()

    def __init__(self, aisle: Aisle, languages: LanguageSwitcher) -> None:
        super().__init__()
        self.aisle = aisle
        self.languages = languages
        self.model_state: tuple[str, str] = ("none", "")
        self.loaded_model: LoadedModel | None = None
        self.item_states: dict[str, ItemState] = {}  # every listed product (cards show it)
        self.compare_ids: list[str] = []  # the products chosen to compare, in order
        self.model_status_changed.connect(self._remember_model_state)
        self.catalog_changed.connect(self.read_item_states)  # first when the folder is ready

    def read_item_states(self) -> None:
        """Read which products are saved or in the cart again (off the GUI thread)."""
        def read(states: dict[str, ItemState]) -> None:
            self.item_states = states
            self.item_states_changed.emit()

        run_op(self, self.aisle.lists.item_states, read,
               lambda err: log.warning("the saved list could not be read: %s", err))

    def set_state(self, product_id: str, state: ItemState) -> None:
        """A product's state as a list operation just returned it."""
        self.item_states[product_id] = state
        self.item_states_changed.emit()

    def toggle_compare(self, product_id: str) -> bool:
        """Add the product to the comparison (at most ``MAX_COMPARE``) or take it out; False
        when the comparison is full."""
        if product_id in self.compare_ids:
            self.compare_ids.remove(product_id)
        elif len(self.compare_ids) >= MAX_COMPARE:
            return False
        else:
            self.compare_ids.append(product_id)
        self.compare_changed.emit()
        return True

    def state_of(self, product_id: str) -> ItemState:
        return self.item_states.get(product_id, ItemState())

    def _remember_model_state(self, state: str, text: str) -> None:
        self.model_state = (state, text)

    def model_ready(self, model: LoadedModel) -> None:
        """Announce the model that just loaded."""
        self.loaded_model = model
        self.model_status_changed.emit("ready", model.display_name)

    @property
    def engine_language(self) -> str:
        """The UI language as the engine names it ("zh" or "en")."""
        return "zh" if self.languages.current.startswith("zh") else "en"

    @property
    def settings(self) -> Settings:
        return self.aisle.settings

    def update_settings(self, **changes: object) -> Settings:
        """Validate, save and keep the new settings; raises SettingsError on a bad value."""
        return self.aisle.update_settings(**changes)
