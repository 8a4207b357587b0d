"""Chat through the real window: the real default model (Qwen2.5-Coder 0.5B) loaded in the
background at start, streamed answers with product cards, Stop, and a broken model file."""

from __future__ import annotations

import time

import pytest
from catalog_fixtures import english_rows, write_jsonl

pytest.importorskip("pytestqt")

from driving import StallProbe  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window, window_with_model: fixtures)
    close_window,
    dialogs,
    open_window,
    wait_model,
    window,
    window_with_model,
)

from desktop_app.workers import serial_pool  # noqa: E402
from engine.llm.worker import CRASH_HOOK_ENV  # noqa: E402

ANSWER_MS = 600_000
QUESTION = "I need a warm wool rug for my living room"


def last_answer(window):
    return [w for w in window.chat.message_widgets() if w.role == "assistant"][-1]


class TextWatcher:
    """Samples the answer being streamed, to see it grow (and its cards appear) before the
    answer is final."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        self.window = window
        self.lengths: list[int] = []
        self.early_cards = 0
        self._timer = QTimer(interval=50)
        self._timer.timeout.connect(self._sample)
        self._timer.start()

    def _sample(self) -> None:
        request = self.window.chat._request
        if request is not None:
            self.early_cards = self.early_cards or len(request.live.cards)
            length = len(request.live.text())
            if length and (not self.lengths or length != self.lengths[-1]):
                self.lengths.append(length)

    def stop(self, final_text: str = "") -> None:
        """Stop sampling; the final text counts as the last step when it differs (it may
        arrive with the end of the answer, between two samples)."""
        self._timer.stop()
        if final_text and (not self.lengths or len(final_text) != self.lengths[-1]):
            self.lengths.append(len(final_text))


@pytest.mark.slow
def test_chat_streams_answer_with_cards_and_stays_responsive(qtbot, window_with_model,
                                                             record_property):
    """A need's picks show at once as cards, with their reasons; what the model writes comes
    after the catalog's part (here a comparison's verdict after its table), and the window
    keeps answering while it generates."""
    window = window_with_model
    assert wait_model(qtbot, window, timeout=120_000) == "ready"
    assert window.model_label.text().startswith("Model ready: Qwen2.5")
    watcher, probe = TextWatcher(window), StallProbe()
    started = time.perf_counter()
    with qtbot.waitSignal(window.chat.answer_finished, timeout=ANSWER_MS) as finished:
        probe.start()
        window.show_page("chat")
        qtbot.keyClicks(window.chat.input, QUESTION)
        qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    watcher.stop()
    turn = finished.args[0]
    print(f"need answered in {time.perf_counter() - started:.1f} s")
    assert turn is not None and turn.text and turn.products
    assert watcher.early_cards, "cards should show before the answer is final"
    message = last_answer(window)
    assert message.cards and message.cards[0].product.id in {p.id for p in turn.products}
    assert all(card.findChild(QLabel, "reason").text() for card in message.cards)
    assert not any(card.product.title in message.text() for card in message.cards), (
        "a pick is its card, with its reason under it, not a line of text")
    assert message.suggestion_buttons

    with qtbot.waitSignal(window.chat.answer_finished, timeout=ANSWER_MS) as finished:
        qtbot.keyClicks(window.chat.input, "I need headphones")
        qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    turn = finished.args[0]
    watcher, started = TextWatcher(window), time.perf_counter()
    with qtbot.waitSignal(window.chat.answer_finished, timeout=ANSWER_MS) as finished:
        qtbot.keyClicks(window.chat.input, "compare the first two")
        qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    probe.stop()
    watcher.stop(last_answer(window).text())
    seconds = time.perf_counter() - started
    record_property("generation_max_gap_ms", probe.longest_ms)
    print(f"comparison in {seconds:.1f} s; streamed in {len(watcher.lengths)} visible steps; "
          f"longest event-loop gap: {probe.longest_ms:.0f} ms")
    compared = finished.args[0]
    assert compared is not None and [p.id for p in compared.products] == [
        p.id for p in turn.products[:2]]
    assert len(watcher.lengths) >= 2, "the answer should appear piece by piece"
    assert probe.longest_ms < 250


@pytest.mark.slow
def test_the_first_question_loads_a_model_not_loaded_at_start(qtbot, catalog_data,
                                                              isolated_data_dir, model_file):
    """With "Load the chat model when Aisle starts" off, the first question loads it, and the
    window says so as at start (status bar, chat note, then ready) and answers with it."""
    window = open_window(qtbot, catalog_data, isolated_data_dir, model_file=model_file,
                         load_model_at_start=False)
    try:
        assert window.ctx.model_state[0] == "none"
        states: list[str] = []
        window.ctx.model_status_changed.connect(lambda state, _text: states.append(state))
        window.show_page("chat")
        with qtbot.waitSignal(window.chat.answer_finished, timeout=ANSWER_MS) as finished:
            window.chat.ask(QUESTION)
        assert states[0] == "loading" and states[-1] == "ready"
        assert window.model_label.text().startswith("Model ready: Qwen2.5")
        turn = finished.args[0]
        assert turn is not None and turn.products and turn.text
    finally:
        close_window(window)


@pytest.mark.slow
def test_stop_cancels_the_generation_quickly(qtbot, window_with_model):
    window = window_with_model
    assert wait_model(qtbot, window, timeout=120_000) == "ready"
    window.show_page("chat")
    window.chat.ask("Which wired headphones are good for recording music at home?")
    qtbot.waitUntil(lambda: window.chat._request is not None
                    and bool(window.chat._request.live.text()), timeout=ANSWER_MS)
    with qtbot.waitSignal(window.chat.answer_finished, timeout=500) as finished:
        pressed = time.perf_counter()
        qtbot.keyClick(window.chat.input, Qt.Key.Key_Escape)
    assert finished.args == [None]
    assert last_answer(window).text().endswith("(stopped)")
    assert window.chat.send_button.isEnabled()
    qtbot.waitUntil(lambda: serial_pool().activeThreadCount() == 0, timeout=5000)
    engine_stopped = time.perf_counter() - pressed
    print(f"generation stopped {engine_stopped * 1000:.0f} ms after Esc")
    assert engine_stopped < 0.5
    assert not dialogs(name="errorDialog")


@pytest.mark.slow
def test_a_chinese_search_is_refined_by_the_chat_model(qtbot, window_with_model, tmp_path):
    """Glossary results at once, then the chat model's translation refines them; another sort
    of the same query uses the remembered translation without a glossary pass first."""
    window = window_with_model
    window.ctx.aisle.catalog.import_feed(write_jsonl(tmp_path / "english.jsonl", english_rows()),
                                         replace=True)
    assert wait_model(qtbot, window, timeout=120_000) == "ready"
    shown = []
    window.search.results_shown.connect(shown.append)
    window.focus_search()
    window.search.query_edit.setText("降噪耳机")  # as an input method commits it (QTest: ASCII)
    qtbot.waitUntil(lambda: bool(shown) and shown[-1].translated_by == "model", timeout=60_000)
    assert [r.translated_by for r in shown if r.query == "降噪耳机"] == ["glossary", "model"]
    assert shown[-1].hits[0].product.id == "hp-1"
    assert "translated with the chat model" in window.search.count_label.text()
    shown.clear()
    with qtbot.waitSignal(window.search.results_shown, timeout=60_000):
        window.search.sort_combo.setCurrentIndex(1)
    assert [r.translated_by for r in shown] == ["model"]


def test_broken_model_file_shows_error_and_answers_from_the_catalog(qtbot, window, tmp_path,
                                                                    model_file):
    """A window with no model loaded yet: the shopper's chosen file fails to load."""
    broken = tmp_path / "half-downloaded.gguf"
    with model_file.open("rb") as src:
        broken.write_bytes(src.read(40 << 20))  # header and metadata intact, weights cut off
    assert window.ctx.model_state[0] == "none"
    window.settings.use_model_file(broken)
    qtbot.waitUntil(lambda: window.ctx.model_state[0] == "failed", timeout=120_000)
    qtbot.waitUntil(lambda: bool(dialogs(name="errorDialog")), timeout=10_000)
    text = dialogs(name="errorDialog")[0].text()
    assert "half-downloaded.gguf" in text and "Traceback" not in text
    assert window.model_label.text() == "No chat model — answers list matching products"
    window.show_page("chat")
    assert window.chat.note.isVisible() and "No chat model" in window.chat.note.text()
    with qtbot.waitSignal(window.chat.answer_finished, timeout=60_000) as finished:
        window.chat.ask("a warm wool rug")
    turn = finished.args[0]
    assert turn is not None and turn.products and turn.note.startswith("Listed from the catalog")
    assert last_answer(window).cards


