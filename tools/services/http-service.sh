# The start/stop/status of a service that is one detached process answering HTTP on one port
# (chroma.sh, prometheus.sh, fakesnow.sh). Sourced after lib.sh and service_init; the script defines
#   healthy PORT          succeeds once the server answers
#   endpoint_json PORT    the one JSON line printed on success
#   launch PORT           `exec setsid <server> ...` (run in the background, logs to $LOG_FILE;
#                         exec keeps the pid the one recorded, setsid gives stop a group to kill)
#   prepare PORT          optional: runs first, in this shell (find binaries, write configs; may die)
# and sets LOG_FILE, SERVICE_LABEL (for messages), and optionally START_WAIT_SECONDS (60) and
# STOP_GRACE_SECONDS (20). Then `http_service_main "$@"`.

http_service_running_endpoint() {
  local port
  [ -s "$SERVICE_DIR/port" ] && pid_alive "$(read_pid)" || return 1
  port=$(cat "$SERVICE_DIR/port")
  healthy "$port" || return 1
  endpoint_json "$port"
}

http_service_start() {
  local json port started_at pid
  if json=$(http_service_running_endpoint); then
    [ -s "$SERVICE_DIR/endpoint.json" ] || record_started "$json" "$(now_ms)"
    log "already running; logs: $LOG_FILE"
    echo "$json"
    return
  fi
  if pid_alive "$(read_pid)"; then
    log "server process exists but does not answer; stopping it first"
    stop_pid "$(read_pid)" "${STOP_GRACE_SECONDS:-20}"
  fi
  port=$(service_port)
  if declare -F prepare >/dev/null; then prepare "$port"; fi
  started_at=$(now_ms)
  log "starting $SERVICE_LABEL on 127.0.0.1:$port; logs: $LOG_FILE"
  # Detached (launch's setsid: own process group, outlives this script); fds redirected so callers
  # waiting on our stdout and lock are not held open.
  (launch "$port") </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$SERVICE_DIR/pid"
  if ! WAIT_SECONDS=${START_WAIT_SECONDS:-60} WATCH_PID=$pid wait_until healthy "$port"; then
    stop_pid "$pid" 5
    die "$SERVICE_LABEL did not answer on port $port; see $LOG_FILE"
  fi
  json=$(endpoint_json "$port")
  record_started "$json" "$started_at"
  echo "$json"
}

http_service_stop() {
  local pid
  pid=$(read_pid)
  if pid_alive "$pid"; then
    log "stopping (pid $pid)"
    stop_pid "$pid" "${STOP_GRACE_SECONDS:-20}"
  else
    log "not running"
  fi
  clear_started
}

http_service_main() {
  case "${1:-}" in
    start) take_lock && http_service_start ;;
    stop) take_lock && http_service_stop ;;
    restart) take_lock && http_service_stop && http_service_start ;;
    status) if json=$(http_service_running_endpoint); then echo "$json"; else log "not running"; exit 3; fi ;;
    *) usage ;;
  esac
}
