"""Local chat models: GGUF files, the built-in models carried by PyPI packages, the runtime."""

from __future__ import annotations

from engine.llm.gguf import GGUFInfo, read_gguf
from engine.llm.host import ModelHost
from engine.llm.model_files import BUILTIN_MODELS, QWEN_05B, QWEN_15B, BuiltinModel, assemble
from engine.llm.registry import ModelEntry, ModelRegistry
from engine.llm.runtime import ChatModel, GenerationStats, ModelSettings, gpu_offload_supported

__all__ = [
    "BUILTIN_MODELS",
    "QWEN_05B",
    "QWEN_15B",
    "BuiltinModel",
    "ChatModel",
    "GGUFInfo",
    "GenerationStats",
    "ModelEntry",
    "ModelHost",
    "ModelRegistry",
    "ModelSettings",
    "assemble",
    "gpu_offload_supported",
    "read_gguf",
]
