"""`aisle eval-assistant --dialogs`: whole conversations, checked turn by turn.

Each dialog runs through ``Assistant.ask`` in one conversation, as a shopper would type it.
What a turn "showed" is what it cited, in order, which is what a shopper sees and all that
"the second one" can mean. A dialog passes when every turn passes every check it names, and
always: the prose is in the shopper's language (product titles, brands and categories may stay
in the catalog's), and a question about a product states no number its fields do not. Lines::

    {"id": "bb-en-01", "lang": "en", "turns": [
      {"message": "...", "act": "new_need"|"refine"|"question"|"compare"|"decide"|"none"|
                                "clarify"|"chat",
       "check": {"constraints": {...as in request sets...},
                 "first_cited_shown": [turn, position], "cites_shown": [[turn, position]],
                 "cited_within": turn, "first_cited_title": ["words"],
                 "fact_any": ["10,000 mAh"], "not_stated": true, "cites_nothing": true,
                 "says_none": true, "clarifies": true}}]}
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.assistant.assistant import Assistant
from engine.assistant.conversation import Conversation
from engine.assistant.intent import detect_language
from engine.assistant.product_facts import stray_numbers
from engine.assistant.public import ask_events, final_answer
from engine.catalog import Catalog
from engine.errors import AisleError
from engine.evaluation.assistant_eval import keeps
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.ranking.metrics import percentile
from engine.records import Answer, AskEvent, Product

ACTS = ("new_need", "refine", "question", "compare", "decide", "none", "clarify", "chat")
_NOT_STATED = re.compile(r"does not say|doesn't say|not (?:stated|listed|given)|没有写明|未注明|"
                         r"没有提到", re.I)


@dataclass(frozen=True)
class Turn:
    message: str
    act: str
    check: Mapping[str, Any]


@dataclass(frozen=True)
class Dialog:
    id: str
    lang: str
    turns: tuple[Turn, ...]


def load_dialogs(path: Path | str) -> list[Dialog]:
    """Read a dialog set (JSON lines).

    Raises:
        AisleError: a line is not a dialog.
    """
    dialogs = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            turns = tuple(Turn(str(t["message"]), str(t.get("act", "new_need")),
                               dict(t.get("check") or {})) for t in data["turns"])
            dialogs.append(Dialog(str(data["id"]), str(data.get("lang", "en")), turns))
        except (ValueError, KeyError, TypeError) as err:
            raise AisleError("{path}, line {number}: not a dialog ({reason}).",
                             path=path, number=number, reason=str(err)) from err
    return dialogs


def _norm(text: str) -> str:
    """Lower case, no commas inside numbers, no space between a number and its unit."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower())
    text = re.sub(r"(?<=\d)\s+(?=[a-z\u4e00-\u9fff\"'°])", "", text)
    return " ".join(text.split())


def prose(answer: Answer, products: Sequence[Product]) -> str:
    """The answer's own words: without table lines and the products' titles, brands and
    categories (those stay in the catalog's language)."""
    text = "\n".join(line for line in answer.markdown.splitlines()
                     if not line.lstrip().startswith("|"))
    names = [n for p in products for n in (p.title, p.brand, *p.category_levels) if n]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


@dataclass
class TurnResult:
    dialog: str
    lang: str
    act: str
    message: str
    answer_act: str
    mode: str
    cited: list[str]
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    first_token_s: float = 0.0
    answer: str = ""

    @property
    def passed(self) -> bool:
        return not self.failed


def check_turn(turn: Turn, lang: str, answer: Answer, cited: Sequence[Product],
               shown: Sequence[Sequence[str]], others: Sequence[Product]) -> list[str]:
    """The names of the checks this turn fails."""
    check = turn.check
    ids = [p.id for p in cited]
    failed: list[str] = []

    def shown_at(turn_index: int, position: int) -> str | None:
        earlier = shown[turn_index] if 0 <= turn_index < len(shown) else []
        return earlier[position - 1] if 0 < position <= len(earlier) else None

    if "constraints" in check and not (cited and all(keeps(p, check["constraints"])
                                                     for p in cited)):
        failed.append("constraints")
    if "first_cited_shown" in check:
        wanted = shown_at(*check["first_cited_shown"])
        if wanted is None or not ids or ids[0] != wanted:
            failed.append("first_cited_shown")
    if "cites_shown" in check:
        wanted_ids = [shown_at(t, n) for t, n in check["cites_shown"]]
        if any(w is None or w not in ids for w in wanted_ids):
            failed.append("cites_shown")
    if "cited_within" in check:
        within = shown[check["cited_within"]] if check["cited_within"] < len(shown) else []
        if not ids or any(i not in within for i in ids):
            failed.append("cited_within")
    if "first_cited_title" in check and not (
            cited and all(w.lower() in cited[0].title.lower() for w in check["first_cited_title"])):
        failed.append("first_cited_title")
    if "fact_any" in check and not any(_norm(f) in _norm(answer.markdown)
                                       for f in check["fact_any"]):
        failed.append("fact_any")
    if check.get("not_stated") and not _NOT_STATED.search(answer.markdown):
        failed.append("not_stated")
    if (check.get("cites_nothing") or check.get("says_none")) and ids:
        failed.append("cites_nothing")
    if check.get("says_none") and answer.mode != "nothing-fits":
        failed.append("says_none")
    if check.get("clarifies") and not (answer.mode == "clarify" and not ids
                                       and 3 <= len(answer.follow_ups) <= 4):
        failed.append("clarifies")
    if turn.act == "question" and cited and stray_numbers(
            prose(answer, cited), cited[:1]):
        failed.append("number_not_in_fields")
    words = prose(answer, [*cited, *others]).strip()
    if words and detect_language(words) != lang:
        failed.append("language")
    return failed


