#!/usr/bin/env bash
# Build a stand-in for the official python:3.13-slim image where no registry is
# reachable (the CI machine): a Debian trixie root filesystem made by mmdebstrap
# (trixie's Python is 3.13), with pip, a `python` command, pip allowed to install
# into the system Python as in the official image, and this machine's trusted CA
# certificates (so `pip install` works behind the same TLS proxy as the host).
#   scripts/python-standin.sh [TAG]      default TAG: python:3.13-slim
set -euo pipefail
tag=${1:-python:3.13-slim}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v mmdebstrap >/dev/null; then
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    mmdebstrap >/dev/null
fi
# Like the official slim image: no documentation, manual pages or translations.
$sudo mmdebstrap --quiet --variant=apt \
  --include=python3,python3-pip,python-is-python3,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='rm -f "$1"/usr/lib/python3*/EXTERNALLY-MANAGED' \
  --customize-hook='cp /etc/ssl/certs/ca-certificates.crt "$1"/etc/ssl/certs/ca-certificates.crt' \
  trixie - http://deb.debian.org/debian |
  docker image import \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
    --message "stand-in for $tag: Debian trixie (mmdebstrap), built by scripts/python-standin.sh" \
    - "$tag" >/dev/null
echo "Built $tag from Debian trixie (no registry reachable)" >&2
