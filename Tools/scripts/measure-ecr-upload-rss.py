#!/usr/bin/env python3
"""Pushes a large layer through UploadLayerPart (10 MiB parts) with boto3 and samples berth-server's RSS.

usage: measure-ecr-upload-rss.py --endpoint URL --pid PID --access-key AK --secret-key SK [--size-mib 1024]
Prints one JSON line: size, parts, seconds, MiB/s, peak and final RSS in MiB.
"""
import argparse
import hashlib
import json
import os
import threading
import time

import boto3
from botocore.config import Config


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--repo", default="measure/upload-rss")
    args = parser.parse_args()

    ecr = boto3.client(
        "ecr", endpoint_url=args.endpoint, region_name=args.region, aws_access_key_id=args.access_key,
        aws_secret_access_key=args.secret_key, config=Config(retries={"max_attempts": 1}, read_timeout=300),
    )
    try:
        ecr.create_repository(repositoryName=args.repo)
    except ecr.exceptions.RepositoryAlreadyExistsException:
        pass
    peak = [rss_mib(args.pid)]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_mib(args.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    part_size = 10 * 1024 * 1024
    total = args.size_mib * 1024 * 1024
    hasher = hashlib.sha256()
    upload_id = ecr.initiate_layer_upload(repositoryName=args.repo)["uploadId"]
    start = time.time()
    offset = 0
    parts = 0
    chunk = os.urandom(part_size)
    while offset < total:
        part = chunk[: min(part_size, total - offset)]
        hasher.update(part)
        ecr.upload_layer_part(repositoryName=args.repo, uploadId=upload_id, partFirstByte=offset, partLastByte=offset + len(part) - 1, layerPartBlob=part)
        offset += len(part)
        parts += 1
    digest = "sha256:" + hasher.hexdigest()
    ecr.complete_layer_upload(repositoryName=args.repo, uploadId=upload_id, layerDigests=[digest])
    seconds = time.time() - start
    done.set()
    sampler.join()
    ecr.delete_repository(repositoryName=args.repo, force=True)
    print(json.dumps({
        "size_mib": args.size_mib, "parts": parts, "seconds": round(seconds, 2), "mib_per_s": round(args.size_mib / seconds, 1),
        "peak_rss_mib": round(peak[0], 1), "final_rss_mib": round(rss_mib(args.pid), 1),
    }))


if __name__ == "__main__":
    main()
