#!/usr/bin/env python3
"""The same pushes and pulls through berth-server on the embedded store and on PostgreSQL + S3 (throwaway servers:
PostgreSQL from Debian, S3 from moto), one after the other, with berth-server's peak RSS.

usage: compare-backends.py BERTH_BIN PLUGIN_DIR [--layer-mib 64] [--rounds 3]
Per backend: skopeo push and pull of an OCI image with one random layer of --layer-mib MiB, new each round (median of
--rounds),
an ECR UploadLayerPart push of the same layer (10 MiB parts), and the server's VmHWM. Prints one JSON line each.
Note: moto is a Python S3 emulator; the S3 numbers measure it as much as Berth.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "E2E"))

from conftest import ACCESS_KEY, SECRET_KEY, BerthServer  # noqa: E402
from oci_client import ecr_client, registry_password  # noqa: E402
from oci_layout import make_image, write_layout  # noqa: E402
from shared_backends import PostgresAndS3  # noqa: E402


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=1800)
    return time.perf_counter() - start


def measure(name, server, work, layer_mib, rounds):
    ecr = ecr_client(server)
    creds = f"AWS:{registry_password(ecr)}"
    host = server.url.split("://", 1)[1]
    pushes, pulls, ecr_pushes = [], [], []
    for round_number in range(rounds):
        repo = f"compare/{name}-{round_number}"
        ecr.create_repository(repositoryName=repo)
        # A fresh layer each round: skopeo would otherwise mount the blob it already pushed instead of sending it.
        image = make_image(note=f"{name}-{round_number}", layer_files=({"layer.bin": os.urandom(layer_mib * 1024 * 1024)},))
        layout = write_layout(os.path.join(work, f"layout-{name}-{round_number}"), image)
        pushes.append(timed(["skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds, f"oci:{layout}:latest", f"docker://{host}/{repo}:v1"]))
        out = tempfile.mkdtemp(prefix="berth-compare-")
        pulls.append(timed(["skopeo", "copy", "--src-tls-verify=false", "--src-creds", creds, f"docker://{host}/{repo}:v1", f"oci:{out}/o:v1"]))
        shutil.rmtree(out)
        ecr_pushes.append(
            timed([sys.executable, os.path.join(HERE, "measure-ecr-upload-rss.py"), "--endpoint", server.url, "--pid", str(server.process.pid),
                   "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY, "--size-mib", str(layer_mib), "--repo", repo + "-ecr"])
        )
    result = {
        "backend": name, "layer_mib": layer_mib, "rounds": rounds,
        "skopeo_push_s": round(statistics.median(pushes), 3), "skopeo_pull_s": round(statistics.median(pulls), 3),
        "ecr_part_push_s": round(statistics.median(ecr_pushes), 3),
        "push_mib_s": round(layer_mib / statistics.median(pushes), 1), "pull_mib_s": round(layer_mib / statistics.median(pulls), 1),
        "peak_rss_mib": round(peak_rss_mib(server.process.pid), 1),
    }
    print(json.dumps(result), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("plugin_dir")
    parser.add_argument("--layer-mib", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ["BERTH_PLUGIN_DIR"] = args.plugin_dir
    work = tempfile.mkdtemp(prefix="berth-compare-")
    try:
        embedded = BerthServer(args.binary, os.path.join(work, "embedded")).start()
        try:
            measure("embedded", embedded, work, args.layer_mib, args.rounds)
        finally:
            embedded.stop()
        backends = PostgresAndS3()
        try:
            remote = BerthServer(args.binary, os.path.join(work, "remote"), extra_env=backends.server_env()).start()
            try:
                measure("postgres-s3", remote, work, args.layer_mib, args.rounds)
            finally:
                remote.stop()
        finally:
            backends.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
