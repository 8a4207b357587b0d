#!/usr/bin/env bash
# Add llama.cpp's Vulkan backend (one more runtime-loaded ggml backend) to the llama-cpp-python
# that scripts/build_llama.sh installed, so the chat model runs on a graphics card of any
# vendor (NVIDIA, AMD, Intel) when there is one.
#
# It is built apart from the CPU wheel, from the same llama.cpp source (the sdist of the same
# version): only ggml-base and the Vulkan backend, about 3 minutes on 2 cores, most of it
# compiling ~170 compute shaders with glslc. The CPU wheel and its cache key stay as they were.
# The library goes to llama_cpp/lib/gpu/, which ggml's "load every backend" call does not scan:
# engine/llm/backends.py loads it only when asked and when the Vulkan loader (libvulkan.so.1)
# is installed; without it, or without a device, everything runs on the CPU variants.
#
# Debian 12's Vulkan headers (1.3.239) predate VK_EXT_layer_settings, which ggml uses only to
# configure the validation layer in debug runs: scripts/llama_vulkan_compat.py guards that use.
#
# Skipped (the app then runs on the CPU) when the build tools are missing and cannot be
# installed: glslc, the Vulkan and SPIR-V headers (Debian: glslc libvulkan-dev spirv-headers).
#
# Usage: scripts/build_llama_vulkan.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
VERSION=$("$PY" -c 'import json, importlib.util, pathlib; s = importlib.util.find_spec("llama_cpp"); print(json.loads((pathlib.Path(s.origin).parent / "lib" / "aisle-build.json").read_text())["version"])')
LIB=$("$PY" -c 'import importlib.util, pathlib; print(pathlib.Path(importlib.util.find_spec("llama_cpp").origin).parent / "lib")')
ARGS="-DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU=OFF -DGGML_VULKAN=ON -DCMAKE_SKIP_RPATH=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_COMMON=OFF -DLLAMA_CURL=OFF"

if ! command -v glslc >/dev/null 2>&1 || [ ! -f /usr/include/vulkan/vulkan.hpp ]; then
    echo "No Vulkan build tools (glslc, libvulkan-dev, spirv-headers): the chat model will use the CPU only."
    exit 0
fi

KEY=$(printf '%s\n' "$VERSION" "$ARGS" "$(cc --version | head -1)" "$(glslc --version | head -1)" \
      "$(sha256sum scripts/llama_vulkan_compat.py | cut -c1-16)" | sha256sum | cut -c1-16)
CACHE="${AISLE_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aisle/wheels}/ggml-vulkan-$VERSION-$KEY"

if [ ! -f "$CACHE/libggml-vulkan.so" ]; then
    echo "Building llama.cpp's Vulkan backend ($VERSION, key $KEY); a few minutes…"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    started=$(date +%s)
    "$PY" -m pip download -q --no-deps --no-binary :all: "llama-cpp-python==$VERSION" -d "$work/sdist"
    tar -xzf "$work/sdist"/*.tar.gz -C "$work/sdist"
    src=$(ls -d "$work/sdist"/llama_cpp_python-*/vendor/llama.cpp)
    "$PY" scripts/llama_vulkan_compat.py "$src"
    # shellcheck disable=SC2086  # ARGS is a list of flags
    cmake -S "$src" -B "$work/build" $ARGS >/dev/null
    cmake --build "$work/build" --target ggml-vulkan -j "$(nproc)" >/dev/null
    mkdir -p "$CACHE"
    cp "$work/build/bin/libggml-vulkan.so" "$CACHE/"
    printf '{"version": "%s", "key": "%s", "cmake_args": "%s", "build_seconds": %s}\n' \
        "$VERSION" "$KEY" "$ARGS" "$(( $(date +%s) - started ))" > "$CACHE/aisle-gpu-build.json"
fi

mkdir -p "$LIB/gpu"
if ! cmp -s "$CACHE/aisle-gpu-build.json" "$LIB/gpu/aisle-gpu-build.json"; then
    cp "$CACHE/libggml-vulkan.so" "$CACHE/aisle-gpu-build.json" "$LIB/gpu/"
fi
echo "llama.cpp's Vulkan backend ($VERSION, key $KEY) is installed"
