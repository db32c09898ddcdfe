#!/usr/bin/env bash
# Local Chroma server from the PyPI `chromadb` package in <repo>/.venv (the npm `chroma` CLI's native
# binary needs glibc >= 2.38; Debian 12 has 2.36).
#   chroma.sh start|stop|status|restart
# Data and logs live in .cache/services/chroma/. On success prints one JSON line:
#   {"url":"http://127.0.0.1:<port>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init chroma

DATA_DIR="$SERVICE_DIR/data"
LOG_FILE="$SERVICE_DIR/chroma.log"
export ANONYMIZED_TELEMETRY=False NO_COLOR=1
# chromadb 1.x serves the v2 API; v1 answers 410 Gone.
HEARTBEAT_PATH=/api/v2/heartbeat

chroma_bin() {
  local bin="$REPO_ROOT/.venv/bin/chroma"
  if [ ! -x "$bin" ]; then
    log "no $bin yet; creating the Python env"
    bash "$SERVICES_DIR/python-env.sh" >/dev/null 9>&- || die "python-env.sh failed"
  fi
  echo "$bin"
}

healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1$HEARTBEAT_PATH" >/dev/null 2>&1; }

endpoint_json() { printf '{"url":"http://127.0.0.1:%s"}' "$1"; }

running_endpoint() {
  local port
  [ -s "$SERVICE_DIR/port" ] && pid_alive "$(read_pid)" || return 1
  port=$(cat "$SERVICE_DIR/port")
  healthy "$port" || return 1
  endpoint_json "$port"
}

do_start() {
  local json port started_at pid bin
  if json=$(running_endpoint); then
    [ -s "$SERVICE_DIR/endpoint.json" ] || record_started "$json" "$(now_ms)"
    log "already running; logs: $LOG_FILE"
    echo "$json"
    return
  fi
  if pid_alive "$(read_pid)"; then
    log "server process exists but does not answer; stopping it first"
    stop_pid "$(read_pid)" 15
  fi
  bin=$(chroma_bin)
  port=$(service_port)
  mkdir -p "$DATA_DIR"
  started_at=$(now_ms)
  log "starting Chroma on 127.0.0.1:$port; logs: $LOG_FILE"
  # setsid: own process group (stop kills the group), outlives this script; fds redirected so callers
  # waiting on our stdout and lock are not held open.
  setsid "$bin" run --path "$DATA_DIR" --host 127.0.0.1 --port "$port" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$SERVICE_DIR/pid"
  if ! WAIT_SECONDS=60 WATCH_PID=$pid wait_until healthy "$port"; then
    stop_pid "$pid" 5
    die "Chroma did not answer $HEARTBEAT_PATH; see $LOG_FILE"
  fi
  json=$(endpoint_json "$port")
  record_started "$json" "$started_at"
  echo "$json"
}

do_stop() {
  local pid
  pid=$(read_pid)
  if pid_alive "$pid"; then
    log "stopping (pid $pid)"
    stop_pid "$pid" 20
  else
    log "not running"
  fi
  clear_started
}

case "${1:-}" in
  start) take_lock && do_start ;;
  stop) take_lock && do_stop ;;
  restart) take_lock && do_stop && do_start ;;
  status) if json=$(running_endpoint); then echo "$json"; else log "not running"; exit 3; fi ;;
  *) usage ;;
esac
