#!/usr/bin/env bash
# Local Prometheus from Debian's `prometheus` package (2.42), loaded with the project's recording and
# alert rules (docker/prometheus/rules/). Targets come from files: write
#   .cache/services/prometheus/targets/<name>.json = [{"targets":["127.0.0.1:PORT"],"labels":{"job":"pipeline"}}]
# and Prometheus picks them up within seconds (file_sd). Scrapes and rule evaluation run every
# LEDGERLINE_PROMETHEUS_INTERVAL (default 1s, so tests see data quickly).
#   prometheus.sh start|stop|status|restart
# On success prints one JSON line: {"url":"http://127.0.0.1:<port>","targets":"<dir>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/http-service.sh"
service_init prometheus

DATA_DIR="$SERVICE_DIR/data"
TARGETS_DIR="$SERVICE_DIR/targets"
CONFIG_FILE="$SERVICE_DIR/prometheus.yml"
LOG_FILE="$SERVICE_DIR/prometheus.log"
INTERVAL="${LEDGERLINE_PROMETHEUS_INTERVAL:-1s}"
SERVICE_LABEL=Prometheus

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

prepare() {
  command -v prometheus >/dev/null || die "no prometheus binary: install Debian's package (apt-get install prometheus; tools/setup.sh --for-tests does)"
  write_config
  promtool check config "$CONFIG_FILE" >>"$LOG_FILE" 2>&1 || die "promtool rejects $CONFIG_FILE; see $LOG_FILE"
}

launch() {
  exec setsid prometheus --config.file="$CONFIG_FILE" --storage.tsdb.path="$DATA_DIR" \
    --web.listen-address="127.0.0.1:$1" --storage.tsdb.retention.time=1d
}

healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1/-/ready" >/dev/null 2>&1; }

endpoint_json() { printf '{"url":"http://127.0.0.1:%s","targets":"%s"}' "$1" "$TARGETS_DIR"; }

http_service_main "$@"
