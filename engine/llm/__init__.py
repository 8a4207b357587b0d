"""Local chat models: GGUF files, the built-in models carried by PyPI packages, the runtime."""

from __future__ import annotations

from engine.llm.chat_api import ChatAPI, GenerationStats
from engine.llm.gguf import GGUFInfo, read_gguf
from engine.llm.host import ModelHost
from engine.llm.model_files import BUILTIN_MODELS, QWEN_05B, QWEN_15B, BuiltinModel, assemble
from engine.llm.registry import ModelEntry, ModelRegistry
from engine.llm.runtime import ChatModel, ModelSettings, gpu_offload_supported
from engine.llm.worker_client import WorkerModel

__all__ = [
    "BUILTIN_MODELS",
    "QWEN_05B",
    "QWEN_15B",
    "BuiltinModel",
    "ChatAPI",
    "ChatModel",
    "GGUFInfo",
    "GenerationStats",
    "ModelEntry",
    "ModelHost",
    "ModelRegistry",
    "ModelSettings",
    "WorkerModel",
    "assemble",
    "gpu_offload_supported",
    "read_gguf",
]
