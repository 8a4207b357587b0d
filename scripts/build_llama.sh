#!/usr/bin/env bash
# Build llama-cpp-python for any x86-64 CPU and install it into .venv.
#
# llama.cpp's default build uses -march=native: it runs only on CPUs like the build machine, and
# on CPUs with AMX it crashes at the first token (upstream llama.cpp issue #20824). This build
# compiles CPU variants as separate libraries (GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS) and
# llama.cpp picks the best one the running CPU supports.
#
# ggml lists 14 x86 variants; each compiles ggml's CPU sources again (28-41 s of compile time
# each here, measured from ninja's log by scripts/llama_variants.py; a fresh setup with all 14
# took 28 minutes on a slower 2-core machine). We build the five whose code differs in what a
# shopper's CPU runs for our models (4-bit and 8-bit quantised weights, f32 activations):
#   x64       the baseline (SSE2): any x86-64 CPU, and the floor every test machine can load;
#   sse42     pre-AVX CPUs (Nehalem to Westmere, old Atoms); ggml's quantised dot products gain
#             SSSE3/SSE4 shuffles over plain SSE2;
#   haswell   AVX2 + FMA + F16C: nearly every laptop and desktop since 2013 (Intel Haswell on,
#             AMD Zen 1-3, Alder Lake and later consumer chips); the int8 dot products that
#             dominate a token run twice as wide as with SSE;
#   skylakex  AVX-512F/BW/DQ/VL: Skylake-SP/X servers and workstations, Cascade Lake;
#   icelake   AVX-512 with VNNI (vpdpbusd, one instruction for the int8 dot product) and VBMI:
#             Ice Lake, Tiger Lake, Sapphire Rapids and later Xeons, AMD Zen 4 and Zen 5.
# Left out, with what such a CPU runs instead: sandybridge, ivybridge and piledriver (AVX
# without AVX2, CPUs of 2011-2013; sse42, slower but correct), cannonlake
# and cascadelake (one extra AVX-512 subset each; skylakex), cooperlake and zen4 (AVX512_BF16
# only helps bf16 weights, which we do not ship; icelake), alderlake (AVX-VNNI without
# AVX-512; haswell), sapphirerapids (AMX: the crash above; icelake).
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
VARIANTS="x64 sse42 haswell skylakex icelake"
case "$FLAVOUR" in
    portable)
        ARGS="$COMMON -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DCMAKE_INSTALL_BINDIR=llama_cpp/lib" ;;
    native)
        ARGS="$COMMON -DGGML_NATIVE=ON"
        VARIANTS="" ;;
    *) echo "usage: $0 [portable|native]" >&2; exit 2 ;;
esac

PY=.venv/bin/python
KEY=$(printf '%s\n' "$VERSION" "$ARGS" "$VARIANTS" "$(cc --version | head -1)" "$($PY -c 'import sys; print(sys.version)')" \
      | sha256sum | cut -c1-16)
CACHE="${AISLE_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aisle/wheels}/llama-cpp-python-$VERSION-$FLAVOUR-$KEY"
WHEEL=$(ls "$CACHE"/*.whl 2>/dev/null | head -1 || true)

if [ -z "$WHEEL" ]; then
    echo "Building llama-cpp-python $VERSION ($FLAVOUR, key $KEY); this takes a while on few cores…"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    "$PY" -m pip install -q wheel
    "$PY" -m pip download -q --no-deps --no-binary :all: "llama-cpp-python==$VERSION" -d "$work/sdist"
    tar -xzf "$work/sdist"/*.tar.gz -C "$work/sdist"
    src=$(ls -d "$work/sdist"/llama_cpp_python-*/)
    if [ -n "$VARIANTS" ]; then
        "$PY" scripts/llama_variants.py select "$src" $VARIANTS
    fi
    CMAKE_ARGS="$ARGS" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
        "$PY" -m pip wheel -q --no-cache-dir --no-deps -C build-dir="$work/cmake" "$src" -w "$work/built"
    "$PY" -m wheel unpack -d "$work/tree" "$work/built"/*.whl >/dev/null
    tree=$(ls -d "$work/tree"/*)
    printf '{"version": "%s", "flavour": "%s", "key": "%s", "cmake_args": "%s"}\n' \
        "$VERSION" "$FLAVOUR" "$KEY" "$ARGS" > "$tree/llama_cpp/lib/aisle-build.json"
    mkdir -p "$CACHE"
    # What each CPU variant cost to compile, from ninja's log (scripts/llama_variants.py).
    "$PY" scripts/llama_variants.py times "$work/cmake" "$CACHE/build-times.json" || true
    mkdir -p "$work/packed"
    "$PY" -m wheel pack -d "$work/packed" "$tree" >/dev/null
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
