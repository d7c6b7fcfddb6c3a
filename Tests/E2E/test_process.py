"""The berth-server process: flags, generated keys, clean stop on SIGTERM."""
import os
import signal
import subprocess
import time

import boto3
import pytest
from botocore.config import Config
from conftest import BerthServer, server_binary


def test_help_documents_every_flag():
    out = subprocess.run([server_binary(), "--help"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0
    for flag in ("--host", "--port", "--data-dir", "--region", "--account-id", "--public-url"):
        assert flag in out.stdout
    for env in ("BERTH_HOST", "BERTH_PORT", "BERTH_DATA_DIR", "BERTH_REGION", "BERTH_ACCOUNT_ID", "BERTH_PUBLIC_URL", "BERTH_ROOT_ACCESS_KEY_ID"):
        assert env in out.stdout


def test_bad_flags_are_refused():
    out = subprocess.run([server_binary(), "--account-id", "12"], capture_output=True, text=True, timeout=30)
    assert out.returncode != 0 and "account-id" in out.stderr


def test_generated_root_key_is_kept_and_printed_once(tmp_path):
    env = {"BERTH_ROOT_ACCESS_KEY_ID": "", "BERTH_ROOT_SECRET_ACCESS_KEY": ""}
    server = BerthServer(server_binary(), str(tmp_path / "data"), extra_env=env).start()
    try:
        time.sleep(0.3)
        first = open(server.log_path).read()
        key_line = next(line for line in first.splitlines() if "access key:" in line)
        secret_line = next(line for line in first.splitlines() if "secret key:" in line)
        key = key_line.split("access key:")[1].strip()
        secret = secret_line.split("secret key:")[1].split()[0]
        assert key.startswith("AKIA") and len(secret) == 40
        ecr = boto3.client(
            "ecr", endpoint_url=server.url, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret,
            config=Config(retries={"max_attempts": 1}),
        )
        assert ecr.describe_repositories()["repositories"] == []
        server.restart()
        time.sleep(0.3)
        log = open(server.log_path).read()
        assert log.count(secret) == 1  # shown once, on the start that generated it
        assert ecr.describe_repositories()["repositories"] == []
    finally:
        server.stop()


def test_sigterm_stops_cleanly(tmp_path):
    server = BerthServer(server_binary(), str(tmp_path / "data")).start()
    server.process.send_signal(signal.SIGTERM)
    try:
        assert server.process.wait(timeout=15) == 0
    finally:
        server.stop()
