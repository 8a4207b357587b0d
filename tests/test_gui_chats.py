"""Saved chats through the real window: the empty chat's examples, chats kept across a restart
and reopened with their cards, searched, renamed and deleted for good (real engine, real
chats.db, the real default model answering)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window_with_model: fixture)
    WAIT_MS,
    close_window,
    dialogs,
    open_window,
    window_with_model,
)

ANSWER_MS = 300_000


def ask(qtbot, window, text: str):  # type: ignore[no-untyped-def]
    """Ask in the chat on screen and wait until the answer is saved and listed."""
    chat = window.chat
    with qtbot.waitSignal(chat.answer_finished, timeout=ANSWER_MS) as finished:
        chat.ask(text)
    qtbot.waitUntil(lambda: chat.current.id in {c.id for c in chat._saved}, timeout=WAIT_MS)
    return finished.args[0]


def listed(window) -> list[str]:  # type: ignore[no-untyped-def]
    chat_list = window.chat.conversation_list
    return [chat_list.item(i).text() for i in range(chat_list.count())]


def test_the_empty_chat_offers_examples_and_a_chat_is_kept_across_restarts(
        qtbot, catalog_data, model_file, isolated_data_dir):
    main = open_window(qtbot, catalog_data, isolated_data_dir, model_file=model_file)
    main.show_page("chat")
    chat = main.chat
    assert chat.empty.isVisible() and "offline" in chat.empty.intro.text()
    examples = [b.text() for b in chat.empty.examples]
    assert len(examples) == 4 and all(examples)
    main.settings.set_language("zh_CN")
    qtbot.waitUntil(lambda: "离线" in chat.empty.intro.text(), timeout=5000)
    assert chat.empty.examples[0].text() == "适合小客厅的保暖地毯，100美元以内"
    main.settings.set_language("en")
    qtbot.waitUntil(lambda: chat.empty.examples[0].text() == examples[0], timeout=5000)
    with qtbot.waitSignal(chat.answer_finished, timeout=ANSWER_MS) as finished:
        chat.empty.examples[0].click()
    turn = finished.args[0]
    assert turn is not None and turn.products and not chat.empty.isVisible()
    qtbot.waitUntil(lambda: len(chat._saved) == 1, timeout=WAIT_MS)
    saved_id, cited = chat.current.id, [p.id for p in turn.products]
    title = chat.current.title
    assert title.endswith("…") and examples[0].startswith(title[:-1])  # long: shortened
    close_window(main)

    again = open_window(qtbot, catalog_data, isolated_data_dir, model_file=model_file)
    again.show_page("chat")
    qtbot.waitUntil(lambda: listed(again) == ["New chat", title], timeout=WAIT_MS)
    again.chat.conversation_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: again.chat.current.id == saved_id, timeout=WAIT_MS)
    user, answer = again.chat.message_widgets()
    assert user.text() == examples[0] and [c.product.id for c in answer.cards] == cited
    assert not again.chat.empty.isVisible()
    with qtbot.waitSignal(again.chat.answer_finished, timeout=ANSWER_MS):
        again.chat.ask("cheaper ones?")  # a follow-up continues the saved conversation
    assert len(again.chat.current.engine.messages) == 4
    close_window(again)


def test_chats_are_searched_renamed_and_deleted(qtbot, window_with_model):
    window = window_with_model
    window.show_page("chat")
    chat = window.chat
    ask(qtbot, window, "a warm wool rug")
    rug_chat = chat.current
    chat.new_chat()
    ask(qtbot, window, "running shoes")
    assert listed(window) == ["running shoes", "a warm wool rug"]

    chat.chat_search.setText("WOOL")
    qtbot.waitUntil(lambda: listed(window) == ["a warm wool rug"], timeout=WAIT_MS)
    chat.chat_search.clear()
    qtbot.waitUntil(lambda: len(listed(window)) == 2, timeout=WAIT_MS)

    chat.rename(rug_chat, "Living room")
    qtbot.waitUntil(lambda: "Living room" in listed(window), timeout=WAIT_MS)
    assert window.ctx.aisle.assistant.conversation(rug_chat.id).title == "Living room"

    chat.conversation_list.setCurrentRow(listed(window).index("Living room"))
    qtbot.waitUntil(lambda: chat.current is rug_chat, timeout=WAIT_MS)
    chat.confirm_delete_current()
    [box] = dialogs(name="confirmDelete")
    assert "Living room" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: listed(window) == ["New chat", "running shoes"], timeout=WAIT_MS)
    assert chat.empty.isVisible()
    for path in window.ctx.aisle.data_dir.glob("chats.db*"):
        assert b"wool rug" not in path.read_bytes()


def test_deleting_everything_on_the_privacy_page_deletes_the_chats(qtbot, window_with_model):
    window = window_with_model
    window.show_page("chat")
    ask(qtbot, window, "a warm wool rug")
    window.privacy.confirm_delete_all()
    [box] = dialogs(name="confirmDelete")
    assert "saved chats" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: listed(window) == ["New chat"], timeout=WAIT_MS)
    assert window.ctx.aisle.assistant.chats() == []
