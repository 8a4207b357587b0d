"""Shared set-up for the GUI tests (no tests here): a built test catalog, the default chat model
assembled once per session and linked into each test's data dir, the real main window."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from catalog_fixtures import product_rows, write_jsonl  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from desktop_app.main import build_app  # noqa: E402
from desktop_app.workers import wait_for_all  # noqa: E402
from engine.app import Aisle  # noqa: E402
from engine.llm.model_files import QWEN_05B, assemble, assembled_path  # noqa: E402

WAIT_MS = 60_000
_SHARED: dict[str, Path] = {}


def shared_model_file() -> Path:
    """The default model joined from its packages once per test process."""
    if "model" not in _SHARED:
        _SHARED["model"] = assemble(QWEN_05B, Path(tempfile.mkdtemp(prefix="aisle-gui-model-")))
    return _SHARED["model"]


def link_default_model(data_dir: Path) -> Path:
    """Put the assembled default model where the app looks for it (a hard link, not a copy):
    the app still goes through its real default-model path, without re-joining 491 MB."""
    target = assembled_path(data_dir / "models", QWEN_05B)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        try:
            os.link(shared_model_file(), target)
        except OSError:
            shutil.copyfile(shared_model_file(), target)
    return target


def shared_catalog_dir() -> Path:
    """A data dir holding the small test catalog, embedded once per test process."""
    if "catalog" not in _SHARED:
        base = Path(tempfile.mkdtemp(prefix="aisle-gui-catalog-"))
        with Aisle(base / "data") as aisle:
            aisle.import_feed(write_jsonl(base / "feed.jsonl", product_rows()), name="Test shop",
                              version="1", snapshot_date="2026-11-01")
        _SHARED["catalog"] = base / "data"
    return _SHARED["catalog"]


def open_window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    """The real main window on ``data_dir`` (test catalog + linked model), started."""
    shutil.copytree(shared_catalog_dir(), data_dir, dirs_exist_ok=True)
    link_default_model(data_dir)
    main, _app = build_app(str(data_dir), language="en")
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.ready, timeout=WAIT_MS):
        main.start()
    return main


@pytest.fixture
def window(qtbot, isolated_data_dir):  # type: ignore[no-untyped-def]
    """The real main window on the test catalog, closed (and its workers drained) afterwards."""
    main = open_window(qtbot, isolated_data_dir)
    yield main
    close_window(main)


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
