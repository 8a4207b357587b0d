"""The engine's own words in the shopper's language, from gettext catalogs.

The engine writes every message a person reads as an English template with named fields
(``"The bundle's {name} is truncated."``) and fills it in late, so the same message can be
shown in English by the CLI and in Chinese by the GUI. The catalogs are
``resources/translations/engine_<language>.po``, compiled to ``.mo`` by
``scripts/translations.sh``; the standard library reads them, so nothing extra ships.
"""

from __future__ import annotations

import gettext
import logging
from functools import cache
from typing import Any

from engine.paths import resource_path

log = logging.getLogger(__name__)

#: The catalog for each language code the app uses ("zh" and "zh_CN" both mean 简体中文).
CATALOGS = {"zh": "zh_CN", "zh_CN": "zh_CN"}


@cache
def _catalog(code: str) -> gettext.NullTranslations:
    path = resource_path("translations", f"engine_{code}.mo")
    try:
        with path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError as err:
        log.warning("engine messages for %s are missing (%s); using English", code, err)
        return gettext.NullTranslations()


class Message(str):
    """A message for a person, read as English text wherever a ``str`` goes (the CLI, JSON,
    logs) and shown in another language with :meth:`in_language` (the GUI): progress labels and
    import skip reasons. The template is a literal at the call, like an error's."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = super().__new__(cls, fill(template, "en", params))
        text.template, text.params = template, params
        return text

    @classmethod
    def sent(cls, text: str, template: str, params: dict[str, Any]) -> Message:
        """A message another process wrote: its English ``text`` exactly as it came (its
        params arrive as text, so filling them in here could differ), other languages from
        ``template``, which was a literal where that process made it."""
        message = super().__new__(cls, text)
        message.template, message.params = template, params
        return message

    def in_language(self, language: str) -> str:
        """The message in ``language`` ("en", "zh" or "zh_CN"), English where untranslated."""
        if CATALOGS.get(language) is None:
            return str(self)
        return translate(self.template, language, **self.params)


def in_language(text: str, language: str) -> str:
    """``text`` in ``language`` if it is a :class:`Message` or an engine error's, else as it
    is (a plain string from outside the engine, such as a file name)."""
    return text.in_language(language) if hasattr(text, "in_language") else str(text)


def translate(template: str, language: str = "en", /, **params: Any) -> str:
    """``template`` in ``language`` (English when there is no translation), with its fields
    filled in. A field that is itself an engine error is shown in the same language."""
    code = CATALOGS.get(language)
    text = _catalog(code).gettext(template) if code else template
    return fill(text, language, params)


def fill(text: str, language: str, params: dict[str, Any]) -> str:
    """``text`` with ``params`` put in its ``{fields}``; a text without params is shown as it
    is (only a template with fields writes a literal brace twice)."""
    if not params:
        return text
    shown = {k: v.in_language(language) if hasattr(v, "in_language") else v
             for k, v in params.items()}
    return text.format(**shown)
