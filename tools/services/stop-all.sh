#!/usr/bin/env bash
# Stops every local service started from tools/services/ (in parallel; data stays in .cache/services).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pids=()
for name in postgres kafka chroma prometheus fakesnow s3; do
  bash "$dir/$name.sh" stop &
  pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
