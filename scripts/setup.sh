#!/usr/bin/env bash
# Installs what the project needs, and checks that each tool works. Safe to run again: it skips
# what is there. Everything comes from Debian's apt repositories and the npm registry (what a fresh
# machine reaches); the AWS APIs of the tests are the project's own peer (test/support/awsPeer.ts),
# so no Python package and no pip are needed.
#   setup.sh test     everything the test tiers and the bench use (the default; npm test)
#   setup.sh host     npm packages and the cached code-server host (npm start without desktop VS Code)
#   setup.sh npm      npm packages only (npm start with desktop VS Code: no root, no Debian packages)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/clean-npm-env.sh
mode="${1:-test}"

# Debian packages per mode. code-server's native modules build against the Kerberos headers;
# swaks needs Net::SSLeay (libnet-ssleay-perl) for STARTTLS, which --no-install-recommends leaves out.
# The .env parsers of the frameworks are the oracles of test/integration/engines/envfile/dialects.test.ts (issue #21).
case "$mode" in
  npm) DEBS=() ;;
  host) DEBS=(libkrb5-dev) ;;
  test) DEBS=(chromium libkrb5-dev openssl swaks libnet-ssleay-perl dnsmasq-base
    python3-dotenv python3-django-environ ruby-dotenv php-cli php-vlucas-phpdotenv
    python3-django ruby-railties ruby-actionmailer ruby-mail php-laravel-framework php-symfony-mailer
    libphp-phpmailer libjakarta-mail-java openjdk-17-jdk-headless golang-go
    postfix libsasl2-modules msmtp docker-compose) ;;
  *) echo "setup: unknown mode '$mode' (test, host or npm)" >&2; exit 2 ;;
esac

missing=()
for p in "${DEBS[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n)
  else
    echo "setup: these Debian packages are needed and I cannot install them without root:" >&2
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    echo "Run that, then run this command again." >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Each tool the tests use must work, not just be installed: name the missing piece when not.
fail=0
need() { # need WHAT FIX COMMAND...
  local what="$1" fix="$2"; shift 2
  if ! "$@" >/dev/null 2>&1; then echo "setup: $what does not work: $fix" >&2; fail=1; fi
}
if [ "$mode" = test ]; then
  need "chromium" "install the Debian package chromium" chromium --headless --no-sandbox --version
  need "openssl" "install the Debian package openssl" openssl version
  need "swaks with STARTTLS" "install libnet-ssleay-perl (swaks needs Net::SSLeay for TLS)" bash -c "swaks --support 2>&1 | grep -q '=== TLS supported'"
  need "dnsmasq" "install the Debian package dnsmasq-base" dnsmasq --version
  # /usr/bin/python3: the Debian packages are the oracles, not a python3 of pyenv or a venv earlier on PATH.
  need "python-dotenv and django-environ" "install python3-dotenv python3-django-environ" \
    /usr/bin/python3 -c 'import dotenv, environ; from dotenv import dotenv_values; environ.Env.read_env'
  need "the dotenv gem" "install ruby-dotenv" \
    ruby -e 'require "dotenv"; Dotenv::Parser.call("A=1")["A"] == "1" or exit 1'
  need "phpdotenv" "install php-cli php-vlucas-phpdotenv" \
    php -r 'require "/usr/share/php/Dotenv/autoload.php"; exit(Dotenv\Dotenv::parse("A=1")["A"] === "1" ? 0 : 1);'
  # The sending snippets run for real in their frameworks (test/integration/features/credentials/logic/snippets.tls.test.ts, issue #34).
  need "Django" "install python3-django" /usr/bin/python3 -c 'from django.core.mail.backends.smtp import EmailBackend'
  need "Rails ActionMailer" "install ruby-railties ruby-actionmailer" ruby -e 'require "rails"; require "action_mailer/railtie"'
  need "Laravel mail, Symfony Mailer and PHPMailer" "install php-laravel-framework php-symfony-mailer libphp-phpmailer" \
    php -r 'require "Illuminate/autoload.php"; require "Symfony/Component/Mailer/autoload.php"; require "/usr/share/php/libphp-phpmailer/autoload.php"; exit(class_exists("Illuminate\\Mail\\MailManager") && class_exists("Symfony\\Component\\Mailer\\Transport\\Smtp\\EsmtpTransportFactory") && class_exists("PHPMailer\\PHPMailer\\PHPMailer") ? 0 : 1);'
  need "Jakarta Mail with a JDK" "install libjakarta-mail-java openjdk-17-jdk-headless" \
    bash -c 'javac -version && keytool -help && test -r /usr/share/java/jakarta-mail.jar && test -r /usr/share/java/jakarta-activation.jar'
  need "Go" "install golang-go" go version
  # The application errors of each mail client (test/integration/features/appErrors/corpus.test.ts, issue #33).
  need "Ruby mail" "install ruby-mail" ruby -e 'require "mail"; require "net/smtp"'
  # Push SMTP Settings To… (issue #28): a real Postfix relays through the SES-like server, and msmtp sends.
  need "Postfix with the SASL PLAIN/LOGIN plug-ins" "install postfix libsasl2-modules" \
    bash -c 'postconf -d mail_version && command -v postmap && ls /usr/lib/*/sasl2/libplain.so* /usr/lib/*/sasl2/liblogin.so*'
  need "msmtp" "install msmtp" msmtp --version
  # The Compose file the push edits is read back by Compose itself (docker-compose config needs no daemon).
  need "docker-compose" "install docker-compose" docker-compose version
fi
[ "$fail" -eq 0 ] || exit 1

# npm packages: reinstall when package-lock.json changed since the last install.
stamp="node_modules/.lock-hash"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  (clean_npm_env; npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# The VS Code host for the e2e tier and for trying the extension without desktop VS Code.
if [ "$mode" != npm ]; then bash scripts/install-host.sh; fi
