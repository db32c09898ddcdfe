#!/usr/bin/env bash
# Rewrites package-lock.json so that `npm ci` accepts it on every platform we support (Linux and
# macOS, x64 and arm64). npm 11 drops other platforms' optional binaries (@duckdb/node-bindings-*,
# @rollup/rollup-*) from the lockfile when it updates one next to an installed node_modules
# (npm/cli#8805), and `npm ci` on those platforms then refuses it as out of sync. Resolving the same
# lockfile with `--package-lock-only` where no node_modules exists keeps every pinned version and
# adds the missing platform entries. Run it after `npm install <pkg>`; the lockfile spec
# (tools/lockfile/lockfile.spec.ts) fails until you do.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
cp package.json package-lock.json "$work/"
for manifest in apps/*/package.json libs/*/*/package.json; do
  [ -f "$manifest" ] || continue
  mkdir -p "$work/$(dirname "$manifest")"
  cp "$manifest" "$work/$manifest"
done
(cd "$work" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund >/dev/null)
cp "$work/package-lock.json" package-lock.json
echo "package-lock.json completed for every platform ($(grep -c '"node_modules/' package-lock.json) entries)"
