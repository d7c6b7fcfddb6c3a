#!/usr/bin/env python3
"""Push and pull throughput: `berth push/pull` against `skopeo copy` (oci: layout <-> docker://), one release server.

Starts berth-server (release) on 127.0.0.1 over a throwaway data folder; in each round every tool pushes its own
fresh OCI layout of N random layers (default 4 x 64 MiB, so nothing can be skipped or mounted) into a fresh
repository, then pulls it back into a fresh layout (the tools alternate which goes first). Prints the median seconds and MiB/s
of each (median of --rounds, default 3) and writes them as JSON with --json.

Run (after `swift build -c release --product berth`):
    python3 Tools/scripts/compare-cli-transfer.py --server /work/bin/berth-server-release --berth .build/release/berth
"""
import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "E2E"))

from conftest import ACCESS_KEY, REGION, SECRET_KEY, BerthServer  # noqa: E402
from oci_layout import OCI_CONFIG, OCI_LAYER, OCI_MANIFEST, Image, descriptor, write_layout  # noqa: E402

MiB = 1024 * 1024


def random_layout(path, layers, layer_mib):
    blobs = [os.urandom(layer_mib * MiB) for _ in range(layers)]
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode()
    manifest = json.dumps(
        {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": descriptor(OCI_CONFIG, config), "layers": [descriptor(OCI_LAYER, b) for b in blobs]}
    ).encode()
    write_layout(path, Image(manifest, config, blobs), tag="bench")
    return sum(len(b) for b in blobs) + len(config)


def timed(command, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="/work/bin/berth-server-release")
    parser.add_argument("--berth", default=os.path.join(ROOT, ".build", "release", "berth"))
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--layer-mib", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()

    import boto3

    work = tempfile.mkdtemp(prefix="berth-compare-")
    server = BerthServer(args.server, os.path.join(work, "data")).start()
    try:
        ecr = boto3.client("ecr", endpoint_url=server.url, region_name=REGION, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)
        token = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
        password = base64.b64decode(token).decode().split(":", 1)[1]
        host = server.url.split("://", 1)[1]
        env = dict(os.environ, BERTH_ENDPOINT=server.url, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_REGION=REGION)
        env.update(AWS_CONFIG_FILE=os.path.join(work, "none"), AWS_SHARED_CREDENTIALS_FILE=os.path.join(work, "none"))
        skopeo = ["skopeo", "--insecure-policy", "copy", "-q"]
        times = {key: [] for key in ("berth push", "skopeo push", "berth pull", "skopeo pull")}
        for round_index in range(args.rounds):
            tools = ["berth", "skopeo"] if round_index % 2 == 0 else ["skopeo", "berth"]
            for tool in tools:
                # Fresh random layers for every push: no tool may skip or mount a blob another push left behind.
                layout = os.path.join(work, f"layout-{tool}-{round_index}")
                total = random_layout(layout, args.layers, args.layer_mib)
                repo = f"bench/{tool}-{round_index}"
                ecr.create_repository(repositoryName=repo)
                if tool == "berth":
                    times["berth push"].append(timed([args.berth, "push", "--jobs", str(args.jobs), layout, f"{repo}:bench"], env))
                else:
                    command = [*skopeo, "--dest-creds", f"AWS:{password}", "--dest-tls-verify=false", f"oci:{layout}:bench", f"docker://{host}/{repo}:bench"]
                    times["skopeo push"].append(timed(command))
                shutil.rmtree(layout)
            for tool in tools:
                repo = f"bench/{tool}-{round_index}"
                target = os.path.join(work, f"pulled-{tool}-{round_index}")
                if tool == "berth":
                    times["berth pull"].append(timed([args.berth, "pull", "--jobs", str(args.jobs), f"{repo}:bench", target], env))
                else:
                    command = [*skopeo, "--src-creds", f"AWS:{password}", "--src-tls-verify=false", f"docker://{host}/{repo}:bench", f"oci:{target}:bench"]
                    times["skopeo pull"].append(timed(command))
                shutil.rmtree(target)
            print(f"round {round_index + 1}: " + ", ".join(f"{key} {values[-1]:.2f}s" for key, values in times.items()), flush=True)
        results = {}
        print(f"\n{args.layers} x {args.layer_mib} MiB random layers ({total / MiB:.0f} MiB), median of {args.rounds}, jobs {args.jobs}")
        for key, values in times.items():
            median = statistics.median(values)
            results[key] = {"seconds": median, "MiB/s": total / MiB / median, "all": values}
            print(f"  {key:12s} {median:7.2f} s  {total / MiB / median:8.1f} MiB/s")
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=2)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
