#!/usr/bin/env bash
# Local S3-compatible server: versitygw (posix backend) built from the Go module proxy, no Docker.
#   s3.sh start|stop|status|restart|build
# The binary is `go install`ed once per pinned version into ~/.cache/ledgerline/versitygw-<version>/
# (LEDGERLINE_TOOLS_CACHE overrides the parent dir): outside the checkout, so a fresh clone (CI)
# finds it built; a version's binary never changes, so every clone and worktree may share it.
# Buckets are directories under .cache/services/<instance>/data, object metadata in a sidecar dir
# (works on filesystems without user xattrs). Requests are path-style: http://127.0.0.1:<port>/<bucket>/<key>.
#
# Environment:
#   S3_ROOT_ACCESS_KEY / S3_ROOT_SECRET_KEY  root credentials (local defaults: ledgerline / ledgerline-secret)
#   S3_EVENT_WEBHOOK_URL   POST an S3 event notification (s3:ObjectCreated:* only) to this URL for every
#                          object created in any bucket. versitygw sends a test event at start and refuses
#                          to start when nothing listens there: start the receiver first. A running server
#                          with another webhook URL is restarted with the new one.
#   LEDGERLINE_S3_INSTANCE  instance name (default s3): a second server with its own port, data and webhook
#   LEDGERLINE_VERSITYGW_VERSION  override the pinned version (tools/services/s3.sh VERSITYGW_VERSION)
# On success prints one JSON line:
#   {"endpoint":"http://127.0.0.1:<port>","region":"us-east-1","accessKeyId":"...","secretAccessKey":"...","webhook":"<url or empty>"}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/http-service.sh"
INSTANCE=${LEDGERLINE_S3_INSTANCE:-s3}
[[ "$INSTANCE" =~ ^s3[a-z0-9-]*$ ]] || die "LEDGERLINE_S3_INSTANCE must start with s3 and be [a-z0-9-]: $INSTANCE"
service_init "$INSTANCE"

VERSITYGW_VERSION=${LEDGERLINE_VERSITYGW_VERSION:-v1.8.0}
BIN_DIR="${LEDGERLINE_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ledgerline}/versitygw-$VERSITYGW_VERSION"
BIN="$BIN_DIR/versitygw"
DATA_DIR="$SERVICE_DIR/data"
META_DIR="$SERVICE_DIR/meta"
LOG_FILE="$SERVICE_DIR/versitygw.log"
FILTER_FILE="$SERVICE_DIR/event-filter.json"
WEBHOOK_FILE="$SERVICE_DIR/webhook"
SERVICE_LABEL="versitygw $VERSITYGW_VERSION ($INSTANCE)"
ACCESS_KEY=${S3_ROOT_ACCESS_KEY:-ledgerline}
SECRET_KEY=${S3_ROOT_SECRET_KEY:-ledgerline-secret}
REGION=us-east-1
WEBHOOK=${S3_EVENT_WEBHOOK_URL:-}
HEALTH_PATH=/health

build() {
  [ -x "$BIN" ] && return 0
  command -v go >/dev/null || die "go not found: versitygw builds from the Go module proxy (Go 1.25+; apt-get install golang-go if new enough, or the Go toolchain)"
  log "building versitygw $VERSITYGW_VERSION with go install into $BIN_DIR (once per version)"
  local tmp="$BIN_DIR.tmp.$$"
  mkdir -p "$tmp"
  GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" \
    >"$SERVICE_DIR/build.log" 2>&1 9>&- || { rm -rf "$tmp"; tail -20 "$SERVICE_DIR/build.log" >&2; die "go install failed; see $SERVICE_DIR/build.log"; }
  # Rename into place: a concurrent build from another checkout never leaves a half-written binary.
  mkdir -p "$BIN_DIR" && mv -f "$tmp/versitygw" "$BIN" && rm -rf "$tmp"
}

prepare() {
  build
  mkdir -p "$DATA_DIR" "$META_DIR"
  printf '{"s3:ObjectCreated:*": true}\n' >"$FILTER_FILE"
  printf '%s\n' "$WEBHOOK" >"$WEBHOOK_FILE"
}

launch() {
  local -a events=()
  if [ -n "$WEBHOOK" ]; then events=(--event-webhook-url "$WEBHOOK" --event-filter "$FILTER_FILE"); fi
  # Credentials through the environment, not argv (ps shows argv to every user).
  ROOT_ACCESS_KEY_ID="$ACCESS_KEY" ROOT_SECRET_ACCESS_KEY="$SECRET_KEY" exec setsid "$BIN" \
    --port "127.0.0.1:$1" --region "$REGION" --health "$HEALTH_PATH" --quiet "${events[@]}" \
    posix --sidecar "$META_DIR" "$DATA_DIR"
}

healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$1$HEALTH_PATH" >/dev/null 2>&1; }

endpoint_json() {
  printf '{"endpoint":"http://127.0.0.1:%s","region":"%s","accessKeyId":"%s","secretAccessKey":"%s","webhook":"%s"}' \
    "$1" "$REGION" "$ACCESS_KEY" "$SECRET_KEY" "$(cat "$WEBHOOK_FILE" 2>/dev/null || true)"
}

case "${1:-}" in
  build) build ;;
  start)
    # The webhook is fixed at launch: a server started with another one is restarted.
    if [ -s "$SERVICE_DIR/port" ] && pid_alive "$(read_pid)" && [ "$(cat "$WEBHOOK_FILE" 2>/dev/null || true)" != "$WEBHOOK" ]; then
      log "running with webhook '$(cat "$WEBHOOK_FILE" 2>/dev/null || true)'; restarting with '$WEBHOOK'"
      http_service_main restart
    else
      http_service_main start
    fi
    ;;
  *) http_service_main "$@" ;;
esac
