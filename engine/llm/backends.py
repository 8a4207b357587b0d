"""Which llama.cpp build is installed and which of its CPU kernels this process runs.

Our portable build (``scripts/build_llama.sh``) ships every x86-64 CPU variant of ggml's CPU
backend as its own library (``libggml-cpu-haswell.so``, ``-skylakex``, ...). llama-cpp-python
does not load such backends itself, so the process that runs llama.cpp calls
:func:`ensure_loaded` first: by default ggml scores every variant against the running CPU and
loads the best one; the safe mode of the start-up probe may name a lower variant instead. A
native build (one ``libggml-cpu.so`` linked in) needs nothing loaded.

The graphics card: ``scripts/build_llama_vulkan.sh`` adds ggml's Vulkan backend in ``lib/gpu/``,
built from the same llama.cpp source. It is loaded only when asked (never in a safe mode, never
once a test generation crashed on it) and only where the Vulkan loader ``libvulkan.so.1`` is
installed; without it, or without a device, everything runs on the CPU variants as before.

Only the model worker process calls this: llama.cpp never runs in the app's own process.
"""

from __future__ import annotations

import ctypes
import importlib.util
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from engine.errors import ModelError
from engine.messages import Message

BUILD_INFO_FILE = "aisle-build.json"
VARIANT_PREFIX = "libggml-cpu-"
GGML_SONAME = "libggml.so.0"
GPU_DIR = "gpu"
GPU_LIBRARY = "libggml-vulkan.so"
GPU_BUILD_FILE = "aisle-gpu-build.json"
VULKAN_LOADER = "libvulkan.so.1"
_GPU_TYPES = (1, 2)  # enum ggml_backend_dev_type: GPU, IGPU (CPU is 0, ACCEL 3)

_lock = threading.Lock()
_loaded: str | None = None
_gpu_note = ""  # why the graphics card backend is not loaded ("" when it is, or not asked)


@dataclass(frozen=True)
class BuildInfo:
    """How the installed llama-cpp-python was built; ``key`` changes with version and flags."""

    version: str
    flavour: str  # "portable" (runtime CPU dispatch), "native", or "unknown" (built elsewhere)
    key: str
    variants: tuple[str, ...]
    gpu_backend: str = ""  # "vulkan" when the build carries ggml's Vulkan backend


@dataclass(frozen=True)
class GpuDevice:
    """A graphics card llama.cpp can offload to."""

    description: str  # the driver's ("AMD Radeon 780M Graphics", "llvmpipe (LLVM 15.0.6…)")
    free_bytes: int


def lib_dir() -> Path:
    """llama-cpp-python's folder of shared libraries (found without importing it)."""
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or spec.origin is None:
        raise ModelError("llama-cpp-python is not installed; run scripts/setup.sh again.")
    return Path(spec.origin).parent / "lib"


