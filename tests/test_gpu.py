"""The chat model on a graphics card: llama.cpp's Vulkan backend running a real generation on
Mesa's software Vulkan device (lavapipe), the CPU when there is no Vulkan loader or the driver
crashes, and Settings saying which.

lavapipe is a CPU-type Vulkan device, which llama.cpp passes over unless
``GGML_VK_VISIBLE_DEVICES`` names it: so the rest of the suite runs on the CPU, and these tests
name it. It is much slower than the CPU variants (bench/gpu_speed.py): that is expected.
"""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_llm_runtime import GREETING

from engine.llm import backends
from engine.llm.runtime import ModelSettings
from engine.llm.worker import CRASH_HOOK_ENV
from engine.llm.worker_client import WorkerModel
from engine.llm.worker_factory import start_model

LAVAPIPE = "0"  # the machine's only Vulkan device
SETTINGS = ModelSettings(n_ctx=512, n_threads=2)


@pytest.fixture
def lavapipe(monkeypatch, tmp_path):
    """lavapipe made visible to llama.cpp, and a probe record of this test's own."""
    monkeypatch.setenv("GGML_VK_VISIBLE_DEVICES", LAVAPIPE)
    monkeypatch.setenv("AISLE_CACHE_DIR", str(tmp_path / "cache"))


def test_the_build_carries_the_vulkan_backend():
    info = backends.build_info()
    assert info.gpu_backend == "vulkan", "run scripts/build_llama_vulkan.sh"
    assert "+vulkan-" in info.key  # probe records made without it are not reused
    library = backends.lib_dir() / backends.GPU_DIR / backends.GPU_LIBRARY
    needed = subprocess.run(["objdump", "-p", str(library)], capture_output=True, text=True,
                            check=True).stdout
    assert "libvulkan.so.1" in needed and "RUNPATH" not in needed


@pytest.mark.slow  # lavapipe runs the prompt in about 30 s on 2 cores
def test_a_real_generation_runs_on_the_vulkan_device(lavapipe, model_file):
    model = WorkerModel(model_file, SETTINGS)
    try:
        assert model.gpu_layers == -1 and model.gpu_device.startswith("llvmpipe")
        assert model.cpu_reason == ""
        assert model.chat(GREETING, max_tokens=4, temperature=0.0).strip()
        assert model.last_stats.tokens >= 1
    finally:
        model.close()


@pytest.mark.slow
def test_a_driver_that_crashes_falls_back_to_the_cpu_and_says_why(lavapipe, monkeypatch,
                                                                  model_file):
    monkeypatch.setenv(CRASH_HOOK_ENV, "segv-on-gpu")  # dies at its first token on the card
    model, mode = start_model(model_file, SETTINGS)
    try:
        assert mode.config == "cpu" and mode.device == "" and model.gpu_layers == 0
        assert "SIGSEGV" in mode.cpu_reason and not mode.safe
        assert mode.describe().endswith("Using the CPU because the default configuration "
                                        "crashed (SIGSEGV) during a test generation on this "
                                        "machine.")
        assert model.chat(GREETING, max_tokens=4, temperature=0.0).strip()
    finally:
        model.close()
    again, mode = start_model(model_file, SETTINGS)  # the record: straight to the CPU
    try:
        assert mode.config == "cpu" and "SIGSEGV" in mode.cpu_reason
    finally:
        again.close()


def test_gpu_use_turned_off_keeps_the_backend_unloaded(lavapipe, model_file):
    model = WorkerModel(model_file, ModelSettings(n_ctx=512, n_threads=2, n_gpu_layers=0))
    try:
        assert model.gpu_layers == 0 and model.gpu_device == ""
        assert model.cpu_reason == "GPU use is off in Settings"
    finally:
        model.close()


def hideable_vulkan_loader() -> Path:
    """The installed Vulkan loader, when this test run can hide it in a mount namespace of its
    own (root, unshare); else the test skips."""
    name = ctypes.util.find_library("vulkan")
    found = [Path(d) / name for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
             if name and (Path(d) / name).exists()]
    if (not found or shutil.which("unshare") is None or os.geteuid() != 0
            or subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode):
        pytest.skip("needs the Vulkan loader installed, and a mount namespace to hide it in")
    return found[0].resolve()


NO_LOADER_SCRIPT = """
import json, sys
from engine.llm.runtime import ModelSettings
from engine.llm.worker_client import WorkerModel
model = WorkerModel(sys.argv[1], ModelSettings(n_ctx=512, n_threads=2))
text = model.chat([{"role": "user", "content": "Say OK."}], max_tokens=4, temperature=0.0)
print(json.dumps({"gpu_layers": model.gpu_layers, "cpu_reason": model.cpu_reason,
                  "text": text}))
model.close()
"""


def test_without_a_vulkan_loader_the_model_answers_on_the_cpu(model_file, tmp_path):
    """The loader hidden in a mount namespace of the test's own, as on a machine without it."""
    loader = hideable_vulkan_loader()
    script = tmp_path / "no_loader.py"
    script.write_text(NO_LOADER_SCRIPT)
    hide = (f"mount --bind /dev/null {loader} && GGML_VK_VISIBLE_DEVICES={LAVAPIPE} "
            f"exec {sys.executable} {script} {model_file}")
    done = subprocess.run(["unshare", "--mount", "sh", "-c", hide], capture_output=True,
                          text=True, timeout=300, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["gpu_layers"] == 0 and report["text"].strip()
    assert report["cpu_reason"] == "no Vulkan driver is installed"


@pytest.mark.slow
def test_settings_show_the_graphics_card_the_model_runs_on(qtbot, lavapipe, catalog_data,
                                                           isolated_data_dir, model_file):
    pytest.importorskip("pytestqt")
    from test_gui_support import close_window, open_window, wait_model

    from desktop_app.startup import load_model
    from engine.llm.model_files import QWEN_05B

    main = open_window(qtbot, catalog_data, isolated_data_dir, model_file=model_file,
                       load_model_at_start=False)
    try:
        # With a graphics card the default is the bigger model; this machine has the small one.
        main.ctx.aisle.models.use(QWEN_05B.name)
        load_model(main, main.ctx)
        assert wait_model(qtbot, main, timeout=300_000) == "ready"
        main.show_page("settings")
        qtbot.waitUntil(lambda: main.settings.cpu_mode_note.text().startswith(
            "Graphics card: llvmpipe"), timeout=10_000)
    finally:
        close_window(main)
