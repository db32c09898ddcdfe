#!/usr/bin/env bash
# Starts every local service (Python env first: Chroma runs from it), the servers in parallel.
# Prints one JSON line: {"python":{...},"postgres":{...},"kafka":{...},"chroma":{...}}
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
started=$SECONDS

bash "$dir/python-env.sh" >"$out/python"
pids=()
for name in postgres kafka chroma; do
  bash "$dir/$name.sh" start >"$out/$name" &
  pids+=("$!")
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { echo "[services] some services failed to start (see messages above)" >&2; exit 1; }

echo "[services] all started in $((SECONDS - started))s" >&2
printf '{"python":%s,"postgres":%s,"kafka":%s,"chroma":%s}\n' \
  "$(tail -1 "$out/python")" "$(tail -1 "$out/postgres")" "$(tail -1 "$out/kafka")" "$(tail -1 "$out/chroma")"
