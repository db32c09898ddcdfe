#!/usr/bin/env bash
# Local Chroma server from the PyPI `chromadb` package in <repo>/.venv (the npm `chroma` CLI's native
# binary needs glibc >= 2.38; Debian 12 has 2.36).
#   chroma.sh start|stop|status|restart
# Data and logs live in .cache/services/chroma/. On success prints one JSON line:
#   {"url":"http://127.0.0.1:<port>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/http-service.sh"
service_init chroma

DATA_DIR="$SERVICE_DIR/data"
LOG_FILE="$SERVICE_DIR/chroma.log"
SERVICE_LABEL=Chroma
CHROMA_BIN="$REPO_ROOT/.venv/bin/chroma"
export ANONYMIZED_TELEMETRY=False NO_COLOR=1
# chromadb 1.x serves the v2 API; v1 answers 410 Gone.
HEARTBEAT_PATH=/api/v2/heartbeat

prepare() {
  if [ ! -x "$CHROMA_BIN" ]; then
    log "no $CHROMA_BIN yet; creating the Python env"
    bash "$SERVICES_DIR/python-env.sh" >/dev/null 9>&- || die "python-env.sh failed"
  fi
  mkdir -p "$DATA_DIR"
}

launch() { exec setsid "$CHROMA_BIN" run --path "$DATA_DIR" --host 127.0.0.1 --port "$1"; }

healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1$HEARTBEAT_PATH" >/dev/null 2>&1; }

endpoint_json() { printf '{"url":"http://127.0.0.1:%s"}' "$1"; }

http_service_main "$@"
