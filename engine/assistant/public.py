"""The assistant's answers as records: its events turned into :class:`AskEvent`, its result into
an :class:`Answer` (comparison rows as data), and the one loop that consumes an answer's events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from engine.assistant.compare import comparison_rows
from engine.assistant.results import AnswerEvent, AnswerResult
from engine.errors import AssistantError
from engine.records import (
    Answer,
    AnswerIntent,
    AnswerPick,
    AskEvent,
    Comparison,
    ComparisonRow,
    Product,
)

EventHandler = Callable[[AskEvent], None]


def comparison(products: Sequence[Product], language: str) -> Comparison:
    """``products`` side by side (catalog fields, then attributes any of them has)."""
    rows = comparison_rows(products, language)
    return Comparison(tuple(products),
                      tuple(ComparisonRow(label, tuple(cells)) for label, cells in rows))


def answer_of(result: AnswerResult) -> Answer:
    """The assistant's result as a record; a comparison's table becomes rows, its text the
    verdict."""
    intent = AnswerIntent.from_dict(result.intent)
    by_id = {p.id: p for p in result.products}
    cited = tuple(by_id[i] for i in result.cited_ids if i in by_id)
    table: Comparison | None = None
    text = result.answer
    if result.mode == "comparison" and len(cited) >= 2:
        table = comparison(cited, intent.language)
        text = result.summary  # the verdict; the table above it in the Markdown is ``table``
    return Answer(
        text=text, markdown=result.answer, mode=result.mode, intent=intent, products=cited,
        cited_ids=tuple(result.cited_ids), comparison=table,
        follow_ups=tuple(result.follow_ups), reason=result.reason, summary=result.summary,
        lead=result.lead,
        picks=tuple(AnswerPick(p.get("id", ""), p.get("reason", ""), p.get("reason_source", ""))
                    for p in result.picks),
        alternatives=tuple(result.alternatives), candidates=tuple(result.candidates),
        constraints=dict(result.constraints), ttft_ms=result.ttft_ms,
        tokens_per_s=result.tokens_per_s, act=result.act,
    )


def ask_events(events: Iterable[AnswerEvent]) -> Iterator[AskEvent]:
    """The assistant's events as records."""
    for event in events:
        answer = answer_of(event.result) if event.result is not None else None
        yield AskEvent(event.kind, event.text, tuple(event.products), answer, event.reason)


def final_answer(events: Iterable[AskEvent], on_event: EventHandler | None = None) -> Answer:
    """Consume an answer's events, handing each to ``on_event``; return the final answer.

    Raises:
        AssistantError: the events ended without a final answer.
        Cancelled: the answer was cancelled (raised by the events).
    """
    answer: Answer | None = None
    for event in events:
        if on_event is not None:
            on_event(event)
        if event.kind == "final":
            answer = event.answer
    if answer is None:
        raise AssistantError("The assistant stopped without an answer; please ask again.")
    return answer
