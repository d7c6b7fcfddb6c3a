"""Raw HTTP access to Berth's OCI Distribution API (/v2), and fixtures the test_oci_* modules import.

Fixtures here are imported by name into each test module (`from oci_client import v2, ...`), which is how pytest
finds fixtures outside conftest.py.
"""
import base64
import os
import shlex
import shutil
import tempfile
from urllib.parse import urljoin

import boto3
import pytest
import requests
from botocore.config import Config
from conftest import ACCESS_KEY, REGION, SECRET_KEY, BerthServer, server_binary
from oci_layout import OCI_MANIFEST, sha256

_DEFAULT = object()


def registry_password(ecr):
    """The /v2 password: the part after `AWS:` of GetAuthorizationToken's base64 token."""
    token = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
    user, password = base64.b64decode(token).decode().split(":", 1)
    assert user == "AWS"
    return password


def ecr_client(server):
    return boto3.client(
        "ecr",
        endpoint_url=server.url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"max_attempts": 1}, read_timeout=60),
    )


def error_codes(response):
    """The `code`s of an OCI error body."""
    return [error["code"] for error in response.json()["errors"]]


class Registry:
    """A /v2 client over `requests`: Basic `AWS:<password>` unless a request says otherwise."""

    def __init__(self, url, password):
        self.url = url
        self.host = url.split("://", 1)[1]
        self.password = password
        self.auth = ("AWS", password)
        self.session = requests.Session()

    def request(self, method, path, auth=_DEFAULT, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        url = path if path.startswith("http") else self.url + path
        return self.session.request(method, url, auth=self.auth if auth is _DEFAULT else auth, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def head(self, path, **kwargs):
        return self.request("HEAD", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def location(self, response):
        """The response's `Location` as an absolute URL (Berth sends relative ones)."""
        return urljoin(self.url + "/", response.headers["Location"])

    def start_upload(self, name):
        response = self.post(f"/v2/{name}/blobs/uploads/")
        assert response.status_code == 202, response.text
        return self.location(response)

    def push_blob(self, name, data):
        """POST then PUT `?digest=` with the whole body (the spec's monolithic upload); returns the digest."""
        digest = sha256(data)
        response = self.put(self.start_upload(name), params={"digest": digest}, data=data, headers={"Content-Type": "application/octet-stream"})
        assert response.status_code == 201, response.text
        assert response.headers["Docker-Content-Digest"] == digest
        return digest

    def push_manifest(self, name, reference, manifest, media_type=OCI_MANIFEST, expect=201):
        response = self.put(f"/v2/{name}/manifests/{reference}", data=manifest, headers={"Content-Type": media_type})
        assert response.status_code == expect, response.text
        return response

    def push_image(self, name, image, tag=None):
        """Every blob of an `oci_layout.Image`, then its manifest under `tag` (or its digest)."""
        for blob in image.blobs:
            self.push_blob(name, blob)
        response = self.push_manifest(name, tag or image.digest, image.manifest)
        assert response.headers["Docker-Content-Digest"] == image.digest
        return image


@pytest.fixture(scope="session")
def v2(server, ecr):
    """A /v2 client for the shared server."""
    return Registry(server.url, registry_password(ecr))


@pytest.fixture
def make_repo(ecr):
    """Creates extra repositories (ECR CreateRepository) and force-deletes them afterwards."""
    made = []

    def make(name, **kwargs):
        try:
            ecr.delete_repository(repositoryName=name, force=True)
        except ecr.exceptions.RepositoryNotFoundException:
            pass
        ecr.create_repository(repositoryName=name, **kwargs)
        made.append(name)
        return name

    yield make
    for name in made:
        try:
            ecr.delete_repository(repositoryName=name, force=True)
        except ecr.exceptions.RepositoryNotFoundException:
            pass


@pytest.fixture
def spare_server(workdir):
    """Starts dedicated servers over their own data folders (the shared one stays undisturbed); stops them after.

    `spare_server(extra_env, args)` returns (server, ecr client, Registry); `args` are command-line flags, passed
    through a small wrapper script because `BerthServer` runs the binary without arguments.
    """
    started, folders = [], []

    def start(extra_env=None, args=()):
        folder = tempfile.mkdtemp(dir=workdir, prefix="spare-")
        folders.append(folder)
        binary = server_binary()
        if args:
            wrapper = os.path.join(folder, "berth-server")
            with open(wrapper, "w") as f:
                f.write("#!/bin/sh\nexec " + " ".join(shlex.quote(a) for a in [binary, *args]) + ' "$@"\n')
            os.chmod(wrapper, 0o755)
            binary = wrapper
        srv = BerthServer(binary, os.path.join(folder, "data"), extra_env).start()
        started.append(srv)
        client = ecr_client(srv)
        return srv, client, Registry(srv.url, registry_password(client))

    yield start
    for srv in started:
        srv.stop()
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
