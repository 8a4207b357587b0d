"""The model worker's factory (:func:`start_model`): a worker that works on this machine, found
by the start-up probe, a tiny generation the first time a model runs on this machine and build.

Some CPUs crash llama.cpp's fastest kernels (on AMX CPUs the first generated token dies in
``ggml_backend_amx_mul_mat``, upstream issue #20824). The probe finds that out in a worker
process, where a crash costs nothing, and steps down to safer configurations until one works:
first without the extra (repacked) weight buffers, then lower CPU variants. What worked, and
why, is recorded per machine, model file and llama.cpp build in the machine-local cache dir
(``<cache dir>/cpu-probe.json``), so later starts go straight to it, from any data directory, and
Settings can say "Using safe CPU mode because ...". The record is derived data: an old
``<models dir>/cpu-probe.json`` from before it moved is ignored, and deleting the file only costs
one probe.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import platform
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from engine import paths
from engine.errors import Cancelled, ModelCrashed, ModelError
from engine.llm import backends
from engine.llm.runtime import ModelSettings
from engine.llm.worker_client import WorkerModel, build_report
from engine.messages import Message
from engine.progress import CancelToken
from engine.records import CpuMode

log = logging.getLogger(__name__)

PROBE_FILE = "cpu-probe.json"
PROBE_MESSAGES = [{"role": "user", "content": "Say OK."}]
PROBE_TOKENS = 4
# A test generation of 4 tokens takes under 3 s on a busy 2-core machine's CPU and less on a
# graphics card; software Vulkan (lavapipe) on 2 cores is the slowest seen.
PROBE_SECONDS = 180.0
HUNG = "no answer to a test generation in {seconds:.0f} s"
LOWER_VARIANTS = ("haswell", "x64")  # AVX2, then the plain x86-64 baseline
IDENTITY_SAMPLE = 1 << 20  # bytes hashed at each end of a model file (see model_identity)


def configurations(variants: tuple[str, ...],
                   gpu_backend: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """Configurations from fastest to safest: the default (on the graphics card, if there is
    one it fits), the CPU without the graphics card's backend loaded at all, then the safe CPU
    modes; lower variants only where the build has them."""
    cpu = {"use_gpu": False}
    configs: list[tuple[str, dict[str, Any]]] = [("default", {})]
    if gpu_backend:
        configs.append(("cpu", cpu))
    configs.append(("no-extra-buffers", {**cpu, "use_extra_bufts": False}))
    configs += [(f"variant-{v}", {**cpu, "use_extra_bufts": False, "cpu_variant": v})
                for v in LOWER_VARIANTS if v in variants]
    return configs


def _cpu_identity() -> str:
    """What makes one machine's CPU differ from another's for llama.cpp: model and flags."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine()
    lines = [line for line in text.splitlines() if line.startswith(("model name", "flags"))]
    return "\n".join(sorted(set(lines)))


def model_identity(path: Path) -> str:
    """A model file's content identity: its size and a sha256 of its first and last MiB.

    Content, not path: a hard link or copy of the model in another data directory is the same
    model and must not be probed again. Sampled, not whole: hashing all 491 MB of the default
    model takes over a second at every start, both ends a few milliseconds. A GGUF's head holds
    its architecture, quantization and metadata and its tail the last tensors' data, so two
    files that share size, head and tail are in practice one model; and what the probe learns
    (which CPU kernels crash) follows the tensor types and shapes, which such a pair shares.

    Raises:
        ModelError: the file cannot be read.
    """
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            digest.update(fh.read(IDENTITY_SAMPLE))
            if size > IDENTITY_SAMPLE:
                fh.seek(max(IDENTITY_SAMPLE, size - IDENTITY_SAMPLE))
                digest.update(fh.read(IDENTITY_SAMPLE))
    except OSError as err:
        raise ModelError("The model file {path} cannot be read: {error}", path=str(path),
                         error=err.strerror or str(err)) from err
    return f"{size}:{digest.hexdigest()}"


# One lock for every store: all of them read, change and replace the same machine-wide file.
_lock = threading.Lock()


class ProbeStore:
    """``<cache dir>/cpu-probe.json``: probe results keyed by CPU, llama.cpp build and model."""

    def __init__(self, directory: Path | None = None) -> None:
        self.file = (directory or paths.cache_dir()) / PROBE_FILE

    def _key(self, *parts: str) -> str:
        text = "\n".join([_cpu_identity(), backends.build_info().key, *parts])
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=PROBE_FILE, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2)
            os.replace(tmp, self.file)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def get(self, key: str) -> dict[str, Any] | None:
        with _lock:
            value = self._read().get(key)
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any] | None) -> None:
        with _lock:
            data = self._read()
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
            self._write(data)

    def model_key(self, path: Path) -> str:
        """Raises ModelError when the model file cannot be read."""
        return self._key("model", model_identity(path))

    def build_key(self) -> str:
        return self._key("build")


