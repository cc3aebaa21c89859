#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine: Debian packages (Chromium
# for the browser-driven tests, Kerberos headers for code-server's native build), the npm
# packages, and the cached VS Code host (code-server). Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(chromium libkrb5-dev openssl swaks dnsmasq-base)
missing=()
for p in "${DEBS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# moto_server (the AWS API peer of the integration tests) comes with these machines; say so clearly if not.
command -v moto_server >/dev/null 2>&1 || echo "setup: moto_server not found: the IAM/SES integration tests need it (pip install 'moto[server]')" >&2

# npm packages: reinstall when package-lock.json changed since the last install.
stamp="node_modules/.lock-hash"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# The VS Code host for e2e tests and for trying the extension (cached outside the repo).
bash scripts/install-host.sh
