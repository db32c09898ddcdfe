#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) on the system Java, no Docker.
#   kafka.sh start|stop|status|restart|fetch
# Jars come from Maven Central via tools/services/kafka/pom.xml into .cache/services/kafka/lib
# (fetched once per broker version). `restart` keeps the port and data dir (fault tests use it).
# On success prints one JSON line: {"brokers":["127.0.0.1:<port>"]}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init kafka

POM="$SERVICES_DIR/kafka/pom.xml"
KAFKA_VERSION=${LEDGERLINE_KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")}
LIB_DIR="$SERVICE_DIR/lib"
# Per version: a newer broker upgrades the metadata format, which an older one cannot read back.
DATA_DIR="$SERVICE_DIR/data-$KAFKA_VERSION"
LOG_FILE="$SERVICE_DIR/kafka.log"
CONFIG="$SERVICE_DIR/server.properties"

# Fetches the broker jars unless the cache already holds this version.
fetch_jars() {
  if [ "$(cat "$LIB_DIR/.version" 2>/dev/null)" = "$KAFKA_VERSION" ]; then return 0; fi
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIB_DIR"
  rm -rf "$LIB_DIR.tmp"
  # Maven 3.8 prints colour resets even with -q -B, so its output goes to a log shown on failure.
  mvn -q -B -f "$POM" dependency:copy-dependencies -Dkafka.version="$KAFKA_VERSION" \
    -DoutputDirectory="$LIB_DIR.tmp" >"$SERVICE_DIR/mvn.log" 2>&1 9>&- ||
    { tail -30 "$SERVICE_DIR/mvn.log" >&2; die "mvn dependency:copy-dependencies failed; see $SERVICE_DIR/mvn.log"; }
  rm -rf "$LIB_DIR" && mv "$LIB_DIR.tmp" "$LIB_DIR"
  echo "$KAFKA_VERSION" >"$LIB_DIR/.version"
}

# The controller port is remembered like the broker port: the static quorum voter list names it,
# so it must not change across restarts of the same data dir.
controller_port() {
  local file="$SERVICE_DIR/controller_port" port
  if [ -s "$file" ] && ! port_in_use "$(cat "$file")"; then cat "$file"; return; fi
  port=$(free_port)
  echo "$port" >"$file"
  echo "$port"
}

write_config() {
  local port=$1 cport=$2
  cat >"$CONFIG" <<CONF
# Written by tools/services/kafka.sh on each start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.segment.bytes=16777216
log.retention.hours=24
log.retention.check.interval.ms=60000
CONF
}

JAVA_OPTS=(-Xmx512m -Xms256m -XX:+UseG1GC -Djava.awt.headless=true
  -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)

java_cmd() { java "${JAVA_OPTS[@]}" -cp "$LIB_DIR/*" "$@"; }

format_storage() {
  [ -f "$DATA_DIR/meta.properties" ] && return 0
  local cluster_id
  cluster_id=$(java_cmd kafka.tools.StorageTool random-uuid 2>>"$LOG_FILE" 9>&- | tail -1)
  log "formatting $DATA_DIR (cluster $cluster_id)"
  java_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" --ignore-formatted \
    >>"$LOG_FILE" 2>&1 9>&- || die "storage format failed; see $LOG_FILE"
}

ready() { node "$SERVICES_DIR/kafka/wait-ready.mjs" "127.0.0.1:$1" "$2" ${3:+"$3"} >&2 9>&-; }

endpoint_json() { printf '{"brokers":["127.0.0.1:%s"]}' "$1"; }

running_endpoint() {
  local port
  [ -s "$SERVICE_DIR/port" ] && pid_alive "$(read_pid)" || return 1
  port=$(cat "$SERVICE_DIR/port")
  ready "$port" 3 || return 1
  endpoint_json "$port"
}

do_start() {
  local json port cport started_at pid
  if json=$(running_endpoint); then
    [ -s "$SERVICE_DIR/endpoint.json" ] || record_started "$json" "$(now_ms)"
    log "already running; logs: $LOG_FILE"
    echo "$json"
    return
  fi
  if pid_alive "$(read_pid)"; then
    log "broker process exists but does not answer; stopping it first"
    stop_pid "$(read_pid)" 30
  fi
  fetch_jars
  command -v java >/dev/null || die "java not found (Java 17+ needed)"
  port=$(service_port)
  cport=$(controller_port)
  mkdir -p "$DATA_DIR"
  write_config "$port" "$cport"
  format_storage
  started_at=$(now_ms)
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$port (controller $cport); logs: $LOG_FILE"
  # setsid: the broker gets its own process group (stop kills the group) and outlives this script;
  # all fds are redirected so callers waiting on our stdout and lock are not held open.
  setsid java "${JAVA_OPTS[@]}" -cp "$LIB_DIR/*" kafka.Kafka "$CONFIG" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$SERVICE_DIR/pid"
  if ! ready "$port" 90 "$pid"; then
    stop_pid "$pid" 10
    die "broker did not become ready; see $LOG_FILE"
  fi
  json=$(endpoint_json "$port")
  record_started "$json" "${KEEP_STARTED_AT:-$started_at}"
  echo "$json"
}

do_stop() {
  local pid
  pid=$(read_pid)
  if pid_alive "$pid"; then
    log "stopping (pid $pid)"
    stop_pid "$pid" 60
  else
    log "not running"
  fi
  clear_started
}

# Same port, controller port and data dir. A broker that was running keeps its started_at and
# started_by: it is the same service instance, so a test-run teardown must not adopt a broker a
# developer started by hand just because a fault test restarted it.
do_restart() {
  local started_at="" started_by=""
  if [ -s "$SERVICE_DIR/started_at" ]; then
    started_at=$(cat "$SERVICE_DIR/started_at")
    started_by=$(cat "$SERVICE_DIR/started_by" 2>/dev/null || echo manual)
  fi
  do_stop
  KEEP_STARTED_AT=$started_at LEDGERLINE_SERVICE_OWNER=${started_by:-${LEDGERLINE_SERVICE_OWNER:-manual}} do_start
}

case "${1:-}" in
  start) take_lock && do_start ;;
  stop) take_lock && do_stop ;;
  restart) take_lock && do_restart ;;
  fetch) take_lock && fetch_jars ;;
  status) if json=$(running_endpoint); then echo "$json"; else log "not running"; exit 3; fi ;;
  *) usage "start|stop|status|restart|fetch" ;;
esac
