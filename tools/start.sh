#!/usr/bin/env bash
# `npm start`: set up what is missing (tools/setup.sh), then run the main job on embedded defaults.
# Arguments go to the pipeline (`npm start -- --duration 60`; `npm start -- --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-runtime.sh
source tools/node-runtime.sh
ensure_supported_node
bash tools/setup.sh
export NX_DAEMON=false NX_NO_CLOUD=true
exec npx nx run pipeline:serve "$@"
