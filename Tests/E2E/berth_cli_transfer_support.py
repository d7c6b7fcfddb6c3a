"""Helpers for test_berth_cli_transfer.py: running `berth push/pull`, docker archives built offline, server-log reading."""
import io
import json
import os
import re
import subprocess
import tarfile

from conftest import ACCESS_KEY, REGION, SECRET_KEY
from oci_layout import sha256

MiB = 1024 * 1024
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_GZIP_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
DOCKER_TAR_LAYER = "application/vnd.docker.image.rootfs.diff.tar"


def cli_binary():
    binary = os.environ.get("BERTH_CLI")
    if not binary or not os.path.exists(binary):
        import pytest

        pytest.skip("BERTH_CLI is not set to a built berth binary")
    return binary


def cli_env(server_url, tmp_path, access_key=ACCESS_KEY, secret_key=SECRET_KEY):
    """The environment `berth` finds its endpoint and keys in (no shared files)."""
    env = dict(os.environ)
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR", "AWS_SESSION_TOKEN"):
        env.pop(name, None)
    env.update(
        {
            "BERTH_ENDPOINT": server_url,
            "AWS_ACCESS_KEY_ID": access_key,
            "AWS_SECRET_ACCESS_KEY": secret_key,
            "AWS_REGION": REGION,
            "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        }
    )
    return env


def berth(server_url, tmp_path, *args, timeout=300, env=None):
    """Runs `berth *args` with plain (non-tty) output; returns the CompletedProcess."""
    return subprocess.run(
        [cli_binary(), *args], env=env or cli_env(server_url, tmp_path), capture_output=True, text=True, timeout=timeout
    )


def berth_ok(server_url, tmp_path, *args, **kwargs):
    result = berth(server_url, tmp_path, *args, **kwargs)
    assert result.returncode == 0, f"berth {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def final_digest(stdout):
    """The digest the last line of `berth push/pull` names."""
    last = stdout.strip().splitlines()[-1]
    match = re.search(r"sha256:[0-9a-f]{64}$", last)
    assert match, f"no digest on the final line: {last!r}"
    return match.group(0)


def log_lines(server, since=0):
    """Request-log lines of `server` from byte `since` on (and the new end)."""
    with open(server.log_path, "rb") as f:
        f.seek(since)
        text = f.read().decode(errors="replace")
    return [line for line in text.splitlines() if "operation=" in line], since + len(text.encode())


def log_size(server):
    return os.path.getsize(server.log_path)


def operations(lines, repository):
    """`(operation, status, bytes_in, bytes_out)` of the /v2 requests on `repository`."""
    found = []
    for line in lines:
        if f"repository={repository} " not in line:
            continue
        op = re.search(r"operation=(\w+ \w+)", line)
        status = re.search(r"status=(\d+)", line)
        bytes_in = re.search(r"bytes_in=(\d+)", line)
        bytes_out = re.search(r"bytes_out=(\d+)", line)
        if op and status:
            found.append((op.group(1), int(status.group(1)), int(bytes_in.group(1)), int(bytes_out.group(1))))
    return found


def add_member(tar, name, data=None, link=None):
    info = tarfile.TarInfo(name)
    info.mtime = 1_700_000_000
    if link is not None:
        info.type = tarfile.SYMTYPE
        info.linkname = link
        tar.addfile(info)
    else:
        info.size = len(data)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))


def write_docker_archive(path, config, layers, repo_tag, style="legacy"):
    """A `docker save` tar: legacy (`<id>/layer.tar`, a symlinked duplicate layer, a long config path) or the
    docker 25+ form (`blobs/sha256/<hex>`). Returns the manifest.json `Layers` digests in order."""
    digests = [sha256(layer) for layer in layers]
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        if style == "legacy":
            config_name = "configs/" + "c" * 90 + "/" + sha256(config).split(":")[1] + ".json"  # > 100 chars: a PAX path
            add_member(tar, config_name, config)
            names = []
            for index, layer in enumerate(layers):
                layer_id = f"{index:02d}" + sha256(layer).split(":")[1][2:]
                add_member(tar, f"{layer_id}/VERSION", b"1.0")
                add_member(tar, f"{layer_id}/layer.tar", layer)
                names.append(f"{layer_id}/layer.tar")
            # docker save links a layer that appears twice to the first copy.
            add_member(tar, "ff-duplicate/layer.tar", link=f"../{names[0]}")
            names.append("ff-duplicate/layer.tar")
            digests.append(digests[0])
        else:
            config_name = "blobs/sha256/" + sha256(config).split(":")[1]
            add_member(tar, "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
            add_member(tar, config_name, config)
            names = []
            for layer in layers:
                name = "blobs/sha256/" + sha256(layer).split(":")[1]
                add_member(tar, name, layer)
                names.append(name)
        manifest = [{"Config": config_name, "RepoTags": [repo_tag], "Layers": names}]
        add_member(tar, "manifest.json", json.dumps(manifest).encode())
    return digests
