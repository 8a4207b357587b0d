"""Chat with the shopping assistant: streamed answers, product cards, comparisons, follow-ups,
and the saved chats (listed, searched, renamed, deleted)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app import chat_bridge
from desktop_app.chat_bridge import Card, Conversation, Turn
from desktop_app.chat_widgets import EmptyChat, MessageWidget
from desktop_app.confirm import ask_first
from desktop_app.context import AppContext
from desktop_app.errors import show_error
from desktop_app.i18n import Retranslatable
from desktop_app.workers import StreamBuffer, run_op
from engine.progress import CancelToken
from engine.records import ChatSummary

ID_ROLE = Qt.ItemDataRole.UserRole


class MessageBox(QPlainTextEdit):
    """Enter sends, Shift+Enter starts a new line, Esc stops the answer being written."""

    submitted = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class _Request:
    """One question in flight: where its answer goes and how to stop it."""

    def __init__(self, conversation: Conversation, live: MessageWidget, cancel: CancelToken,
                 parent: QWidget) -> None:
        self.conversation = conversation
        self.live = live
        self.cancel = cancel
        self.buffer = StreamBuffer(live.append, parent, on_reset=live.clear_text,
                                   on_items=live.show_cards)

    def push(self, text: str) -> None:
        """Called from the worker; text arriving after Stop is dropped."""
        if not self.cancel.cancelled:
            self.buffer.push(text)

    def push_cards(self, cards: list[Card]) -> None:
        if not self.cancel.cancelled:
            self.buffer.push_items(cards)


class ChatView(Retranslatable, QWidget):
    answer_finished = Signal(object)  # the finished Turn (or None when stopped/failed)
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Conversation | None = None
        self._opened: dict[str, Conversation] = {}  # chats shown this session, by id
        self._saved: list[ChatSummary] = []  # the saved chats the list shows
        self._listing = 0  # the newest listing asked for (older answers are dropped)
        self._request: _Request | None = None
        self._build()
        self.new_chat()
        self.retranslate()
        ctx.model_status_changed.connect(lambda *_: self._update_note())
        ctx.catalog_changed.connect(self.refresh_chats)  # first when the data folder is ready
        ctx.chats_changed.connect(self._forget_saved)

    # ----- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_side())
        splitter.addWidget(self._build_main())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 700])
        QVBoxLayout(self).addWidget(splitter)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.stop,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_side(self) -> QWidget:
        """The saved chats with a search box, and buttons to start, rename, delete, export."""
        self.chat_search = QLineEdit(objectName="chatSearch", clearButtonEnabled=True)
        self.chat_search.textChanged.connect(lambda _: self.refresh_chats())
        self.conversation_list = QListWidget(objectName="conversations")
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversation_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversation_list.currentItemChanged.connect(lambda item, _: self._switch(item))
        QShortcut(QKeySequence(Qt.Key.Key_F2), self.conversation_list,
                  activated=self.rename_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.conversation_list,
                  activated=self.confirm_delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.new_button = QPushButton(objectName="newChat", clicked=self.new_chat)
        self.rename_button = QPushButton(objectName="renameChat", clicked=self.rename_current)
        self.delete_button = QPushButton(objectName="deleteChat",
                                         clicked=self.confirm_delete_current)
        self.export_md = QPushButton(objectName="exportMarkdown",
                                     clicked=lambda: self._export("md"))
        self.export_json = QPushButton(objectName="exportJson",
                                       clicked=lambda: self._export("json"))
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.new_button)
        column.addWidget(self.chat_search)
        column.addWidget(self.conversation_list, 1)
        manage = QHBoxLayout()
        manage.addWidget(self.rename_button)
        manage.addWidget(self.delete_button)
        column.addLayout(manage)
        column.addWidget(self.export_md)
        column.addWidget(self.export_json)
        return side

    def _build_main(self) -> QWidget:
        """The note about the model, the transcript, and the message entry."""
        self.note = QLabel(objectName="chatNote", wordWrap=True)
        self.transcript = QWidget(objectName="transcript")
        self.transcript_column = QVBoxLayout(self.transcript)
        self.empty = EmptyChat()
        self.empty.example_chosen.connect(self.ask)
        self.transcript_column.addWidget(self.empty)
        self.transcript_column.addStretch(1)
        self.scroll = QScrollArea(widgetResizable=True, objectName="transcriptScroll")
        self.scroll.setWidget(self.transcript)
        self.scroll.verticalScrollBar().rangeChanged.connect(
            lambda _lo, hi: self.scroll.verticalScrollBar().setValue(hi))
        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note)
        column.addWidget(self.scroll, 1)
        column.addLayout(self._build_entry())
        return main

    def _build_entry(self) -> QHBoxLayout:
        self.input = MessageBox(objectName="messageInput")
        self.input.setMaximumHeight(90)
        self.input.submitted.connect(self.send)
        self.input.escaped.connect(self.stop)
        self.send_button = QPushButton(objectName="sendButton", clicked=self.send)
        self.stop_button = QPushButton(objectName="stopButton", clicked=self.stop, enabled=False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        entry = QHBoxLayout()
        entry.addWidget(self.input, 1)
        entry.addLayout(buttons)
        return entry

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("+ New chat (Ctrl+N)"))
        self.chat_search.setPlaceholderText(self.tr("Search chats"))
        self.rename_button.setText(self.tr("Rename (F2)"))
        self.delete_button.setText(self.tr("Delete"))
        self.export_md.setText(self.tr("Export as Markdown…"))
        self.export_json.setText(self.tr("Export as JSON…"))
        self.input.setPlaceholderText(self.tr(
            "Ask for what you need, e.g. “a warm rug under $100”  "
            "(Enter sends, Shift+Enter new line)"))
        self.send_button.setText(self.tr("Send"))
        self.stop_button.setText(self.tr("Stop (Esc)"))
        self.empty.retranslate()
        self._show_list()
        self._update_note()

    def _update_note(self) -> None:
        state, detail = self.ctx.model_state
        if state == "loading":
            text = self.tr("The chat model is loading. You can ask already: the answer starts "
                           "as soon as it is ready.")
        elif state == "failed":
            text = self.tr("No chat model: %1 Answers list the best matching products from the "
                           "catalog instead.").replace("%1", detail)
        else:
            text = ""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.send_button.setEnabled(self._request is None)

    # ----- conversations --------------------------------------------------------------------

    def new_chat(self) -> None:
        """Start an empty conversation (the saved ones stay in the list)."""
        if self.current is not None and not self.current.turns:
            self.input.setFocus()
            return
        self.stop()
        self._show(Conversation())
        self.input.setFocus()

    def refresh_chats(self) -> None:
        """List the saved chats again (those containing the search box's words)."""
        self._listing += 1
        listing, containing = self._listing, self.chat_search.text()

        def listed(chats: list[ChatSummary]) -> None:
            if listing == self._listing:
                self._saved = chats
                self._show_list()

        run_op(self, lambda: self.ctx.aisle.assistant.chats(containing=containing), listed,
               lambda err: show_error(self, err))

    def _show_list(self) -> None:
        """The list: the chat on screen first while it is new, then the saved ones."""
        rows = [(c.id, c.title) for c in self._saved]
        current = self.current
        if current is not None and current.id not in {r[0] for r in rows} and (
                not self.chat_search.text().strip()):
            rows.insert(0, (current.id, current.title))
        self.conversation_list.blockSignals(True)
        self.conversation_list.clear()
        for chat_id, title in rows:
            item = QListWidgetItem(title or self.tr("New chat"))
            item.setData(ID_ROLE, chat_id)
            item.setToolTip(title)
            self.conversation_list.addItem(item)
            if current is not None and chat_id == current.id:
                self.conversation_list.setCurrentItem(item)
        self.conversation_list.blockSignals(False)
        saved = current is not None and bool(current.engine.messages)
        self.rename_button.setEnabled(saved)
        self.delete_button.setEnabled(saved)

    def _switch(self, item: QListWidgetItem | None) -> None:
        chat_id = item.data(ID_ROLE) if item is not None else None
        if chat_id is None or (self.current is not None and self.current.id == chat_id):
            return
        self.stop()
        if chat_id in self._opened:
            self._show(self._opened[chat_id])
        else:
            run_op(self, lambda: chat_bridge.open_chat(self.ctx, chat_id), self._show,
                   lambda err: show_error(self, err))

    def _show(self, conversation: Conversation) -> None:
        """Put ``conversation`` on screen (its messages, or the empty chat's examples)."""
        self.current = conversation
        self._opened[conversation.id] = conversation
        while self.transcript_column.count() > 2:
            widget = self.transcript_column.takeAt(1).widget()
            widget.deleteLater()
        for turn in conversation.turns:
            self._add_message(turn.role, turn.text).finish(turn)
        self.empty.setVisible(not conversation.turns)
        self._show_list()

    def rename_current(self) -> None:
        """Ask for a new name for the chat on screen."""
        if self.current is None or not self.current.engine.messages:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename the chat"), self.tr("Name:"),
                                        text=self.current.title)
        if ok:
            self.rename(self.current, name)

    def rename(self, conversation: Conversation, name: str) -> None:
        def renamed(_: object) -> None:
            conversation.engine.rename(name)
            self.refresh_chats()

        run_op(self, lambda: self.ctx.aisle.assistant.rename_chat(conversation.id, name), renamed,
               lambda err: show_error(self, err), serial=True)

    def confirm_delete_current(self) -> None:
        """Ask, then delete the chat on screen for good."""
        conversation = self.current
        if conversation is None or not conversation.engine.messages:
            return
        ask_first(
            self, self.tr("Delete this chat?"),
            self.tr("“%1” is deleted from this computer. This cannot be undone.").replace(
                "%1", conversation.title),
            lambda: self.delete(conversation))

    def delete(self, conversation: Conversation) -> None:
        def deleted(_: object) -> None:
            self._opened.pop(conversation.id, None)
            if self.current is conversation:
                self.current = None
                self.new_chat()
            self.refresh_chats()

        if conversation is self.current:
            self.stop()
        run_op(self, lambda: self.ctx.aisle.assistant.delete_chat(conversation.id), deleted,
               lambda err: show_error(self, err), serial=True)

    def _forget_saved(self) -> None:
        """Every saved chat was deleted (the privacy page): start afresh."""
        self.stop()
        self._opened.clear()
        self.current = None
        self.new_chat()
        self.refresh_chats()

    def message_widgets(self) -> list[MessageWidget]:
        """The messages on screen, oldest first."""
        column = self.transcript_column
        return [w for i in range(column.count())
                if isinstance(w := column.itemAt(i).widget(), MessageWidget)]

    def _add_message(self, role: str, text: str) -> MessageWidget:
        widget = MessageWidget(role, text, self.ctx)
        widget.product_activated.connect(lambda pid: self.ctx.product_requested.emit(pid, "chat"))
        widget.suggestion_chosen.connect(self.ask)
        self.transcript_column.insertWidget(self.transcript_column.count() - 1, widget)
        return widget

    # ----- asking ---------------------------------------------------------------------------

    def send(self) -> None:
        text = self.input.toPlainText().strip()
        if text:
            self.input.clear()
            self.ask(text)

    def ask(self, text: str) -> None:
        """Send ``text`` to the assistant and stream the answer into the transcript."""
        if self._request is not None or self.current is None:
            return
        conversation = self.current
        conversation.add(Turn("user", text))
        self.empty.hide()
        self._show_list()
        self._add_message("user", text)
        live = self._add_message("assistant", "")
        request = _Request(conversation, live, CancelToken(), self)
        self._request = request
        self.stop_button.setEnabled(True)
        self.send_button.setEnabled(False)
        request.buffer.start()
        if self.ctx.model_state[0] == "none":
            self.ctx.model_wanted.emit()
        run_op(self, lambda: chat_bridge.answer(self.ctx, conversation, text, request.cancel,
                                                request.push, request.buffer.reset,
                                                request.push_cards),
               lambda turn: self._finished(request, turn),
               lambda err: self._failed(request, err), serial=True)

    def _finished(self, request: _Request, turn: Turn) -> None:
        if request is not self._request:
            return  # stopped already: the shopper has moved on
        request.buffer.stop()
        request.conversation.add(turn)
        request.live.finish(turn)
        self._done()
        self._save(request.conversation)
        self.answer_finished.emit(turn)

    def _save(self, conversation: Conversation) -> None:
        """Keep the chat on disk (on the model thread, where its next answer will be written)."""
        run_op(self, lambda: self.ctx.aisle.assistant.save_conversation(conversation.engine),
               lambda _: self.refresh_chats(), lambda err: show_error(self, err), serial=True)

    def _failed(self, request: _Request, err: BaseException) -> None:
        if request is not self._request:
            return
        request.buffer.stop()
        request.live.stopped(self.tr("(no answer)"))
        self._done()
        show_error(self, err)
        self.answer_finished.emit(None)

    def _done(self) -> None:
        if self._request is not None:
            self._request.buffer.deleteLater()
        self._request = None
        self.stop_button.setEnabled(False)
        self._update_note()
        self.input.setFocus()

    def stop(self) -> None:
        """Cancel the answer being generated.

        The screen is released at once; the engine stops at its next token (or, if the
        question is still waiting for the model to load, as soon as it starts) and its late
        outcome is ignored.
        """
        request = self._request
        if request is None:
            return
        request.cancel.cancel()
        request.buffer.stop()
        request.live.stopped(self.tr("(stopped)"))
        self._done()
        self.answer_finished.emit(None)

    # ----- export ---------------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        if self.current is None or not self.current.turns:
            return
        name = self.tr("Markdown (*.md)") if kind == "md" else self.tr("JSON (*.json)")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the conversation"), str(Path.home() / f"aisle-chat.{kind}"), name)
        if path:
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the current conversation to ``path`` as Markdown ("md") or JSON."""
        conversation = self.current
        text = conversation.to_markdown() if kind == "md" else conversation.to_json()
        run_op(self, lambda: chat_bridge.write_export(path, text),
               lambda _: self.exported.emit(str(path)), lambda err: show_error(self, err))
