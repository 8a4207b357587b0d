"""One loaded chat model over llama-cpp-python: streaming, cancellation, JSON output, timings.

This runs llama.cpp in the calling process, so only the model worker process
(``engine.llm.worker``) and benchmarks use it directly; the app talks to the worker through
:class:`engine.llm.worker_client.WorkerModel`, so a native crash cannot take the app down.

The model is loaded once and reused: llama.cpp keeps the previous prompt's KV cache, so a
fixed system prompt at the start of every request is not re-evaluated and the shopper waits
only for the new part. Cancellation is checked between tokens and, through llama.cpp's abort
callback, inside prompt evaluation too, so Stop works even while a long prompt is read.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import messages as engine_messages
from engine.errors import Cancelled, ModelError
from engine.llm import backends
from engine.llm.chat_api import ChatAPI, GenerationStats, Message
from engine.llm.gguf import read_gguf
from engine.llm.model_files import physical_cores
from engine.llm.threads import busy_cores, threads_for_next_answer
from engine.progress import NEVER_CANCELLED, CancelToken

log = logging.getLogger(__name__)

# Role markers the chat template wraps around each message
# ("<|im_start|>user\n" ... "<|im_end|>\n").
TEMPLATE_TOKENS_PER_MESSAGE = 8


def gpu_offload_supported() -> bool:
    """True when llama.cpp has a graphics card here (its Vulkan backend found a device).

    Loads llama.cpp into the calling process: the app asks a worker instead
    (:func:`engine.llm.worker_factory.gpu_offload`).
    """
    backends.ensure_loaded()
    return bool(backends.gpu_devices())


@dataclass(frozen=True)
class ModelSettings:
    """How llama.cpp runs the model; shown in the app's model settings."""

    n_ctx: int = 4096
    n_threads: int = field(default_factory=physical_cores)
    # Fewer threads for an answer while other work keeps cores busy (engine.llm.threads);
    # off when the shopper fixed the count in Settings.
    adapt_threads: bool = True
    n_gpu_layers: int | None = None  # None: all layers when a graphics card has room, else 0
    use_mmap: bool = True
    seed: int = 42
    # Saved KV states of recent prompts (llama-cpp-python's LlamaRAMCache). Off: its size limit
    # counts only llama.cpp's state, not the logits saved with each entry (prompt tokens x
    # vocabulary floats, ~400 MB for one answer prompt), so 40 answers grew the model worker
    # to 9.8 GB. Without it llama.cpp still reuses the previous prompt's prefix.
    prompt_cache_mb: int = 0
    # Safe CPU mode, chosen by the start-up probe when the defaults crash on this machine:
    # no repacked weight buffers (llama.cpp's AMX path lives there), and/or a lower CPU variant.
    use_extra_bufts: bool = True
    cpu_variant: str | None = None
    # Prompt-lookup decoding: draft tokens copied from the prompt (answers quote catalog text).
    # Off until re-measured: with llama-cpp-python 0.3.36 it failed ("could not broadcast input
    # array from shape (23550080,) into shape (0,)"); bench/assistant_decoding.py re-checks it.
    prompt_lookup: bool = False

    # Off in the start-up probe's CPU configurations: once a test generation crashed on the
    # graphics card, its backend is not even loaded (a broken driver can crash at start-up).
    use_gpu: bool = True

    @property
    def gpu_wanted(self) -> bool:
        return self.use_gpu and self.n_gpu_layers != 0 and self.cpu_variant is None


# Besides the weights, a graphics card holds the KV cache and compute buffers: for our models
# at 4096 tokens of context, under 15 % of the file and a fixed part.
GPU_MEMORY_FACTOR = 1.15
GPU_MEMORY_EXTRA = 256 << 20


def gpu_plan(settings: ModelSettings, model_bytes: int) -> tuple[int, str, str]:
    """Where the model runs: (layers offloaded, the graphics card's name, why the CPU).

    Call after :func:`backends.ensure_loaded`. All layers go to the graphics card with the most
    free memory when the model fits in it; "why the CPU" is "" when no graphics card backend
    is part of this build (the CPU is then all there is, not a fallback)."""
    if not settings.gpu_wanted:
        off = settings.n_gpu_layers == 0
        return 0, "", engine_messages.Message("GPU use is off in Settings") if off else ""
    devices = backends.gpu_devices()
    if not devices:
        note = backends.gpu_note() or (
            engine_messages.Message("no graphics card that llama.cpp can use was found")
            if backends.build_info().gpu_backend else "")
        return 0, "", note
    best = max(devices, key=lambda d: d.free_bytes)
    needed = int(model_bytes * GPU_MEMORY_FACTOR) + GPU_MEMORY_EXTRA
    if best.free_bytes and best.free_bytes < needed:
        return 0, "", engine_messages.Message(
            "the graphics card {device} has {free} MB free and the model needs about {needed} MB",
            device=best.description, free=best.free_bytes >> 20, needed=needed >> 20)
    layers = -1 if settings.n_gpu_layers is None else settings.n_gpu_layers
    return layers, best.description, ""


