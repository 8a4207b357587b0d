"""Questions about one product through the real window: "Ask about this product" on the product
page, and the chat's acts (a question about a shown product, a comparison, a decision, a vague
need answered with choices). All of them are answered by code from the catalog, so no chat model
runs: the chat's first listing comes from search alone (``window_without_model``); one test
repeats the chat's acts after a listing written with the real model."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QTableWidget  # noqa: E402
from test_gui_support import (  # noqa: E402, F401  (window, window_with_model, window_without_model: fixtures)
    WAIT_MS,
    dialogs,
    open_product,
    window,
    window_with_model,
    window_without_model,
)

MODEL_WAIT_MS = 180_000  # the first answer also joins and loads the real model


def ask_on_page(qtbot, window, question: str, *, press_enter: bool = True):  # type: ignore[no-untyped-def]
    """Type ``question`` in the product page's Ask field and ask (Enter or the Ask button);
    returns the answer shown."""
    box = window.product.question
    box.field.clear()
    qtbot.keyClicks(box.field, question)
    with qtbot.waitSignal(box.answered, timeout=WAIT_MS) as answered:
        if press_enter:
            qtbot.keyClick(box.field, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(box.ask_button, Qt.MouseButton.LeftButton)
    return answered.args[0]


def test_the_product_page_answers_a_question_about_the_product_shown(qtbot, window):
    window.show_page("product")
    open_product(qtbot, window, "pan-1")
    box, title = window.product.question, "Cast iron skillet, 12 inch"
    assert box.field.placeholderText().startswith("Ask about this product")
    assert not box.answer_label.isVisible()

    answer = ask_on_page(qtbot, window, "What is it made of?")
    assert answer.mode == "product-answer" and answer.cited_ids == ("pan-1",)
    assert box.answer_label.isVisible() and box.answer_label.text() == answer.text
    assert title in answer.text and "cast iron" in answer.text.lower()
    assert box.answer_label.wordWrap()
    assert box.answer_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse

    # The next answer replaces it; "it" is still the skillet.
    answer = ask_on_page(qtbot, window, "How much is it?", press_enter=False)
    assert box.answer_label.text() == answer.text
    assert "35.00" in answer.text and title in answer.text

    # The page in Chinese: the field's words follow, the answer stays (the same product).
    with qtbot.waitSignal(window.product.product_shown, timeout=WAIT_MS):
        window.settings.set_language("zh_CN")
    assert box.field.placeholderText().startswith("询问这件商品")
    assert box.ask_button.text() == "提问"
    assert box.answer_label.text() == answer.text
    with qtbot.waitSignal(window.product.product_shown, timeout=WAIT_MS):
        window.settings.set_language("en")

    # Another product: the old question and answer go.
    open_product(qtbot, window, "rug-2")
    assert not box.answer_label.isVisible() and not box.answer_label.text()
    assert not box.field.text()
    answer = ask_on_page(qtbot, window, "Who makes it?")
    assert answer.cited_ids == ("rug-2",) and "Jute area rug, 8x10 ft, natural" in answer.text
    assert "Terrafold" in box.answer_label.text()
    assert not dialogs(name="errorDialog")


def test_an_empty_question_is_not_asked(qtbot, window):
    open_product(qtbot, window, "hp-1")
    box = window.product.question
    qtbot.keyClicks(box.field, "   ")
    with qtbot.assertNotEmitted(box.answered, wait=300):
        qtbot.keyClick(box.field, Qt.Key.Key_Return)
    assert not box.answer_label.isVisible() and box.ask_button.isEnabled()


def chat_and_wait(qtbot, window, text: str, timeout: int = WAIT_MS):  # type: ignore[no-untyped-def]
    """Ask in the chat on screen; the finished turn and its message on screen."""
    with qtbot.waitSignal(window.chat.answer_finished, timeout=timeout) as finished:
        window.chat.ask(text)
    turn = finished.args[0]
    assert turn is not None, f"no answer to {text!r}"
    return turn, window.chat.message_widgets()[-1]


def test_the_chat_answers_about_the_second_product_shown_with_its_card_alone(
        qtbot, window_without_model):
    about_the_products_shown(qtbot, window_without_model)


@pytest.mark.slow  # the first listing through the real 0.5B: 10-30 s on 2 cores
def test_the_same_acts_after_a_listing_from_the_real_model(qtbot, window_with_model):
    about_the_products_shown(qtbot, window_with_model, MODEL_WAIT_MS)


def about_the_products_shown(qtbot, window, timeout: int = WAIT_MS) -> None:  # type: ignore[no-untyped-def]
    """A listing, then "the second one" (its card alone), "compare the first two" (the table
    inline) and "which should I get?" (cards and a pick)."""
    window.show_page("chat")
    _, listing = chat_and_wait(qtbot, window, "a warm rug for the living room", timeout)
    shown = [card.product for card in listing.cards]
    assert len(shown) >= 2

    turn, message = chat_and_wait(qtbot, window, "tell me more about the second one", timeout)
    assert [p.id for p in turn.products] == [shown[1].id]
    assert [card.product.id for card in message.cards] == [shown[1].id]
    assert shown[1].title in message.text() and message.table is None

    turn, message = chat_and_wait(qtbot, window, "compare the first two", timeout)
    assert [p.id for p in turn.products] == [shown[0].id, shown[1].id]
    table = message.findChild(QTableWidget, "comparisonTable")
    assert table is not None and table.columnCount() == 3  # the label, then one per product
    assert "|" not in message.text()  # the verdict, the table being the table

    turn, message = chat_and_wait(qtbot, window, "Which should I get?", timeout)
    assert turn.products and message.cards and message.text().startswith("My pick")
    assert not dialogs(name="errorDialog")


def test_a_vague_need_is_answered_with_choices_and_a_choice_is_sent(qtbot,
                                                                    window_without_model):
    window = window_without_model
    window.show_page("chat")
    turn, message = chat_and_wait(qtbot, window, "I need a gift")
    assert not turn.products and not message.cards
    choices = [button.text() for button in message.suggestion_buttons]
    assert "Kitchen" in choices and choices == turn.suggestions

    button = message.suggestion_buttons[choices.index("Kitchen")]
    with qtbot.waitSignal(window.chat.answer_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    user, answer = window.chat.message_widgets()[-2:]
    assert user.role == "user" and user.text() == "Kitchen"
    assert finished.args[0] is not None and answer.cards
    assert answer.cards[0].product.category.startswith("Kitchen")
    assert [m.text for m in window.chat.current.engine.messages if m.role == "user"] == [
        "I need a gift", "Kitchen"]
