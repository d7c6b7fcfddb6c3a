"""Helpers for the berth-worker end-to-end tests (test_gc_under_load.py, test_worker_lifecycle.py): the worker binary,
a worker run once or kept in the background, its `pass done` log lines, and what a blob store holds (the embedded
store's files or the S3 bucket)."""
import os
import re
import subprocess
import time

import pytest
from conftest import server_binary

PASS_FIELDS = re.compile(r"(\w+)=(\S+)")


def worker_binary():
    """`BERTH_WORKER`, else the berth-worker beside the server binary (`BERTH_BIN`)."""
    binary = os.environ.get("BERTH_WORKER") or os.path.join(os.path.dirname(server_binary()), "berth-worker")
    if not os.path.exists(binary):
        pytest.exit(f"berth-worker binary not found at {binary}; run `make e2e`", returncode=2)
    return binary


def worker_env(extra=None):
    env = dict(os.environ)
    env.update(extra or {})
    return env


def run_worker(store_args, *args, env=None, timeout=150, check=True):
    """Runs berth-worker to completion (`--once` / `--dry-run` in `args`); returns the CompletedProcess."""
    result = subprocess.run(
        [worker_binary(), *store_args, *args], env=worker_env(env), capture_output=True, text=True, timeout=timeout
    )
    if check:
        assert result.returncode == 0, f"berth-worker {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
    return result


def pass_lines(log):
    """The key=value fields of every `pass done` line of a worker's stderr, in order (values stay strings)."""
    return [dict(PASS_FIELDS.findall(line.split(" berth-worker:", 1)[-1])) for line in log.splitlines() if "pass done" in line]


def pass_totals(log):
    """Sums of the numeric fields over every `pass done` line, plus `passes` (how many)."""
    lines = pass_lines(log)
    totals = {"passes": len(lines)}
    for fields in lines:
        for key, value in fields.items():
            if key == "holder":
                continue
            try:
                totals[key] = round(totals.get(key, 0) + float(value), 3) if "." in value else totals.get(key, 0) + int(value)
            except ValueError:
                pass
    return totals


class BackgroundWorker:
    """A berth-worker loop whose stderr goes to a file; `stop()` terminates it (SIGTERM) and waits."""

    def __init__(self, store_args, *args, env=None, log_path):
        self.command = [worker_binary(), *store_args, *args]
        self.env = worker_env(env)
        self.log_path = log_path
        self.process = None

    def start(self):
        self.log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.command, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT)
        return self

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def wait_for(self, text, timeout=30):
        """Waits until `text` appears in the log; returns whether it did."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if text in self.log():
                return True
            if self.process.poll() is not None:
                return text in self.log()
            time.sleep(0.1)
        return False


# ---------------------------------------------------------------------------------------------------------------
# What a blob store holds


def fs_blob_digests(data_dir):
    """Digests of the embedded store's blob files (`<data-dir>/blobs/<algorithm>/<first two>/<encoded>`)."""
    root = os.path.join(data_dir, "blobs")
    found = set()
    for directory, _, files in os.walk(root):
        for name in files:
            algorithm = os.path.relpath(directory, root).split(os.sep)[0]
            found.add(f"{algorithm}:{name}")
    return found


def s3_client(backends):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{backends.s3.port}",
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def s3_blob_digests(backends):
    """Digests of the S3 store's committed blobs (keys `berth/blobs/<digest>` in bucket `berth`)."""
    client = s3_client(backends)
    found = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket="berth", Prefix="berth/blobs/"):
        for entry in page.get("Contents", []):
            found.add(entry["Key"][len("berth/blobs/") :])
    return found
