"""Keeps at most one chat model loaded and hands it to the assistant (its model provider).

Loading takes seconds and hundreds of MB, so the model is loaded on first use and reused; a
model that failed to load is not retried on every message (the error is remembered until the
user picks another model).
"""

from __future__ import annotations

import logging
import threading

from engine.errors import ModelError
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ChatModel, ModelSettings
from engine.progress import ProgressCallback, no_progress

log = logging.getLogger(__name__)


class ModelHost:
    """Callable model provider: ``host()`` returns the loaded active model or raises ModelError."""

    def __init__(self, registry: ModelRegistry, settings: ModelSettings | None = None,
                 progress: ProgressCallback = no_progress) -> None:
        self.registry = registry
        self.settings = settings or ModelSettings()
        self.progress = progress  # shown while a built-in model is joined on first use
        self._model: ChatModel | None = None
        self._loaded_name = ""
        self._failed: tuple[str, ModelError] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> ChatModel:
        with self._lock:
            name = self.registry.active().name
            if self._failed and self._failed[0] == name:
                raise self._failed[1]
            if self._model is not None and self._loaded_name == name:
                return self._model
            self._unload()
            try:
                path = self.registry.model_path(name, progress=self.progress)
                self._model = ChatModel(path, self.settings)
            except ModelError as err:
                self._failed = (name, err)
                raise
            self._loaded_name = name
            return self._model

    def _unload(self) -> None:
        if self._model is not None:
            self._model.close()
            self._model = None

    def use(self, name: str) -> None:
        """Switch models: the old one is closed first so two are never in memory."""
        with self._lock:
            self.registry.use(name)
            self._failed = None
            self._unload()

    def close(self) -> None:
        with self._lock:
            self._unload()
