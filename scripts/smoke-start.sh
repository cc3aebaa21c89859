#!/usr/bin/env bash
# Runs the README's run command (npm start) as a user would, on the code-server path, and checks
# that it serves a workbench with the extension installed; then stops it. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
try="$(mktemp -d)"
log="$try/start.log"
USE_CODE_SERVER=1 PORT="$port" SES_TOOLKIT_TRY_DIR="$try/data" setsid npm start >"$log" 2>&1 </dev/null &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$try"; }
trap stop EXIT
trap "exit 130" INT TERM
ok=""
for _ in $(seq 1 600); do # setup may build the host first: up to 10 minutes
  if ! kill -0 "$pid" 2>/dev/null; then echo "smoke: npm start exited early:"; tail -40 "$log"; exit 1; fi
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && curl -fsSL "http://127.0.0.1:$port/" | grep -q "workbench-web-configuration"; then ok=1; break; fi
  sleep 1
done
[ -n "$ok" ] || { echo "smoke: no workbench at 127.0.0.1:$port after 10 minutes"; tail -40 "$log"; exit 1; }
CACHE="${SES_TOOLKIT_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ses-smtp-toolkit-host}"
HOST_JSON="$(ls "$CACHE"/code-server-*/host.json | head -1)"
exts="$("$(node -p "require('$HOST_JSON').node")" "$(node -p "require('$HOST_JSON').entry")" \
  --user-data-dir "$try/data/ud" --extensions-dir "$try/data/ext" --list-extensions --show-versions 2>/dev/null)"
echo "$exts" | grep -q '^ses-smtp-toolkit\.ses-smtp-toolkit@' || { echo "smoke: extension not installed; code-server lists: $exts"; exit 1; }
echo "smoke: npm start serves a workbench at 127.0.0.1:$port with $(echo "$exts" | grep '^ses-smtp-toolkit')"
