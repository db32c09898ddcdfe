# Shared helpers for the local service scripts in tools/services/ (sourced, not run).
#
# Conventions every service script follows:
# - all state lives in <repo>/.cache/services/<name>/ (port, pid, logs, data, endpoint.json, started_at);
# - stdout carries exactly one line of JSON on success (the endpoint); everything else goes to stderr,
#   so callers (the test harness) can parse the last stdout line;
# - start/stop/restart hold an exclusive flock on <dir>/lock, so concurrent test workers calling
#   `start` at the same moment get one process and the same endpoint.

set -euo pipefail

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVICES_DIR/../.." && pwd)"
CACHE_ROOT="$REPO_ROOT/.cache/services"

log() { printf '[%s] %s\n' "${SERVICE_NAME:-services}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Sets SERVICE_NAME and SERVICE_DIR and creates the cache dir.
service_init() {
  SERVICE_NAME=$1
  SERVICE_DIR="$CACHE_ROOT/$SERVICE_NAME"
  mkdir -p "$SERVICE_DIR"
}

# Runs the rest of the script under an exclusive lock on the service dir (fd 9 stays open until exit).
take_lock() {
  exec 9>"$SERVICE_DIR/lock"
  if ! flock -w "${LOCK_TIMEOUT_SECONDS:-600}" 9; then die "timed out waiting for $SERVICE_DIR/lock"; fi
}

now_ms() { date +%s%3N; }

port_in_use() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }

# A free TCP port on 127.0.0.1, chosen by the kernel (bind to port 0) so that two scripts never race
# over a hand-picked range.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# The remembered port of this service, or a fresh free one (remembered from now on).
# A remembered port that a foreign process now holds is replaced, with a warning.
service_port() {
  local file="$SERVICE_DIR/port" port
  if [ -s "$file" ]; then
    port=$(cat "$file")
    if ! port_in_use "$port"; then echo "$port"; return; fi
    log "remembered port $port is taken by another process; picking a new one"
  fi
  port=$(free_port)
  echo "$port" >"$file"
  echo "$port"
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

read_pid() { [ -s "$SERVICE_DIR/pid" ] && cat "$SERVICE_DIR/pid" || true; }

# Records a successful start: endpoint.json (the JSON line), started_at (epoch ms) and who started it
# ("harness" when the test harness did, so its teardown may stop it; "manual" otherwise).
record_started() {
  local json=$1 started_at=$2
  printf '%s\n' "$json" >"$SERVICE_DIR/endpoint.json"
  printf '%s\n' "$started_at" >"$SERVICE_DIR/started_at"
  printf '%s\n' "${LEDGERLINE_SERVICE_OWNER:-manual}" >"$SERVICE_DIR/started_by"
}

clear_started() { rm -f "$SERVICE_DIR/endpoint.json" "$SERVICE_DIR/started_at" "$SERVICE_DIR/started_by" "$SERVICE_DIR/pid"; }

# Prints the recorded endpoint JSON as the one stdout line.
print_endpoint() { cat "$SERVICE_DIR/endpoint.json"; }

# Sends SIGTERM to a process group leader and waits up to $2 seconds, then SIGKILLs the group.
stop_pid() {
  local pid=$1 wait_seconds=${2:-30} i
  pid_alive "$pid" || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait_seconds * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  log "pid $pid did not exit after ${wait_seconds}s; killing"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
}

# Polls "$@" every 0.2 s until it succeeds or $WAIT_SECONDS pass; fails early when $WATCH_PID dies.
wait_until() {
  local deadline=$((SECONDS + ${WAIT_SECONDS:-60}))
  until "$@" >/dev/null 2>&1; do
    if [ -n "${WATCH_PID:-}" ] && ! pid_alive "$WATCH_PID"; then return 1; fi
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.2
  done
}

usage() { die "usage: $(basename "$0") ${1:-start|stop|status|restart}"; }

# Installs a requirements file into a venv with uv (pinned; installed into that venv by pip first),
# falling back to pip when uv cannot be had. uv resolves to the same versions as pip but downloads
# in parallel and keeps a machine-wide cache (~/.cache/uv): a cold install of the dbt env took
# 43 s against pip's 81 s, a warm one a few seconds.
UV_VERSION=0.13.8
pip_install_requirements() { # venv requirements log
  local venv=$1 requirements=$2 log_file=$3 extra=()
  # pip's own configuration that uv does not read: a local wheel folder some machines provide.
  if [ -n "${PIP_FIND_LINKS:-}" ]; then extra+=(--find-links "$PIP_FIND_LINKS"); fi
  if "$venv/bin/python" -m pip install -q "uv==$UV_VERSION" >"$log_file" 2>&1 &&
    "$venv/bin/uv" pip install -q --python "$venv/bin/python" "${extra[@]}" -r "$requirements" >>"$log_file" 2>&1; then
    return 0
  fi
  log "uv could not install $requirements; trying pip (log: $log_file)"
  "$venv/bin/python" -m pip install -q -r "$requirements" >>"$log_file" 2>&1
}
