#!/usr/bin/env bash
# Install the Debian/Ubuntu packages a make target needs, and only those missing.
#   scripts/system-deps.sh site   python3-venv (to create .venv), git (last-updated dates)
#   scripts/system-deps.sh test   the above plus Chromium for the browser tests and a Java
#                                 runtime for the Nu HTML Checker (scripts/fetch_tools.py)
#                                 and Node.js (18 or later) for the JavaScript unit tests
# Debian's chromium package is a real browser at /usr/bin/chromium. Ubuntu's is a
# snap wrapper that headless automation trips over, so on Ubuntu (and anything
# else) Playwright's own Chromium build is installed into the venv instead.
set -euo pipefail
want=()
python3 -c 'import ensurepip, venv' 2>/dev/null || want+=(python3-venv)
command -v git >/dev/null || want+=(git)
if [ "${1:-site}" = test ] && [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if grep -qx 'ID=debian' /etc/os-release; then
    want+=(chromium)
  else
    echo "Installing Playwright's Chromium (not Debian: no usable chromium package)"
    .venv/bin/python -m playwright install --with-deps chromium
  fi
fi
if [ "${1:-site}" = test ]; then
  command -v java >/dev/null || want+=(default-jre-headless)
  command -v node >/dev/null || want+=(nodejs)  # node --test runs tests/js/
fi
[ ${#want[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${want[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
