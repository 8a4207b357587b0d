"""`aisle-gui --self-test`: check the install headlessly and print a JSON report.

Does what the app does at start (claims the data folder, guards the network, opens the catalog
— installing the demo catalog on first run — and loads the default chat model), then runs a
search and asks the assistant one question. Exits 0 when the catalog, search and an answer all
worked; the report says how (model or retrieval-only) so a packager can see it at a glance.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from engine.app import Aisle
from engine.errors import AisleError, AssistantError, ModelError

QUESTION = "a warm rug for a small living room"


def run_self_test(data_dir: str | None = None) -> int:
    report: dict[str, Any] = {"ok": False}
    aisle = Aisle(data_dir)
    try:
        report["data_dir"] = str(aisle.data_dir)
        aisle.start()
        report["catalog"] = _catalog(aisle)
        result = aisle.catalog.search("rug", limit=5, personal=False).result
        report["search"] = {"query": "rug", "total": result.total,
                            "top": [h.product.id for h in result.hits],
                            "took_ms": round(result.took_ms, 1)}
        report["model"] = _load_model(aisle)
        report["assistant"] = _ask(aisle)
        report["network_attempts"] = len(aisle.history.network_log())
        report["ok"] = result.total > 0 and report["assistant"]["answered"]
    except AisleError as err:
        report["error"] = str(err)
    finally:
        aisle.close()
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0 if report["ok"] else 1


def _catalog(aisle: Aisle) -> dict[str, Any]:
    started = time.perf_counter()
    info = aisle.catalog.ensure()
    return {"name": info.name, "products": info.product_count,
            "snapshot_date": info.snapshot_date, "open_s": round(time.perf_counter() - started, 2)}


def _load_model(aisle: Aisle) -> dict[str, Any]:
    """Load the active (default) model as the app does; a failure is reported, not raised."""
    entry = aisle.models.active()
    started = time.perf_counter()
    try:
        model = aisle.models.load()
    except ModelError as err:
        return {"name": entry.name, "loaded": False, "error": str(err)}
    return {"name": model.name, "display_name": model.display_name, "license": model.license,
            "loaded": True, "load_s": round(time.perf_counter() - started, 2),
            "worker_pid": model.worker_pid,
            "cpu_mode": model.cpu_mode.describe() if model.cpu_mode else ""}


def _ask(aisle: Aisle) -> dict[str, Any]:
    """One assistant answer (with the model, or retrieval-only when it could not load)."""
    try:
        final = aisle.assistant.answer(QUESTION, aisle.assistant.conversation())
    except AssistantError:
        return {"answered": False}
    return {"answered": bool(final.markdown.strip()), "question": QUESTION, "mode": final.mode,
            "reason": final.reason, "cited_ids": list(final.cited_ids),
            "ttft_ms": round(final.ttft_ms, 1), "tokens_per_s": round(final.tokens_per_s, 2),
            "answer": final.markdown[:300]}
