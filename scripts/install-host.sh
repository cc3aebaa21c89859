#!/usr/bin/env bash
# Installs a real VS Code host for the e2e tier on machines that cannot download VS Code:
# code-server (the real workbench + Node extension host) on its own Node 24, into a cache folder
# outside the repository. Idempotent: a complete install is reused.
set -euo pipefail
# shellcheck source=lib/clean-npm-env.sh
. "$(dirname "$0")/lib/clean-npm-env.sh"
clean_npm_env

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_VERSION="${HOST_NODE_VERSION:-24}"
CACHE="${SES_TOOLKIT_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ses-smtp-toolkit-host}"
DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
STAMP="$DIR/.complete"

if [ -f "$STAMP" ]; then
  echo "host: code-server $CODE_SERVER_VERSION cached in $DIR"
  exit 0
fi

# One installer at a time (npm test and npm start may both ask): the others wait, then reuse it.
mkdir -p "$CACHE"
exec 9>"$CACHE/.install-$CODE_SERVER_VERSION.lock"
if ! flock -n 9; then
  echo "host: another install of code-server $CODE_SERVER_VERSION is running; waiting for it"
  flock 9
fi
if [ -f "$STAMP" ]; then
  echo "host: code-server $CODE_SERVER_VERSION cached in $DIR"
  exit 0
fi

# code-server's kerberos module builds against these headers (Debian: libkrb5-dev).
if ! command -v krb5-config >/dev/null 2>&1 && [ ! -f /usr/include/krb5.h ] && [ ! -f /usr/include/gssapi/gssapi.h ]; then
  echo "host: Kerberos headers missing: install libkrb5-dev (scripts/setup.sh does)" >&2
  exit 1
fi

rm -rf "$DIR"
mkdir -p "$DIR/node" "$DIR/cs"
log="$DIR/install.log"
echo "host: installing Node $NODE_VERSION and code-server $CODE_SERVER_VERSION into $DIR (a few minutes, once)"

# 1. Node 24 from the npm registry (code-server refuses other Node versions).
cat > "$DIR/node/package.json" <<JSON
{ "name": "host-node", "private": true, "dependencies": { "node": "$NODE_VERSION" }, "allowScripts": { "node": true } }
JSON
(cd "$DIR/node" && npm install --no-audit --no-fund --loglevel=error >>"$log" 2>&1) || { tail -40 "$log"; exit 1; }
NODE_BIN="$(cd "$DIR/node" && node -p "require('path').dirname(require.resolve('node/package.json'))")/bin/node"
[ -x "$NODE_BIN" ] || { echo "host: Node binary missing at $NODE_BIN" >&2; exit 1; }
# node-gyp wants the folder whose include/node holds common.gypi (the arch package ships it).
NODE_HOME="$(dirname "$(dirname "$(dirname "$(find "$DIR/node/node_modules" -path '*/include/node/common.gypi' | head -1)")")")"
[ -f "$NODE_HOME/include/node/common.gypi" ] || { echo "host: Node 24 headers not found under $DIR/node" >&2; exit 1; }
echo "host: node $("$NODE_BIN" --version) at $NODE_BIN"

# 2. code-server, built against Node 24's headers, with Node 24 first on PATH.
cat > "$DIR/cs/package.json" <<JSON
{ "name": "host-code-server", "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true, "@parcel/watcher": true, "kerberos": true, "node-pty": true, "@vscode/spdlog": true, "native-watchdog": true, "@vscode/windows-registry": true } }
JSON
(
  cd "$DIR/cs"
  export PATH="$(dirname "$NODE_BIN"):$PATH"
  export npm_config_nodedir="$NODE_HOME"
  "$NODE_BIN" "$(command -v npm | xargs readlink -f | xargs dirname)/npm-cli.js" install --no-audit --no-fund --loglevel=error >>"$log" 2>&1
) || { tail -60 "$log"; exit 1; }
ENTRY="$DIR/cs/node_modules/code-server/out/node/entry.js"
[ -f "$ENTRY" ] || { echo "host: code-server entry missing at $ENTRY" >&2; tail -40 "$log"; exit 1; }

cat > "$DIR/host.json" <<JSON
{ "node": "$NODE_BIN", "entry": "$ENTRY", "version": "$CODE_SERVER_VERSION" }
JSON
touch "$STAMP"
echo "host: ready ($DIR/host.json)"
