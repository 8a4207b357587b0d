"""Convert the framebuffer Xvfb writes with ``-fbdir`` (XWD format) to a PNG, using Qt only.

The build machine has Xvfb but no ImageMagick/xwd; Xvfb's memory-mapped screen is an XWD file,
so reading it directly needs nothing else. Usage: ``python xwd_to_png.py Xvfb_screen0 out.png``.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

XWD_HEADER_FIELDS = 25
COLOR_ENTRY_BYTES = 12


def convert(xwd: Path, png: Path) -> tuple[int, int]:
    """Write ``png`` from a 24/32-bit TrueColor XWD dump; return (width, height)."""
    from PySide6.QtGui import QImage

    data = xwd.read_bytes()
    fields = struct.unpack(">25I", data[: 4 * XWD_HEADER_FIELDS])
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = (fields[7], fields[11], fields[12],
                                                           fields[19])
    if bits_per_pixel != 32:
        raise ValueError(f"{xwd}: {bits_per_pixel} bits per pixel; start Xvfb with depth 24")
    offset = header_size + ncolors * COLOR_ENTRY_BYTES
    pixels = data[offset : offset + bytes_per_line * height]
    # LSBFirst (0) 32-bit pixels are B,G,R,X in memory: Qt's RGB32 on little-endian hosts.
    if byte_order != 0:
        raise ValueError(f"{xwd}: big-endian framebuffer is not supported")
    image = QImage(pixels, width, height, bytes_per_line, QImage.Format.Format_RGB32)
    if not image.copy().save(str(png)):
        raise OSError(f"could not write {png}")
    return width, height


if __name__ == "__main__":
    w, h = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    sys.stdout.write(f"{sys.argv[2]} ({w}x{h})\n")
