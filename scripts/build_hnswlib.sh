#!/usr/bin/env bash
# Build hnswlib for any x86-64 CPU and install it into .venv.
#
# hnswlib ships no wheels for this Python, and its sdist compiles with -march=native: built on a
# machine with AVX-512, the index crashes with SIGILL on import on an older CPU (the installer
# test under `qemu-x86_64 -cpu Haswell` found it). HNSWLIB_NO_NATIVE=1 builds it for the baseline
# (SSE2 distance kernels). pip's wheel cache ignores that variable, so, as for llama-cpp-python,
# the wheel is built here with the cache off, into a folder keyed by the version and the flags.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="0.8.0"
PY=.venv/bin/python
KEY=$(printf '%s\n' "$VERSION" "HNSWLIB_NO_NATIVE=1" "$(c++ --version | head -1)" \
      "$($PY -c 'import sys; print(sys.version)')" | sha256sum | cut -c1-16)
CACHE="${AISLE_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aisle/wheels}/hnswlib-$VERSION-portable-$KEY"
WHEEL=$(ls "$CACHE"/*.whl 2>/dev/null | head -1 || true)

if [ -z "$WHEEL" ]; then
    echo "Building hnswlib $VERSION for any x86-64 CPU (key $KEY)…"
    mkdir -p "$CACHE"
    HNSWLIB_NO_NATIVE=1 "$PY" -m pip wheel -q --no-cache-dir --no-deps --no-binary hnswlib \
        "hnswlib==$VERSION" -w "$CACHE"
    WHEEL=$(ls "$CACHE"/*.whl | head -1)
fi

# pip records the wheel it installed from (direct_url.json): ours carries the key in its path.
installed=$("$PY" -c 'import importlib.metadata as m; print(m.distribution("hnswlib").read_text("direct_url.json") or "")' 2>/dev/null || true)
if [[ "$installed" != *"$KEY"* ]]; then
    "$PY" -m pip install -q --no-deps --force-reinstall "$WHEEL"
fi
echo "hnswlib $VERSION (portable, key $KEY) is installed"
