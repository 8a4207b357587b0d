"""Every directory Aisle reads or writes, computed in one place.

Order: an explicit ``--data-dir``, then ``AISLE_DATA_DIR``, then the platform's user data dir.
Nothing is ever written into the install folder; bundled files are read via :func:`resource_path`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Aisle"
ENV_DATA_DIR = "AISLE_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return (and create) the user's data directory."""
    if override:
        path = Path(override)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Machine-local derived data that can be rebuilt (``AISLE_CACHE_DIR`` overrides)."""
    override = os.environ.get("AISLE_CACHE_DIR")
    path = (Path(override) if override
            else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)))
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """Folder of read-only bundled files (demo catalog, icons, translations)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one bundled read-only file."""
    return resources_dir().joinpath(*parts)


def prebuilt_path(*parts: str) -> Path:
    """Path of a file derived once at build time (``python -m engine.prebuilt``) and shipped
    read-only: the ONNX embedder, the embedded demo catalog, the joined chat model."""
    return resources_dir().joinpath("prebuilt", *parts)
