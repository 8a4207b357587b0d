"""Derived files made once at build time, so a shopper's first launch neither exports, embeds
nor joins anything: the int8 ONNX MiniLM with its tokenizer, the embedded demo catalog and,
for an installer, the joined and verified chat model.

    python -m engine.prebuilt [--out DIR] [--model]

``scripts/setup.sh`` writes them into ``resources/prebuilt/`` of a source checkout (without
the model, which a checkout joins on first use); the installer build writes them, model
included, into the folder it ships as ``resources/prebuilt/``. They are derived from installed
packages and the demo feed, never committed. Making the ONNX file needs PyTorch (the
``export`` extra); using any of them does not.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
import warnings
from pathlib import Path

from engine import demo_catalog, embedders, paths
from engine.llm import model_files
from engine.progress import ProgressCallback, no_progress

log = logging.getLogger(__name__)


def build(out: Path, *, model: bool = False,
          progress: ProgressCallback = no_progress) -> dict[str, float]:
    """Make every prebuilt file under ``out`` that is missing; returns seconds per part."""
    took: dict[str, float] = {}
    started = time.perf_counter()
    onnx = out / embedders.OnnxMiniLMEmbedder.id
    if not (onnx / embedders.ONNX_MANIFEST).exists():
        embedders.export_onnx_int8(onnx)
    took["onnx embedder"] = time.perf_counter() - started
    started = time.perf_counter()
    demo_catalog.prepare(progress, root=out)
    took["demo catalog"] = time.perf_counter() - started
    if model:
        started = time.perf_counter()
        default = model_files.QWEN_05B
        model_files.assemble(default, out / "models", verify=True)
        took["chat model"] = time.perf_counter() - started
    return took


def quiet_build_tools() -> None:
    """Show our own progress only: the ONNX export and quantisation otherwise print a page of
    tracer warnings and one line per tensor, which hides what setup is doing."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(lambda record: record.name.startswith(("engine", "__main__"))
                      or record.levelno >= logging.ERROR)
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    warnings.filterwarnings("ignore")
    os.environ.setdefault("TQDM_DISABLE", "1")  # transformers' weight-loading bar


class TenthsLog:
    """A progress callback logging one line per tenth of each step, for a log as much as for a
    terminal (setup's output)."""

    def __init__(self) -> None:
        self.shown: dict[str, int] = {}

    def __call__(self, done: int, total: int, label: str) -> None:
        tenth = 10 * done // total if total else -1
        if tenth > self.shown.get(str(label), -1):
            self.shown[str(label)] = tenth
            log.info("  %s %d%%", label or "preparing", 100 * done // total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.prebuilt_path())
    parser.add_argument("--model", action="store_true",
                        help="also join and verify the default chat model (for an installer)")
    args = parser.parse_args()
    quiet_build_tools()
    for part, seconds in build(args.out, model=args.model, progress=TenthsLog()).items():
        log.info("prebuilt %s in %s (%.1f s)", part, args.out, seconds)


if __name__ == "__main__":
    main()
