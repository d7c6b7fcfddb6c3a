#!/usr/bin/env bash
# A private S3 endpoint for tests (moto's server mode, from pip; `make test` installs it):
#   throwaway-s3.sh start DIR PORT   serve S3 on 127.0.0.1:PORT (log and pid in DIR) with an empty bucket "berth"
#   throwaway-s3.sh stop DIR         stop it and remove DIR
set -euo pipefail
case "${1:-}" in
start)
    dir=$2 port=$3
    mkdir -p "$dir"
    command -v moto_server >/dev/null || { echo "throwaway-s3: moto_server is missing (pip install 'moto[server]')" >&2; exit 1; }
    setsid moto_server -H 127.0.0.1 -p "$port" </dev/null >"$dir/moto.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
        if curl -fs -o /dev/null "http://127.0.0.1:$port/moto-api/" 2>/dev/null; then
            curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$port/berth"
            exit 0
        fi
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/moto.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "throwaway-s3: moto_server did not answer on port $port" >&2
    exit 1
    ;;
stop)
    dir=$2
    if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: throwaway-s3.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
