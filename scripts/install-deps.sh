#!/usr/bin/env bash
# Installs the Debian bookworm packages newsd needs to build, test and run.
# Idempotent: does nothing (no apt-get update) when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3
  librdkafka-dev libcurl4-openssl-dev libsimdjson-dev prometheus-cpp-dev
  libcivetweb-dev libtomlplusplus-dev libsystemd-dev libxxhash-dev libsqlite3-dev
  libxml2-dev libicu-dev libcld2-dev libcli11-dev libbrotli-dev zlib1g-dev libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev iso-codes
  # test tools: kcat reads topics back, promtool checks the metrics exposition
  kcat prometheus
)

missing=()
for p in "${PACKAGES[@]}"; do
  [[ "$p" == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The prometheus package would start a server where systemd runs; we only want promtool.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
