"""What the assistant needs of a chat model, whether it runs in this process or in a worker.

:class:`~engine.llm.runtime.ChatModel` runs llama.cpp in the calling process (the worker
process uses it); :class:`~engine.llm.worker_client.WorkerModel` forwards the same calls to
that worker over a pipe. Both get :meth:`chat` and :meth:`complete_json` from here, built on
their own :meth:`stream_chat`.
"""

from __future__ import annotations

import json
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import ModelError
from engine.progress import NEVER_CANCELLED, CancelToken

Message = dict[str, str]


@dataclass
class GenerationStats:
    """Timings of the last generation: ours (wall clock, what the shopper feels) and llama.cpp's."""

    ttft_ms: float = 0.0
    tokens: int = 0
    tokens_per_s: float = 0.0
    total_ms: float = 0.0
    llama_prompt_tokens: int = 0
    llama_prompt_ms: float = 0.0
    llama_eval_tokens: int = 0
    llama_eval_ms: float = 0.0
    threads: int = 0  # llama.cpp's CPU threads for this answer

    @property
    def llama_tokens_per_s(self) -> float:
        return 1000.0 * self.llama_eval_tokens / self.llama_eval_ms if self.llama_eval_ms else 0.0


class ChatAPI(ABC):
    """A loaded chat model: streaming chat, token counting, JSON-schema output."""

    path: Path
    last_stats: GenerationStats

    @property
    def name(self) -> str:
        """The model's own name (its file's, unless the model gives one)."""
        return self.path.stem

    @property
    def pid(self) -> int:
        """The process the model runs in (this one, unless it runs in a worker)."""
        return os.getpid()

    @property
    def alive(self) -> bool:
        """Whether the model can still answer (a worker's process may have ended)."""
        return True

    @property
    @abstractmethod
    def context_size(self) -> int:
        """Tokens the loaded context holds: prompt and answer together must fit in it."""

    @abstractmethod
    def count_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens ``messages`` take in the prompt (contents plus the chat template's markers)."""

    @abstractmethod
    def stream_chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        cancel: CancelToken = NEVER_CANCELLED,
        response_format: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        """Yield the answer's text piece by piece.

        Raises:
            Cancelled: ``cancel`` was set (checked between tokens and during prompt evaluation).
            ModelError: llama.cpp failed while generating (``ModelCrashed``: its process died).
        """

    def chat(self, messages: Sequence[Message], **kwargs: Any) -> str:
        """The whole answer as one string (see :meth:`stream_chat`)."""
        return "".join(self.stream_chat(messages, **kwargs))

    def complete_json(
        self,
        messages: Sequence[Message],
        schema: dict[str, Any],
        *,
        max_tokens: int = 256,
        cancel: CancelToken = NEVER_CANCELLED,
    ) -> dict[str, Any]:
        """Generate an object constrained by a JSON schema (llama.cpp grammar sampling).

        Raises:
            ModelError: the output was cut off before the object was complete.
        """
        text = self.chat(
            messages, max_tokens=max_tokens, temperature=0.0, cancel=cancel,
            response_format={"type": "json_object", "schema": schema},
        )
        try:
            value = json.loads(text)
        except json.JSONDecodeError as err:
            raise ModelError("The model {name} returned incomplete JSON ({chars} chars).",
                             name=self.path.name, chars=len(text)) from err
        if not isinstance(value, dict):
            raise ModelError("The model {name} returned JSON that is not an object.",
                             name=self.path.name)
        return value
