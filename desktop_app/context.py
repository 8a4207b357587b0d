"""What every view shares: the engine facade, the settings, and app-wide signals.

Views talk to each other only through these signals (open a product, history changed, ...),
so no view holds a reference to another.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop_app.i18n import LanguageSwitcher
from engine.app import Aisle, Settings
from engine.records import LoadedModel

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Shared state for one main window."""

    product_requested = Signal(str, str)   # product id, where it was opened from
    catalog_changed = Signal()
    history_changed = Signal()
    chats_changed = Signal()  # saved chats were deleted elsewhere (the privacy page)
    personalization_changed = Signal()  # personal ordering of results switched on or off
    # state ("none" before the first load, "loading", "ready", "failed") and a text: the
    # progress while loading, the model's name when ready, the reason when it failed
    model_status_changed = Signal(str, str)

    def __init__(self, aisle: Aisle, languages: LanguageSwitcher) -> None:
        super().__init__()
        self.aisle = aisle
        self.languages = languages
        self.model_state: tuple[str, str] = ("none", "")
        self.loaded_model: LoadedModel | None = None
        self.model_status_changed.connect(self._remember_model_state)

    def _remember_model_state(self, state: str, text: str) -> None:
        self.model_state = (state, text)

    def model_ready(self, model: LoadedModel) -> None:
        """Announce the model that just loaded."""
        self.loaded_model = model
        self.model_status_changed.emit("ready", model.display_name)

    @property
    def settings(self) -> Settings:
        return self.aisle.settings

    def update_settings(self, **changes: object) -> Settings:
        """Validate, save and keep the new settings; raises SettingsError on a bad value."""
        return self.aisle.update_settings(**changes)