@pytest.mark.slow
def test_a_native_crash_of_the_model_leaves_the_window_answering(qtbot, window_with_model,
                                                                  monkeypatch):
    window = window_with_model
    assert wait_model(qtbot, window, timeout=120_000) == "ready"
    assert window.settings.cpu_mode_note.text().startswith("CPU kernels: ")
    aisle = window.ctx.aisle
    healthy_pid = aisle.models.load().worker_pid
    monkeypatch.setenv(CRASH_HOOK_ENV, "abort")  # the next worker calls abort() at its 1st token
    aisle.models.unload()  # as after a worker that ended: the next message starts a fresh one
    window.show_page("chat")
    with qtbot.waitSignal(window.chat.answer_finished, timeout=ANSWER_MS) as finished:
        window.chat.ask(QUESTION)
    crashed = finished.args[0]
    assert crashed is not None and crashed.products, "answered from search alone"
    assert "stopped unexpectedly (SIGABRT)" in crashed.note
    assert last_answer(window).cards and not dialogs(name="errorDialog")

    monkeypatch.delenv(CRASH_HOOK_ENV)
    with qtbot.waitSignal(window.chat.answer_finished, timeout=ANSWER_MS) as finished:
        window.chat.ask("a cast iron skillet")
    recovered = finished.args[0]
    assert recovered is not None and recovered.text and not recovered.note  # the model answered
    running = aisle.models.load()
    assert running.worker_pid != healthy_pid and running.alive


