"""The three servers `make bench` starts on 127.0.0.1: Berth, CNCF distribution and moto (ECR API reference).

Each is a child process tied to this one (PR_SET_PDEATHSIG), so none outlives the bench even if it is
killed; `stop()` sends SIGTERM, then SIGKILL after a grace period.
"""

from __future__ import annotations

import ctypes
import http.client
import os
import signal
import socket
import subprocess
import time

HOST = "127.0.0.1"
PORT_RANGE = range(15200, 15300)
BERTH_ACCESS_KEY = "AKIABENCHBERTH000001"
BERTH_SECRET_KEY = "bench-secret-key-not-for-production-0001"
ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


class ServerError(RuntimeError):
    pass


def free_port(taken: set[int]) -> int:
    """The first port of 15200-15299 that nothing listens on and this run has not handed out."""
    for port in PORT_RANGE:
        if port in taken:
            continue
        with socket.socket() as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
        taken.add(port)
        return port
    raise ServerError("no free port in 15200-15299")


def _die_with_parent() -> None:
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def http_status(port: int, path: str = "/", method: str = "GET") -> int | None:
    """Status of one request to the server, or None when nothing answers."""
    c = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        c.request(method, path)
        return c.getresponse().status
    except OSError:
        return None
    finally:
        c.close()


class Server:
    """One server process with its log file."""

    def __init__(self, name: str, cmd: list[str], port: int, log_path: str, env: dict | None = None):
        self.name, self.cmd, self.port, self.log_path = name, cmd, port, log_path
        self.env = {**os.environ, **(env or {})}
        self.proc: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, ready_path: str = "/", timeout: float = 60.0) -> int:
        """Starts the process and waits until `ready_path` answers; returns that status code."""
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=self.env, preexec_fn=_die_with_parent)
        log.close()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise ServerError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            st = http_status(self.port, ready_path)
            if st is not None:
                return st
            time.sleep(0.1)
        raise ServerError(f"{self.name} did not answer on {self.endpoint} within {timeout:.0f} s:\n{self.log_tail()}")

    def rss_MiB(self) -> float | None:
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return round(int(line.split()[1]) / 1024, 1)
        except OSError:
            pass
        return None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n: int = 20) -> str:
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def stop(self, grace: float = 10.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


def berth(binary: str, port: int, work: str) -> Server:
    data = os.path.join(work, "berth-data")
    os.makedirs(data)
    url = f"http://{HOST}:{port}"
    cmd = [binary, "--host", HOST, "--port", str(port), "--data-dir", data, "--region", REGION,
           "--account-id", ACCOUNT_ID, "--public-url", url]
    env = {"BERTH_ROOT_ACCESS_KEY_ID": BERTH_ACCESS_KEY, "BERTH_ROOT_SECRET_ACCESS_KEY": BERTH_SECRET_KEY,
           "BERTH_CREATE_ON_PUSH": "1"}
    return Server("berth", cmd, port, os.path.join(work, "berth.log"), env)


def distribution(binary: str, port: int, work: str) -> Server:
    """CNCF distribution (docker-registry): filesystem storage in `work`, no auth, quiet logs."""
    data = os.path.join(work, "distribution-data")
    os.makedirs(data)
    config = os.path.join(work, "distribution.yml")
    with open(config, "w") as f:
        f.write(f"""version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: {data}
  delete:
    enabled: true
http:
  addr: {HOST}:{port}
""")
    return Server("distribution", [binary, "serve", config], port, os.path.join(work, "distribution.log"))


def moto(binary: str, port: int, work: str) -> Server:
    env = {"AWS_DEFAULT_REGION": REGION, "MOTO_ACCOUNT_ID": ACCOUNT_ID}
    return Server("moto", [binary, "-H", HOST, "-p", str(port)], port, os.path.join(work, "moto.log"), env)


def berth_registry_password(endpoint: str) -> str:
    """The /v2/ Basic password (user AWS) from Berth's GetAuthorizationToken."""
    import base64

    import boto3

    ecr = boto3.client("ecr", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=BERTH_ACCESS_KEY,
                       aws_secret_access_key=BERTH_SECRET_KEY)
    token = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
    user, _, password = base64.b64decode(token).decode().partition(":")
    if user != "AWS" or not password:
        raise ServerError(f"unexpected authorization token user {user!r}")
    return password


def berth_create_repositories(endpoint: str, names: list[str]) -> None:
    import boto3

    ecr = boto3.client("ecr", endpoint_url=endpoint, region_name=REGION, aws_access_key_id=BERTH_ACCESS_KEY,
                       aws_secret_access_key=BERTH_SECRET_KEY)
    for name in names:
        try:
            ecr.create_repository(repositoryName=name)
        except ecr.exceptions.RepositoryAlreadyExistsException:
            pass
