#!/usr/bin/env bash
# Refresh the Chinese translations after GUI or engine strings changed: collect the strings
# (new GUI ones are marked unfinished in the .ts, new engine messages have an empty msgstr in
# the .po; translate them there), then compile the .qm and .mo the app loads.
#   bash scripts/translations.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TS=resources/translations/aisle_zh_CN.ts
.venv/bin/pyside6-lupdate -no-obsolete desktop_app/*.py -ts "$TS"
.venv/bin/pyside6-lrelease "$TS" -qm resources/translations/aisle_zh_CN.qm
status=0
if grep -q 'type="unfinished"' "$TS"; then
  echo "Untranslated strings remain in $TS (marked type=\"unfinished\")." >&2
  status=1
fi
.venv/bin/python scripts/engine_messages.py || status=1
exit $status
