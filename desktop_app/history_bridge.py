"""The GUI's calls into on-device personalization, always off the GUI thread.

Each function starts a worker; those that change the history announce ``ctx.history_changed``
when done, so every page showing it reloads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.workers import run_op
from engine.records import SearchResult

ACTIONS = ("save", "cart", "bought", "dismiss")


def _change(parent: QWidget, ctx: AppContext, work: Callable[[], Any],
            done: Callable[[Any], None] | None = None) -> None:
    """Run a history change in a worker, then tell every view the history changed."""
    def finished(value: Any) -> None:
        ctx.history_changed.emit()
        if done is not None:
            done(value)

    run_op(parent, work, finished, lambda err: show_error(parent, err))


# ----- recording ----------------------------------------------------------------------------

def record_view(parent: QWidget, ctx: AppContext, product_id: str, source: str) -> None:
    """Record that the shopper opened a product (nothing is stored while recording is paused)."""
    _change(parent, ctx, lambda: ctx.aisle.history.record("view", product_id, context=source))


def record_action(parent: QWidget, ctx: AppContext, kind: str, product_id: str,
                  done: Callable[[bool], None]) -> None:
    """Save / unsave / add to cart / mark as bought / not interested; ``done(recorded)``."""
    _change(parent, ctx,
            lambda: ctx.aisle.history.record(kind, product_id, context="product") is not None, done)


def record_click(parent: QWidget, ctx: AppContext, result: SearchResult, product_id: str,
                 ref: int | None, done: Callable[[int | None], None]) -> None:
    """A result opened from a search: the engine records the list shown (once, unless ``ref``
    already names it) and the click; ``done(ref)`` gets the search event's id."""
    _change(parent, ctx,
            lambda: ctx.aisle.history.record_click(result, product_id, search_ref=ref), done)


# ----- controls -----------------------------------------------------------------------------

def set_paused(parent: QWidget, ctx: AppContext, paused: bool) -> None:
    _change(parent, ctx, ctx.aisle.history.pause if paused else ctx.aisle.history.resume)


def delete(parent: QWidget, ctx: AppContext, done: Callable[[int], None], *,
           ids: Sequence[int] = (), since: float | None = None, everything: bool = False) -> None:
    """Delete chosen events, everything since a time, or everything (the history, the saved
    chats, the saved list and the cart); ``done(count of events)``."""
    def work() -> int:
        if everything:
            return ctx.aisle.history.delete_everything()
        return ctx.aisle.history.delete(ids=ids, since=since)

    def finished(count: int) -> None:
        if everything:
            ctx.chats_changed.emit()
            ctx.read_item_states()
            ctx.lists_changed.emit()
        done(count)

    _change(parent, ctx, work, finished)


def export(parent: QWidget, ctx: AppContext, path: Path, done: Callable[[int], None]) -> None:
    run_op(parent, lambda: ctx.aisle.history.export(path), done,
           lambda err: show_error(parent, err))
