"""Which llama.cpp build is installed and which of its CPU kernels this process runs.

Our portable build (``scripts/build_llama.sh``) ships every x86-64 CPU variant of ggml's CPU
backend as its own library (``libggml-cpu-haswell.so``, ``-skylakex``, ...). llama-cpp-python
does not load such backends itself, so the process that runs llama.cpp calls
:func:`ensure_loaded` first: by default ggml scores every variant against the running CPU and
loads the best one; the safe mode of the start-up probe may name a lower variant instead. A
native build (one ``libggml-cpu.so`` linked in) needs nothing loaded.

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

BUILD_INFO_FILE = "aisle-build.json"
VARIANT_PREFIX = "libggml-cpu-"
GGML_SONAME = "libggml.so.0"

_lock = threading.Lock()
_loaded: str | None = None


@dataclass(frozen=True)
class BuildInfo:
    """How the installed llama-cpp-python was built; ``key`` changes with version and flags."""

    version: str
    flavour: str  # "portable" (runtime CPU dispatch), "native", or "unknown" (built elsewhere)
    key: str
    variants: tuple[str, ...]


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
    return BuildInfo(version=version, flavour=str(data.get("flavour", "unknown")),
                     key=str(data.get("key", version)), variants=variants)


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("llama-cpp-python")
    except PackageNotFoundError:
        return "unknown"


def ensure_loaded(variant: str | None = None) -> str:
    """Load the CPU backend once per process; returns the variant in use ("" for a native build).

    Raises:
        ModelError: the named variant is not part of this build.
    """
    global _loaded
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
        if variant:
            if variant not in info.variants:
                raise ModelError("This llama.cpp build has no CPU variant {variant!r} "
                                 "(it has {variants}).",
                                 variant=variant, variants=", ".join(info.variants))
            ggml.ggml_backend_load.restype = ctypes.c_void_p
            ggml.ggml_backend_load.argtypes = [ctypes.c_char_p]
            path = directory / f"{VARIANT_PREFIX}{variant}.so"
            if not ggml.ggml_backend_load(str(path).encode()):
                raise ModelError("llama.cpp could not load its CPU backend {file}.",
                                 file=path.name)
        else:
            ggml.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
            ggml.ggml_backend_load_all_from_path(str(directory).encode())
        _loaded = _mapped_variant() or variant or "unknown"
        return _loaded


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
