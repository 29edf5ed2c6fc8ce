#!/usr/bin/env bash
# Installs Debian's `chromium` for the browser test (HtmlReportBrowserTest), which loads the
# generated report.html headless and checks that every plot rendered.
#
#   bash ci/chromium-setup.sh    install when missing; print the version
#
# Exit status 3 means chromium cannot be had here (not root, or the Debian archive is
# unreachable); the reason is printed on one line and the browser test skips saying so.
set -euo pipefail

cannot() {
  echo "chromium-setup: cannot install chromium: $*" >&2
  exit 3
}

if ! command -v chromium >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || cannot "not root and chromium is not installed"
  command -v apt-get >/dev/null 2>&1 || cannot "no apt-get on this machine"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q chromium >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; } ||
    cannot "apt-get install chromium failed (is the Debian archive reachable?)"
fi
echo "chromium-setup: $(chromium --version 2>/dev/null || echo 'chromium (version unknown)')"
