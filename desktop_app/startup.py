"""Start-up work done in the background: claim the data folder, open the catalog, load the model."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop_app import model_bridge
from desktop_app.context import AppContext
from desktop_app.errors import error_detail, show_error
from desktop_app.i18n import ui_language
from desktop_app.workers import run_op
from engine.app import CatalogInfo, StartupProblem
from engine.errors import AlreadyRunning
from engine.messages import in_language

log = logging.getLogger(__name__)


def open_catalog(window: QMainWindow, ctx: AppContext,
                 done: Callable[[CatalogInfo], None]) -> None:
    """``Aisle.start()`` then the active catalog (installing the demo catalog on first run)."""

    def work(progress: Callable[[int, int, str], None]
             ) -> tuple[list[StartupProblem], CatalogInfo]:
        problems = ctx.aisle.start()
        return problems, ctx.aisle.catalog.ensure(progress=progress)

    def progressed(done_: int, total: int, label: str) -> None:
        share = f" {100 * done_ // total}%" if total else ""
        window.statusBar().showMessage(
            QCoreApplication.translate("Startup", "Preparing the demo catalog…") + share)

    def finished(result: tuple[list[StartupProblem], CatalogInfo]) -> None:
        problems, info = result
        window.statusBar().clearMessage()
        if problems:
            _show_problems(window, problems)
        done(info)

    def failed(err: BaseException) -> None:
        window.statusBar().clearMessage()
        box = show_error(window, err)
        if isinstance(err, AlreadyRunning) and box is not None:
            box.finished.connect(window.close)

    run_op(window, work, finished, failed, progressed, serial=True)


def _show_problems(window: QMainWindow, problems: list[StartupProblem]) -> None:
    language = ui_language()
    text = "\n\n".join(in_language(p.message, language) for p in problems)
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("Startup", "Aisle repaired some files"), text,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("startupProblems")
    box.open()


def catalog_info(window: QMainWindow, ctx: AppContext,
                 done: Callable[[CatalogInfo], None]) -> None:
    run_op(window, ctx.aisle.catalog.info, done, lambda err: show_error(window, err))


def load_model(window: QMainWindow, ctx: AppContext, *, explain_failure: bool = False) -> None:
    """Load the chat model on the model thread, reporting "loading" then "ready"/"failed".

    Args:
        explain_failure: also show the reason in a dialog (the shopper just chose this model);
            at start-up the status bar and the chat page say it instead.
    """
    ctx.model_status_changed.emit("loading", "")

    def progressed(done: int, total: int, _label: str) -> None:
        if total:
            ctx.model_status_changed.emit("loading", f"{100 * done // total}%")

    def failed(err: BaseException) -> None:
        ctx.model_status_changed.emit("failed", error_detail(err))
        if explain_failure:
            show_error(window, err)

    run_op(window, lambda progress: model_bridge.load(ctx, progress), ctx.model_ready, failed,
           progressed, serial=True)
