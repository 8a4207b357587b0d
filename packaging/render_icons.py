"""Render packaging/linux/aisle.svg to the PNG sizes and .ico installers need, with Qt only.

The SVG is the single source; rendering with QtSvg (already a dependency) means a build machine
needs no ImageMagick or Inkscape. Usage: ``python packaging/render_icons.py OUT_DIR``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent / "linux" / "aisle.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(out_dir: Path) -> list[Path]:
    """Write aisle-<size>.png for each size and aisle.ico; return the written paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        png = out_dir / f"aisle-{size}.png"
        if not image.save(str(png)):
            raise OSError(f"could not write {png}")
        written.append(png)
        if size == 256 and image.save(str(out_dir / "aisle.ico")):
            written.append(out_dir / "aisle.ico")
    return written


if __name__ == "__main__":
    for path in render(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")):
        sys.stdout.write(f"{path}\n")
