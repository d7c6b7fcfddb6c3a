#!/usr/bin/env bash
# `make run`: starts berth-server on the embedded store. berth-server itself prints the endpoint, the keys and a
# ready-to-paste aws CLI line once it is listening.
set -euo pipefail
bin=$1 host=$2 port=$3 data=$4
mkdir -p "$data"
exec "$bin" --host "$host" --port "$port" --data-dir "$data"
