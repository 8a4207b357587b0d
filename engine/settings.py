"""User settings: a validated, versioned object passed to whoever needs it (no singleton).

A settings file with garbage in it is renamed aside and defaults are used, so a bad file can
never stop the app from starting.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from engine.errors import SettingsError
from engine.messages import Message
from engine.quarantine import quarantine

log = logging.getLogger(__name__)

SETTINGS_NAME = "settings.json"
SCHEMA_VERSION = 1
LANGUAGES = ("en", "zh_CN")
UPDATE_SCHEMES = ("https://", "http://", "file://")


@dataclass(frozen=True)
class Settings:
    language: str = "en"
    model_threads: int = 0          # 0: the physical cores other work leaves free
    model_gpu_layers: int = -2      # -2: detect (all layers when llama.cpp has a GPU, else 0)
    model_context: int = 4096
    personalize_results: bool = True
    load_model_at_start: bool = True  # False: the chat model loads at the first question
    update_index_url: str = ""      # the publisher's index of catalog versions ("": none)
    schema_version: int = SCHEMA_VERSION

    def validated(self) -> Settings:
        """Raise SettingsError naming the first invalid value."""
        if self.language not in LANGUAGES:
            raise SettingsError("Unknown language '{code}' (use one of {languages}).",
                                code=self.language, languages=LANGUAGES)
        if not 0 <= self.model_threads <= 256:
            raise SettingsError("Model threads must be between 0 (automatic) and 256.")
        if not -2 <= self.model_gpu_layers <= 1000:
            raise SettingsError("GPU layers must be -2 (detect), -1 (all), 0 (CPU) or a count.")
        if not 512 <= self.model_context <= 131072:
            raise SettingsError("The model context must be between 512 and 131072 tokens.")
        if self.update_index_url and not self.update_index_url.startswith(UPDATE_SCHEMES):
            raise SettingsError("The update address must start with https://, http:// or "
                                "file://.")
        return self

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes).validated()


def load_settings(data_dir: Path) -> tuple[Settings, str | None]:
    """Settings from the data dir, and a message if a broken file had to be set aside."""
    path = Path(data_dir) / SETTINGS_NAME
    if not path.exists():
        return Settings(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise SettingsError("settings must be a JSON object")
        known = {f.name for f in fields(Settings)}
        settings = Settings(**{k: v for k, v in raw.items()
                               if k in known and k != "schema_version"})
        _check_types(settings)
        return settings.validated(), None
    except (OSError, ValueError, TypeError, RecursionError, SettingsError) as err:  # deep nesting
        moved = quarantine(path)
        message = Message(
            "Your settings file could not be read ({reason}); it was set aside as {file} and "
            "default settings are used.",
            reason=err if isinstance(err, SettingsError) else str(err), file=moved.name,
        )
        log.warning(message)
        return Settings(), message


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write settings atomically (temp file + rename)."""
    settings.validated()
    path = Path(data_dir) / SETTINGS_NAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(tmp, path)


def _check_types(settings: Settings) -> None:
    for f in fields(Settings):
        value = getattr(settings, f.name)
        expected = {"str": str, "int": int, "bool": bool}[str(f.type)]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SettingsError("'{name}' has the wrong type", name=f.name)
