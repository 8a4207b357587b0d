"""What every view shares: the engine facade, the settings, and app-wide signals.

Views talk to each other only through these signals (open a product, history changed, ...),
so no view holds a reference to another.
"""

from __future__ import annotations

import inspect
import logging

from PySide6.QtCore import QObject, Signal

from desktop_app.i18n import LanguageSwitcher
from engine.app import Aisle
from engine.settings import Settings

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Shared state for one main window."""

    product_requested = Signal(str, str)   # product id, where it was opened from
    catalog_changed = Signal()
    history_changed = Signal()
    personalization_changed = Signal()  # personal ordering of results switched on or off
    model_status_changed = Signal(str, str)  # state ("loading"/"ready"/"failed"/"none"), text

    def __init__(self, aisle: Aisle, languages: LanguageSwitcher) -> None:
        super().__init__()
        self.aisle = aisle
        self.languages = languages
        self.model_state: tuple[str, str] = ("none", "")
        self.model_status_changed.connect(self._remember_model_state)

    def _remember_model_state(self, state: str, text: str) -> None:
        self.model_state = (state, text)

    @property
    def settings(self) -> Settings:
        return self.aisle.settings

    def has(self, feature: str) -> bool:
        """Whether the engine offers ``feature`` (e.g. "assistant", "history") on the facade.

        Checked statically so that asking never triggers loading (a property may load a model).
        """
        return inspect.getattr_static(self.aisle, feature, None) is not None

    def update_settings(self, **changes: object) -> Settings:
        """Validate, save and keep the new settings; raises SettingsError on a bad value."""
        return self.aisle.update_settings(**changes)
