#!/usr/bin/env bash
# Local single-node Trino (coordinator and worker in one JVM), no Docker.
#   trino.sh start|stop|status|restart|fetch
# The server tarball comes from Maven Central through Maven (io.trino:trino-server:<version>:tar.gz,
# cached in ~/.m2 like the Kafka jars) and is unpacked once into .cache/services/trino/server-<version>
# with only the plugins the project uses: postgresql (the operational store), duckdb (the DuckDB
# warehouse file), iceberg (tables dbt builds) and memory.
# Trino 476 needs Java 24 or newer: $TRINO_JAVA_HOME, else $JAVA_HOME, else the newest JDK under
# /usr/lib/jvm that is new enough; the script says which version it needs when there is none.
# Catalogs are dynamic (`CREATE CATALOG ... USING postgresql WITH (...)`): each test or user
# registers the databases it wants (libs/adapters/trino does it from the environment), so one
# server serves every test database. See docs/trino.md.
# On success prints one JSON line: {"url":"http://127.0.0.1:<port>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/http-service.sh"
service_init trino

TRINO_VERSION=${LEDGERLINE_TRINO_VERSION:-476}
TRINO_MIN_JAVA=24
SERVER_DIR="$SERVICE_DIR/server-$TRINO_VERSION"
ETC_DIR="$SERVICE_DIR/etc"
DATA_DIR="$SERVICE_DIR/data"
LOG_FILE="$SERVICE_DIR/trino.log"
SERVICE_LABEL="Trino $TRINO_VERSION"
# The JVM's first start compiles a lot: on a loaded 2-core machine it can take a minute or more.
START_WAIT_SECONDS=${LEDGERLINE_TRINO_START_SECONDS:-240}
STOP_GRACE_SECONDS=30
# geospatial: the PostgreSQL connector registers its Geometry type (it fails to load without it).
KEEP_PLUGINS=(postgresql geospatial duckdb iceberg memory)

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

find_java() {
  local candidate best="" best_major=0 major
  for candidate in "${TRINO_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(java_major "$candidate")
    [ -n "$major" ] && [ "$major" -ge "$TRINO_MIN_JAVA" ] || continue
    # An explicit TRINO_JAVA_HOME/JAVA_HOME wins when it is new enough; otherwise the newest.
    if [ "$candidate" = "${TRINO_JAVA_HOME:-}" ] || [ "$candidate" = "${JAVA_HOME:-}" ]; then best=$candidate; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  [ -n "$best" ] || die "Trino $TRINO_VERSION needs Java $TRINO_MIN_JAVA or newer; none found (set TRINO_JAVA_HOME, or install e.g. a Temurin 25 JDK)"
  TRINO_JAVA=$best
}

fetch_server() {
  [ -f "$SERVER_DIR/.complete" ] && return 0
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  local artifact="io.trino:trino-server:$TRINO_VERSION:tar.gz"
  local tarball="${HOME}/.m2/repository/io/trino/trino-server/$TRINO_VERSION/trino-server-$TRINO_VERSION.tar.gz"
  if [ ! -s "$tarball" ]; then
    log "fetching $artifact from Maven Central (about 800 MB, once)"
    mvn -q -B dependency:get -Dartifact="$artifact" -Dtransitive=false >"$SERVICE_DIR/mvn.log" 2>&1 9>&- ||
      { tail -20 "$SERVICE_DIR/mvn.log" >&2; die "could not fetch $artifact; see $SERVICE_DIR/mvn.log"; }
  fi
  log "unpacking Trino $TRINO_VERSION (plugins: ${KEEP_PLUGINS[*]})"
  rm -rf "$SERVER_DIR.tmp" && mkdir -p "$SERVER_DIR.tmp"
  # The tarball hard-links jars shared between plugins, so it is unpacked whole and trimmed after.
  tar xzf "$tarball" -C "$SERVER_DIR.tmp" --strip-components=1
  local plugin name keep
  for plugin in "$SERVER_DIR.tmp"/plugin/*; do
    name=$(basename "$plugin")
    keep=0
    for wanted in "${KEEP_PLUGINS[@]}"; do [ "$name" = "$wanted" ] && keep=1; done
    [ "$keep" = 1 ] || rm -rf "$plugin"
  done
  touch "$SERVER_DIR.tmp/.complete"
  rm -rf "$SERVER_DIR" && mv "$SERVER_DIR.tmp" "$SERVER_DIR"
}

write_config() {
  local port=$1
  mkdir -p "$ETC_DIR/catalog" "$DATA_DIR"
  cat >"$ETC_DIR/node.properties" <<CONF
node.environment=ledgerline
node.id=ledgerline-local
node.data-dir=$DATA_DIR
CONF
  cat >"$ETC_DIR/config.properties" <<CONF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$port
discovery.uri=http://127.0.0.1:$port
# Catalogs come and go with CREATE CATALOG / DROP CATALOG (one server for every test database);
# kept in etc/catalog so a restart keeps them.
catalog.management=dynamic
catalog.store=file
query.max-memory=${LEDGERLINE_TRINO_QUERY_MEMORY:-1GB}
query.max-memory-per-node=${LEDGERLINE_TRINO_QUERY_MEMORY:-1GB}
CONF
  # A small heap: this is a development server beside PostgreSQL, Kafka and the tests.
  cat >"$ETC_DIR/jvm.config" <<CONF
-server
-Xmx${LEDGERLINE_TRINO_HEAP:-2G}
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-Djdk.attach.allowAttachSelf=true
-Dfile.encoding=UTF-8
-XX:ReservedCodeCacheSize=256M
-XX:TieredStopAtLevel=1
CONF
  [ -f "$ETC_DIR/catalog/memory.properties" ] || printf 'connector.name=memory\n' >"$ETC_DIR/catalog/memory.properties"
  printf 'io.trino=WARN\n' >"$ETC_DIR/log.properties"
}

prepare() {
  find_java
  fetch_server
  write_config "$1"
}

launch() {
  export JAVA_HOME=$TRINO_JAVA PATH="$TRINO_JAVA/bin:$PATH"
  exec setsid "$SERVER_DIR/bin/launcher" run --etc-dir="$ETC_DIR" --data-dir="$DATA_DIR" \
    --log-levels-file="$ETC_DIR/log.properties"
}

# Ready when the coordinator says it is no longer starting (it answers HTTP a while before that).
healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1/v1/info" 2>/dev/null | grep -q '"starting":false'; }

endpoint_json() { printf '{"url":"http://127.0.0.1:%s"}' "$1"; }

case "${1:-}" in
  fetch) take_lock && find_java && fetch_server && log "Trino $TRINO_VERSION ready in $SERVER_DIR (Java: $TRINO_JAVA)" ;;
  *) http_service_main "$@" ;;
esac
