"""skopeo against /v2: an OCI layout copied in and back out byte for byte, and the same image seen through ECR."""
import datetime
import json
import os
import subprocess

import images
import pytest
from oci_client import make_repo, v2  # noqa: F401 (fixtures)
from oci_layout import OCI_INDEX, OCI_MANIFEST, make_image, make_index, read_layout, sha256, write_layout


def skopeo(*args):
    result = subprocess.run(["skopeo", "--insecure-policy", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def creds(v2, side):
    return [f"--{side}-creds", f"AWS:{v2.password}", f"--{side}-tls-verify=false"]


def test_oci_layout_to_berth_and_back_is_byte_identical(v2, ecr, repo, tmp_path):
    image = make_image(note="skopeo-in", layer_files=({"etc/hello": b"hello\n"}, {"usr/share/data.bin": os.urandom(70_000)}))
    source = write_layout(str(tmp_path / "source"), image, tag="latest")
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)

    skopeo("copy", *creds(v2, "dest"), f"oci:{source}:latest", f"docker://{v2.host}/{repo}:v1")

    # What the registry serves is the layout's manifest, byte for byte.
    raw = skopeo("inspect", "--raw", "--creds", f"AWS:{v2.password}", "--tls-verify=false", f"docker://{v2.host}/{repo}:v1")
    assert raw.encode() == image.manifest
    served = v2.get(f"/v2/{repo}/manifests/v1", headers={"Accept": OCI_MANIFEST})
    assert served.content == image.manifest
    assert served.headers["Docker-Content-Digest"] == image.digest
    assert served.headers["Content-Type"] == OCI_MANIFEST

    # And back out into a fresh layout: the same manifest and blobs.
    target = str(tmp_path / "target")
    skopeo("copy", *creds(v2, "src"), f"docker://{v2.host}/{repo}:v1", f"oci:{target}:copied")
    copied = read_layout(target, tag="copied")
    assert copied.manifest == image.manifest
    assert copied.config == image.config
    assert copied.layers == image.layers

    # The ECR door sees the same image.
    listed = ecr.list_images(repositoryName=repo)["imageIds"]
    assert listed == [{"imageDigest": image.digest, "imageTag": "v1"}]
    details = ecr.describe_images(repositoryName=repo)["imageDetails"]
    assert len(details) == 1
    detail = details[0]
    assert detail["imageDigest"] == image.digest
    assert detail["imageTags"] == ["v1"]
    assert detail["imageSizeInBytes"] == image.size
    assert detail["imageManifestMediaType"] == OCI_MANIFEST
    assert before <= detail["imagePushedAt"] <= datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=5)
    got = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "v1"}], acceptedMediaTypes=[OCI_MANIFEST])
    assert got["failures"] == []
    assert got["images"][0]["imageManifest"].encode() == image.manifest
    assert got["images"][0]["imageManifestMediaType"] == OCI_MANIFEST
    assert got["images"][0]["imageId"] == {"imageDigest": image.digest, "imageTag": "v1"}


def test_image_pushed_through_the_ecr_layer_api_pulls_with_skopeo(v2, ecr, repo, tmp_path):
    manifest, digest, config, layers = images.push_image(ecr, repo, tag="v1", layer_sizes=(3000, 50_000), media_type=OCI_MANIFEST)

    target = str(tmp_path / "pulled")
    skopeo("copy", *creds(v2, "src"), f"docker://{v2.host}/{repo}:v1", f"oci:{target}:v1")
    pulled = read_layout(target, tag="v1")
    assert pulled.digest == digest
    assert pulled.manifest == manifest
    assert pulled.config == config and pulled.layers == layers

    # A Docker v2 schema 2 image keeps its bytes too (the dir: transport stores the manifest as served).
    docker_manifest, docker_digest, _, _ = images.push_image(ecr, repo, tag="docker", note="docker-type")
    folder = str(tmp_path / "docker-dir")
    skopeo("copy", *creds(v2, "src"), f"docker://{v2.host}/{repo}:docker", f"dir:{folder}")
    with open(os.path.join(folder, "manifest.json"), "rb") as f:
        assert f.read() == docker_manifest
    inspected = json.loads(skopeo("inspect", "--creds", f"AWS:{v2.password}", "--tls-verify=false", f"docker://{v2.host}/{repo}:docker"))
    assert inspected["Digest"] == docker_digest


