#!/usr/bin/env bash
# Local Prometheus from Debian's `prometheus` package (2.42), loaded with the project's recording and
# alert rules (docker/prometheus/rules/). Targets come from files: write
#   .cache/services/prometheus/targets/<name>.json = [{"targets":["127.0.0.1:PORT"],"labels":{"job":"pipeline"}}]
# and Prometheus picks them up within seconds (file_sd). Scrapes and rule evaluation run every
# LEDGERLINE_PROMETHEUS_INTERVAL (default 1s, so tests see data quickly).
#   prometheus.sh start|stop|status|restart
# On success prints one JSON line: {"url":"http://127.0.0.1:<port>","targets":"<dir>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init prometheus

DATA_DIR="$SERVICE_DIR/data"
TARGETS_DIR="$SERVICE_DIR/targets"
CONFIG_FILE="$SERVICE_DIR/prometheus.yml"
LOG_FILE="$SERVICE_DIR/prometheus.log"
INTERVAL="${LEDGERLINE_PROMETHEUS_INTERVAL:-1s}"

prometheus_bin() {
  command -v prometheus >/dev/null || die "no prometheus binary: install Debian's package (apt-get install prometheus; tools/setup.sh --for-tests does)"
  command -v prometheus
}

healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1/-/ready" >/dev/null 2>&1; }

endpoint_json() { printf '{"url":"http://127.0.0.1:%s","targets":"%s"}' "$1" "$TARGETS_DIR"; }

running_endpoint() {
  local port
  [ -s "$SERVICE_DIR/port" ] && pid_alive "$(read_pid)" || return 1
  port=$(cat "$SERVICE_DIR/port")
  healthy "$port" || return 1
  endpoint_json "$port"
}

write_config() {
  mkdir -p "$TARGETS_DIR" "$DATA_DIR"
  cat >"$CONFIG_FILE" <<CONFIG
# Written by tools/services/prometheus.sh; edits are overwritten at the next start.
global:
  scrape_interval: $INTERVAL
  scrape_timeout: $INTERVAL
  evaluation_interval: $INTERVAL
rule_files:
  - $REPO_ROOT/docker/prometheus/rules/*.yml
scrape_configs:
  - job_name: ledgerline
    file_sd_configs:
      - files: ['$TARGETS_DIR/*.json']
        refresh_interval: 5s
CONFIG
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
  bin=$(prometheus_bin)
  port=$(service_port)
  write_config
  "$(dirname "$bin")/promtool" check config "$CONFIG_FILE" >>"$LOG_FILE" 2>&1 || die "promtool rejects $CONFIG_FILE; see $LOG_FILE"
  started_at=$(now_ms)
  log "starting Prometheus on 127.0.0.1:$port; logs: $LOG_FILE"
  setsid "$bin" --config.file="$CONFIG_FILE" --storage.tsdb.path="$DATA_DIR" \
    --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=1d \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$SERVICE_DIR/pid"
  if ! WAIT_SECONDS=60 WATCH_PID=$pid wait_until healthy "$port"; then
    stop_pid "$pid" 5
    die "Prometheus did not answer /-/ready; see $LOG_FILE"
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
