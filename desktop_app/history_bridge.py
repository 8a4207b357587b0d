"""The GUI's calls into on-device personalization (``Aisle.history``), off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.workers import run_op

ACTIONS = ("save", "cart", "bought", "dismiss")


def available(ctx: AppContext) -> bool:
    return ctx.has("history")


def record_view(parent: QWidget, ctx: AppContext, product_id: str, source: str) -> None:
    """Record that the shopper opened a product (the engine honours the pause switch)."""
    if not available(ctx):
        return
    run_op(parent, lambda: ctx.aisle.history.record("view", product_id, context=source),
           lambda _: ctx.history_changed.emit(), lambda err: show_error(parent, err))


def record_action(parent: QWidget, ctx: AppContext, kind: str, product_id: str,
                  done: Callable[[], None]) -> None:
    """Save / add to cart / mark as bought / not interested."""
    if not available(ctx):
        return

    def finished(_: object) -> None:
        ctx.history_changed.emit()
        done()

    run_op(parent, lambda: ctx.aisle.history.record(kind, product_id, context="product"),
           finished, lambda err: show_error(parent, err))


def recommendations(ctx: AppContext) -> list[tuple[object, str]]:
    """(product, reason) pairs for the "For you" page (runs in a worker)."""
    return [(pick.product, pick.reason) for pick in ctx.aisle.history.recommend()]


def delete_everything(parent: QWidget, ctx: AppContext, done: Callable[[], None]) -> None:
    def finished(_: object) -> None:
        ctx.history_changed.emit()
        done()

    run_op(parent, lambda: ctx.aisle.history.delete_all(), finished,
           lambda err: show_error(parent, err))
