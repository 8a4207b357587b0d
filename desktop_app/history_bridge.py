"""The GUI's calls into on-device personalization (``Aisle.history``), always off the GUI thread.

Functions taking a ``parent`` start a worker and announce ``ctx.history_changed`` when they
changed something; the plain functions are meant to run inside a worker the caller starts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.workers import run_op
from engine import network_guard
from engine.personalization.profile import PRICE_EDGES, band_bounds
from engine.records import SearchResult

ACTIONS = ("save", "cart", "bought", "dismiss")
SIMILAR_COUNT = 8
BECAUSE_COUNT = 6
HISTORY_SHOWN = 300


def available(ctx: AppContext) -> bool:
    return ctx.has("history")


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
    if available(ctx):
        _change(parent, ctx, lambda: ctx.aisle.history.record("view", product_id, context=source))


def record_action(parent: QWidget, ctx: AppContext, kind: str, product_id: str,
                  done: Callable[[bool], None]) -> None:
    """Save / unsave / add to cart / mark as bought / not interested; ``done(recorded)``."""
    if available(ctx):
        _change(parent, ctx,
                lambda: ctx.aisle.history.record(kind, product_id, context="product") is not None,
                done)


def record_click(parent: QWidget, ctx: AppContext, result: SearchResult, product_id: str,
                 ref: int | None, done: Callable[[int | None], None]) -> None:
    """A result opened from a search: record the list shown (once, unless ``ref`` already
    names it) and the click, so the personal ranker can learn which results this shopper
    prefers (retrained when enough is new). ``done(ref)`` gets the search event's id."""
    if not available(ctx):
        return

    def work() -> int | None:
        history = ctx.aisle.history
        search_ref = ref
        if search_ref is None and result.query.strip():
            search_ref = history.record_search(result)
        history.record("click", product_id, context="search", ref=search_ref)
        history.train_if_due()
        return search_ref

    _change(parent, ctx, work, done)


# ----- reading (call inside a worker) -------------------------------------------------------

def personalize(ctx: AppContext, result: SearchResult) -> tuple[SearchResult, dict[str, str]]:
    """The result in this shopper's order when Settings allow it, and why products moved up."""
    if not available(ctx) or not ctx.settings.personalize_results:
        return result, {}
    personal = ctx.aisle.history.personalize(result, enabled=True)
    return personal.result, personal.reasons


def recommendations(ctx: AppContext) -> list[Any]:
    """The "For you" picks (``Pick``: product, reason)."""
    return ctx.aisle.history.recommend(limit=12)


@dataclass
class ProductExtras:
    """Lists shown under a product: similar items and "because you viewed" another one."""

    similar: list[Any] = field(default_factory=list)  # Pick or SearchHit-like (product, reason)
    because_title: str = ""
    because: list[Any] = field(default_factory=list)


def product_extras(ctx: AppContext, product_id: str) -> ProductExtras:
    """Similar items (personal fit as tie-breaker) and picks for the previous product viewed."""
    if not available(ctx):
        hits = ctx.aisle.catalog.similar(product_id, SIMILAR_COUNT)
        return ProductExtras(similar=[_Plain(h.product) for h in hits])
    history = ctx.aisle.history
    extras = ProductExtras(similar=history.similar_to(product_id, SIMILAR_COUNT))
    previous = next((e for e in history.history(limit=50)
                     if e.kind == "view" and e.product_id and e.product_id != product_id), None)
    if previous is not None and previous.product_id:
        shown = {product_id, *(p.product.id for p in extras.similar)}
        picks = history.similar_to(previous.product_id, BECAUSE_COUNT * 2)
        extras.because = [p for p in picks if p.product.id not in shown][:BECAUSE_COUNT]
        extras.because_title = previous.product.title if previous.product else previous.product_id
    return extras


@dataclass(frozen=True)
class _Plain:
    product: Any
    reason: str = ""


@dataclass
class PrivacySnapshot:
    """Everything the privacy page shows, read in one go."""

    paused: bool
    events: list[Any]
    total_events: int
    categories: list[tuple[str, float]]
    brands: list[tuple[str, float]]
    price_range: str | None
    price_bands: list[tuple[str, float]]
    ranker: dict[str, Any] | None
    network: list[dict[str, Any]]


def privacy_snapshot(ctx: AppContext) -> PrivacySnapshot:
    history = ctx.aisle.history
    summary = history.summary()
    bands = history.profile().top("band", time.time(), n=len(PRICE_EDGES))
    return PrivacySnapshot(
        paused=summary.paused, events=history.history(limit=HISTORY_SHOWN),
        total_events=summary.events, categories=summary.categories, brands=summary.brands,
        price_range=summary.price_range,
        price_bands=[(_band_label(int(b)), share) for b, share in sorted(bands, key=_band_key)],
        ranker=summary.ranker, network=network_guard.read_log(ctx.aisle.data_dir),
    )


def _band_key(item: tuple[str, float]) -> int:
    return int(item[0])


def _band_label(band: int) -> str:
    low, high = band_bounds(band)
    return f"${low:,.0f}+" if high is None else f"${low:,.0f}–{high:,.0f}"


# ----- controls -----------------------------------------------------------------------------

def set_paused(parent: QWidget, ctx: AppContext, paused: bool) -> None:
    history = ctx.aisle.history
    _change(parent, ctx, history.pause if paused else history.resume)


def delete(parent: QWidget, ctx: AppContext, done: Callable[[int], None], *,
           ids: Sequence[int] = (), since: float | None = None, everything: bool = False) -> None:
    """Delete chosen events, everything since a time, or the whole history; ``done(count)``."""
    def work() -> int:
        history = ctx.aisle.history
        if everything:
            return history.delete_all()
        return history.delete(ids=ids, since=since)

    _change(parent, ctx, work, done)


def export(parent: QWidget, ctx: AppContext, path: Path, done: Callable[[int], None]) -> None:
    run_op(parent, lambda: ctx.aisle.history.export_to(path), done,
           lambda err: show_error(parent, err))
