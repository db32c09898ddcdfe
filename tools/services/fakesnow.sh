#!/usr/bin/env bash
# fakesnow (PyPI, by another author than tools/snowflake-emulator) as an HTTP server from
# <repo>/.venv: a second, independent Snowflake emulator that the Python connector (dbt-snowflake)
# talks to. Its data is in memory, shared by every session, and gone when it stops.
#   fakesnow.sh start|stop|status|restart
# Logs live in .cache/services/fakesnow/. On success prints one JSON line:
#   {"host":"127.0.0.1","port":<port>,"url":"http://127.0.0.1:<port>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init fakesnow

LOG_FILE="$SERVICE_DIR/fakesnow.log"

fakesnow_bin() {
  local bin="$REPO_ROOT/.venv/bin/fakesnow"
  if [ ! -x "$bin" ] || ! "$REPO_ROOT/.venv/bin/python" -c 'import fakesnow.server' 2>/dev/null; then
    log "no fakesnow server in $REPO_ROOT/.venv yet; updating the Python env"
    bash "$SERVICES_DIR/python-env.sh" >/dev/null 9>&- || die "python-env.sh failed"
  fi
  echo "$bin"
}

# Any HTTP answer means uvicorn serves (fakesnow has no health route; GET / is a 404).
healthy() { curl -sS --max-time 2 -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null; }

endpoint_json() { printf '{"host":"127.0.0.1","port":%s,"url":"http://127.0.0.1:%s"}' "$1" "$1"; }

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
    stop_pid "$(read_pid)" 10
  fi
  bin=$(fakesnow_bin)
  port=$(service_port)
  started_at=$(now_ms)
  log "starting fakesnow on 127.0.0.1:$port; logs: $LOG_FILE"
  # setsid: own process group (stop kills the group); fds redirected so callers are not held open.
  setsid "$bin" --server --host 127.0.0.1 --port "$port" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$SERVICE_DIR/pid"
  if ! WAIT_SECONDS=60 WATCH_PID=$pid wait_until healthy "$port"; then
    stop_pid "$pid" 5
    die "fakesnow did not answer on port $port; see $LOG_FILE"
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
    stop_pid "$pid" 10
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