def run_dialog(assistant: Assistant, catalog: Catalog, dialog: Dialog) -> list[TurnResult]:
    conversation = Conversation()
    shown: list[list[str]] = []
    results = []
    for turn in dialog.turns:
        started = time.perf_counter()
        first: list[float] = []

        def timed(event: AskEvent, started: float = started, first: list[float] = first) -> None:
            if event.kind == "token" and not first:
                first.append(time.perf_counter() - started)

        answer = final_answer(ask_events(assistant.ask(turn.message, conversation)), timed)
        seconds = time.perf_counter() - started
        cited = catalog.get_many(list(answer.cited_ids))
        others = catalog.get_many(list(answer.alternatives))
        failed = check_turn(turn, dialog.lang, answer, cited, shown, others)
        shown.append([p.id for p in cited])
        results.append(TurnResult(
            dialog=dialog.id, lang=dialog.lang, act=turn.act, message=turn.message,
            answer_act=answer.act, mode=answer.mode, cited=[p.id for p in cited],
            failed=failed, seconds=seconds, first_token_s=first[0] if first else seconds,
            answer=answer.markdown))
    return results


def _rate(values: Sequence[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(turns: Sequence[TurnResult]) -> dict[str, Any]:
    """Dialogs passing whole (all, per language), turns passing per act, and time per act."""
    by_dialog: dict[str, list[TurnResult]] = {}
    for t in turns:
        by_dialog.setdefault(t.dialog, []).append(t)
    whole = {d: all(t.passed for t in ts) for d, ts in by_dialog.items()}
    langs = sorted({t.lang for t in turns})
    summary: dict[str, Any] = {
        "dialogs": len(whole),
        "dialogs_pass": _rate(list(whole.values())),
        **{f"dialogs_pass_{lang}": _rate([whole[d] for d, ts in by_dialog.items()
                                          if ts[0].lang == lang]) for lang in langs},
        "turns": len(turns),
        "turns_pass": _rate([t.passed for t in turns]),
    }
    acts: dict[str, Any] = {}
    for act in ACTS:
        part = [t for t in turns if t.act == act]
        if not part:
            continue
        seconds = [t.seconds for t in part]
        acts[act] = {
            "turns": len(part), "pass": _rate([t.passed for t in part]),
            **{f"pass_{lang}": _rate([t.passed for t in part if t.lang == lang])
               for lang in langs},
            "seconds_p50": percentile(seconds, 50), "seconds_p95": percentile(seconds, 95),
            "first_token_s_p95": percentile([t.first_token_s for t in part], 95),
        }
    summary["acts"] = acts
    facts = [t for t in turns if t.act == "question"]
    summary["question_fact"] = _rate([not {"fact_any", "not_stated"} & set(t.failed)
                                      for t in facts])
    summary["question_numbers_not_in_fields"] = sum(
        "number_not_in_fields" in t.failed for t in facts)
    nones = [t for t in turns if t.act == "none"]
    summary["none_said_and_nothing_cited"] = _rate(
        [not {"says_none", "cites_nothing"} & set(t.failed) for t in nones])
    failures: dict[str, int] = {}
    for t in turns:
        for name in t.failed:
            failures[name] = failures.get(name, 0) + 1
    summary["failed_checks"] = failures
    return summary


def evaluate_dialogs(assistant: Assistant, catalog: Catalog, dialogs: Sequence[Dialog], *,
                     progress: ProgressCallback = no_progress,
                     cancel: CancelToken = NEVER_CANCELLED) -> dict[str, Any]:
    """Run every dialog; returns {"summary": ..., "turns": per turn}. One uncounted message
    first loads the model and the embedder, so the times are warm."""
    final_answer(ask_events(assistant.ask("phone case", Conversation())))
    turns: list[TurnResult] = []
    for n, dialog in enumerate(dialogs):
        cancel.check()
        turns += run_dialog(assistant, catalog, dialog)
        progress(n + 1, len(dialogs), "running dialogs")
    return {"summary": summarise(turns),
            "turns": [{**t.__dict__, "passed": t.passed} for t in turns]}
