"""Records of the chat models: the registry's entries and the model running now."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ModelEntry:
    """One row of ``aisle models list`` and of the GUI's model picker."""

    name: str
    display_name: str
    path: str
    size: int | None
    license: str
    builtin: bool
    installed: bool
    active: bool
    default: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CpuMode:
    """How the chat model runs on this machine, as Settings shows it."""

    config: str  # "default", "cpu", "no-extra-buffers", "variant-haswell", ...
    variant: str  # the CPU kernels llama.cpp loaded ("" for a native build)
    reason: str  # why a safe configuration is used ("" for the default)
    device: str = ""  # the graphics card the model runs on ("" on the CPU)
    cpu_reason: str = ""  # why the CPU, on a build that could use a graphics card

    @property
    def safe(self) -> bool:
        return self.config not in ("default", "cpu")

    def describe(self) -> str:
        kernels = f"CPU kernels: {self.variant}" if self.variant else "CPU kernels: native build"
        if self.device:
            return f"Graphics card: {self.device}."
        if self.safe:
            kernels = f"Using safe CPU mode because {self.reason}. {kernels}"
        if not self.cpu_reason:
            return f"{kernels}." if self.safe else kernels
        return f"{kernels}. Using the CPU because {self.cpu_reason}."


@dataclass(frozen=True)
class LoadedModel:
    """The chat model running now: its registry name, its own name and its license apart."""

    name: str
    display_name: str
    license: str
    worker_pid: int
    alive: bool
    cpu_mode: CpuMode | None
