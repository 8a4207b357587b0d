#!/usr/bin/env bash
# Start the frozen GUI under Xvfb, time how long its main window takes to appear and to become
# usable (catalog open, search answers: its "usable:" log line), save a screenshot.
# Usage: packaging/screenshot_frozen.sh [APP_DIR] [OUT_PNG]
#   APP_DIR  one-folder build (default build/dist/aisle; e.g. <root>/opt/aisle of an unpacked .deb)
#   OUT_PNG  default build/screenshots/frozen_gui.png
# Env: FROM_SOURCE=1 runs .venv/bin/aisle-gui instead (the cold-start comparison);
#      SETTLE seconds to wait after the window appears before the shot (default 20: the first run
#      installs the demo catalog); DATA_DIR to start on an existing data folder (default: a fresh
#      one, i.e. a first launch); DISPLAY_NUM (default 97); PYTHON for the PNG conversion.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_DIR="${1:-build/dist/aisle}"
OUT="${2:-build/screenshots/frozen_gui.png}"
PYTHON="${PYTHON:-.venv/bin/python}"
SETTLE="${SETTLE:-20}"
DISPLAY_NUM="${DISPLAY_NUM:-97}"
WORK="$(mktemp -d)"
XVFB_PID="" APP_PID=""

cleanup() {
    set +e  # a process that already exited must not stop the rest of the clean-up
    for pid in $APP_PID $XVFB_PID; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${FROM_SOURCE:-0}" = "1" ]; then
    APP=(.venv/bin/aisle-gui -v)
else
    APP=("$APP_DIR/aisle-gui" -v)
fi

# Other test runs may hold a display: take the first free one from DISPLAY_NUM on.
while [ -e "/tmp/.X$DISPLAY_NUM-lock" ] || [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ]; do
    DISPLAY_NUM=$((DISPLAY_NUM + 1))
done
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -fbdir "$WORK" -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 50); do [ -e "$WORK/Xvfb_screen0" ] && break; sleep 0.1; done
kill -0 "$XVFB_PID" 2>/dev/null || { cat "$WORK/xvfb.log" >&2; echo "Xvfb did not start" >&2; exit 1; }

mkdir -p "$WORK/home" "$(dirname "$OUT")"
started=$(date +%s.%N)
env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 DISPLAY=":$DISPLAY_NUM" \
    AISLE_DATA_DIR="${DATA_DIR:-$WORK/data}" QT_QPA_PLATFORM=xcb "${APP[@]}" >"$WORK/app.log" 2>&1 &
APP_PID=$!

shown=""
for _ in $(seq 600); do
    if xwininfo -display ":$DISPLAY_NUM" -root -tree 2>/dev/null | grep -q '"Aisle'; then
        shown=$(date +%s.%N); break
    fi
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; echo "the app exited" >&2; exit 1; }
    sleep 0.2
done
[ -n "$shown" ] || { cat "$WORK/app.log" >&2; echo "no Aisle window after 120 s" >&2; exit 1; }
printf 'window shown after %.1f s\n' "$(echo "$shown - $started" | bc -l)"
usable=""
for _ in $(seq 600); do
    if grep -q "usable:" "$WORK/app.log"; then usable=$(date +%s.%N); break; fi
    sleep 0.05
done
[ -n "$usable" ] || { cat "$WORK/app.log" >&2; echo "not usable after 30 s" >&2; exit 1; }
printf 'usable after %.2f s\n' "$(echo "$usable - $started" | bc -l)"

sleep "$SETTLE"
kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; echo "the app died" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen "$PYTHON" packaging/xwd_to_png.py "$WORK/Xvfb_screen0" "$OUT"
