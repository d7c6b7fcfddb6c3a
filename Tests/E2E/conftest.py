"""Fixtures for Berth's end-to-end suite: a real berth-server on 127.0.0.1 and real clients (boto3, aws CLI)."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACCESS_KEY = "AKIABERTHE2ETEST0001"
SECRET_KEY = "berth-e2e-secret-key-0000000000000000000"
ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BerthServer:
    """One berth-server process over a data folder; can be restarted over the same folder."""

    def __init__(self, binary, data_dir, extra_env=None):
        self.binary = binary
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = extra_env or {}
        self.process = None
        self.log_path = os.path.join(os.path.dirname(data_dir), f"server-{self.port}.log")
        os.makedirs(data_dir, exist_ok=True)

    def start(self):
        env = dict(os.environ)
        env.update(
            {
                "BERTH_HOST": "127.0.0.1",
                "BERTH_PORT": str(self.port),
                "BERTH_DATA_DIR": self.data_dir,
                "BERTH_REGION": REGION,
                "BERTH_ACCOUNT_ID": ACCOUNT_ID,
                "BERTH_PUBLIC_URL": self.url,
                "BERTH_ROOT_ACCESS_KEY_ID": ACCESS_KEY,
                "BERTH_ROOT_SECRET_ACCESS_KEY": SECRET_KEY,
            }
        )
        env.update(self.extra_env)
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen([self.binary], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"berth-server exited with {self.process.returncode}; see {self.log_path}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("berth-server did not become ready within 30 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()
        self.process = None

    def restart(self):
        self.stop()
        return self.start()


def server_binary():
    binary = os.environ.get("BERTH_BIN")
    if not binary:
        out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
        binary = os.path.join(out.stdout.strip(), "berth-server")
    if not os.path.exists(binary):
        pytest.exit(f"berth-server binary not found at {binary}; run `make e2e`", returncode=2)
    return binary


@pytest.fixture(scope="session")
def workdir():
    path = tempfile.mkdtemp(prefix="berth-e2e-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def server(workdir):
    srv = BerthServer(server_binary(), os.path.join(workdir, "data")).start()
    yield srv
    srv.stop()


# ---------------------------------------------------------------------------------------------------------------
# Clients


@pytest.fixture(scope="session")
def ecr(server):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "ecr",
        endpoint_url=server.url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"max_attempts": 1}, read_timeout=120),
    )


@pytest.fixture
def repo(ecr, request):
    """A fresh repository named after the test, deleted (force) afterwards."""
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:80].rstrip("-")
    name = "e2e/" + slug
    try:
        ecr.delete_repository(repositoryName=name, force=True)
    except ecr.exceptions.RepositoryNotFoundException:
        pass
    ecr.create_repository(repositoryName=name)
    yield name
    try:
        ecr.delete_repository(repositoryName=name, force=True)
    except ecr.exceptions.RepositoryNotFoundException:
        pass


def aws_cli(server, *args, check=True):
    """Runs the real `aws` CLI against the server and returns parsed JSON output (or the CompletedProcess)."""
    import json

    env = dict(os.environ)
    env.update(
        {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_PAGER": "",
            "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        }
    )
    result = subprocess.run(
        ["aws", "ecr", *args, "--endpoint-url", server.url, "--output", "json"], env=env, capture_output=True, text=True
    )
    if not check:
        return result
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else {}
