"""Berth's own walk through the OCI distribution-spec workflows, in the order of the official conformance suite:
01 pull, 02 push, 03 content discovery, 04 content management. Raw HTTP; the tests run in file order and share
state through the module's `walk` fixture.
"""
import base64
import json
import os

import pytest
from oci_client import error_codes, v2  # noqa: F401 (fixture)
from oci_layout import OCI_CONFIG, OCI_INDEX, OCI_LAYER, OCI_MANIFEST, descriptor, sha256

NAME = "conformance/oci"
CROSS = "conformance/oci-cross"
EMPTY = "application/vnd.oci.empty.v1+json"
ARTIFACT_A = "application/vnd.berth.test.a"
ARTIFACT_B = "application/vnd.berth.test.b"


def manifest_bytes(config, layers, **extra):
    document = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config, "layers": layers, **extra}
    return json.dumps(document, indent=1).encode()


@pytest.fixture(scope="module")
def walk(v2, ecr):
    for name in (NAME, CROSS):
        try:
            ecr.delete_repository(repositoryName=name, force=True)
        except ecr.exceptions.RepositoryNotFoundException:
            pass
        ecr.create_repository(repositoryName=name)
    config = b'{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}'
    layer = os.urandom(2048)
    state = {"config": config, "layer": layer}
    state["manifest"] = manifest_bytes(descriptor(OCI_CONFIG, config), [descriptor(OCI_LAYER, layer)])
    yield state
    for name in (NAME, CROSS):
        try:
            ecr.delete_repository(repositoryName=name, force=True)
        except ecr.exceptions.RepositoryNotFoundException:
            pass


# ---------------------------------------------------------------------------------------------------------------
# 01 Pull


def test_01_setup_push_the_image_to_pull(v2, walk):
    for blob in (walk["config"], walk["layer"]):
        v2.push_blob(NAME, blob)
    answer = v2.push_manifest(NAME, "tagtest0", walk["manifest"])
    assert answer.headers["Location"] == f"/v2/{NAME}/manifests/{sha256(walk['manifest'])}"


def test_01_base_endpoint(v2):
    answer = v2.get("/v2/")
    assert answer.status_code == 200
    assert answer.headers["Docker-Distribution-API-Version"] == "registry/2.0"


def test_01_pull_manifests(v2, walk):
    digest = sha256(walk["manifest"])
    for reference in ("tagtest0", digest):
        head = v2.head(f"/v2/{NAME}/manifests/{reference}", headers={"Accept": OCI_MANIFEST})
        assert head.status_code == 200 and head.content == b""
        assert head.headers["Docker-Content-Digest"] == digest
        assert head.headers["Content-Length"] == str(len(walk["manifest"]))
        got = v2.get(f"/v2/{NAME}/manifests/{reference}", headers={"Accept": OCI_MANIFEST})
        assert got.status_code == 200
        assert got.content == walk["manifest"]
        assert got.headers["Content-Type"] == OCI_MANIFEST
        assert got.headers["Docker-Content-Digest"] == digest
    for reference in ("nonexistent", sha256(b"nonexistent")):
        assert v2.head(f"/v2/{NAME}/manifests/{reference}").status_code == 404
        missing = v2.get(f"/v2/{NAME}/manifests/{reference}")
        assert missing.status_code == 404 and error_codes(missing) == ["MANIFEST_UNKNOWN"]


def test_01_pull_blobs(v2, walk):
    for blob in (walk["config"], walk["layer"]):
        head = v2.head(f"/v2/{NAME}/blobs/{sha256(blob)}")
        assert head.status_code == 200 and head.headers["Content-Length"] == str(len(blob))
        assert head.headers["Docker-Content-Digest"] == sha256(blob)
        got = v2.get(f"/v2/{NAME}/blobs/{sha256(blob)}")
        assert got.status_code == 200 and got.content == blob
    assert v2.head(f"/v2/{NAME}/blobs/{sha256(b'nonexistent')}").status_code == 404
    missing = v2.get(f"/v2/{NAME}/blobs/{sha256(b'nonexistent')}")
    assert missing.status_code == 404 and error_codes(missing) == ["BLOB_UNKNOWN"]


