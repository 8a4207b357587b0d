"""The GUI's calls into the engine's chat models (list, add, choose, load, CPU mode).

Loading, switching and unloading a model all run on the single model thread (``serial=True``):
a generation in progress is never pulled out from under llama.cpp.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import ui_language
from desktop_app.workers import run_op
from engine.errors import AisleError
from engine.messages import in_language
from engine.progress import ProgressCallback, no_progress
from engine.records import LoadedModel, ModelEntry


def load(ctx: AppContext, progress: ProgressCallback = no_progress) -> LoadedModel:
    """Load the active chat model (on the model thread).

    A built-in model is first joined from its package parts (once per data folder), with
    progress, so a first start shows how far that is rather than a silent wait.

    Raises:
        ModelError: the model is missing, damaged or cannot be loaded.
    """
    return ctx.aisle.models.load(progress)


def explanation() -> str:
    return QCoreApplication.translate(
        "Models", "Threads: 0 uses the physical cores that other programs leave free, looked "
        "at before each answer. GPU layers: -2 detects a GPU, 0 keeps the model on the CPU. "
        "Changes apply when the model is reloaded.")


def cpu_mode(ctx: AppContext) -> str:
    """How the chat model runs on this CPU, and why a safe mode is used if one is."""
    mode = ctx.aisle.models.cpu_mode()
    if mode is None:
        return ""
    if mode.device:
        return QCoreApplication.translate("Models", "Graphics card: %1.").replace(
            "%1", mode.device)
    kernels = mode.variant or QCoreApplication.translate("Models", "native build")
    text = QCoreApplication.translate("Models", "CPU kernels: %1.").replace("%1", kernels)
    if mode.safe:
        text = QCoreApplication.translate("Models", "Using safe CPU mode because %1.").replace(
            "%1", in_language(mode.reason, ui_language())) + " " + text
    if mode.cpu_reason:
        text += " " + QCoreApplication.translate("Models", "Using the CPU because %1.").replace(
            "%1", in_language(mode.cpu_reason, ui_language()))
    return text


def list_models(ctx: AppContext) -> list[ModelEntry]:
    """Registered models (reads a small JSON file; cheap enough for the GUI thread)."""
    try:
        return ctx.aisle.models.entries()
    except AisleError:  # a broken model list shows as an empty list
        return []


def describe(entry: ModelEntry) -> str:
    size = f", {entry.size / 1e6:,.0f} MB" if entry.size else ""
    missing = "" if entry.installed else QCoreApplication.translate("Models", " (not installed)")
    return f"{entry.display_name}{size} — {entry.license}{missing}"


def add_and_use(parent: QWidget, ctx: AppContext, path: Path,
                done: Callable[[ModelEntry], None]) -> None:
    """Validate and register a GGUF file, then make it the active model (old one unloaded)."""
    def work() -> ModelEntry:
        return ctx.aisle.models.use(ctx.aisle.models.add(path).name)

    run_op(parent, work, done, lambda err: show_error(parent, err), serial=True)


def use(parent: QWidget, ctx: AppContext, name: str, done: Callable[[ModelEntry], None]) -> None:
    """Make ``name`` active; the loaded model is closed so the next load uses new settings."""
    run_op(parent, lambda: ctx.aisle.models.use(name), done, lambda err: show_error(parent, err),
           serial=True)
