#!/usr/bin/env bash
# The one run command (npm start): sets up, builds the .vsix and runs the extension.
# - With desktop VS Code on PATH (`code`): npm packages only (no root, no Debian packages), then
#   installs the .vsix into it and opens a window.
# - Otherwise (servers, containers; or USE_CODE_SERVER=1): installs the .vsix into a cached
#   code-server and serves VS Code at http://127.0.0.1:${PORT:-8080}/ (stop with Ctrl+C).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/clean-npm-env.sh

if command -v code >/dev/null 2>&1 && [ -z "${USE_CODE_SERVER:-}" ]; then
  bash scripts/setup.sh npm
  npm run --silent package
  code --install-extension "$PWD/ses-smtp-toolkit.vsix" --force
  exec code "${1:-$PWD}"
fi

bash scripts/setup.sh host
npm run --silent package
VSIX="$PWD/ses-smtp-toolkit.vsix"
CACHE="${SES_TOOLKIT_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ses-smtp-toolkit-host}"
HOST_JSON="$(ls "$CACHE"/code-server-*/host.json | head -1)"
NODE_BIN="$(node -p "require('$HOST_JSON').node")"
ENTRY="$(node -p "require('$HOST_JSON').entry")"
DATA="${SES_TOOLKIT_TRY_DIR:-$PWD/.e2e/try}"
mkdir -p "$DATA/ud" "$DATA/ext" "$DATA/workspace"
clean_npm_env
"$NODE_BIN" "$ENTRY" --user-data-dir "$DATA/ud" --extensions-dir "$DATA/ext" --install-extension "$VSIX" --force >/dev/null
PORT="${PORT:-8080}"
echo "SES SMTP Toolkit is installed. Open http://127.0.0.1:$PORT/?folder=$DATA/workspace  (Ctrl+C stops)"
exec "$NODE_BIN" "$ENTRY" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$DATA/ud" --extensions-dir "$DATA/ext" --config "$DATA/config.yaml" "${1:-$DATA/workspace}"
