#!/usr/bin/env bash
# Train the shipped search ranker (resources/ranker) on the dev splits of ../shared/data, after
# query-grouped 5-fold cross-validation of every ordering; the report (ranker.json) carries the
# CV figures. Deterministic: the same data and code give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DATA:-../shared/data}"
.venv/bin/aisle eval-ranking --folds 5 --out resources/ranker \
    --set "crowdflower=$SHARED/crowdflower" --set "homedepot=$SHARED/homedepot" \
    --set "multicpr=$SHARED/multicpr" "$@"
