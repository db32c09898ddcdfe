#!/usr/bin/env bash
# The one setup step. Each part is skipped when already done, so a warm machine passes in seconds.
#
#   bash tools/setup.sh              what `npm start` needs: a supported Node, node_modules (npm ci),
#                                    the Python env for dbt (skipped, with a note, without Python 3)
#   bash tools/setup.sh --for-tests  what `npm test` needs on top: PostgreSQL, Chromium, Java, Maven
#                                    and python3-venv from Debian's packages, the Kafka broker's jars,
#                                    versitygw (go install; needs Go 1.25+ on PATH),
#                                    the Trino server (Maven Central; it runs on a Java 24+ JDK),
#                                    Airflow and Prefect venvs for integrations/ (PyPI)
#
# Progress goes to stderr. Callers that go on to run node source tools/node-runtime.sh themselves
# first (its PATH change lives only in the shell that sourced it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tools/node-runtime.sh
source "$root/tools/node-runtime.sh"

setup_step() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  local took=$((SECONDS - started))
  [ "$took" -lt 2 ] || echo "setup: ${name} took ${took}s" >&2
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "setup: need root (or passwordless sudo) to run: $*" >&2
    return 1
  fi
}

missing_test_packages() {
  local -a pkgs=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || pkgs+=(postgresql)
  [ -x /usr/bin/chromium ] || pkgs+=(chromium) # the dashboard's browser test drives it
  command -v curl >/dev/null || pkgs+=(curl)
  command -v ss >/dev/null || pkgs+=(iproute2)
  command -v java >/dev/null || pkgs+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  command -v promtool >/dev/null || pkgs+=(prometheus) # alert-rule tests and the Grafana panel test
  python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3-venv)
  echo "${pkgs[@]}"
}

system_packages() {
  local pkgs
  pkgs=$(missing_test_packages)
  [ -n "$pkgs" ] || return 0
  if ! command -v apt-get >/dev/null; then
    echo "setup: the tests need these system packages: $pkgs (no apt-get here: install them yourself)" >&2
    return 1
  fi
  echo "setup: installing system packages: $pkgs" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  # shellcheck disable=SC2086 # word splitting intended: one argument per package
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >&2
  # The Debian package starts a system-wide cluster; tests use their own under .cache/services.
  if [[ " $pkgs " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
    as_root pg_ctlcluster --force "$(pg_lsclusters -h | awk 'NR==1{print $1}')" main stop 2>/dev/null || true
  fi
}

# node_modules is stale when npm's hidden lockfile is missing or older than package-lock.json, or
# when it was installed by another Node major (native bindings are per ABI).
node_deps() {
  local stamp="$root/node_modules/.ledgerline-node-major" major
  major=$(node_major)
  if [ -f "$root/node_modules/.package-lock.json" ] && [ ! "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ] &&
    [ "$(cat "$stamp" 2>/dev/null)" = "$major" ]; then
    return 0
  fi
  echo "setup: installing Node dependencies (npm ci)" >&2
  # No fallback to `npm install`: a lockfile that `npm ci` refuses is a bug to fix
  # (tools/lockfile/complete.sh), not something to paper over by rewriting it here.
  (cd "$root" && npm ci --no-audit --no-fund >&2)
  echo "$major" >"$stamp"
}

python_env() {
  if ! command -v "${PYTHON:-python3}" >/dev/null; then
    echo "setup: Python 3 not found; dbt will be skipped (the pipeline still runs on the embedded defaults)" >&2
    return 0
  fi
  # Quiet unless it actually (re)installs; its JSON line is for the test harness, not for people.
  bash "$root/tools/services/python-env.sh" >/dev/null
}

ledgerline_setup() {
  local for_tests=0
  case "${1:-}" in
    --for-tests) for_tests=1 ;;
    "") ;;
    -h | --help)
      sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      return 0 ;;
    *) echo "setup: unknown option $1 (try --help)" >&2; return 2 ;;
  esac
  ensure_supported_node
  if [ "$for_tests" = 0 ]; then
    setup_step node-modules node_deps
    setup_step python-env python_env ||
      echo "setup: could not prepare the Python env (see above); dbt will be skipped" >&2
    return 0
  fi
  setup_step system-packages system_packages
  # On a cold machine the rest took 332 s in a row, 173 s of it compiling versitygw (CPU) while the
  # others mostly wait on the network (Maven Central, PyPI, npm). So the CPU-bound build and the
  # downloads run in the background beside npm ci and the Python envs; every step still has to
  # pass, and each one's own failure message is printed.
  local -a names=() pids=()
  background_step() {
    local name=$1
    shift
    (setup_step "$name" "$@" >/dev/null) &
    names+=("$name")
    pids+=($!)
  }
  # versitygw (the S3-compatible server): built once per version, then found in ~/.cache/ledgerline.
  background_step versitygw bash "$root/tools/services/s3.sh" build
  background_step kafka-jars bash "$root/tools/services/kafka.sh" fetch
  background_step trino-server bash "$root/tools/services/trino.sh" fetch
  # The Debezium reference (tools/debezium): jars and the compiled main, cached in ~/.cache/ledgerline.
  background_step debezium bash "$root/tools/debezium/debezium.sh" build
  # The foreground steps stop setup at their first failure (set -e), as before; a background
  # step that fails is reported when it is waited for below.
  setup_step node-modules node_deps
  setup_step python-env bash "$root/tools/services/python-env.sh" >/dev/null
  # Airflow and Prefect for tools/integrations (own venvs, cached in ~/.cache/ledgerline by requirements).
  setup_step integrations-env bash "$root/tools/services/integrations-env.sh" >/dev/null
  local i failed=0
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { echo "setup: ${names[$i]} FAILED (see above)" >&2; failed=1; }
  done
  return "$failed"
}

ledgerline_setup "$@"
