#!/usr/bin/env bash
# Build Aisle's Linux installers in one command:
#   build/dist/aisle/                           one-folder app (PyInstaller, packaging/aisle.spec)
#   build/out/aisle-<ver>-linux-x86_64.tar.zst  portable tarball of that folder
#   build/out/aisle_<ver>_amd64.deb             installs to /opt/aisle, /usr/bin/aisle{,-gui},
#                                               a .desktop entry and the icon
# Usage: packaging/build_linux.sh [--reuse-bundle]
#   --reuse-bundle  skip PyInstaller and repackage an existing build/dist/aisle
# Env: PYTHON (default .venv/bin/python, with the `packaging` extra installed),
#      ZSTD_LEVEL (default 9) for both archives. zstd, not xz: on 2 cores xz -6 took over 18 min
#      for the tarball alone; zstd -9 is a few percent larger (the GGUF and 4-bit embedding
#      weights barely compress with either) and takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
ARCH=amd64
DIST=build/dist/aisle
OUT=build/out
STAGE=build/stage
ZSTD_LEVEL="${ZSTD_LEVEL:-9}"
log() { printf '[build_linux %(%H:%M:%S)T] %s\n' -1 "$*"; }

prebuild() {
    # What a first launch would otherwise make: ONNX embedder, demo catalog, joined chat model.
    log "prebuilt files in build/prebuilt"
    "$PYTHON" -m engine.prebuilt --out build/prebuilt --model
}

freeze() {
    prebuild
    log "freezing with PyInstaller (takes a while on few cores)"
    rm -rf build/dist build/pyinstaller
    "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath build/dist --workpath build/pyinstaller packaging/aisle.spec
    # One executable, two names: launcher.py runs the CLI when called as `aisle`.
    ln -sfn aisle-gui "$DIST/aisle"
}

render_icons() {
    QT_QPA_PLATFORM=offscreen "$PYTHON" packaging/render_icons.py build/icons >/dev/null
}

make_tarball() {
    local name="aisle-$VERSION-linux-x86_64"
    log "portable tarball $OUT/$name.tar.zst"
    rm -rf "$STAGE/tar" && mkdir -p "$STAGE/tar/$name"
    cp -a "$DIST/." "$STAGE/tar/$name/"
    cp packaging/linux/aisle.desktop build/icons/aisle-256.png "$STAGE/tar/$name/"
    tar -C "$STAGE/tar" --owner=0 --group=0 -I "zstd -q -T0 -$ZSTD_LEVEL" -cf "$OUT/$name.tar.zst" "$name"
}

deb_control() {
    local installed_kb
    installed_kb="$(du -sk "$1" | cut -f1)"
    cat <<EOF
Package: aisle
Version: $VERSION
Architecture: $ARCH
Maintainer: Aisle maintainers <aisle@example.org>
Installed-Size: $installed_kb
Depends: libc6 (>= 2.36), libegl1, libgl1, libfontconfig1, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xkb1, libxcb-render-util0, libxcb-image0
Recommends: fonts-noto-cjk
Section: utils
Priority: optional
Homepage: https://example.org/aisle
Description: private, offline AI shopping assistant
 Search a product catalog by meaning and ask a small local language model
 about it. Everything runs on this computer; no network is needed.
EOF
}

make_deb() {
    local root="$STAGE/deb" deb="$OUT/aisle_${VERSION}_${ARCH}.deb"
    log "Debian package $deb"
    rm -rf "$root"
    mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
        "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/doc/aisle"
    cp -a "$DIST" "$root/opt/aisle"
    ln -s /opt/aisle/aisle-gui "$root/usr/bin/aisle-gui"
    ln -s /opt/aisle/aisle "$root/usr/bin/aisle"
    install -m 644 packaging/linux/aisle.desktop "$root/usr/share/applications/aisle.desktop"
    install -m 644 packaging/linux/aisle.svg "$root/usr/share/icons/hicolor/scalable/apps/aisle.svg"
    for size in 48 256; do
        install -D -m 644 "build/icons/aisle-$size.png" \
            "$root/usr/share/icons/hicolor/${size}x${size}/apps/aisle.png"
    done
    printf 'Aisle %s\nLicense: Apache-2.0 (chat model: Qwen2.5-Coder, Apache-2.0)\n' "$VERSION" \
        > "$root/usr/share/doc/aisle/copyright"
    deb_control "$root" > "$root/DEBIAN/control"
    dpkg-deb --root-owner-group -Zzstd -z"$ZSTD_LEVEL" --build "$root" "$deb" >/dev/null
}

main() {
    local started=$SECONDS
    [ "${1:-}" = "--reuse-bundle" ] && [ -x "$DIST/aisle-gui" ] || freeze
    log "bundle ready after $((SECONDS - started)) s"
    render_icons
    mkdir -p "$OUT"
    make_tarball
    make_deb
    log "done in $((SECONDS - started)) s"
    du -sh "$DIST" "$OUT"/*
}

main "$@"
