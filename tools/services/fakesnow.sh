#!/usr/bin/env bash
# fakesnow (PyPI, by another author than tools/snowflake-emulator) as an HTTP server from
# <repo>/.venv: a second, independent Snowflake emulator that the Python connector (dbt-snowflake)
# talks to. Its data is in memory, shared by every session, and gone when it stops.
#   fakesnow.sh start|stop|status|restart
# Logs live in .cache/services/fakesnow/. On success prints one JSON line:
#   {"host":"127.0.0.1","port":<port>,"url":"http://127.0.0.1:<port>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/http-service.sh"
service_init fakesnow

LOG_FILE="$SERVICE_DIR/fakesnow.log"
SERVICE_LABEL=fakesnow
STOP_GRACE_SECONDS=10
FAKESNOW_BIN="$REPO_ROOT/.venv/bin/fakesnow"

prepare() {
  if [ ! -x "$FAKESNOW_BIN" ] || ! "$REPO_ROOT/.venv/bin/python" -c 'import fakesnow.server' 2>/dev/null; then
    log "no fakesnow server in $REPO_ROOT/.venv yet; updating the Python env"
    bash "$SERVICES_DIR/python-env.sh" >/dev/null 9>&- || die "python-env.sh failed"
  fi
}

launch() { exec setsid "$FAKESNOW_BIN" --server --host 127.0.0.1 --port "$1"; }

# Any HTTP answer means uvicorn serves (fakesnow has no health route; GET / is a 404).
healthy() { curl -sS --max-time 2 -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null; }

endpoint_json() { printf '{"host":"127.0.0.1","port":%s,"url":"http://127.0.0.1:%s"}' "$1" "$1"; }

http_service_main "$@"