def build_info() -> BuildInfo:
    """The installed build, read from the file ``build_llama.sh`` writes into the wheel."""
    directory = lib_dir()
    variants = tuple(sorted(p.name[len(VARIANT_PREFIX):].split(".")[0]
                            for p in directory.glob(VARIANT_PREFIX + "*.so")))
    try:
        data = json.loads((directory / BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    version = str(data.get("version") or _package_version())
    key = str(data.get("key", version))
    gpu = ""
    if (directory / GPU_DIR / GPU_LIBRARY).exists():
        try:
            gpu_data = json.loads((directory / GPU_DIR / GPU_BUILD_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            gpu_data = {}
        gpu = "vulkan"
        # A machine's probe records follow the key: adding the backend probes again.
        key = f"{key}+vulkan-{gpu_data.get('key', 'unknown')}"
    return BuildInfo(version=version, flavour=str(data.get("flavour", "unknown")),
                     key=key, variants=variants, gpu_backend=gpu)


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama-cpp-python")
    except PackageNotFoundError:
        return "unknown"


def ensure_loaded(variant: str | None = None, gpu: bool = True) -> str:
    """Load the CPU backend once per process, and the graphics card's when ``gpu`` (and no
    safe-mode ``variant``) asks for it; returns the CPU variant in use ("" for a native build).

    Raises:
        ModelError: the named variant is not part of this build.
    """
    global _loaded, _gpu_note
    with _lock:
        if _loaded is not None:
            return _loaded
        directory = lib_dir()
        info = build_info()
        if not info.variants:
            _loaded = ""
            return _loaded
        # llama-cpp-python first: it loads libllama and, through it, the libggml instance whose
        # registry llama.cpp reads (and routes ggml's log to its quiet logger). Opening it by
        # soname returns that same instance; a path would load a second copy of the file.
        import llama_cpp  # noqa: F401

        logging.getLogger("llama-cpp-python").setLevel(logging.ERROR)  # as Llama(verbose=False)
        ggml = ctypes.CDLL(GGML_SONAME)
        ggml.ggml_backend_load.restype = ctypes.c_void_p
        ggml.ggml_backend_load.argtypes = [ctypes.c_char_p]
        if info.gpu_backend and gpu and not variant:
            _gpu_note = _load_gpu_backend(ggml, directory / GPU_DIR / GPU_LIBRARY)
        if variant:
            if variant not in info.variants:
                raise ModelError("This llama.cpp build has no CPU variant {variant!r} "
                                 "(it has {variants}).",
                                 variant=variant, variants=", ".join(info.variants))
            path = directory / f"{VARIANT_PREFIX}{variant}.so"
            if not ggml.ggml_backend_load(str(path).encode()):
                raise ModelError("llama.cpp could not load its CPU backend {file}.",
                                 file=path.name)
        else:
            ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
            ggml.ggml_backend_load_all_from_path(str(directory).encode())
        _loaded = _mapped_variant() or variant or "unknown"
        return _loaded


def _load_gpu_backend(ggml: ctypes.CDLL, path: Path) -> str:
    """Register the Vulkan backend; returns why it could not be ("" when it was)."""
    try:
        ctypes.CDLL(VULKAN_LOADER)
    except OSError:
        return Message("no Vulkan driver is installed")
    if not ggml.ggml_backend_load(str(path).encode()):
        return Message("llama.cpp could not load its Vulkan backend")
    return ""


def gpu_note() -> str:
    """Why this process has no graphics card backend, when it was asked for and is missing."""
    return _gpu_note


def gpu_devices() -> list[GpuDevice]:
    """The graphics cards the loaded backends found (call :func:`ensure_loaded` first).

    A CPU-type Vulkan device (Mesa's software lavapipe) is not one unless
    ``GGML_VK_VISIBLE_DEVICES`` names it: that is how the tests get a real Vulkan device."""
    ggml = ctypes.CDLL(GGML_SONAME)
    ggml.ggml_backend_dev_count.restype = ctypes.c_size_t
    ggml.ggml_backend_dev_get.restype = ctypes.c_void_p
    ggml.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
    ggml.ggml_backend_dev_type.restype = ctypes.c_int
    ggml.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
    ggml.ggml_backend_dev_description.restype = ctypes.c_char_p
    ggml.ggml_backend_dev_description.argtypes = [ctypes.c_void_p]
    ggml.ggml_backend_dev_memory.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t),
                                             ctypes.POINTER(ctypes.c_size_t)]
    devices = []
    for index in range(ggml.ggml_backend_dev_count()):
        device = ggml.ggml_backend_dev_get(index)
        if ggml.ggml_backend_dev_type(device) not in _GPU_TYPES:
            continue
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        ggml.ggml_backend_dev_memory(device, ctypes.byref(free), ctypes.byref(total))
        devices.append(GpuDevice(
            description=(ggml.ggml_backend_dev_description(device) or b"").decode(
                errors="replace"),
            free_bytes=free.value))
    return devices


def _mapped_variant() -> str:
    """The CPU variant ggml chose, read from this process's memory map (Linux)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return ""
    for line in maps.splitlines():
        name = line.rsplit("/", 1)[-1]
        if name.startswith(VARIANT_PREFIX):
            return name[len(VARIANT_PREFIX):].split(".")[0]
    return ""