_gpu_cache: dict[str, bool] = {}


def gpu_offload() -> bool:
    """Whether llama.cpp has a GPU here, asked of a worker once per machine and build.

    False when llama.cpp cannot start at all: the app then runs without a chat model.
    """
    store = ProbeStore()
    try:
        key = store.build_key()
    except ModelError:
        return False
    if key not in _gpu_cache:
        record = store.get(key)
        if record is None:
            try:
                record = {"gpu_offload": bool(build_report()["gpu_offload"])}
            except ModelError as err:
                log.warning("llama.cpp could not report its devices: %s", err)
                return False
            store.put(key, record)
        _gpu_cache[key] = bool(record["gpu_offload"])
    return _gpu_cache[key]


def start_model(path: Path, settings: ModelSettings) -> tuple[WorkerModel, CpuMode]:
    """A worker serving ``path`` in the configuration that works on this machine.

    Raises:
        ModelError: the model cannot be loaded (a broken file, say: no configuration helps).
        ModelCrashed: every configuration crashed.
    """
    store = ProbeStore()
    key = store.model_key(path)
    build = backends.build_info()
    configs = dict(configurations(build.variants, bool(build.gpu_backend)))
    record = store.get(key)
    if record is not None and record.get("config") in configs:
        model = WorkerModel(path, dataclasses.replace(settings, **configs[record["config"]]))
        return model, _mode(record["config"], model, _recorded_reason(record))
    failures: list[tuple[str, str]] = []
    on_gpu = False  # whether a failed configuration ran on the graphics card
    for name, changes in configs.items():
        if name == "cpu" and not on_gpu:
            continue  # the default already ran on the CPU: nothing new to try
        started = time.perf_counter()
        try:
            model = WorkerModel(path, dataclasses.replace(settings, **changes))
        except ModelError as err:
            # A broken file fails on the CPU too, and says so there; a graphics card driver
            # that crashes or hangs at load only fails here.
            on_gpu = name == "default" and bool(build.gpu_backend) and settings.gpu_wanted
            if not isinstance(err, ModelCrashed) and not on_gpu:
                raise
            failures.append((name, getattr(err, "cause", "") or str(err)))
            continue
        on_gpu = bool(model.gpu_layers)
        try:
            _test_generation(model)
        except (ModelCrashed, Cancelled) as err:
            model.close()
            failures.append((name, getattr(err, "cause", "") or HUNG.format(
                seconds=PROBE_SECONDS)))
            continue
        reason = _reason(failures)
        log.info("probe: %s works here (%.1f s)%s", name, time.perf_counter() - started,
                 f"; {reason}" if reason else "")
        store.put(key, {"config": name, "reason": reason, "failure": failures[:1],
                        "variant": model.cpu_variant, "checked_at": time.time()})
        return model, _mode(name, model, reason)
    tried = "; ".join(f"{name}: {cause}" for name, cause in failures)
    raise ModelCrashed("The chat model crashed in every CPU configuration tried on this "
                       "machine ({tried}); search still works without it", tried=tried,
                       cause=tried)


def _test_generation(model: WorkerModel) -> None:
    """A few tokens, given up after :data:`PROBE_SECONDS` (a hung driver never answers).

    Raises:
        ModelCrashed: the worker died.
        Cancelled: it did not finish in time (the worker is ended).
    """
    deadline = CancelToken()
    timer = threading.Timer(PROBE_SECONDS, deadline.cancel)
    timer.start()
    try:
        model.chat(PROBE_MESSAGES, max_tokens=PROBE_TOKENS, temperature=0.0, cancel=deadline)
    finally:
        timer.cancel()


def _mode(config: str, model: WorkerModel, reason: str) -> CpuMode:
    """How the model runs: on a graphics card, or on the CPU and why (a safe mode's reason
    first, then the worker's own: no driver, no device, too little memory)."""
    return CpuMode(config, model.cpu_variant, reason, device=model.gpu_device,
                   cpu_reason=reason if config == "cpu" else model.cpu_reason)


def _reason(failures: list[tuple[str, str]]) -> str:
    if not failures:
        return ""
    name, cause = failures[0]
    return Message("the {config} configuration crashed ({cause}) during a test generation on "
                   "this machine", config=name, cause=cause)


def _recorded_reason(record: dict[str, Any]) -> str:
    """The reason a safe mode was chosen, rebuilt from the failure it recorded so Settings can
    show it in the shopper's language (a record from before the failure was kept: its text)."""
    match record.get("failure"):
        case [[str() as config, str() as cause]]:
            return _reason([(config, cause)])
    return str(record.get("reason", ""))


def forget(path: Path) -> None:
    """Probe again next time (after a native crash in normal use)."""
    store = ProbeStore()
    try:
        key = store.model_key(path)
    except ModelError:
        return  # the file is gone or unreadable: the next start reports that, not this
    store.put(key, None)
