#!/usr/bin/env bash
# Installs what Berth needs and is missing. `build`: the system libraries the packages link.
# `test`: the tools the end-to-end suite drives. Idempotent; prints nothing when all is there.
set -euo pipefail
what=${1:-build}

apt_missing=()
need_apt() { for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || apt_missing+=("$p"); done; }

need_apt pkg-config libssl-dev libsqlite3-dev libcurl4-openssl-dev
command -v cc >/dev/null 2>&1 || need_apt gcc  # builds the C plugins (make plugins)
if [ "$what" = test ]; then
    need_apt curl skopeo umoci podman postgresql
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "installing apt packages: ${apt_missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if [ "$what" = test ]; then
    pip_missing=()
    python3 -c 'import boto3' 2>/dev/null || pip_missing+=(boto3)
    python3 -c 'import pytest' 2>/dev/null || pip_missing+=(pytest)
    python3 -c 'import requests' 2>/dev/null || pip_missing+=(requests)
    command -v aws >/dev/null 2>&1 || pip_missing+=(awscli)
    python3 -c 'import oras.client' 2>/dev/null || pip_missing+=(oras)
    command -v moto_server >/dev/null 2>&1 && python3 -c 'import flask_cors' 2>/dev/null || pip_missing+=('moto[server]')
    if [ ${#pip_missing[@]} -gt 0 ]; then
        echo "installing pip packages: ${pip_missing[*]}"
        python3 -m pip install -q "${pip_missing[@]}"
    fi
fi