def test_01_pull_from_an_unknown_repository(v2, walk):
    answer = v2.get(f"/v2/conformance/nonexistent/manifests/{sha256(walk['manifest'])}")
    assert answer.status_code == 404 and error_codes(answer) == ["NAME_UNKNOWN"]


# ---------------------------------------------------------------------------------------------------------------
# 02 Push


def test_02_monolithic_post_then_put(v2):
    data = os.urandom(1000)
    post = v2.post(f"/v2/{NAME}/blobs/uploads/")
    assert post.status_code == 202 and post.headers["Location"]
    put = v2.put(v2.location(post), params={"digest": sha256(data)}, data=data, headers={"Content-Type": "application/octet-stream"})
    assert put.status_code == 201
    assert put.headers["Location"] == f"/v2/{NAME}/blobs/{sha256(data)}"
    assert v2.get(v2.location(put)).content == data


def test_02_single_post_with_digest(v2):
    data = os.urandom(500)
    post = v2.post(f"/v2/{NAME}/blobs/uploads/", params={"digest": sha256(data)}, data=data, headers={"Content-Type": "application/octet-stream"})
    # The spec allows 202 ("finish with PUT"); Berth completes the upload at once.
    assert post.status_code == 201 and post.headers["Location"] == f"/v2/{NAME}/blobs/{sha256(data)}"


def test_02_chunked_upload(v2):
    data = os.urandom(3000)
    post = v2.post(f"/v2/{NAME}/blobs/uploads/", headers={"Content-Length": "0"})
    assert post.status_code == 202
    location = v2.location(post)
    first = v2.patch(location, data=data[:1000], headers={"Content-Range": "0-999", "Content-Type": "application/octet-stream"})
    assert first.status_code == 202 and first.headers["Range"] == "0-999"
    location = v2.location(first)
    second = v2.patch(location, data=data[1000:2000], headers={"Content-Range": "1000-1999"})
    assert second.status_code == 202 and second.headers["Range"] == "0-1999"
    location = v2.location(second)
    repeat = v2.patch(location, data=data[1000:2000], headers={"Content-Range": "1000-1999"})
    assert repeat.status_code == 416
    status = v2.get(location)
    assert status.status_code == 204 and status.headers["Range"] == "0-1999" and status.headers["Location"]
    third = v2.patch(v2.location(status), data=data[2000:], headers={"Content-Range": "2000-2999"})
    assert third.status_code == 202
    put = v2.put(v2.location(third), params={"digest": sha256(data)})
    assert put.status_code == 201
    assert v2.get(f"/v2/{NAME}/blobs/{sha256(data)}").content == data


def test_02_cross_repository_mount(v2, walk):
    digest = sha256(walk["layer"])
    mounted = v2.post(f"/v2/{CROSS}/blobs/uploads/", params={"mount": digest, "from": NAME})
    assert mounted.status_code == 201
    assert mounted.headers["Location"] == f"/v2/{CROSS}/blobs/{digest}"
    assert v2.get(f"/v2/{CROSS}/blobs/{digest}").content == walk["layer"]


def test_02_manifest_with_unknown_fields_and_data_is_stored_byte_exact(v2, walk):
    config = descriptor(OCI_CONFIG, walk["config"], data=base64.b64encode(walk["config"]).decode())
    manifest = manifest_bytes(config, [descriptor(OCI_LAYER, walk["layer"], **{"x-unknown": True})], **{"x-berth-extra": {"a": [1, 2]}})
    answer = v2.push_manifest(NAME, "tagtest1", manifest)
    assert answer.headers["Docker-Content-Digest"] == sha256(manifest)
    assert v2.get(f"/v2/{NAME}/manifests/tagtest1").content == manifest
    walk["extra"] = manifest


