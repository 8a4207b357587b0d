"""The chat model's English for a Chinese search query, searched beside the glossary's.

The glossary (``engine.crosslingual``) translates word by word in 0.03 ms, but misses words
CC-CEDICT lacks or gives in another sense (斜挎背包 "tilting carry backpack" for a crossbody
bag, 匡威 for Converse); the chat model knows many of them, at 0.3–1 s a query on 2 cores.
So the search box shows the glossary's results at once and the model's translation refines
them (EVALUATION.md, Chinese queries over an English catalog: both together score above either).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from engine.assistant import prompts
from engine.assistant.intent import model_phrase
from engine.llm.chat_api import ChatAPI
from engine.progress import NEVER_CANCELLED, CancelToken

REMEMBERED = 256


class SearchTranslator:
    """Search queries in English by the active chat model, remembered for the
    session: a shopper pages, sorts and filters the same query, and the model need not answer
    again."""

    def __init__(self, model: Callable[[], ChatAPI]) -> None:
        self._model = model
        self._remembered: OrderedDict[str, str] = OrderedDict()
        self._writer: ChatAPI | None = None  # the model that wrote what is remembered
        self._lock = threading.Lock()

    def __call__(self, query: str, cancel: CancelToken = NEVER_CANCELLED) -> str:
        """The model's translation of ``query`` ("" when it wrote nothing usable).

        Raises:
            ModelError: there is no usable model, or it failed while answering.
            Cancelled: ``cancel`` was set.
        """
        model = self._model()
        key = " ".join(query.split())
        with self._lock:
            if model is not self._writer:
                self._remembered.clear()
                self._writer = model
            if key in self._remembered:
                self._remembered.move_to_end(key)
                return self._remembered[key]
        phrase = model_phrase(model, prompts.search_translate_messages(key), cancel)
        with self._lock:
            if model is not self._writer:
                return phrase
            self._remembered[key] = phrase
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return phrase
