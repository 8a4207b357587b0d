"""`aisle eval-assistant`: the real assistant on a set of shopper requests, against plain search.

Each request runs through ``Assistant.ask`` in a fresh conversation, as a shopper's first
message would. Its cited products, in citation order, are scored like a ranking (nDCG@3 and
hit@3 against graded judgments) and checked against the request's stated constraints; so is
the retrieval-only reference, plain hybrid search of the same message (top 3), in the same run.
Request lines (JSON)::

    {"id": "a01", "lang": "en"|"zh", "message": "...", "qid": "<query id in the qrels>",
     "constraints": {"max_price": 30, "min_price": 5, "brand": "OtterBox",
                     "title_all": ["case"], "title_any": ["band", "strap"]},
     "expect_nothing": false}
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
from engine.assistant.public import ask_events, final_answer
from engine.catalog import Catalog
from engine.errors import AisleError, AssistantError
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.ranking.metrics import ndcg_at, percentile
from engine.records import Answer, AskEvent, Product

K = 3
_PRICE = re.compile(r"(?<![\w.])(\d+\.\d{2})(?![\d])")


@dataclass(frozen=True)
class Request:
    id: str
    lang: str
    message: str
    qid: str = ""
    constraints: Mapping[str, Any] = field(default_factory=dict)
    expect_nothing: bool = False


def load_requests(path: Path | str) -> list[Request]:
    """Read a request set (JSON lines).

    Raises:
        AisleError: a line is not a request.
    """
    requests = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            requests.append(Request(
                id=str(data["id"]), lang=str(data.get("lang", "en")),
                message=str(data["message"]), qid=str(data.get("qid", "")),
                constraints=dict(data.get("constraints") or {}),
                expect_nothing=bool(data.get("expect_nothing", False))))
        except (ValueError, KeyError, TypeError) as err:
            raise AisleError("{path}, line {number}: not a request ({reason}).",
                             path=path, number=number, reason=str(err)) from err
    return requests


def keeps(product: Product, constraints: Mapping[str, Any]) -> bool:
    """Whether ``product`` keeps a request's stated constraints (the evaluation's own check)."""
    title = product.title.lower()
    price = product.price
    if "max_price" in constraints and (price is None or price > constraints["max_price"] + 1e-6):
        return False
    if "min_price" in constraints and (price is None or price < constraints["min_price"] - 1e-6):
        return False
    if "brand" in constraints and product.brand.strip().lower() != str(
            constraints["brand"]).lower():
        return False
    if any(word not in title for word in constraints.get("title_all", [])):
        return False
    any_words = constraints.get("title_any", [])
    return not any_words or any(word in title for word in any_words)


def _satisfied(request: Request, cited: Sequence[Product]) -> bool:
    if request.expect_nothing:
        return not cited
    return bool(cited) and all(keeps(p, request.constraints) for p in cited)


def _prose(answer: str, products: Sequence[Product]) -> str:
    """The answer without product titles (titles stay in the catalog's language)."""
    for product in sorted(products, key=lambda p: -len(p.title)):
        answer = answer.replace(product.title, " ")
    return answer


def _invented_prices(result: Answer, products: Sequence[Product]) -> list[str]:
    known = {f"{p.price:.2f}" for p in products if p.price is not None}
    known |= {f"{v:.2f}" for v in (result.constraints.get("min_price"),
                                   result.constraints.get("max_price")) if v is not None}
    budget = result.intent.max_price, result.intent.min_price
    known |= {f"{v:.2f}" for v in budget if isinstance(v, (int, float))}
    return [m for m in _PRICE.findall(_prose(result.markdown, products)) if m not in known]


@dataclass
class Row:
    """One request's outcome (kept in the JSON report, so a failure can be looked at)."""

    id: str
    lang: str
    message: str
    mode: str
    cited: list[str]
    reference: list[str]
    ndcg: float | None = None
    ndcg_retrieval_order: float | None = None
    reference_ndcg: float | None = None
    hit: float | None = None
    reference_hit: float | None = None
    satisfied: bool | None = None
    reference_satisfied: bool | None = None
    relevant_hit: float | None = None  # a product keeping the constraints among the first 3
    reference_relevant_hit: float | None = None
    language_ok: bool = True
    invented_ids: list[str] = field(default_factory=list)
    invented_prices: list[str] = field(default_factory=list)
    ttft_ms: float = 0.0
    tokens_per_s: float = 0.0
    answer: str = ""


def run_request(assistant: Assistant, catalog: Catalog, request: Request,
                grades: Mapping[str, int] | None) -> Row:
    started = time.perf_counter()
    first: list[float] = []

    def timed(event: AskEvent) -> None:
        if event.kind == "token" and not first:
            first.append((time.perf_counter() - started) * 1000)

    try:
        result = final_answer(ask_events(assistant.ask(request.message, Conversation())), timed)
    except AssistantError as err:
        raise AisleError("The assistant gave no answer to request {request_id}.",
                         request_id=request.id) from err
    cited = catalog.get_many(result.cited_ids)
    reference = [h.product for h in catalog.search(request.message, limit=K).hits]
    shown = cited + catalog.get_many(result.alternatives)
    row = Row(
        id=request.id, lang=request.lang, message=request.message, mode=result.mode,
        cited=[p.id for p in cited], reference=[p.id for p in reference],
        language_ok=detect_language(_prose(result.markdown, shown)) == request.lang,
        invented_ids=[i for i in result.cited_ids if i not in {p.id for p in cited}],
        invented_prices=_invented_prices(result, shown),
        ttft_ms=first[0] if first else 0.0, tokens_per_s=result.tokens_per_s,
        answer=result.markdown,
    )
    if grades is not None:
        rank = {pid: n for n, pid in enumerate(result.candidates)}
        in_retrieval_order = sorted(row.cited, key=lambda pid: rank.get(pid, len(rank)))
        row.ndcg = ndcg_at(row.cited, grades, K)
        row.ndcg_retrieval_order = ndcg_at(in_retrieval_order, grades, K)
        row.reference_ndcg = ndcg_at(row.reference, grades, K)
        row.hit = float(any(grades.get(pid, 0) > 0 for pid in row.cited[:K]))
        row.reference_hit = float(any(grades.get(pid, 0) > 0 for pid in row.reference[:K]))
    if request.constraints or request.expect_nothing:
        row.satisfied = _satisfied(request, cited)
        row.reference_satisfied = _satisfied(request, reference)
    if request.constraints and not request.expect_nothing:
        row.relevant_hit = float(any(keeps(p, request.constraints) for p in cited[:K]))
        row.reference_relevant_hit = float(any(keeps(p, request.constraints)
                                               for p in reference[:K]))
    return row


def _mean(values: Sequence[float | bool | None]) -> float | None:
    kept = [float(v) for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def summarise(rows: Sequence[Row]) -> dict[str, Any]:
    """Figures per language and overall."""
    def figures(part: Sequence[Row]) -> dict[str, Any]:
        ttfts = [r.ttft_ms for r in part]
        asked = [r for r in part if r.satisfied is not None]
        return {
            "requests": len(part),
            "ndcg@3": _mean([r.ndcg for r in part]),
            "ndcg@3_retrieval_order": _mean([r.ndcg_retrieval_order for r in part]),
            "reference_ndcg@3": _mean([r.reference_ndcg for r in part]),
            "hit@3": _mean([r.hit for r in part]),
            "reference_hit@3": _mean([r.reference_hit for r in part]),
            "constraints_kept": _mean([r.satisfied for r in asked]),
            "relevant_hit@3": _mean([r.relevant_hit for r in part]),
            "reference_relevant_hit@3": _mean([r.reference_relevant_hit for r in part]),
            "reference_constraints_kept": _mean([r.reference_satisfied for r in asked]),
            "language_match": _mean([r.language_ok for r in part]),
            "invented_ids": sum(len(r.invented_ids) for r in part),
            "invented_prices": sum(len(r.invented_prices) for r in part),
            "cite_nothing": _mean([not r.cited for r in part if r.mode != "nothing-fits"]),
            "ttft_ms_p50": percentile(ttfts, 50) if ttfts else 0.0,
            "ttft_ms_p95": percentile(ttfts, 95) if ttfts else 0.0,
            "tokens_per_s": _mean([r.tokens_per_s for r in part if r.tokens_per_s]),
        }
    by_language = {lang: figures([r for r in rows if r.lang == lang])
                   for lang in sorted({r.lang for r in rows})}
    return {"all": figures(rows), **by_language}


def evaluate_assistant(
    assistant: Assistant,
    catalog: Catalog,
    requests: Sequence[Request],
    qrels: Mapping[str, Mapping[str, int]] | None = None,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> dict[str, Any]:
    """Run every request; returns {"summary": per language, "rows": per request}.

    One uncounted request first loads the model and the embedder: the figures are warm, what a
    shopper sees from the second message on (the first also waits for the model to load).
    """
    if requests:
        final_answer(ask_events(assistant.ask(requests[0].message, Conversation())))
    rows = []
    for n, request in enumerate(requests):
        cancel.check()
        grades = qrels.get(request.qid, {}) if qrels is not None and request.qid else None
        rows.append(run_request(assistant, catalog, request, grades))
        progress(n + 1, len(requests), "asking the assistant")
    return {"summary": summarise(rows), "rows": [r.__dict__ for r in rows]}
