#!/usr/bin/env bash
# Installs what the bench drives when missing: kcat (librdkafka) and redis-server with
# redis-benchmark/redis-cli (Debian packages). Needs root only when something is missing.
set -euo pipefail
need=()
command -v kcat >/dev/null || need+=(kcat)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing bench tools: ${need[*]} (run as root or install them with apt-get)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