def test_multi_platform_index_round_trip(v2, ecr, repo, make_repo, tmp_path):
    index = make_index()
    source = write_layout(str(tmp_path / "source"), index, tag="multi")
    skopeo("copy", "--all", *creds(v2, "dest"), f"oci:{source}:multi", f"docker://{v2.host}/{repo}:multi")

    served = v2.get(f"/v2/{repo}/manifests/multi", headers={"Accept": OCI_INDEX})
    assert served.content == index.manifest
    assert served.headers["Content-Type"] == OCI_INDEX
    for image in index.images:  # every platform's manifest is there, untagged, by digest
        assert v2.get(f"/v2/{repo}/manifests/{image.digest}").content == image.manifest

    target = str(tmp_path / "target")
    skopeo("copy", "--all", *creds(v2, "src"), f"docker://{v2.host}/{repo}:multi", f"oci:{target}:back")
    assert read_layout(target, tag="back") == index

    details = {d["imageDigest"]: d for d in ecr.describe_images(repositoryName=repo)["imageDetails"]}
    assert set(details) == {index.digest, *(image.digest for image in index.images)}
    assert details[index.digest]["imageTags"] == ["multi"]
    assert details[index.digest]["imageManifestMediaType"] == OCI_INDEX

    # A second repository on the same registry: skopeo mounts or re-pushes the blobs; the result is the same.
    other = make_repo(repo + "-copy")
    skopeo("copy", "--all", *creds(v2, "src"), *creds(v2, "dest"), f"docker://{v2.host}/{repo}:multi", f"docker://{v2.host}/{other}:multi")
    assert v2.get(f"/v2/{other}/manifests/multi").content == index.manifest
    for image in index.images:
        for blob in image.blobs:
            assert v2.get(f"/v2/{other}/blobs/{sha256(blob)}").content == blob


def test_umoci_image_round_trip_unpacks(v2, repo, tmp_path):
    """An image built by umoci goes to Berth and back; umoci unpacks the copy and finds the file."""

    def umoci(*args):
        result = subprocess.run(["umoci", *args], capture_output=True, text=True, timeout=60, cwd=tmp_path)
        assert result.returncode == 0, result.stderr

    (tmp_path / "payload").write_bytes(b"made by umoci\n")
    umoci("init", "--layout", "built")
    umoci("new", "--image", "built:latest")
    umoci("insert", "--image", "built:latest", "payload", "/etc/berth.txt")
    umoci("config", "--image", "built:latest", "--config.label", "note=umoci")
    built = read_layout(str(tmp_path / "built"))

    skopeo("copy", *creds(v2, "dest"), f"oci:{tmp_path / 'built'}:latest", f"docker://{v2.host}/{repo}:umoci")
    skopeo("copy", *creds(v2, "src"), f"docker://{v2.host}/{repo}:umoci", f"oci:{tmp_path / 'copied'}:latest")
    assert read_layout(str(tmp_path / "copied")) == built

    umoci("unpack", "--image", "copied:latest", "bundle")
    assert (tmp_path / "bundle" / "rootfs" / "etc" / "berth.txt").read_bytes() == b"made by umoci\n"
    config = json.loads(built.config)
    assert config["config"]["Labels"] == {"note": "umoci"}


@pytest.mark.parametrize("suffix", ["blobs", "blobs/uploads", "manifests", "tags/list", "referrers"])
def test_repository_names_that_look_like_routes(v2, make_repo, tmp_path, suffix):
    """Names ending in route words (`…/blobs/uploads`, `…/tags/list`) still push and pull: routes are read from the right."""
    name = make_repo(f"oci-e2e/odd/{suffix}")
    image = make_image(note=f"odd-{suffix}")
    source = write_layout(str(tmp_path / "source"), image)
    skopeo("copy", *creds(v2, "dest"), f"oci:{source}:latest", f"docker://{v2.host}/{name}:v1")
    assert v2.get(f"/v2/{name}/tags/list").json() == {"name": name, "tags": ["v1"]}
    skopeo("copy", *creds(v2, "src"), f"docker://{v2.host}/{name}:v1", f"oci:{tmp_path / 'back'}:v1")
    assert read_layout(str(tmp_path / "back"), tag="v1") == image
