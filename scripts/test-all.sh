#!/usr/bin/env bash
# The one test command (npm test): installs what the tests need, then runs the three tiers
# (unit, integration, e2e in a real VS Code host) and prints one closing line for all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LOGDIR="$ROOT/test-results"
mkdir -p "$LOGDIR"

bash scripts/setup.sh || { echo "setup failed: see the lines above"; exit 1; }

# A warning only (offline it says it skipped): direct dependencies with a newer release.
(. scripts/lib/clean-npm-env.sh; clean_npm_env; node scripts/outdated.mjs) || true

step() { printf '\n=== %s ===\n' "$*"; }

step "typecheck and build"
npm run --silent compile-tests || { echo "0 passed, 1 failed"; exit 1; }
npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }

step "lint (eslint and prettier)"
lint_ok=1
npm run --silent lint >"$LOGDIR/lint.log" 2>&1 || { lint_ok=0; tail -40 "$LOGDIR/lint.log"; }
[ "$lint_ok" -eq 1 ] && echo "lint: clean"

step "package the .vsix and install it (what npm start does)"
bash scripts/check-vsix.sh || { echo "0 passed, 1 failed"; exit 1; }
npm run --silent build >/dev/null  # back to the development build (sourcemaps) for the e2e tier

status=0
passed=0
failed=0
# The lint step counts as one check.
if [ "$lint_ok" -eq 1 ]; then passed=1; else failed=1; status=1; fi
count() { # sums the node test runner's closing counts from a log
  local p f
  p=$(grep -aE '^(ℹ|#) pass [0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  f=$(grep -aE '^(ℹ|#) fail [0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

step "unit tests"
node --test --test-reporter=spec out/test/unit/ 2>&1 | tee "$LOGDIR/unit.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
count "$LOGDIR/unit.log"

step "integration tests (servers on 127.0.0.1)"
node --test --test-reporter=spec --test-concurrency=1 out/test/integration/ 2>&1 | tee "$LOGDIR/integration.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
count "$LOGDIR/integration.log"

step "e2e tests (real VS Code host)"
node out/test/e2e/launch.js 2>&1 | tee "$LOGDIR/e2e.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
line=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$LOGDIR/e2e.log" | tail -1)
p=$(printf '%s' "$line" | sed -nE 's/^e2e: ([0-9]+) passed.*/\1/p'); p=${p:-0}
f=$(printf '%s' "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p'); f=${f:-0}
if [ "${p:-0}" -eq 0 ] && [ "$status" -eq 0 ]; then echo "e2e ran no test: failing"; status=1; fi
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo
echo "all tiers: $passed passed, $failed failed"
exit $status
