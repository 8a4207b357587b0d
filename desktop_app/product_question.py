""""Ask about this product" on the product page: a question answered from that product's own
fields by the engine (no chat model), the answer shown under the field."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.workers import run_op
from engine.app import Aisle
from engine.app import Conversation as EngineConversation
from engine.progress import CancelToken
from engine.records import Answer


@dataclass(frozen=True)
class _Question:
    """One question in flight: which product it is about and how to drop it."""

    product_id: str
    cancel: CancelToken


def answer_about(aisle: Aisle, product_id: str, question: str,
                 conversation: EngineConversation, cancel: CancelToken) -> Answer | None:
    """The engine's answer to ``question`` about one product (run on a worker thread); None
    if its events ended without one."""
    events = list(aisle.assistant.ask_about(product_id, question, conversation=conversation,
                                            cancel=cancel))
    return next((e.answer for e in reversed(events) if e.kind == "final"), None)


class ProductQuestion(Retranslatable, QWidget):
    """A question field with an Ask button (Enter asks too) and the last answer under it.

    Each product shown keeps its own engine conversation, so "does it…?" follows on from the
    page's earlier questions; the answer is cleared when another product is shown.
    """

    answered = Signal(object)  # the Answer now shown (None: the engine gave none)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.product_id: str | None = None
        self._conversations: dict[str, EngineConversation] = {}  # by product id
        self._asking: _Question | None = None
        self.field = QLineEdit(objectName="productQuestion", clearButtonEnabled=True)
        self.field.returnPressed.connect(self.ask)
        self.ask_button = QPushButton(objectName="askProduct", clicked=self.ask)
        self.answer_label = QLabel(objectName="productAnswer", wordWrap=True)
        self.answer_label.setTextFormat(Qt.TextFormat.PlainText)  # catalog text, never markup
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.ask_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.answer_label)
        self.retranslate()

    def retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr(
            "Ask about this product, e.g. “How long does the battery last?”"))
        self.field.setAccessibleName(self.tr("Ask about this product"))
        self.ask_button.setText(self.tr("Ask"))

    def show_product(self, product_id: str | None) -> None:
        """The page now shows ``product_id``: another product's question and answer go."""
        if product_id == self.product_id:
            return  # shown again (a language switch): its answer stays
        self._drop_question()
        self.product_id = product_id
        self.field.clear()
        self.answer_label.clear()
        self.answer_label.hide()

    def ask(self) -> None:
        """Ask the field's question about the product shown, off the GUI thread."""
        question, product_id = self.field.text().strip(), self.product_id
        if not question or product_id is None or self._asking is not None:
            return
        conversation = self._conversations.setdefault(product_id, EngineConversation())
        asking = self._asking = _Question(product_id, CancelToken())
        self.ask_button.setEnabled(False)
        aisle = self.ctx.aisle
        # Answered by code from the product's fields, never by the chat model: the general
        # pool, so a question here does not wait behind a chat answer on the model thread.
        run_op(self, lambda: answer_about(aisle, product_id, question, conversation,
                                          asking.cancel),
               lambda answer: self._answered(asking, answer),
               lambda err: self._failed(asking, err))

    def _answered(self, asking: _Question, answer: Answer | None) -> None:
        if asking is not self._asking:
            return  # another product is shown now
        self._asking = None
        self.ask_button.setEnabled(True)
        self.answer_label.setText(answer.text if answer is not None else self.tr("(no answer)"))
        self.answer_label.show()
        self.field.selectAll()  # the question stays readable; typing replaces it
        self.answered.emit(answer)

    def _failed(self, asking: _Question, err: BaseException) -> None:
        if asking is not self._asking:
            return
        self._asking = None
        self.ask_button.setEnabled(True)
        show_error(self, err)

    def _drop_question(self) -> None:
        """Forget the question in flight; its product's conversation goes with it, as its
        worker may still be writing to it."""
        if self._asking is None:
            return
        self._asking.cancel.cancel()
        self._conversations.pop(self._asking.product_id, None)
        self._asking = None
        self.ask_button.setEnabled(True)
