"""oras (the Python SDK) against /v2: artifacts with a subject, and the referrers API that lists them."""
import json

import oras.client
import oras.oci
import pytest
from oci_client import v2  # noqa: F401 (fixture)
from oci_layout import OCI_INDEX, OCI_MANIFEST, descriptor, make_image, sha256

EMPTY = "application/vnd.oci.empty.v1+json"
SBOM = "application/vnd.example.sbom.v1+json"
SIGNATURE = "application/vnd.example.signature.v1+json"


@pytest.fixture
def oras_client(v2):
    client = oras.client.OrasClient(hostname=v2.host, insecure=True, auth_backend="basic")
    client.auth.set_basic_auth("AWS", v2.password)
    return client


def test_artifacts_with_a_subject_are_listed_as_referrers(oras_client, v2, ecr, repo, tmp_path):
    subject = v2.push_image(repo, make_image(note="subject"), tag="app")
    subject_ref = oras.oci.Subject(mediaType=OCI_MANIFEST, digest=subject.digest, size=len(subject.manifest))

    # 1. `oras push` with a subject: the artifact type is the config media type (oras-py cannot set artifactType).
    sbom_file = tmp_path / "sbom.json"
    sbom_file.write_bytes(b'{"packages": ["berth"]}')
    config_file = tmp_path / "config.json"
    config_file.write_bytes(b"{}")
    pushed = oras_client.push(
        target=f"{v2.host}/{repo}:sbom",
        files=[f"{sbom_file}:application/json"],
        manifest_config=f"{config_file}:{SBOM}",
        manifest_annotations={"org.example.kind": "sbom"},
        subject=subject_ref,
        disable_path_validation=True,
        quiet=True,
    )
    assert pushed.status_code == 201
    assert pushed.headers["OCI-Subject"] == subject.digest
    sbom_digest = pushed.headers["Docker-Content-Digest"]

    # 2. A manifest with an explicit artifactType and the empty config, through the SDK's blob and manifest calls.
    signature = tmp_path / "signature.bin"
    signature.write_bytes(b"not really a signature")
    container = oras_client.get_container(f"{v2.host}/{repo}:signature")
    layer = descriptor(SIGNATURE, signature.read_bytes())
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"{}")
    config = descriptor(EMPTY, b"{}")
    for path, item in ((signature, layer), (empty, config)):
        assert oras_client.upload_blob(str(path), container, item).status_code in (200, 201)
    manifest = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": SIGNATURE, "config": config, "layers": [layer]}
    manifest["subject"] = {"mediaType": OCI_MANIFEST, "digest": subject.digest, "size": len(subject.manifest)}
    answer = oras_client.upload_manifest(manifest, container)
    assert answer.status_code == 201
    assert answer.headers["OCI-Subject"] == subject.digest
    signature_digest = answer.headers["Docker-Content-Digest"]

    # The referrers API lists both, with the artifact type of each.
    listed = v2.get(f"/v2/{repo}/referrers/{subject.digest}")
    assert listed.status_code == 200
    assert listed.headers["Content-Type"] == OCI_INDEX
    assert "OCI-Filters-Applied" not in listed.headers
    index = listed.json()
    assert index["schemaVersion"] == 2 and index["mediaType"] == OCI_INDEX
    by_digest = {m["digest"]: m for m in index["manifests"]}
    assert set(by_digest) == {sbom_digest, signature_digest}
    assert by_digest[sbom_digest]["artifactType"] == SBOM
    assert by_digest[sbom_digest]["annotations"] == {"org.example.kind": "sbom"}
    assert by_digest[signature_digest]["artifactType"] == SIGNATURE
    for digest, entry in by_digest.items():
        body = v2.get(f"/v2/{repo}/manifests/{digest}").content
        assert entry["mediaType"] == OCI_MANIFEST and entry["size"] == len(body) and sha256(body) == digest

    # The ECR door describes the same artifacts.
    described = {d["imageDigest"]: d for d in ecr.describe_images(repositoryName=repo)["imageDetails"]}
    assert described[sbom_digest]["artifactMediaType"] == SBOM
    assert described[signature_digest]["artifactMediaType"] == SIGNATURE
    assert described[signature_digest]["subjectManifestDigest"] == subject.digest

    # Filtered by artifactType, and the header says the filter was applied.
    filtered = v2.get(f"/v2/{repo}/referrers/{subject.digest}", params={"artifactType": SIGNATURE})
    assert filtered.status_code == 200
    assert filtered.headers["OCI-Filters-Applied"] == "artifactType"
    assert [m["digest"] for m in filtered.json()["manifests"]] == [signature_digest]
    none = v2.get(f"/v2/{repo}/referrers/{subject.digest}", params={"artifactType": "application/vnd.example.none"})
    assert none.headers["OCI-Filters-Applied"] == "artifactType" and none.json()["manifests"] == []

    # An unknown subject is an empty index, not 404.
    unknown = v2.get(f"/v2/{repo}/referrers/{sha256(b'no such manifest')}")
    assert unknown.status_code == 200
    assert unknown.headers["Content-Type"] == OCI_INDEX
    assert unknown.json() == {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": []}

    # A referrer pushed through ECR PutImage is listed too.
    through_ecr = json.dumps({**manifest, "artifactType": "application/vnd.example.from-ecr"}, indent=1)
    ecr.put_image(repositoryName=repo, imageManifest=through_ecr, imageManifestMediaType=OCI_MANIFEST)
    listed = v2.get(f"/v2/{repo}/referrers/{subject.digest}", params={"artifactType": "application/vnd.example.from-ecr"}).json()
    assert [m["digest"] for m in listed["manifests"]] == [sha256(through_ecr.encode())]

    # oras pulls the artifact back.
    out = tmp_path / "out"
    files = oras_client.pull(target=f"{v2.host}/{repo}:sbom", outdir=str(out))
    assert [open(f, "rb").read() for f in files] == [sbom_file.read_bytes()]
    assert json.loads(v2.get(f"/v2/{repo}/manifests/sbom").content)["subject"]["digest"] == subject.digest


def test_oras_chunked_upload_and_tags(oras_client, v2, repo, tmp_path):
    data = tmp_path / "data.bin"
    data.write_bytes(bytes(range(256)) * 400)
    target = f"{v2.host}/{repo}:chunked"
    container = oras_client.get_container(target)
    layer = descriptor("application/octet-stream", data.read_bytes(), annotations={"org.opencontainers.image.title": "data.bin"})
    response = oras_client.upload_blob(str(data), container, layer, do_chunked=True, chunk_size=30_000)
    assert response.status_code == 201
    assert v2.get(f"/v2/{repo}/blobs/{layer['digest']}").content == data.read_bytes()
    oras_client.push(target=target, files=[str(data)], disable_path_validation=True, quiet=True)
    assert oras_client.get_tags(target) == ["chunked"]
