"""A page that reloads its data from the engine when shown and when the history, the catalog
or the UI language (the engine's reasons are written in it) change."""

from __future__ import annotations

from desktop_app.context import AppContext


class LivePage:
    """Mixin for QWidget pages: call ``follow(ctx)`` in ``__init__`` and implement ``refresh``."""

    def follow(self, ctx: AppContext, *, history: bool = True) -> None:
        """Refresh on these changes (``history``: also when the history changed)."""
        if history:
            ctx.history_changed.connect(self._refresh_if_visible)
        ctx.catalog_changed.connect(self._refresh_if_visible)
        ctx.language_changed.connect(self._refresh_if_visible)

    def refresh(self) -> None:
        raise NotImplementedError

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        self.refresh()

    def _refresh_if_visible(self) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh()
