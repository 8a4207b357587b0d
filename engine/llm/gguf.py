"""Read a GGUF file's header and string metadata without loading the model.

Validating up front turns "llama.cpp failed somewhere" into an error that names the file and
says what is wrong with it (missing, not GGUF, truncated), and lets the model list show a
user-added model's name, license and chat template before anything is loaded.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from engine.errors import ModelError

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
HEADER_SIZE = 24  # magic, u32 version, u64 tensor count, u64 metadata count
_STRING_TYPE = 8
_ARRAY_TYPE = 9
# Byte widths of GGUF's fixed-size metadata value types (uint8 ... float64).
_FIXED_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}


@dataclass(frozen=True)
class GGUFInfo:
    """What the header and the string metadata of a GGUF file say."""

    path: Path
    version: int
    size: int
    tensor_count: int
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def chat_template(self) -> str | None:
        return self.metadata.get("tokenizer.chat_template")


def read_gguf(path: Path | str, *, want_metadata: bool = True) -> GGUFInfo:
    """Validate a GGUF file and read its string metadata.

    Raises:
        ModelError: the file is missing, unreadable, too small, not GGUF, of an unsupported
            version, or its metadata is cut short (a truncated download).
    """
    path = Path(path)
    size = _file_size(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEADER_SIZE)
            version, tensors, kv_count = _parse_header(path, head)
            metadata = _read_metadata(path, fh, kv_count) if want_metadata else {}
    except OSError as err:
        raise ModelError("Cannot read the model file {path}: {reason}.", path=path,
                         reason=err.strerror or str(err)) from err
    return GGUFInfo(path=path, version=version, size=size, tensor_count=tensors, metadata=metadata)


def _file_size(path: Path) -> int:
    if not path.exists():
        raise ModelError("The model file {path} does not exist.", path=path)
    if not path.is_file():
        raise ModelError("{path} is not a file; choose a .gguf model file.", path=path)
    size = os.path.getsize(path)
    if size <= HEADER_SIZE:
        raise ModelError(
            "The model file {path} is truncated ({size} bytes); download or copy it again.",
            path=path, size=size,
        )
    return size


def _parse_header(path: Path, head: bytes) -> tuple[int, int, int]:
    if head[:4] != GGUF_MAGIC:
        raise ModelError(
            "{path} is not a GGUF model file. Aisle runs llama.cpp models in GGUF format (.gguf).",
            path=path,
        )
    version, tensors, kv_count = struct.unpack("<IQQ", head[4:HEADER_SIZE])
    if version not in SUPPORTED_VERSIONS:
        raise ModelError(
            "The model file {path} uses GGUF version {version}; supported: {supported}. "
            "Convert it with a recent llama.cpp.",
            path=path, version=version, supported=", ".join(map(str, SUPPORTED_VERSIONS)),
        )
    if tensors == 0:
        raise ModelError("The model file {path} holds no tensors; it is not a usable model.",
                         path=path)
    return version, tensors, kv_count


def _read_metadata(path: Path, fh: BinaryIO, kv_count: int) -> dict[str, str]:
    """Read string values; skip numbers and arrays (the token list is an array of 150k strings)."""
    metadata: dict[str, str] = {}
    try:
        for _ in range(kv_count):
            key = _read_string(fh)
            (value_type,) = struct.unpack("<I", _read_exact(fh, 4))
            if value_type == _STRING_TYPE:
                metadata[key] = _read_string(fh)
            else:
                _skip_value(fh, value_type)
    except (struct.error, UnicodeDecodeError, ValueError) as err:
        raise ModelError(
            "The model file {path} is truncated or damaged (its metadata is unreadable); "
            "download or copy it again.", path=path,
        ) from err
    return metadata


def _read_exact(fh: BinaryIO, n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise ValueError("unexpected end of file")
    return data


def _read_string(fh: BinaryIO) -> str:
    (length,) = struct.unpack("<Q", _read_exact(fh, 8))
    return _read_exact(fh, length).decode("utf-8")


def _skip_value(fh: BinaryIO, value_type: int) -> None:
    if value_type in _FIXED_SIZES:
        _read_exact(fh, _FIXED_SIZES[value_type])
    elif value_type == _STRING_TYPE:
        (length,) = struct.unpack("<Q", _read_exact(fh, 8))
        fh.seek(length, os.SEEK_CUR)
    elif value_type == _ARRAY_TYPE:
        item_type, count = struct.unpack("<IQ", _read_exact(fh, 12))
        if item_type in _FIXED_SIZES:
            fh.seek(_FIXED_SIZES[item_type] * count, os.SEEK_CUR)
        else:
            for _ in range(count):
                _skip_value(fh, item_type)
    else:
        raise ValueError(f"unknown GGUF value type {value_type}")
