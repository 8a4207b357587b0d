"""The facade's chat model operations: list, add and choose models, install a built-in one,
load it (in its worker process) and say how it runs on this CPU."""

from __future__ import annotations

from pathlib import Path

from engine.facade.parts import Parts
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import CpuMode, LoadedModel, ModelEntry


class ModelOps:
    _parts: Parts

    def models(self) -> list[ModelEntry]:
        """Built-in models first, then added ones, with which is installed, active, default.

        Raises:
            ModelError: the model list is unreadable.
        """
        return self._parts.registry.list()

    def active_model(self) -> ModelEntry:
        """The model the shopper chose, or this computer's default."""
        return self._parts.registry.active()

    def add_model(self, path: Path | str, *, name: str | None = None) -> ModelEntry:
        """Register a GGUF file where it lies (validated, not copied); it is not made active.

        Raises:
            ModelError: the file is missing, not GGUF or truncated, or the name is taken.
        """
        return self._parts.registry.add(path, name=name)

    def use_model(self, name: str) -> ModelEntry:
        """Make ``name`` the active model; the loaded one is closed first (one in memory).

        Raises:
            ModelError: unknown name, or the model is not installed.
        """
        self._parts.host().use(name)
        return self._parts.registry.get(name)

    def install_model(self, name: str | None = None, *, progress: ProgressCallback = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> ModelEntry:
        """Make the model's file ready: a built-in model is joined from its packages (once per
        data folder, with progress); an added one is checked (default: the active model).

        Raises:
            ModelError: the model is not installed or its file is damaged.
            Cancelled: ``cancel`` was set while joining.
        """
        registry = self._parts.registry
        registry.model_path(name, progress=progress, cancel=cancel)
        return registry.get(name) if name else registry.active()

    def load_model(self, progress: ProgressCallback = no_progress) -> LoadedModel:
        """Install (if needed) and start the active model; returns it once it answers.

        Raises:
            ModelError: the model is missing, damaged or cannot be loaded.
        """
        entry = self.install_model(progress=progress)
        host = self._parts.host()
        model = host()
        return LoadedModel(entry.name, model.name, entry.license, model.pid, model.alive,
                           host.cpu_mode)

    def unload_model(self) -> None:
        """End the model's worker process (the next answer starts a fresh one)."""
        self._parts.host().close()

    def cpu_mode(self) -> CpuMode | None:
        """How the chat model runs on this CPU (None until a model has started)."""
        return self._parts.host().cpu_mode
