#!/usr/bin/env bash
# The one test command (`npm test`): lint, typecheck, every Vitest project (unit + integration
# against real services), dbt build on DuckDB. Runs every step even when one fails, then prints
# one closing line `N passed, N failed` counting Vitest tests plus each non-Vitest check.
# It prepares what its tests need first (tools/setup.sh --for-tests: a supported Node, npm ci,
# Debian packages, the Python env, Kafka jars), so on a fresh machine it passes by itself.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true DBT_SEND_ANONYMOUS_USAGE_STATS=false ANONYMIZED_TELEMETRY=False
# shellcheck source=tools/node-runtime.sh
source tools/node-runtime.sh
setup_started=$SECONDS
if ! ensure_supported_node || ! bash tools/setup.sh --for-tests; then
  echo "setup FAILED: the tests cannot run (see above)"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "::: setup done in $((SECONDS - setup_started))s (node $(node -v))"
mkdir -p test-results
checks_passed=0
checks_failed=0
failed_names=()

step() {
  local name=$1; shift
  local started=$SECONDS
  echo "::: ${name}"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
    echo "::: ${name} passed in $((SECONDS - started))s"
  else
    checks_failed=$((checks_failed + 1))
    failed_names+=("$name")
    echo "::: ${name} FAILED after $((SECONDS - started))s"
  fi
}

lint() { npx nx show projects >/dev/null && npx eslint . --max-warnings=0; }
typecheck() { npx tsc -p tsconfig.json; }
vitest_all() {
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
}

# Trino (one JVM of ~2 GB that takes a core while it starts) serves the Trino specs of the vitest
# step and the dbt step's Trino build: started once, in the background while lint and typecheck
# run, and stopped at the end. Owned by this script, so neither the vitest teardown nor
# tools/dbt/trino-build.sh stops it in between. A failed start here is not fatal: the harness
# tries again and its tests say why.
trino_started=0
if [ "${LEDGERLINE_DBT_TRINO:-1}" != 0 ] && ! bash tools/services/trino.sh status >/dev/null 2>&1; then
  LEDGERLINE_SERVICE_OWNER=test-run bash tools/services/trino.sh start >test-results/trino-start.log 2>&1 &
  trino_start_pid=$!
  trino_started=1
fi

# Lint and typecheck each keep one core busy for ~20 s, so they run side by side; typecheck's
# output is printed after lint's.
typecheck_started=$SECONDS
(typecheck >test-results/typecheck.log 2>&1) &
typecheck_pid=$!
step lint lint
echo "::: typecheck"
if wait "$typecheck_pid"; then typecheck_ok=1; else typecheck_ok=0; fi
cat test-results/typecheck.log
if [ "$typecheck_ok" = 1 ]; then
  checks_passed=$((checks_passed + 1))
  echo "::: typecheck passed in $((SECONDS - typecheck_started))s (beside lint)"
else
  checks_failed=$((checks_failed + 1))
  failed_names+=(typecheck)
  echo "::: typecheck FAILED after $((SECONDS - typecheck_started))s (beside lint)"
fi
if [ "$trino_started" = 1 ] && ! wait "$trino_start_pid"; then echo "::: Trino did not start; see test-results/trino-start.log"; fi
step vitest vitest_all "$@"
if [ -x tools/dbt/build.sh ]; then step dbt-build bash tools/dbt/build.sh; fi
if [ "$trino_started" = 1 ]; then bash tools/services/trino.sh stop >/dev/null 2>&1; fi

# The vitest step itself is not a test: count its tests instead.
if [ -f test-results/vitest.json ]; then
  read -r v_passed v_failed < <(node -e '
    const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
    // Files that fail to load carry no assertions; count each as one failure.
    const broken = (r.testResults || []).filter((f) => f.status === "failed" && (f.assertionResults || []).length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + broken);')
else
  v_passed=0; v_failed=1
fi
vitest_ok=0; [[ " ${failed_names[*]-} " == *" vitest "* ]] && vitest_ok=1
passed=$((checks_passed - (1 - vitest_ok) + v_passed))
failed=$((checks_failed - vitest_ok + v_failed))
# A failed vitest run with no failing test (e.g. a crash) must still count as a failure.
if [ "$vitest_ok" = 1 ] && [ "$v_failed" = 0 ]; then failed=$((failed + 1)); fi
if [ ${#failed_names[@]} -gt 0 ]; then echo "failed steps: ${failed_names[*]}"; fi
echo "${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
