#!/usr/bin/env bash
# Build llama-cpp-python for any x86-64 CPU and install it into .venv.
#
# llama.cpp's default build uses -march=native: it runs only on CPUs like the build machine, and
# on CPUs with AMX it crashes at the first token (upstream llama.cpp issue #20824). This build
# compiles every CPU variant as a separate library (GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS) and
# llama.cpp picks the best one the running CPU supports. The AMX variant (sapphirerapids) is left
# out of the wheel until the upstream fix lands; AMX CPUs then run the AVX-512 variants.
#
# pip's wheel cache ignores CMAKE_ARGS, so the wheel is built here, with pip's cache off, into a
# folder keyed by the version and the flags: a wheel built with other flags is never reused.
#
# Usage: scripts/build_llama.sh [portable|native] [--wheel-only]
#   native: only for bench/llm_build.py's comparison; --wheel-only: build, print the wheel's path
set -euo pipefail
cd "$(dirname "$0")/.."

FLAVOUR="${1:-portable}"
VERSION="0.3.36"
COMMON="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF"
case "$FLAVOUR" in
    portable)
        ARGS="$COMMON -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib"
        DROP="libggml-cpu-sapphirerapids.so" ;;
    native)
        ARGS="$COMMON -DGGML_NATIVE=ON"
        DROP="" ;;
    *) echo "usage: $0 [portable|native]" >&2; exit 2 ;;
esac

PY=.venv/bin/python
KEY=$(printf '%s\n' "$VERSION" "$ARGS" "$DROP" "$(cc --version | head -1)" "$($PY -c 'import sys; print(sys.version)')" \
      | sha256sum | cut -c1-16)
CACHE="${AISLE_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aisle/wheels}/llama-cpp-python-$VERSION-$FLAVOUR-$KEY"
WHEEL=$(ls "$CACHE"/*.whl 2>/dev/null | head -1 || true)

if [ -z "$WHEEL" ]; then
    echo "Building llama-cpp-python $VERSION ($FLAVOUR, key $KEY); this takes a while on few cores…"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    "$PY" -m pip install -q wheel
    CMAKE_ARGS="$ARGS" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
        "$PY" -m pip wheel -q --no-cache-dir --no-deps --no-binary llama-cpp-python \
        "llama-cpp-python==$VERSION" -w "$work/built"
    "$PY" -m wheel unpack -d "$work/tree" "$work/built"/*.whl >/dev/null
    tree=$(ls -d "$work/tree"/*)
    for lib in $DROP; do
        rm -f "$tree"/llama_cpp/lib/"$lib"*
    done
    printf '{"version": "%s", "flavour": "%s", "key": "%s", "cmake_args": "%s"}\n' \
        "$VERSION" "$FLAVOUR" "$KEY" "$ARGS" > "$tree/llama_cpp/lib/aisle-build.json"
    mkdir -p "$work/packed"
    "$PY" -m wheel pack -d "$work/packed" "$tree" >/dev/null
    mkdir -p "$CACHE"
    mv "$work/packed"/*.whl "$CACHE"/
    WHEEL=$(ls "$CACHE"/*.whl | head -1)
fi

if [ "${2:-}" = "--wheel-only" ]; then
    echo "$WHEEL"
    exit 0
fi

installed=$("$PY" - <<'EOF' 2>/dev/null || true
import importlib.util, json, pathlib
spec = importlib.util.find_spec("llama_cpp")
if spec:
    print(json.loads((pathlib.Path(spec.origin).parent / "lib" / "aisle-build.json").read_text())["key"])
EOF
)
if [ "$installed" != "$KEY" ]; then
    "$PY" -m pip install -q --no-deps --force-reinstall "$WHEEL"
    "$PY" -m pip install -q "typing-extensions>=4.5" "numpy>=1.20" "diskcache>=5.6.1" "jinja2>=2.11.3"
fi
echo "llama-cpp-python $VERSION ($FLAVOUR, key $KEY) is installed"
