"""The code rules a reviewer would otherwise check by hand: ruff's lint set (pyproject.toml) and
the layering contracts in pyproject.toml (import-linter: the engine never imports the GUI or Qt;
the GUI reaches llama.cpp, hnswlib, the embedders and SQLite only through the engine; the GUI
and the CLI use the engine only through its facade, engine.app, and its records, errors and
progress types)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=REPO, capture_output=True, text=True,
                          check=False)


def test_ruff_finds_nothing() -> None:
    done = run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout[-4000:]


def test_layering_contracts_hold() -> None:
    done = run("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout[-4000:]
    assert "Contracts: 3 kept, 0 broken." in done.stdout, done.stdout[-4000:]