@pytest.mark.slow
def test_settings_say_why_the_model_runs_in_safe_cpu_mode(qtbot, catalog_data, model_file,
                                                          isolated_data_dir, monkeypatch,
                                                          tmp_path):
    # The start-up probe's first generation crashes natively, as on AMX CPUs (llama.cpp #20824).
    monkeypatch.setenv(CRASH_HOOK_ENV, "segv-unless-safe")
    # That stands for another machine: its probe record must not meet this machine's real one.
    monkeypatch.setenv("AISLE_CACHE_DIR", str(tmp_path / "cache"))
    main = open_window(qtbot, catalog_data, isolated_data_dir, model_file=model_file)
    try:
        assert wait_model(qtbot, main, timeout=120_000) == "ready"
        main.show_page("settings")
        qtbot.waitUntil(lambda: main.settings.cpu_mode_note.text().startswith(
            "Using safe CPU mode because the default configuration crashed (SIGSEGV)"),
            timeout=10_000)
        with qtbot.waitSignal(main.chat.answer_finished, timeout=ANSWER_MS) as finished:
            main.chat.ask(QUESTION)
        assert finished.args[0] is not None and not finished.args[0].note  # the model answered
    finally:
        close_window(main)


@pytest.mark.slow
def test_the_bigger_model_installs_from_settings_with_progress(qtbot, window_with_model):
    window = window_with_model
    assert wait_model(qtbot, window, timeout=120_000) == "ready"
    statuses: list[tuple[str, str]] = []
    window.ctx.model_status_changed.connect(lambda state, text: statuses.append((state, text)))
    window.show_page("settings")
    combo = window.settings.model_combo
    combo.setCurrentIndex(combo.findData("qwen2.5-coder-1.5b"))
    window.settings.apply_model_button.click()
    qtbot.waitUntil(lambda: bool(statuses) and statuses[-1][0] in ("ready", "failed"),
                    timeout=300_000)
    assert statuses[-1][0] == "ready" and "1.5B" in statuses[-1][1], statuses[-1]
    assert any(state == "loading" and text.endswith("%") for state, text in statuses)
    assert window.ctx.aisle.models.active().name == "qwen2.5-coder-1.5b"