def test_02_manifest_by_digest_and_an_index(v2, walk):
    digest = sha256(walk["manifest"])
    assert v2.push_manifest(NAME, digest, walk["manifest"]).headers["Docker-Content-Digest"] == digest
    child = descriptor(OCI_MANIFEST, walk["manifest"], platform={"architecture": "amd64", "os": "linux"})
    index = json.dumps({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [child]}).encode()
    v2.push_manifest(NAME, "index", index, media_type=OCI_INDEX)
    got = v2.get(f"/v2/{NAME}/manifests/index", headers={"Accept": OCI_INDEX})
    assert got.content == index and got.headers["Content-Type"] == OCI_INDEX
    walk["index"] = index


def test_02_referrers_with_a_missing_subject_are_accepted(v2, walk):
    """The spec: a manifest's `subject` need not exist; the registry answers with OCI-Subject."""
    empty = v2.push_blob(NAME, b"{}")
    assert empty == sha256(b"{}")
    subject = {"mediaType": OCI_MANIFEST, "digest": sha256(b"future subject"), "size": 14}
    manifest = manifest_bytes(descriptor(EMPTY, b"{}"), [descriptor(EMPTY, b"{}")], artifactType=ARTIFACT_A, subject=subject)
    answer = v2.push_manifest(NAME, sha256(manifest), manifest)
    assert answer.headers["OCI-Subject"] == subject["digest"]
    walk["dangling"] = (subject["digest"], sha256(manifest))


def test_02_referrers_of_the_pushed_image(v2, walk):
    subject = {"mediaType": OCI_MANIFEST, "digest": sha256(walk["manifest"]), "size": len(walk["manifest"])}
    pushed = []
    for artifact_type, note in ((ARTIFACT_A, "a"), (ARTIFACT_B, "b"), (ARTIFACT_A, "a2")):
        manifest = manifest_bytes(
            descriptor(EMPTY, b"{}"), [descriptor(EMPTY, b"{}")], artifactType=artifact_type, subject=subject, annotations={"note": note}
        )
        answer = v2.push_manifest(NAME, sha256(manifest), manifest)
        assert answer.headers["OCI-Subject"] == subject["digest"]
        pushed.append((artifact_type, sha256(manifest), len(manifest), note))
    # A referrer whose artifact type comes from its config media type.
    config_typed = manifest_bytes(descriptor("application/vnd.berth.test.config", b"{}"), [], subject=subject)
    v2.push_manifest(NAME, sha256(config_typed), config_typed)
    pushed.append(("application/vnd.berth.test.config", sha256(config_typed), len(config_typed), None))
    walk["referrers"] = pushed


def test_02_manifest_referencing_a_missing_blob_is_refused(v2):
    manifest = manifest_bytes(descriptor(OCI_CONFIG, b"{}never pushed"), [])
    answer = v2.push_manifest(NAME, "broken", manifest, expect=400)
    assert error_codes(answer) == ["MANIFEST_BLOB_UNKNOWN"]


# ---------------------------------------------------------------------------------------------------------------
# 03 Content discovery


def test_03_tags_list(v2):
    expected = ["index", "tagtest0", "tagtest1"]
    assert v2.get(f"/v2/{NAME}/tags/list").json() == {"name": NAME, "tags": expected}
    first = v2.get(f"/v2/{NAME}/tags/list", params={"n": 2})
    assert first.json()["tags"] == expected[:2]
    assert first.headers["Link"] == f'</v2/{NAME}/tags/list?n=2&last=tagtest0>; rel="next"'
    rest = v2.get(f"/v2/{NAME}/tags/list", params={"n": 2, "last": "tagtest0"})
    assert rest.json()["tags"] == expected[2:] and "Link" not in rest.headers
    assert v2.get(f"/v2/{NAME}/tags/list", params={"n": 0}).json()["tags"] == []


