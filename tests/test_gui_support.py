"""Shared set-up for the GUI tests (no tests here): the real main window on a copy of the
session's test catalog (tests/conftest.py). A window starts without a chat model unless the test
chats: ``window_with_model`` links the session's joined model into its data dir and loads it
through the app's real default-model path; a chat test whose answers need no model takes
``window_without_model``, whose chosen model fails at once, so nothing is joined or loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import link_model, unloadable_model  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from desktop_app.main import build_app  # noqa: E402
from desktop_app.workers import wait_for_all  # noqa: E402
from engine.llm.model_files import QWEN_05B, assembled_path  # noqa: E402
from engine.settings import load_settings, save_settings  # noqa: E402

WAIT_MS = 60_000


def link_default_model(model_file: Path, data_dir: Path) -> Path:
    """Put the session's joined default model where the app looks for it (a hard link): the app
    still goes through its real default-model path, without re-joining 491 MB."""
    return link_model(model_file, assembled_path(data_dir / "models", QWEN_05B))


def open_window(qtbot, catalog_data: Path, data_dir: Path, *,  # type: ignore[no-untyped-def]
                model_file: Path | None = None, load_model_at_start: bool | None = None):
    """The real main window on a copy of the test catalog in ``data_dir``, started; with
    ``model_file`` the default model is linked in and (unless told otherwise) loaded at start,
    as for a shopper."""
    shutil.copytree(catalog_data, data_dir, dirs_exist_ok=True)
    settings, _ = load_settings(data_dir)
    if model_file is not None:
        link_default_model(model_file, data_dir)
    if load_model_at_start is None:
        load_model_at_start = model_file is not None
    save_settings(data_dir, settings.with_changes(load_model_at_start=load_model_at_start))
    main, _app = build_app(str(data_dir), language="en")
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.ready, timeout=WAIT_MS):
        main.start()
    return main


@pytest.fixture
def window(qtbot, catalog_data, isolated_data_dir):  # type: ignore[no-untyped-def]
    """The real main window on the test catalog, with no chat model loaded (most tests never
    ask one), closed and its workers drained afterwards."""
    main = open_window(qtbot, catalog_data, isolated_data_dir)
    yield main
    close_window(main)


@pytest.fixture
def window_with_model(qtbot, catalog_data, isolated_data_dir, model_file):  # type: ignore[no-untyped-def]
    """The real main window that loads the real default chat model at start, as a shopper's."""
    main = open_window(qtbot, catalog_data, isolated_data_dir, model_file=model_file)
    yield main
    close_window(main)


@pytest.fixture
def window_without_model(window, tmp_path):  # type: ignore[no-untyped-def]
    """The window with a chosen chat model that fails at once when loaded (no dialog: it was
    not chosen in Settings): the chat lists matches from search alone; product questions,
    comparisons and decisions are answered as with a model (by code)."""
    aisle = window.ctx.aisle
    aisle.models.use(aisle.models.add(unloadable_model(tmp_path / "unloadable.gguf")).name)
    return window


def close_window(main) -> None:  # type: ignore[no-untyped-def]
    main.ctx.languages.apply("en")
    main.close()
    wait_for_all()


def wait_model(qtbot, window, states=("ready",), timeout=WAIT_MS) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.ctx.model_state[0] in states, timeout=timeout)
    return window.ctx.model_state[0]


def dialogs(kind=QMessageBox, name=None):  # type: ignore[no-untyped-def]
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, kind) and w.isVisible() and (name is None or w.objectName() == name)]


def open_product(qtbot, window, product_id: str, source: str = "test") -> None:  # type: ignore[no-untyped-def]
    """Open a product page and wait until its view has been recorded."""
    with qtbot.waitSignal(window.ctx.history_changed, timeout=WAIT_MS):
        with qtbot.waitSignal(window.product.product_shown, timeout=WAIT_MS):
            window.ctx.product_requested.emit(product_id, source)
