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
import time
from pathlib import Path

from engine import demo_catalog, embedders, paths
from engine.llm import model_files

log = logging.getLogger(__name__)


def build(out: Path, *, model: bool = False) -> dict[str, float]:
    """Make every prebuilt file under ``out`` that is missing; returns seconds per part."""
    took: dict[str, float] = {}
    started = time.perf_counter()
    onnx = out / embedders.OnnxMiniLMEmbedder.id
    if not (onnx / embedders.ONNX_MANIFEST).exists():
        embedders.export_onnx_int8(onnx)
    took["onnx embedder"] = time.perf_counter() - started
    started = time.perf_counter()
    demo_catalog.prepare(root=out)
    took["demo catalog"] = time.perf_counter() - started
    if model:
        started = time.perf_counter()
        default = model_files.QWEN_05B
        model_files.assemble(default, out / "models", verify=True)
        took["chat model"] = time.perf_counter() - started
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.prebuilt_path())
    parser.add_argument("--model", action="store_true",
                        help="also join and verify the default chat model (for an installer)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for part, seconds in build(args.out, model=args.model).items():
        log.info("prebuilt %s in %s (%.1f s)", part, args.out, seconds)


if __name__ == "__main__":
    main()
