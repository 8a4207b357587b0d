"""Runtime language switching with Qt's translation files.

Every view sets its texts in ``retranslate()``; :class:`Retranslatable` calls it again when the
application installs another translator, so switching language needs no restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QTranslator

from engine.app import resource_path

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


class Retranslatable:
    """Mixin for widgets: re-run ``retranslate()`` on a language change."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


_LANGUAGE_PROPERTY = "aisleLanguage"


def ui_language() -> str:
    """The language the UI shows now ("en" or "zh_CN"), for the engine's own messages."""
    app = QCoreApplication.instance()
    return (app.property(_LANGUAGE_PROPERTY) if app is not None else None) or "en"


class LanguageSwitcher:
    """Owns the installed translators; ``apply(code)`` swaps them."""

    def __init__(self) -> None:
        self._translators: list[QTranslator] = []

    @property
    def current(self) -> str:
        """The language applied now ("en" or "zh_CN")."""
        return ui_language()

    def apply(self, code: str) -> bool:
        """Switch the UI to ``code``; returns False (and stays in English) if files are missing."""
        app = QCoreApplication.instance()
        for translator in self._translators:
            app.removeTranslator(translator)
        self._translators.clear()
        app.setProperty(_LANGUAGE_PROPERTY, "en")
        if code == "en" or code not in LANGUAGES:
            return code == "en"
        ours = QTranslator()
        if not ours.load(str(resource_path("translations", f"aisle_{code}.qm"))):
            log.warning("translation for %s is missing; staying in English", code)
            return False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_own = QTranslator()
        if qt_own.load(f"qt_{code}", qt_dir):  # Qt's own dialog buttons (OK, Cancel, ...)
            app.installTranslator(qt_own)
            self._translators.append(qt_own)
        app.installTranslator(ours)
        self._translators.append(ours)
        app.setProperty(_LANGUAGE_PROPERTY, code)
        return True
