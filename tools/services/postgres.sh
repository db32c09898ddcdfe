#!/usr/bin/env bash
# Local PostgreSQL for integration tests, from the Debian packages (no Docker).
#   postgres.sh start|stop|status|restart
# Data, socket and logs live in <repo>/.cache/services/postgres/. On success prints one JSON line:
#   {"url":"postgres://postgres@127.0.0.1:<port>/postgres"}
# initdb and postgres refuse to run as root, so as root the server runs as an unprivileged OS user:
# $LEDGERLINE_PG_OS_USER, else the Debian `postgres` user, else a `ledgerline-pg` system user we create.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init postgres

PG_SUPERUSER=postgres

find_pg_bin() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/postgres" ] || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best" "$dir" | sort -V | tail -1)" = "$dir" ]; then best=$dir; fi
  done
  [ -n "$best" ] || die "no PostgreSQL found under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
  local major
  major=$(basename "$(dirname "$best")")
  [ "${major%%.*}" -ge 15 ] 2>/dev/null || die "PostgreSQL $major found; need 15 or newer"
  PG_BIN=$best
  PG_MAJOR=$major
}

# Chooses the OS user the server runs as, creating a system user when needed (root only).
pick_os_user() {
  if [ "$(id -u)" != 0 ]; then PG_OS_USER=$(id -un); return; fi
  PG_OS_USER=${LEDGERLINE_PG_OS_USER:-}
  if [ -z "$PG_OS_USER" ]; then
    if id postgres >/dev/null 2>&1; then PG_OS_USER=postgres; else PG_OS_USER=ledgerline-pg; fi
  fi
  if ! id "$PG_OS_USER" >/dev/null 2>&1; then
    log "creating system user $PG_OS_USER to run PostgreSQL (it refuses to run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER" ||
      id "$PG_OS_USER" >/dev/null 2>&1 || die "could not create user $PG_OS_USER"
  fi
}

# Runs a command as the server's OS user, with fd 9 (our lock) closed so the postmaster never holds it.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@" 9>&-; else "$@" 9>&-; fi
}

# Where data, socket and log go. Normally inside the cache dir; if the server's user cannot reach the
# repo (e.g. a checkout under /root), or the socket path would exceed the 107-byte unix limit, they
# move to a per-repo directory under /tmp (linked from the cache dir so it is still easy to find).
pick_dirs() {
  local base="$SERVICE_DIR"
  if ! as_pg test -x "$SERVICE_DIR" || [ ${#SERVICE_DIR} -gt 80 ]; then
    base="/tmp/ledgerline-pg-$(printf '%s' "$REPO_ROOT" | md5sum | cut -c1-10)"
    mkdir -p "$base"
    ln -sfn "$base" "$SERVICE_DIR/external"
    log "using $base (the repo path is not reachable by $PG_OS_USER or too long for a socket)"
  fi
  DATA_DIR="$base/data-$PG_MAJOR"
  RUN_DIR="$base/run"
  LOG_DIR="$base/log"
  LOG_FILE="$LOG_DIR/postgres.log"
  mkdir -p "$DATA_DIR" "$RUN_DIR" "$LOG_DIR"
  touch "$LOG_FILE"
  if [ "$(id -u)" = 0 ]; then chown "$PG_OS_USER" "$DATA_DIR" "$RUN_DIR" "$LOG_DIR" "$LOG_FILE"; fi
  chmod 700 "$DATA_DIR"
}

postmaster_pid() { [ -s "$DATA_DIR/postmaster.pid" ] && head -1 "$DATA_DIR/postmaster.pid" || true; }

is_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -U "$PG_SUPERUSER" -d postgres -t 2; }

endpoint_json() { printf '{"url":"postgres://%s@127.0.0.1:%s/postgres"}' "$PG_SUPERUSER" "$1"; }

init_cluster() {
  [ -s "$DATA_DIR/PG_VERSION" ] && return 0
  log "initdb into $DATA_DIR"
  as_pg "$PG_BIN/initdb" -D "$DATA_DIR" --username="$PG_SUPERUSER" --auth=trust \
    --encoding=UTF8 --locale=C --no-sync >>"$LOG_FILE" 2>&1 || die "initdb failed; see $LOG_FILE"
  # Trust, but only over the unix socket and loopback; the server listens on 127.0.0.1 only.
  as_pg tee "$DATA_DIR/pg_hba.conf" >/dev/null <<'EOF'
local   all          all                 trust
host    all          all   127.0.0.1/32  trust
local   replication  all                 trust
host    replication  all   127.0.0.1/32  trust
EOF
  echo "include_if_exists = 'ledgerline.conf'" | as_pg tee -a "$DATA_DIR/postgresql.conf" >/dev/null
}

# Rewritten on every start because the port may change.
write_settings() {
  as_pg tee "$DATA_DIR/ledgerline.conf" >/dev/null <<EOF
# Written by tools/services/postgres.sh on each start.
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$RUN_DIR'
max_connections = 200
wal_level = logical
max_wal_senders = 10
max_replication_slots = 10
# Sized for bulk loads on a developer machine (the stream sink, batch ingest and the benchmarks
# write millions of rows): with the 128 MB / 1 GB defaults the transactions table's indexes fall
# out of cache and checkpoints (each followed by full-page writes) land in the middle of a load.
shared_buffers = 512MB
max_wal_size = 4GB
checkpoint_timeout = 15min
EOF
}

# Prints the endpoint and returns 0 when our server is up and answering.
running_endpoint() {
  local port pid
  [ -s "$SERVICE_DIR/port" ] || return 1
  port=$(cat "$SERVICE_DIR/port")
  pid=$(postmaster_pid)
  pid_alive "$pid" && is_ready "$port" || return 1
  endpoint_json "$port"
}

cmd_start() {
  take_lock
  local json port started_at
  if json=$(running_endpoint); then
    [ -s "$SERVICE_DIR/endpoint.json" ] || record_started "$json" "$(now_ms)"
    log "already running; logs: $LOG_FILE"
    echo "$json"
    return
  fi
  if pid_alive "$(postmaster_pid)"; then
    log "server process exists but does not answer; stopping it first"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m immediate -w -t 30 stop >&2 || true
  fi
  port=$(service_port)
  init_cluster
  write_settings "$port"
  started_at=$(now_ms)
  log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$port; logs: $LOG_FILE"
  as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start >&2 ||
    die "pg_ctl start failed; see $LOG_FILE"
  WAIT_SECONDS=30 wait_until is_ready "$port" || die "pg_isready never answered; see $LOG_FILE"
  postmaster_pid >"$SERVICE_DIR/pid"
  json=$(endpoint_json "$port")
  record_started "$json" "$started_at"
  echo "$json"
}

cmd_stop() {
  take_lock
  if pid_alive "$(postmaster_pid)"; then
    log "stopping"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w -t 60 stop >&2 ||
      as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m immediate -w -t 30 stop >&2 || true
  else
    log "not running"
  fi
  clear_started
}

cmd_status() {
  local json
  if json=$(running_endpoint); then echo "$json"; else log "not running"; return 3; fi
}

find_pg_bin
pick_os_user
pick_dirs
case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) (cmd_stop) && cmd_start ;;
  *) usage ;;
esac
