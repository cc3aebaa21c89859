#!/usr/bin/env bash
# Packages the .vsix (as `npm run package` and `npm start` do) and installs it into a throw-away
# extensions folder of the cached code-server, so a broken package fails the tests, not a user.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent package
size=$(stat -c %s ses-smtp-toolkit.vsix)
echo "vsix: ses-smtp-toolkit.vsix, $((size / 1024)) KB"
CACHE="${SES_TOOLKIT_HOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ses-smtp-toolkit-host}"
HOST_JSON="$(ls "$CACHE"/code-server-*/host.json | head -1)"
NODE_BIN="$(node -p "require('$HOST_JSON').node")"
ENTRY="$(node -p "require('$HOST_JSON').entry")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$NODE_BIN" "$ENTRY" --user-data-dir "$tmp/ud" --extensions-dir "$tmp/ext" --install-extension "$PWD/ses-smtp-toolkit.vsix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
ls "$tmp/ext" | grep -q '^ses-smtp-toolkit\.ses-smtp-toolkit-' || { echo "vsix: not installed"; cat "$tmp/install.log"; exit 1; }
echo "vsix: installs into code-server"
