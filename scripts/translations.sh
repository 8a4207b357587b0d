#!/usr/bin/env bash
# Refresh the Chinese translation after GUI strings changed: collect the strings (new ones are
# marked unfinished in the .ts; translate them there), then compile the .qm the app loads.
#   bash scripts/translations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TS=resources/translations/aisle_zh_CN.ts
.venv/bin/pyside6-lupdate -no-obsolete desktop_app/*.py -ts "$TS"
.venv/bin/pyside6-lrelease "$TS" -qm resources/translations/aisle_zh_CN.qm
if grep -q 'type="unfinished"' "$TS"; then
  echo "Untranslated strings remain in $TS (marked type=\"unfinished\")." >&2
  exit 1
fi
