#!/usr/bin/env bash
# `make bench`: Berth (the release binary given as $1) side by side with CNCF distribution and moto.
# Installs what is missing (apt: docker-registry, wrk, curl; pip: boto3, moto[server]), then runs
# Tools/bench/run_bench.py with the shared tools in ../shared/bench. See Tools/bench/README.md.
# Knobs: BENCH_SIZE (1G), BENCH_ROUNDS (3), BENCH_QUICK=1 (256M, 1 round), BENCH_OUT (JSON path).
set -euo pipefail
bin=${1:?usage: bench.sh PATH/TO/release/berth-server}
root=$(git rev-parse --show-toplevel 2>/dev/null) || root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared=${BENCH_SHARED:-$root/../shared/bench}
PYTHON=${PYTHON:-python3}

[ -x "$bin" ] || { echo "bench: no berth-server binary at $bin (build it with: make release)" >&2; exit 1; }
for tool in oci_blob_bench.py ecr_api_bench.py; do
    [ -f "$shared/$tool" ] || {
        echo "bench: $shared/$tool is missing: the shared bench tools must sit beside the repository" \
            "(../shared/bench), or set BENCH_SHARED to their directory" >&2
        exit 1
    }
done

apt_missing=()
command -v docker-registry >/dev/null 2>&1 || apt_missing+=(docker-registry)
command -v wrk >/dev/null 2>&1 || apt_missing+=(wrk)
command -v curl >/dev/null 2>&1 || apt_missing+=(curl)
if [ ${#apt_missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "bench: installing apt packages: ${apt_missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_missing[@]}" >/dev/null
    # the Debian package starts a registry service on :5000 where an init system runs; bench starts its own
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
        $sudo systemctl stop docker-registry || true
    fi
fi
pip_missing=()
"$PYTHON" -c 'import boto3' 2>/dev/null || pip_missing+=(boto3)
command -v moto_server >/dev/null 2>&1 || pip_missing+=('moto[server]')
if [ ${#pip_missing[@]} -gt 0 ]; then
    echo "bench: installing pip packages: ${pip_missing[*]}" >&2
    "$PYTHON" -m pip install -q "${pip_missing[@]}"
    hash -r
fi

mkdir -p "$root/.bench"
exec "$PYTHON" "$root/Tools/bench/run_bench.py" --berth "$bin" --shared "$shared" \
    --out "${BENCH_OUT:-$root/.bench/bench-results.json}"
