"""One chat message: its text, then cited product cards, a comparison table and follow-ups."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.chat_bridge import Card, Turn
from desktop_app.context import AppContext
from desktop_app.product_card import ProductCard
from engine.records import Product

EARLY_CARDS = 3  # as many as an answer picks


class EmptyChat(QWidget):
    """What a new chat shows: what Aisle does, in one line, and example requests to try."""

    example_chosen = Signal(str)
    EXAMPLES = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="emptyChat")
        self.intro = QLabel(objectName="emptyChatIntro", wordWrap=True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro.setStyleSheet("font-size: 15px;")
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.intro)
        self.examples = []
        for _ in range(self.EXAMPLES):
            button = QPushButton(objectName="exampleRequest")
            button.clicked.connect(lambda _=False, b=button: self.example_chosen.emit(b.text()))
            self.examples.append(button)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            row.addStretch(1)
            column.addLayout(row)
        column.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Tell Aisle what you need: it finds it in the catalog on this computer, offline, "
            "and nothing you ask leaves it."))
        texts = (self.tr("A warm rug for a small living room under $100"),
                 self.tr("Wireless headphones for running"),
                 self.tr("A gift for a child who likes building things"),
                 self.tr("A non-stick frying pan, cheapest first"))
        for button, text in zip(self.examples, texts, strict=True):
            button.setText(text)


class MessageWidget(QFrame):
    """A message bubble; an assistant answer grows as text streams in."""

    product_activated = Signal(str)
    suggestion_chosen = Signal(str)

    def __init__(self, role: str, text: str, ctx: AppContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.ctx = ctx
        self.setObjectName("userMessage" if role == "user" else "assistantMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        background = "palette(alternate-base)" if role == "user" else "palette(base)"
        self.setStyleSheet(f"#{self.objectName()} {{ background: {background}; "
                           "border-radius: 8px; }")
        self._text = text
        self.label = QLabel(text, objectName="messageText", wordWrap=True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.label)
        self.cards: list[ProductCard] = []
        self.table: QTableWidget | None = None
        self.suggestion_buttons: list[QPushButton] = []

    def text(self) -> str:
        return self._text

    def append(self, piece: str) -> None:
        self._text += piece
        self.label.setText(self._text)

    def clear_text(self) -> None:
        self._text = ""
        self.label.clear()

    def stopped(self, marker: str) -> None:
        self._text = f"{self._text.rstrip()} {marker}".strip()
        self.label.setText(self._text)

    def show_cards(self, cards: list[Card]) -> None:
        """The best candidates while the words are still coming, each pick first with its
        reason once it is made; the answer's own picks replace them when it is final."""
        self._clear_cards()
        for product, reason, jpeg in cards[:EARLY_CARDS]:
            self._add_card(product, reason, jpeg)

    def _add_card(self, product: Product, reason: str, jpeg: bytes | None) -> None:
        card = ProductCard(product, self.ctx, reason, jpeg)
        card.activated.connect(self.product_activated)
        self.cards.append(card)
        self.column.addWidget(card)

    def _clear_cards(self) -> None:
        for card in self.cards:
            self.column.removeWidget(card)
            card.deleteLater()
        self.cards = []

    def finish(self, turn: Turn) -> None:
        """Show the final (validated) text and what the answer cited."""
        if self.role != "assistant":
            return
        self._clear_cards()
        self._text = turn.text
        self.label.setText(turn.text)
        if turn.note:
            note = QLabel(turn.note, objectName="answerNote", wordWrap=True)
            note.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
            self.column.addWidget(note)
        if turn.comparison:
            self.table = self._comparison_table(turn.comparison)
            self.column.addWidget(self.table)
        for product, reason in turn.cards():
            self._add_card(product, reason, turn.thumbnails.get(product.id))
        if turn.suggestions:
            self.column.addLayout(self._suggestion_row(turn.suggestions))

    def _comparison_table(self, rows: list[list[str]]) -> QTableWidget:
        header, *body = rows
        table = QTableWidget(len(body), len(header), objectName="comparisonTable")
        table.setHorizontalHeaderLabels(header)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, row in enumerate(body):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        table.setFixedHeight(table.horizontalHeader().height() + 6
                             + sum(table.rowHeight(r) for r in range(len(body))))
        return table

    def _suggestion_row(self, suggestions: list[str]) -> QHBoxLayout:
        row = QHBoxLayout()
        for text in suggestions:
            button = QPushButton(text, objectName="suggestion")
            button.clicked.connect(lambda _=False, t=text: self.suggestion_chosen.emit(t))
            self.suggestion_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        return row
