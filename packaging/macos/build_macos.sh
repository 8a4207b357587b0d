#!/usr/bin/env bash
# Build Aisle.app and a .dmg. NOT RUN HERE (written on Linux); run on macOS 12+ (Apple silicon
# or Intel: the build matches the machine) with Python 3.11 and a venv made like scripts/setup.sh
# (`pip install -c constraints.txt -e ".[llm,gui,packaging,export]"`; llama-cpp-python builds with Metal).
# Optional: create-dmg (brew install create-dmg) for a styled disk image, else hdiutil is used.
# Env: CODESIGN_IDENTITY ("Developer ID Application: ..."; default "-" = ad-hoc, local use only).
# Usage: packaging/macos/build_macos.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON="${PYTHON:-.venv/bin/python}"
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
APP=build/dist/Aisle.app
DMG="build/out/Aisle-$VERSION-macos-$(uname -m).dmg"

make_icns() {
    local set=build/icons/aisle.iconset
    "$PYTHON" packaging/render_icons.py build/icons >/dev/null
    rm -rf "$set" && mkdir -p "$set"
    for size in 16 32 128 256 512; do
        cp "build/icons/aisle-$size.png" "$set/icon_${size}x${size}.png"
    done
    cp build/icons/aisle-32.png "$set/icon_16x16@2x.png"
    cp build/icons/aisle-64.png "$set/icon_32x32@2x.png"
    cp build/icons/aisle-256.png "$set/icon_128x128@2x.png"
    cp build/icons/aisle-512.png "$set/icon_256x256@2x.png"
    iconutil -c icns "$set" -o build/icons/aisle.icns
}

make_icns
rm -rf build/dist build/pyinstaller
# What a first launch would otherwise make: ONNX embedder, demo catalog, joined chat model.
"$PYTHON" -m engine.prebuilt --out build/prebuilt --model
"$PYTHON" -m PyInstaller --noconfirm --distpath build/dist --workpath build/pyinstaller packaging/aisle.spec
ln -sfn aisle-gui "$APP/Contents/MacOS/aisle"   # the CLI, same executable (launcher.py)

# Headless check of the frozen app before it is signed and packed.
"$APP/Contents/MacOS/aisle-gui" --self-test

codesign --force --deep --options runtime --sign "${CODESIGN_IDENTITY:--}" "$APP"
mkdir -p build/out && rm -f "$DMG"
if command -v create-dmg >/dev/null; then
    create-dmg --volname "Aisle" --app-drop-link 450 180 --icon "Aisle.app" 150 180 "$DMG" "$APP"
else
    staging=build/stage/dmg && rm -rf "$staging" && mkdir -p "$staging"
    cp -R "$APP" "$staging/" && ln -s /Applications "$staging/Applications"
    hdiutil create -volname Aisle -srcfolder "$staging" -ov -format ULMO "$DMG"
fi
# For distribution: xcrun notarytool submit "$DMG" --keychain-profile <profile> --wait
#                   xcrun stapler staple "$DMG"
ls -l "$DMG"
