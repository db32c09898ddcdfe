#!/usr/bin/env bash
# The Debezium reference capture (issue #17 section 2): debezium-embedded + debezium-connector-postgres
# from Maven Central on the system Java 17, around the one-file main src/.../ReferenceCapture.java.
#   debezium.sh build                          resolve the jars and compile the main (once per version/source)
#   debezium.sh run <connector.properties> jsonl:<file>|kafka:<brokers>
# Jars and classes are cached in ~/.cache/ledgerline/debezium-<version>/ (LEDGERLINE_TOOLS_CACHE
# overrides the parent dir), outside the checkout, so a fresh clone (CI) finds them built.
# `build` prints one JSON line: {"classpath":"<dir>/classes-<hash>:<dir>/lib/*"}.
# `run` execs java (its stdout: {"started":true}, then {"events":N} after each batch; Debezium's
# own log on stderr).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/pom.xml"
SRC="$HERE/src/dev/ledgerline/debezium/ReferenceCapture.java"
VERSION=$(sed -n 's:.*<debezium.version>\(.*\)</debezium.version>.*:\1:p' "$POM")
CACHE_DIR="${LEDGERLINE_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ledgerline}/debezium-$VERSION"
LIB_DIR="$CACHE_DIR/lib"
HASH=$(cat "$POM" "$SRC" | sha256sum | cut -c1-12)
CLASSES="$CACHE_DIR/classes-$HASH"

log() { printf '[debezium] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

build() {
  mkdir -p "$CACHE_DIR"
  exec 9>"$CACHE_DIR/lock"
  flock -w 600 9 || die "timed out waiting for $CACHE_DIR/lock"
  if [ "$(cat "$LIB_DIR/.pom-hash" 2>/dev/null)" != "$(sha256sum <"$POM" | cut -c1-12)" ]; then
    command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
    log "fetching Debezium $VERSION jars from Maven Central into $LIB_DIR"
    rm -rf "$LIB_DIR.tmp"
    mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$LIB_DIR.tmp" >"$CACHE_DIR/mvn.log" 2>&1 9>&- ||
      { tail -30 "$CACHE_DIR/mvn.log" >&2; die "mvn dependency:copy-dependencies failed; see $CACHE_DIR/mvn.log"; }
    sha256sum <"$POM" | cut -c1-12 >"$LIB_DIR.tmp/.pom-hash"
    rm -rf "$LIB_DIR" && mv "$LIB_DIR.tmp" "$LIB_DIR"
  fi
  if [ ! -f "$CLASSES/.done" ]; then
    command -v javac >/dev/null || die "javac not found (apt-get install openjdk-17-jdk-headless)"
    rm -rf "$CLASSES.tmp" && mkdir -p "$CLASSES.tmp"
    javac --release 17 -d "$CLASSES.tmp" -cp "$LIB_DIR/*" "$SRC" 9>&- || die "javac failed"
    touch "$CLASSES.tmp/.done" && rm -rf "$CLASSES" && mv "$CLASSES.tmp" "$CLASSES"
  fi
}

case "${1:-}" in
  build)
    build
    printf '{"classpath":"%s:%s/*"}\n' "$CLASSES" "$LIB_DIR" ;;
  run)
    [ $# -eq 3 ] || die "usage: debezium.sh run <connector.properties> jsonl:<file>|kafka:<brokers>"
    build
    exec 9>&-
    exec java -Xmx512m -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CLASSES:$LIB_DIR/*" \
      dev.ledgerline.debezium.ReferenceCapture "$2" "$3" ;;
  *) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; [ "${1:-}" = --help ] && exit 0 || exit 2 ;;
esac
