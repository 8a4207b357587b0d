"""The facade's chat models (``aisle.models``): list, add and choose models, install a built-in
one, load it (in its worker process) and say how it runs on this CPU."""

from __future__ import annotations

from pathlib import Path

from engine.llm.host import ChatModelHost
from engine.llm.model_files import physical_cores
from engine.llm.registry import ModelRegistry
from engine.llm.runtime import ModelSettings
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import CpuMode, LoadedModel, ModelEntry
from engine.settings import Settings


def model_settings(settings: Settings) -> ModelSettings:
    """How the shopper's settings load a model (0 threads: the physical cores other work leaves
    free, looked at before each answer)."""
    return ModelSettings(
        n_ctx=settings.model_context,
        n_threads=settings.model_threads or physical_cores(),
        adapt_threads=not settings.model_threads,
        n_gpu_layers=None if settings.model_gpu_layers == -2 else settings.model_gpu_layers,
    )


class ModelOps:
    """The registered models and the host that runs the active one."""

    def __init__(self, registry: ModelRegistry, host: ChatModelHost) -> None:
        self._registry = registry
        self._host = host

    def entries(self) -> list[ModelEntry]:
        """Built-in models first, then added ones, with which is installed, active, default.

        Raises:
            ModelError: the model list is unreadable.
        """
        return self._registry.list()

    def active(self) -> ModelEntry:
        """The model the shopper chose, or this computer's default."""
        return self._registry.active()

    def add(self, path: Path | str, *, name: str | None = None) -> ModelEntry:
        """Register a GGUF file where it lies (validated, not copied); it is not made active.

        Raises:
            ModelError: the file is missing, not GGUF or truncated, or the name is taken.
        """
        return self._registry.add(path, name=name)

    def use(self, name: str) -> ModelEntry:
        """Make ``name`` the active model; the loaded one is closed first (one in memory).

        Raises:
            ModelError: unknown name, or the model is not installed.
        """
        self._host.use(name)
        return self._registry.get(name)

    def install(self, name: str | None = None, *, progress: ProgressCallback = no_progress,
                cancel: CancelToken = NEVER_CANCELLED) -> ModelEntry:
        """Make the model's file ready: a built-in model is joined from its packages (once per
        data folder, with progress); an added one is checked (default: the active model).

        Raises:
            ModelError: the model is not installed or its file is damaged.
            Cancelled: ``cancel`` was set while joining.
        """
        registry = self._registry
        registry.model_path(name, progress=progress, cancel=cancel)
        return registry.get(name) if name else registry.active()

    def load(self, progress: ProgressCallback = no_progress) -> LoadedModel:
        """Install (if needed) and start the active model; returns it once it answers.

        Raises:
            ModelError: the model is missing, damaged or cannot be loaded.
        """
        entry = self.install(progress=progress)
        model = self._host(progress)
        return LoadedModel(entry.name, model.name, entry.license, model.pid, model.alive,
                           self._host.cpu_mode)

    def unload(self) -> None:
        """End the model's worker process (the next answer starts a fresh one)."""
        self._host.close()

    def cpu_mode(self) -> CpuMode | None:
        """How the chat model runs on this CPU (None until a model has started)."""
        return self._host.cpu_mode