def test_03_referrers(v2, walk):
    subject = sha256(walk["manifest"])
    answer = v2.get(f"/v2/{NAME}/referrers/{subject}")
    assert answer.status_code == 200 and answer.headers["Content-Type"] == OCI_INDEX
    listed = {m["digest"]: m for m in answer.json()["manifests"]}
    assert set(listed) == {digest for _, digest, _, _ in walk["referrers"]}
    for artifact_type, digest, size, note in walk["referrers"]:
        assert listed[digest]["mediaType"] == OCI_MANIFEST
        assert listed[digest]["size"] == size
        assert listed[digest]["artifactType"] == artifact_type
        assert listed[digest].get("annotations") == ({"note": note} if note else None)

    filtered = v2.get(f"/v2/{NAME}/referrers/{subject}", params={"artifactType": ARTIFACT_A})
    assert filtered.headers["OCI-Filters-Applied"] == "artifactType"
    assert sorted(m["digest"] for m in filtered.json()["manifests"]) == sorted(d for t, d, _, _ in walk["referrers"] if t == ARTIFACT_A)

    dangling_subject, dangling = walk["dangling"]
    assert [m["digest"] for m in v2.get(f"/v2/{NAME}/referrers/{dangling_subject}").json()["manifests"]] == [dangling]
    nothing = v2.get(f"/v2/{NAME}/referrers/{sha256(b'no referrers')}")
    assert nothing.status_code == 200 and nothing.json()["manifests"] == []


# ---------------------------------------------------------------------------------------------------------------
# 04 Content management


def test_04_delete_a_tag(v2, walk):
    assert v2.delete(f"/v2/{NAME}/manifests/tagtest1").status_code == 202
    assert v2.get(f"/v2/{NAME}/manifests/tagtest1").status_code == 404
    assert v2.get(f"/v2/{NAME}/manifests/{sha256(walk['extra'])}").content == walk["extra"]
    assert "tagtest1" not in v2.get(f"/v2/{NAME}/tags/list").json()["tags"]


def test_04_delete_manifests(v2, walk):
    # A manifest an index lists cannot go first (ECR's rule); the index can, then the manifest.
    refused = v2.delete(f"/v2/{NAME}/manifests/{sha256(walk['manifest'])}")
    assert refused.status_code in (400, 409), refused.text
    assert v2.delete(f"/v2/{NAME}/manifests/{sha256(walk['index'])}").status_code == 202
    _, first_referrer, _, _ = walk["referrers"][0]
    assert v2.delete(f"/v2/{NAME}/manifests/{first_referrer}").status_code == 202
    remaining = v2.get(f"/v2/{NAME}/referrers/{sha256(walk['manifest'])}").json()["manifests"]
    assert first_referrer not in [m["digest"] for m in remaining] and len(remaining) == len(walk["referrers"]) - 1
    for digest in (sha256(walk["manifest"]), sha256(walk["extra"])):
        assert v2.delete(f"/v2/{NAME}/manifests/{digest}").status_code == 202
        missing = v2.get(f"/v2/{NAME}/manifests/{digest}")
        assert missing.status_code == 404 and error_codes(missing) == ["MANIFEST_UNKNOWN"]
    assert v2.get(f"/v2/{NAME}/manifests/tagtest0").status_code == 404
    again = v2.delete(f"/v2/{NAME}/manifests/{sha256(walk['manifest'])}")
    assert again.status_code == 404 and error_codes(again) == ["MANIFEST_UNKNOWN"]


def test_04_delete_blobs(v2, walk):
    for blob in (walk["config"], walk["layer"]):
        assert v2.delete(f"/v2/{NAME}/blobs/{sha256(blob)}").status_code == 202
        missing = v2.get(f"/v2/{NAME}/blobs/{sha256(blob)}")
        assert missing.status_code == 404 and error_codes(missing) == ["BLOB_UNKNOWN"]
    # The mounted copy in the other repository is its own link and stays.
    assert v2.get(f"/v2/{CROSS}/blobs/{sha256(walk['layer'])}").content == walk["layer"]