class ChatModel(ChatAPI):
    """A GGUF chat model loaded once; one generation at a time (a lock serialises callers)."""

    def __init__(self, path: Path | str, settings: ModelSettings | None = None) -> None:
        """Load the model.

        Raises:
            ModelError: the file is missing, not GGUF, truncated, or llama.cpp cannot load it.
        """
        self.path = Path(path)
        self.settings = settings or ModelSettings()
        self.messages: list[str] = []
        self.info = read_gguf(self.path)
        self.cpu_variant = backends.ensure_loaded(self.settings.cpu_variant,
                                                  gpu=self.settings.gpu_wanted)
        self.gpu_device, self.cpu_reason = "", ""
        self._lock = threading.Lock()
        self._cancel: CancelToken = NEVER_CANCELLED
        self.threads = self.settings.n_threads
        started = time.perf_counter()
        self._llama = self._load()
        self.load_seconds = time.perf_counter() - started
        self._abort_cb = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p)(self._should_abort)
        self._install_abort_callback()
        if self.settings.prompt_cache_mb > 0:
            import llama_cpp

            self._llama.set_cache(llama_cpp.LlamaRAMCache(self.settings.prompt_cache_mb << 20))
        self.last_stats = GenerationStats()
        log.info("loaded %s in %.2f s (gpu layers %s, %d threads, chat format %s)",
                 self.path.name, self.load_seconds, self.gpu_layers, self.settings.n_threads,
                 self.chat_format)

    # ----- loading --------------------------------------------------------------------------

    def _load(self) -> Any:
        gpu_layers, self.gpu_device, self.cpu_reason = gpu_plan(
            self.settings, self.path.stat().st_size)
        try:
            return self._construct(gpu_layers)
        except (ValueError, RuntimeError, OSError) as err:
            if gpu_layers == 0:
                raise self._load_error(err) from err
            message = engine_messages.Message(
                "The GPU could not be used ({reason}); running on the CPU instead.",
                reason=str(err))
            log.warning(message)
            self.messages.append(message)
            self.gpu_device = ""
            self.cpu_reason = engine_messages.Message(
                "the graphics card could not load the model ({reason})", reason=str(err))
        try:
            return self._construct(0)
        except (ValueError, RuntimeError, OSError) as err:
            raise self._load_error(err) from err

    def _construct(self, gpu_layers: int) -> Any:
        import llama_cpp
        import llama_cpp.llama_cpp as low_level
        from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

        self.gpu_layers = gpu_layers
        # Llama() has no argument for use_extra_bufts: it takes llama.cpp's default model
        # params, so hand it defaults with the extra buffer types turned off.
        default_params = low_level.llama_model_default_params
        if not self.settings.use_extra_bufts:
            def params_without_extra_bufts() -> Any:
                params = default_params()
                params.use_extra_bufts = False
                return params

            low_level.llama_model_default_params = params_without_extra_bufts
        try:
            return llama_cpp.Llama(
                model_path=str(self.path),
                n_ctx=self.settings.n_ctx,
                n_threads=self.settings.n_threads,
                n_threads_batch=self.settings.n_threads,
                n_gpu_layers=gpu_layers,
                use_mmap=self.settings.use_mmap,
                seed=self.settings.seed,
                chat_format=None,  # read the template from the GGUF metadata
                draft_model=(LlamaPromptLookupDecoding(num_pred_tokens=10)
                             if self.settings.prompt_lookup else None),
                # Drafting checks every drafted token's logits; without this llama-cpp-python
                # keeps only n_batch rows of them and fails past the first batch.
                logits_all=self.settings.prompt_lookup,
                verbose=False,
            )
        finally:
            low_level.llama_model_default_params = default_params

    def _load_error(self, err: Exception) -> ModelError:
        return ModelError(
            "The model file {path} could not be loaded ({reason}). It may be truncated, "
            "damaged or of an architecture this llama.cpp does not support; choose another model.",
            path=self.path, reason=str(err),
        )

    def _install_abort_callback(self) -> None:
        import llama_cpp

        llama_cpp.llama_set_abort_callback(self._llama._ctx.ctx, self._abort_cb, None)

    def _should_abort(self, _data: Any) -> bool:
        return self._cancel.cancelled

    # ----- metadata -------------------------------------------------------------------------

    @property
    def chat_template(self) -> str | None:
        """The Jinja chat template stored in the GGUF (``tokenizer.chat_template``)."""
        return self.info.chat_template

    @property
    def chat_format(self) -> str:
        """llama-cpp-python's handler name; ``chat_template.default`` means the GGUF's template."""
        return str(self._llama.chat_format)

    @property
    def name(self) -> str:
        return self.info.metadata.get("general.name", self.path.stem)

    @property
    def context_size(self) -> int:
        """Tokens the loaded context holds: prompt and answer together must fit in it."""
        return int(self._require_loaded().n_ctx())

    def count_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens ``messages`` take in the prompt (contents plus the chat template's markers)."""
        llama = self._require_loaded()  # tokenizing reads only the vocabulary: no lock needed
        return sum(len(llama.tokenize(m["content"].encode("utf-8"), add_bos=False,
                                      special=False)) + TEMPLATE_TOKENS_PER_MESSAGE
                   for m in messages) + TEMPLATE_TOKENS_PER_MESSAGE

    # ----- generation -----------------------------------------------------------------------

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
            ModelError: llama.cpp failed while generating.
        """
        llama = self._require_loaded()
        with self._lock:
            self._cancel = cancel
            stats = GenerationStats()
            self._reset_perf()
            started = time.perf_counter()
            first_at: list[float] = []
            stream = None
            try:
                cancel.check()
                self._choose_threads()
                stats.threads = self.threads
                # The seed on every call: llama-cpp-python otherwise draws each call's seed
                # from the previous one's, so the same prompt sampled differently depending on
                # how many answers came before it.
                stream = llama.create_chat_completion(
                    messages=list(messages), stream=True, max_tokens=max_tokens,
                    temperature=temperature, response_format=response_format,
                    seed=self.settings.seed,
                )
                yield from _texts(stream, cancel, stats, first_at)
            except (RuntimeError, ValueError) as err:  # ValueError: prompt exceeds the context
                if cancel.cancelled:
                    raise Cancelled() from err
                raise ModelError("The model {name} failed while answering: {reason}",
                                 name=self.path.name, reason=str(err)) from err
            finally:
                if stream is not None:
                    stream.close()
                self._cancel = NEVER_CANCELLED
                self._finish_stats(stats, started, first_at[0] if first_at else None)

    def _choose_threads(self) -> None:
        """Give llama.cpp the cores other work leaves free for this answer (on the CPU only:
        on a graphics card the threads only feed it)."""
        if not self.settings.adapt_threads or self.gpu_layers != 0:
            return
        import llama_cpp

        threads = threads_for_next_answer(self.settings.n_threads, busy_cores())
        if threads != self.threads:
            log.info("%d thread(s) for this answer (was %d)", threads, self.threads)
            llama_cpp.llama_set_n_threads(self._llama._ctx.ctx, threads, threads)
            self.threads = threads

    def _reset_perf(self) -> None:
        import llama_cpp

        llama_cpp.llama_perf_context_reset(self._llama._ctx.ctx)

    def _finish_stats(self, stats: GenerationStats, started: float, first_at: float | None) -> None:
        import llama_cpp

        now = time.perf_counter()
        stats.total_ms = (now - started) * 1000.0
        if first_at is not None:
            stats.ttft_ms = (first_at - started) * 1000.0
            if stats.tokens > 1 and now > first_at:
                stats.tokens_per_s = (stats.tokens - 1) / (now - first_at)
        if self._llama is not None:
            perf = llama_cpp.llama_perf_context(self._llama._ctx.ctx)
            stats.llama_prompt_tokens = int(perf.n_p_eval)
            stats.llama_prompt_ms = float(perf.t_p_eval_ms)
            stats.llama_eval_tokens = int(perf.n_eval)
            stats.llama_eval_ms = float(perf.t_eval_ms)
        self.last_stats = stats

    def _require_loaded(self) -> Any:
        if self._llama is None:
            raise ModelError("The model {name} was closed; load it again.",
                             name=self.path.name)
        return self._llama

    def close(self) -> None:
        """Free the model's memory now rather than whenever the garbage collector runs."""
        with self._lock:
            if self._llama is not None:
                self._llama.close()
                self._llama = None


def _texts(stream: Iterator[Any], cancel: CancelToken, stats: GenerationStats,
           first_at: list[float]) -> Iterator[str]:
    """The text of each streamed chunk, counting tokens and noting when the first arrived."""
    for chunk in stream:
        cancel.check()
        text = chunk["choices"][0]["delta"].get("content")
        if not text:
            continue
        if not first_at:
            first_at.append(time.perf_counter())
        stats.tokens += 1
        yield text
