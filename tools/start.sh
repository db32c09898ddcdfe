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
npx nx run pipeline:build
# The job itself replaces this shell: Ctrl-C reaches it directly and its clean stop (drain, final
# sync, the `stopped: ...` line) is seen. Under `nx run pipeline:serve` nx ends first on Ctrl-C and
# takes the job's output pipe with it, so the stop line was lost (or the job died writing it).
exec node dist/apps/pipeline/main.mjs "$@"
