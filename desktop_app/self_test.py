"""`aisle-gui --self-test`: check the install headlessly and print a JSON report.

Opens the catalog (installing the demo catalog on first run), runs a search and, when a chat
model can be loaded, asks the assistant one question. Exits 0 when search works; the report says
what else worked so a packager can see it at a glance.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from engine.app import Aisle
from engine.errors import AisleError

QUESTION = "a warm rug for a small living room"


def run_self_test(data_dir: str | None = None) -> int:
    report: dict[str, Any] = {"ok": False}
    aisle = Aisle(data_dir)
    try:
        started = time.perf_counter()
        info = aisle.ensure_catalog().info()
        report["catalog"] = {"name": info.name, "products": info.product_count,
                             "snapshot_date": info.snapshot_date,
                             "open_s": round(time.perf_counter() - started, 2)}
        result = aisle.catalog.search("rug", limit=5)
        report["search"] = {"query": "rug", "total": result.total,
                            "top": [h.product.id for h in result.hits],
                            "took_ms": round(result.took_ms, 1)}
        report["assistant"] = _ask(aisle)
        report["ok"] = result.total > 0
    except AisleError as err:
        report["error"] = str(err)
    finally:
        aisle.close()
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0 if report["ok"] else 1


def _ask(aisle: Aisle) -> dict[str, Any]:
    """One assistant answer, or why there is none (no assistant in this build, no model)."""
    assistant = getattr(aisle, "assistant", None)
    if assistant is None:
        return {"available": False, "reason": "this build has no assistant"}
    from engine.assistant import Conversation

    final = None
    for event in assistant.ask(QUESTION, Conversation()):
        if event.kind == "final":
            final = event.result
    if final is None:
        return {"available": True, "answered": False}
    return {"available": True, "answered": True, "mode": final.mode, "reason": final.reason,
            "cited_ids": final.cited_ids, "ttft_ms": round(final.ttft_ms, 1),
            "tokens_per_s": round(final.tokens_per_s, 2), "answer": final.answer[:300]}
