#!/usr/bin/env bash
# Set up Aisle in ./.venv: Python packages (CPU-only torch, llama-cpp-python and hnswlib built
# from source for any x86-64 CPU, the bundled chat and embedding models), the system libraries
# Qt needs, the tools the tests use (objdump, qemu-user), and the prebuilt ONNX embedder and demo
# catalog. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
# The CPU build of torch first, so nothing below can pull a CUDA build.
.venv/bin/pip install -q -c constraints.txt "torch==2.13.0"
# llama.cpp with runtime CPU dispatch, and hnswlib for the baseline CPU, each built once per
# version and flags (see the scripts): their default builds use -march=native.
bash scripts/build_llama.sh portable
bash scripts/build_hnswlib.sh
.venv/bin/pip install -q -c constraints.txt -e ".[llm,gui,test,publish,export]"

# Qt's xcb/offscreen platform plugins, LightGBM's OpenMP and the model worker's libseccomp need a
# few system libraries on a minimal Debian; the tests read the built libraries with objdump and
# run a generation on an older CPU under qemu-user. llama.cpp's Vulkan backend is built with
# glslc and the Vulkan and SPIR-V headers; the tests run it on Mesa's software Vulkan device
# (lavapipe, in mesa-vulkan-drivers) through the Vulkan loader (libvulkan1).
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    missing=""
    for pkg in libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
               libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 \
               libxcb-render-util0 libxcb-image0 fonts-noto-cjk libgomp1 libseccomp2 \
               binutils qemu-user glslc libvulkan-dev spirv-headers libvulkan1 \
               mesa-vulkan-drivers; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    fi
fi
bash scripts/build_llama_vulkan.sh
# What the app would otherwise make on first use (resources/prebuilt/, derived, not committed):
# the int8 ONNX embedder and the embedded demo catalog. Done once; a re-run checks and skips.
.venv/bin/python -m engine.prebuilt
echo "Aisle is set up in .venv"
