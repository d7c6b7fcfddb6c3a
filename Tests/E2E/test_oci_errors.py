"""Malformed requests to /v2 get the right 4xx and OCI error code, never a 5xx."""
import json

import pytest
from oci_client import error_codes, v2  # noqa: F401 (fixture)
from oci_layout import OCI_CONFIG, OCI_LAYER, OCI_MANIFEST, descriptor, make_image, sha256

MISSING_UPLOAD = "00000000-0000-4000-8000-000000000000"
ABSENT = sha256(b"absent")
AS_OCI = {"Content-Type": OCI_MANIFEST}


@pytest.fixture(scope="module")
def stocked(v2, ecr):
    """A repository holding one image (tag v1) and one loose blob, shared by the table below."""
    name = "oci-e2e/errors"
    try:
        ecr.delete_repository(repositoryName=name, force=True)
    except ecr.exceptions.RepositoryNotFoundException:
        pass
    ecr.create_repository(repositoryName=name)
    image = v2.push_image(name, make_image(note="errors"), tag="v1")
    blob = v2.push_blob(name, b"0123456789")
    yield {"name": name, "image": image, "blob": blob}
    ecr.delete_repository(repositoryName=name, force=True)


def big_manifest():
    """A valid-looking manifest over 4 MiB (one huge annotation)."""
    config = b"{}"
    document = {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": descriptor(OCI_CONFIG, config), "layers": []}
    document["annotations"] = {"padding": "x" * (4 * 1024 * 1024 + 10)}
    return json.dumps(document).encode()


def missing_blobs_manifest():
    return json.dumps(
        {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": descriptor(OCI_CONFIG, b"{}missing"), "layers": [descriptor(OCI_LAYER, b"gone")]}
    ).encode()


def mismatched_type_manifest():
    """Declared an OCI manifest by Content-Type, but the body says it is an index."""
    return json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": []}).encode()


# (id, method, path ({name}, {digest}, {blob} are filled in), request keywords, status, code or None for no body)
CASES = [
    ("manifest-bad-digest", "GET", "/v2/{name}/manifests/sha256:totallywrong", {}, 400, "DIGEST_INVALID"),
    ("manifest-bad-digest-head", "HEAD", "/v2/{name}/manifests/sha256:totallywrong", {}, 400, None),
    ("manifest-unknown-algorithm", "GET", "/v2/{name}/manifests/md5:d41d8cd98f00b204e9800998ecf8427e", {}, 400, "DIGEST_INVALID"),
    ("manifest-short-hex", "GET", "/v2/{name}/manifests/sha256:abc", {}, 400, "DIGEST_INVALID"),
    ("manifest-uppercase-hex", "GET", "/v2/{name}/manifests/sha256:" + "A" * 64, {}, 400, "DIGEST_INVALID"),
    # A reference that is neither a digest nor a tag names nothing: reading it is 404 (the OCI conformance suite's
    # pull workflow asks for `.INVALID_MANIFEST_NAME`), writing it stays 400.
    ("manifest-bad-tag", "GET", "/v2/{name}/manifests/-notatag", {}, 404, "MANIFEST_UNKNOWN"),
    ("manifest-conformance-invalid-name", "GET", "/v2/{name}/manifests/.INVALID_MANIFEST_NAME", {}, 404, "MANIFEST_UNKNOWN"),
    ("manifest-head-invalid-name", "HEAD", "/v2/{name}/manifests/.INVALID_MANIFEST_NAME", {}, 404, None),
    ("manifest-long-tag", "GET", "/v2/{name}/manifests/" + "t" * 129, {}, 404, "MANIFEST_UNKNOWN"),
    ("manifest-put-invalid-name", "PUT", "/v2/{name}/manifests/.INVALID_MANIFEST_NAME", {"data": b"{}", "headers": AS_OCI}, 400, "MANIFEST_INVALID"),
    ("manifest-unknown-tag", "GET", "/v2/{name}/manifests/nosuchtag", {}, 404, "MANIFEST_UNKNOWN"),
    ("manifest-unknown-digest", "GET", "/v2/{name}/manifests/" + ABSENT, {}, 404, "MANIFEST_UNKNOWN"),
    ("manifest-unknown-head", "HEAD", "/v2/{name}/manifests/" + ABSENT, {}, 404, None),
    ("blob-bad-digest", "GET", "/v2/{name}/blobs/sha256:totallywrong", {}, 400, "DIGEST_INVALID"),
    ("blob-not-a-digest", "GET", "/v2/{name}/blobs/latest", {}, 400, "DIGEST_INVALID"),
    ("blob-unknown", "GET", "/v2/{name}/blobs/" + ABSENT, {}, 404, "BLOB_UNKNOWN"),
    ("blob-unknown-head", "HEAD", "/v2/{name}/blobs/" + ABSENT, {}, 404, None),
    ("blob-delete-bad-digest", "DELETE", "/v2/{name}/blobs/sha256:totallywrong", {}, 400, "DIGEST_INVALID"),
    ("blob-range-past-end", "GET", "/v2/{name}/blobs/{blob}", {"headers": {"Range": "bytes=100-200"}}, 416, "RANGE_INVALID"),
    ("referrers-bad-digest", "GET", "/v2/{name}/referrers/sha256:totallywrong", {}, 400, "DIGEST_INVALID"),
    ("referrers-unknown-repository", "GET", "/v2/oci-e2e/nope/referrers/" + ABSENT, {}, 404, "NAME_UNKNOWN"),
    ("name-uppercase", "GET", "/v2/Oci-E2E/Errors/tags/list", {}, 400, "NAME_INVALID"),
    ("name-leading-dash", "GET", "/v2/-bad/manifests/latest", {}, 400, "NAME_INVALID"),
    ("name-double-separator", "GET", "/v2/a__b--c..d/tags/list", {}, 400, "NAME_INVALID"),
    ("name-empty-segment", "GET", "/v2/a//b/tags/list", {}, 400, "NAME_INVALID"),
    ("name-percent-nul", "GET", "/v2/a%00b/tags/list", {}, 400, "NAME_INVALID"),
    ("name-too-long", "GET", "/v2/" + "a" * 300 + "/tags/list", {}, 400, "NAME_INVALID"),
    ("name-unknown", "GET", "/v2/oci-e2e/nope/tags/list", {}, 404, "NAME_UNKNOWN"),
    ("tags-bad-n", "GET", "/v2/{name}/tags/list?n=abc", {}, 400, "PAGINATION_NUMBER_INVALID"),
    ("tags-negative-n", "GET", "/v2/{name}/tags/list?n=-1", {}, 400, "PAGINATION_NUMBER_INVALID"),
    ("catalog-bad-n", "GET", "/v2/_catalog?n=1.5", {}, 400, "PAGINATION_NUMBER_INVALID"),
    ("not-an-endpoint", "GET", "/v2/{name}/nothing/here", {}, 404, "UNSUPPORTED"),
    ("method-not-allowed", "POST", "/v2/{name}/manifests/v1", {}, 405, "UNSUPPORTED"),
    ("upload-unknown-get", "GET", "/v2/{name}/blobs/uploads/" + MISSING_UPLOAD, {}, 404, "BLOB_UPLOAD_UNKNOWN"),
    ("upload-unknown-patch", "PATCH", "/v2/{name}/blobs/uploads/" + MISSING_UPLOAD, {"data": b"abc"}, 404, "BLOB_UPLOAD_UNKNOWN"),
    ("upload-unknown-put", "PUT", "/v2/{name}/blobs/uploads/" + MISSING_UPLOAD + "?digest={digest}", {}, 404, "BLOB_UPLOAD_UNKNOWN"),
    ("upload-unknown-delete", "DELETE", "/v2/{name}/blobs/uploads/" + MISSING_UPLOAD, {}, 404, "BLOB_UPLOAD_UNKNOWN"),
    ("upload-id-not-an-id", "GET", "/v2/{name}/blobs/uploads/%21%21%21", {}, 404, "BLOB_UPLOAD_UNKNOWN"),
    ("upload-other-repository", "GET", "/v2/oci-e2e/nope/blobs/uploads/" + MISSING_UPLOAD, {}, 404, "BLOB_UPLOAD_UNKNOWN"),
    ("post-bad-digest", "POST", "/v2/{name}/blobs/uploads/?digest=sha256:totallywrong", {"data": b"abc"}, 400, "DIGEST_INVALID"),
    ("mount-bad-digest", "POST", "/v2/{name}/blobs/uploads/?mount=nope&from=oci-e2e/errors", {}, 400, "DIGEST_INVALID"),
    ("manifest-too-large", "PUT", "/v2/{name}/manifests/big", {"data": big_manifest(), "headers": AS_OCI}, 413, None),
    (
        "manifest-missing-blobs",
        "PUT",
        "/v2/{name}/manifests/missing",
        {"data": missing_blobs_manifest(), "headers": AS_OCI},
        400,
        "MANIFEST_BLOB_UNKNOWN",
    ),
    ("manifest-not-json", "PUT", "/v2/{name}/manifests/bad", {"data": b"{not json", "headers": AS_OCI}, 400, "MANIFEST_INVALID"),
    ("manifest-empty", "PUT", "/v2/{name}/manifests/bad", {"data": b"", "headers": AS_OCI}, 400, "MANIFEST_INVALID"),
    ("manifest-json-array", "PUT", "/v2/{name}/manifests/bad", {"data": b"[1,2]", "headers": AS_OCI}, 400, "MANIFEST_INVALID"),
    (
        "manifest-schema-version-1",
        "PUT",
        "/v2/{name}/manifests/bad",
        {"data": b'{"schemaVersion": 3, "config": {}, "layers": []}', "headers": AS_OCI},
        400,
        "MANIFEST_INVALID",
    ),
    (
        "manifest-type-mismatch",
        "PUT",
        "/v2/{name}/manifests/bad",
        {"data": mismatched_type_manifest(), "headers": AS_OCI},
        400,
        "MANIFEST_INVALID",
    ),
    (
        "manifest-digest-mismatch",
        "PUT",
        "/v2/{name}/manifests/" + ABSENT,
        {"data": missing_blobs_manifest(), "headers": AS_OCI},
        400,
        "DIGEST_INVALID",
    ),
]


@pytest.mark.parametrize("method,path,kwargs,status,code", [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_malformed_request(v2, stocked, method, path, kwargs, status, code):
    url = path.replace("{name}", stocked["name"]).replace("{blob}", stocked["blob"]).replace("{digest}", sha256(b"x"))
    answer = v2.request(method, url, **kwargs)
    assert answer.status_code < 500, answer.text
    assert answer.status_code == status, answer.text
    assert answer.headers["Docker-Distribution-API-Version"] == "registry/2.0"
    if method == "HEAD":
        assert answer.content == b""
    if code is not None:
        assert answer.headers["Content-Type"] == "application/json"
        assert error_codes(answer) == [code], answer.text
    # Nothing was created on the way.
    assert v2.get(f"/v2/{stocked['name']}/tags/list").json()["tags"] == ["v1"]


def test_bad_chunks_on_a_live_upload(v2, stocked):
    """Chunk errors keep the session usable; the upload still completes."""
    name = stocked["name"]
    session = v2.start_upload(name)
    first = v2.patch(session, data=b"hello", headers={"Content-Range": "0-4"})
    assert first.status_code == 202
    cases = [
        ({"Content-Range": "five-nine"}, b"world", 416, "RANGE_INVALID"),  # malformed header
        ({"Content-Range": "5-9/7"}, b"world", 416, "RANGE_INVALID"),  # past the stated total
        ({"Content-Range": "9-5"}, b"world", 416, "RANGE_INVALID"),  # backwards
        ({"Content-Range": "6-10"}, b"world", 416, "RANGE_INVALID"),  # a gap
        ({"Content-Range": "5-14"}, b"world", 400, "SIZE_INVALID"),  # length disagrees with the range
    ]
    for headers, body, status, code in cases:
        answer = v2.patch(session, data=body, headers=headers)
        assert answer.status_code == status, (headers, answer.text)
        assert error_codes(answer) == [code]
    status = v2.get(session)
    assert status.status_code == 204 and status.headers["Range"] == "0-4"
    no_digest = v2.put(session)
    assert no_digest.status_code == 400 and error_codes(no_digest) == ["DIGEST_INVALID"]
    bad_digest = v2.put(session, params={"digest": "sha256:totallywrong"})
    assert bad_digest.status_code == 400 and error_codes(bad_digest) == ["DIGEST_INVALID"]
    done = v2.put(session, params={"digest": sha256(b"hello world")}, data=b" world", headers={"Content-Range": "5-10"})
    assert done.status_code == 201, done.text
    assert v2.get(f"/v2/{name}/blobs/{sha256(b'hello world')}").content == b"hello world"


def test_blob_ranges(v2, stocked):
    url = f"/v2/{stocked['name']}/blobs/{stocked['blob']}"
    part = v2.get(url, headers={"Range": "bytes=2-5"})
    assert part.status_code == 206 and part.content == b"2345"
    assert part.headers["Content-Range"] == "bytes 2-5/10"
    tail = v2.get(url, headers={"Range": "bytes=-3"})
    assert tail.status_code == 206 and tail.content == b"789"
    past = v2.get(url, headers={"Range": "bytes=10-"})
    assert past.status_code == 416 and past.headers["Content-Range"] == "bytes */10"
