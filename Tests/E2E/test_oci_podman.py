"""podman against /v2 (vfs storage in a throwaway root): push and pull round trips, and pulling an ECR-pushed image."""
import json
import pathlib
import shutil
import subprocess
import tempfile

import pytest
from images import push_blob
from oci_client import v2  # noqa: F401 (fixture)
from oci_layout import OCI_MANIFEST, make_image, write_layout


@pytest.fixture
def podman():
    """Runs podman over its own root/runroot with vfs storage, so nothing touches the machine's images."""
    # A short folder: podman refuses a runroot path longer than 50 characters.
    top = pathlib.Path(tempfile.mkdtemp(prefix="berth-podman-", dir="/tmp"))
    root, runroot, tmp = top / "root", top / "run", top / "tmp"
    for folder in (root, runroot, tmp):
        folder.mkdir()
    base = ["podman", "--root", str(root), "--runroot", str(runroot), "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs"]
    base += ["--events-backend", "file", "--tmpdir", str(tmp)]
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(top), "TMPDIR": str(tmp)}
    env["REGISTRY_AUTH_FILE"] = str(top / "auth.json")
    (top / "auth.json").write_text('{"auths": {}}')

    def run(*args):
        result = subprocess.run([*base, *args], capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, f"podman {' '.join(args)}: {result.stderr}"
        return result.stdout

    yield run
    # Only this store: `system reset` would also touch machine-wide network settings.
    subprocess.run([*base, "rmi", "--all", "--force"], capture_output=True, timeout=60, env=env)
    shutil.rmtree(top, ignore_errors=True)


def remote(v2, repo, tag):
    return f"{v2.host}/{repo}:{tag}"


def login(v2):
    return ["--tls-verify=false", "--creds", f"AWS:{v2.password}"]


def test_podman_push_then_pull_round_trip(podman, v2, repo, tmp_path):
    image = make_image(note="podman", layer_files=({"srv/app.txt": b"podman round trip\n"},))
    layout = write_layout(str(tmp_path / "layout"), image)
    podman("pull", f"oci:{layout}:latest")
    digest_file = tmp_path / "digest"
    podman("push", *login(v2), "--digestfile", str(digest_file), podman_id(podman), f"docker://{remote(v2, repo, 'v1')}")
    pushed_digest = digest_file.read_text().strip()
    served = v2.get(f"/v2/{repo}/manifests/v1", headers={"Accept": OCI_MANIFEST + ", application/vnd.docker.distribution.manifest.v2+json"})
    assert served.status_code == 200
    assert served.headers["Docker-Content-Digest"] == pushed_digest

    podman("rmi", "--all", "--force")
    podman("pull", *login(v2), remote(v2, repo, "v1"))
    pulled = json.loads(podman("image", "inspect", remote(v2, repo, "v1")))[0]
    assert pulled["Digest"] == pushed_digest
    # Layers are recompressed by podman, but their content (the diff_ids) is what the layout held.
    assert pulled["RootFS"]["Layers"] == json.loads(image.config)["rootfs"]["diff_ids"]
    assert pulled["Labels"] == {"note": "podman"}


def podman_id(podman):
    """The id of the only image in the store."""
    ids = podman("images", "--quiet", "--no-trunc").split()
    assert len(ids) == 1, ids
    return ids[0]


def test_image_pushed_through_the_ecr_layer_api_pulls_with_podman(podman, v2, ecr, repo):
    image = make_image(note="from-ecr", layer_files=({"opt/ecr.txt": b"pushed with the ECR API\n"},))
    for blob in image.blobs:
        push_blob(ecr, repo, blob)
    put = ecr.put_image(repositoryName=repo, imageTag="v1", imageManifest=image.manifest.decode(), imageManifestMediaType=OCI_MANIFEST)
    assert put["image"]["imageId"]["imageDigest"] == image.digest

    podman("pull", *login(v2), remote(v2, repo, "v1"))
    pulled = json.loads(podman("image", "inspect", remote(v2, repo, "v1")))[0]
    assert pulled["Digest"] == image.digest
    assert pulled["RootFS"]["Layers"] == json.loads(image.config)["rootfs"]["diff_ids"]
    podman("pull", *login(v2), f"{v2.host}/{repo}@{image.digest}")
