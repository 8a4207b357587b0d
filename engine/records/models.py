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

    config: str  # "default", "no-extra-buffers", "variant-haswell", ...
    variant: str  # the CPU kernels llama.cpp loaded ("" for a native build)
    reason: str  # why a safe configuration is used ("" for the default)

    @property
    def safe(self) -> bool:
        return self.config != "default"

    def describe(self) -> str:
        kernels = f"CPU kernels: {self.variant}" if self.variant else "CPU kernels: native build"
        if not self.safe:
            return kernels
        return f"Using safe CPU mode because {self.reason}. {kernels}."


@dataclass(frozen=True)
class LoadedModel:
    """The chat model running now: its registry name, its own name and its license apart."""

    name: str
    display_name: str
    license: str
    worker_pid: int
    alive: bool
    cpu_mode: CpuMode | None
