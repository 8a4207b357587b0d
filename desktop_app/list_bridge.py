"""Changes to the saved list and the cart, run off the GUI thread; every view is told after."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.workers import run_op
from engine.records import ItemState


def change(parent: QWidget, ctx: AppContext, product_id: str, work: Callable[[], ItemState],
           done: Callable[[ItemState], None] | None = None) -> None:
    """Run ``work`` (a list operation of the facade on ``product_id``), then show the product's
    new state (it is the only one that changed) and tell the pages the lists changed (and the
    history, which records the same actions)."""
    def finished(state: ItemState) -> None:
        ctx.set_state(product_id, state)
        ctx.lists_changed.emit()
        ctx.history_changed.emit()
        if done is not None:
            done(state)

    run_op(parent, work, finished, lambda err: show_error(parent, err))
