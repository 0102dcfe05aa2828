#!/usr/bin/env bash
# Make a Docker engine and the images the notes use available, offline.
#   scripts/docker-up.sh        install docker.io if needed, start dockerd if no engine
#                               answers, build the images; prints the dockerd PID it
#                               started (empty if an engine was already running)
#   scripts/docker-up.sh stop PID
# No registry is needed: busybox is imported from Debian's busybox-static binary, and
# python:3.13-slim (for the Flask exercise) is pulled, or else built from Debian trixie
# by scripts/python-standin.sh.
set -euo pipefail

if [ "${1:-}" = stop ]; then
  [ -n "${2:-}" ] && kill "$2" 2>/dev/null && while kill -0 "$2" 2>/dev/null; do sleep 0.2; done
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
want=()
command -v dockerd >/dev/null || want+=(docker.io)
[ -x /bin/busybox ] || want+=(busybox-static)
if [ ${#want[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${want[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${want[@]}" >/dev/null
fi

started=""
if ! docker info >/dev/null 2>&1; then
  log=$(mktemp /tmp/dockerd.XXXXXX.log)
  $sudo dockerd >"$log" 2>&1 &
  started=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; its log:" >&2; cat "$log" >&2; exit 1; }
fi

if ! docker image inspect busybox >/dev/null 2>&1; then
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin"
  cp /bin/busybox "$rootfs/bin/"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
  done
  tar -C "$rootfs" -c . | docker image import --change 'CMD ["sh"]' - busybox:latest >/dev/null
  rm -rf "$rootfs"
  echo "Imported busybox:latest from Debian's busybox-static" >&2
fi
if ! docker image inspect python:3.13-slim >/dev/null 2>&1; then
  docker image pull --quiet python:3.13-slim >/dev/null 2>&1 \
    || "$(dirname "$0")/python-standin.sh" python:3.13-slim
fi
echo "$started"
