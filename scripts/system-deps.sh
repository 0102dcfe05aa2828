#!/usr/bin/env bash
# Install the Debian/Ubuntu packages a make target needs, and only those missing.
#   scripts/system-deps.sh site   python3-venv (to create .venv), git (last-updated dates)
#   scripts/system-deps.sh test   the above plus chromium for the browser tests
set -euo pipefail
want=()
python3 -c 'import ensurepip, venv' 2>/dev/null || want+=(python3-venv)
command -v git >/dev/null || want+=(git)
if [ "${1:-site}" = test ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${want[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
