#!/usr/bin/env bash
# Make sure headless Chromium (Debian's package) is there for the HTML view tests.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${RCX_CHROMIUM:-}" ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: chromium is missing; install Debian's 'chromium' package (or set RCX_CHROMIUM)" >&2
  exit 1
fi
echo "ensure-browser: installing chromium from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
# Wait (bounded) when another apt/dpkg holds the lock, e.g. unattended upgrades at boot.
lock_wait=(-o DPkg::Lock::Timeout=300)
timeout 900 apt-get "${lock_wait[@]}" update -qq >/dev/null
timeout 900 apt-get "${lock_wait[@]}" install -y -qq chromium >/dev/null
