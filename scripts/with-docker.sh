#!/usr/bin/env bash
# Run a command with a Docker engine and the notes' images available, then stop the
# engine if this script started it:  scripts/with-docker.sh COMMAND [ARGS...]
set -euo pipefail
here="$(dirname "$0")"
dockerd_pid=$("$here/docker-up.sh")
trap '"$here/docker-up.sh" stop "$dockerd_pid"' EXIT
"$@"
