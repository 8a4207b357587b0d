"""The GUI's view of the engine's chat models (``Aisle.models``), greyed out when absent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from engine.errors import ModelError

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.workers import run_op


def available(ctx: AppContext) -> bool:
    return ctx.has("models")


def can_load(ctx: AppContext) -> bool:
    return ctx.has("assistant")


def load(ctx: AppContext) -> str:
    """Load the active chat model (on the model thread); returns "name (license)".

    Raises:
        ModelError: the model could not be loaded (the assistant then lists matches instead).
    """
    model, reason = ctx.aisle.assistant.model()
    if model is None:
        raise ModelError(reason)
    license_ = ""
    if available(ctx):
        license_ = ctx.aisle.models.active().license
    return f"{model.name} — {license_}" if license_ else model.name


def explanation(ctx: AppContext) -> str:
    if not available(ctx):
        return QCoreApplication.translate("Models", "This version of Aisle has no chat model support; search still works.")
    return QCoreApplication.translate("Models", "Threads: 0 uses every physical core. GPU layers: -2 detects a GPU, 0 keeps the "
               "model on the CPU. Changes apply when the model is reloaded.")


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
    """Validate and register a GGUF file, then make it the active model."""
    def work() -> Any:
        entry = ctx.aisle.models.add(path)
        return ctx.aisle.models.use(entry.name)

    run_op(parent, work, done, lambda err: show_error(parent, err))


def use(parent: QWidget, ctx: AppContext, name: str, done: Callable[[Any], None]) -> None:
    run_op(parent, lambda: ctx.aisle.models.use(name), done, lambda err: show_error(parent, err))
