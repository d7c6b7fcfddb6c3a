"""berth-worker end to end: garbage collection frees what deleted images held, `--dry-run` reports it first, idle
uploads expire, the GC preview Berth operation answers over the signed API, and bad store flags are refused."""
import json
import os
import subprocess

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from conftest import ACCESS_KEY, REGION, SECRET_KEY, server_binary
from oci_client import error_codes, spare_server  # noqa: F401 (fixture)
from oci_layout import make_image


def worker_binary():
    binary = os.environ.get("BERTH_WORKER") or os.path.join(os.path.dirname(server_binary()), "berth-worker")
    if not os.path.exists(binary):
        pytest.exit(f"berth-worker binary not found at {binary}; run `make e2e`", returncode=2)
    return binary


def run_worker(data_dir, *args, env=None, check=True):
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run(
        [worker_binary(), "--data-dir", data_dir, *args], env=full_env, capture_output=True, text=True, timeout=120
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def pass_fields(stderr):
    """The key=value fields of the last `pass done` line."""
    line = [l for l in stderr.splitlines() if "pass done" in l][-1]
    return dict(part.split("=", 1) for part in line.split() if "=" in part)


def blob_present(registry, repo, digest):
    return registry.head(f"/v2/{repo}/blobs/{digest}").status_code == 200


def test_gc_frees_a_deleted_images_blobs_and_dry_run_reports_them_first(spare_server):
    server, ecr, registry = spare_server()
    ecr.create_repository(repositoryName="gc/app")
    kept = registry.push_image("gc/app", make_image(note="kept", layer_files=({"a.txt": b"kept layer\n"},)), tag="kept")
    gone = registry.push_image("gc/app", make_image(note="gone", layer_files=({"b.txt": b"doomed layer\n"},)), tag="gone")
    doomed = [blob for blob in gone.blobs]
    ecr.batch_delete_image(repositoryName="gc/app", imageIds=[{"imageTag": "gone"}])

    # The default grace (1 h) keeps every blob: their links were used moments ago.
    dry = run_worker(server.data_dir, "--dry-run")
    assert "dry run: 0 of 4 blobs would be deleted" in dry.stdout, dry.stdout

    dry = run_worker(server.data_dir, "--dry-run", "--gc-grace", "0s")
    assert "dry run: 2 of 4 blobs would be deleted" in dry.stdout, dry.stdout
    assert all(blob_present(registry, "gc/app", digest) for digest in [make_digest(b) for b in doomed]), "a dry run changes nothing"

    done = run_worker(server.data_dir, "--once", "--gc-grace", "0s")
    fields = pass_fields(done.stderr)
    assert fields["blobs_deleted"] == "2", done.stderr
    assert int(fields["bytes_freed"]) == sum(len(b) for b in doomed)
    assert fields["errors"] == "0"
    for blob in doomed:
        assert not blob_present(registry, "gc/app", make_digest(blob))
    for blob in kept.blobs:
        assert blob_present(registry, "gc/app", make_digest(blob))
    manifest = registry.get("/v2/gc/app/manifests/kept", headers={"Accept": "application/vnd.oci.image.manifest.v1+json"})
    assert manifest.status_code == 200

    # A freed blob can be pushed again.
    registry.push_image("gc/app", gone, tag="back")
    assert all(blob_present(registry, "gc/app", make_digest(b)) for b in doomed)


def make_digest(blob):
    import hashlib

    return "sha256:" + hashlib.sha256(blob).hexdigest()


def test_idle_uploads_expire_with_their_bytes(spare_server):
    server, ecr, registry = spare_server()
    ecr.create_repository(repositoryName="gc/uploads")
    location = registry.start_upload("gc/uploads")
    assert registry.patch(location, data=b"x" * 1000, headers={"Content-Type": "application/octet-stream"}).status_code == 202
    fresh = run_worker(server.data_dir, "--once")
    assert pass_fields(fresh.stderr)["uploads_expired"] == "0"
    assert registry.get(location).status_code == 204
    # Two days later (the registry clock runs ahead) the session is idle past the default 24 h.
    aged = run_worker(server.data_dir, "--once", env={"BERTH_CLOCK_SKEW_SECONDS": str(2 * 86400)})
    fields = pass_fields(aged.stderr)
    assert fields["uploads_expired"] == "1", aged.stderr
    assert fields["upload_bytes_freed"] == "1000"
    response = registry.get(location)
    assert response.status_code == 404
    assert error_codes(response) == ["BLOB_UPLOAD_UNKNOWN"]


def signed_admin_call(server, target, body, secret=SECRET_KEY):
    request = AWSRequest(
        method="POST",
        url=server.url + "/",
        data=json.dumps(body),
        headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"},
    )
    SigV4Auth(Credentials(ACCESS_KEY, secret), "ecr", REGION).add_auth(request)
    return requests.post(server.url + "/", data=request.body, headers=dict(request.headers), timeout=30)


def test_gc_preview_operation_over_the_signed_api(spare_server):
    server, ecr, registry = spare_server()
    ecr.create_repository(repositoryName="gc/preview")
    image = registry.push_image("gc/preview", make_image(note="preview"), tag="v1")
    ecr.batch_delete_image(repositoryName="gc/preview", imageIds=[{"imageTag": "v1"}])
    answer = signed_admin_call(server, "BerthAdmin_20261205.PreviewGarbageCollection", {"gracePeriodSeconds": 0})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["gracePeriodSeconds"] == 0
    assert sorted(b["digest"] for b in report["blobs"]) == sorted(make_digest(b) for b in image.blobs)
    assert report["bytes"] == sum(len(b) for b in image.blobs)
    assert report["blobsScanned"] == 2 and report["expiredUploads"] == 0
    assert signed_admin_call(server, "BerthAdmin_20261205.PreviewGarbageCollection", {}).json()["blobs"] == [], "default grace 1 h"
    bad = signed_admin_call(server, "BerthAdmin_20261205.PreviewGarbageCollection", {"gracePeriodSeconds": -1})
    assert bad.status_code == 400 and bad.json()["__type"] == "InvalidParameterException"
    unknown = signed_admin_call(server, "BerthAdmin_20261205.Nope", {})
    assert unknown.status_code == 400 and unknown.json()["__type"] == "UnknownOperationException"
    forged = signed_admin_call(server, "BerthAdmin_20261205.PreviewGarbageCollection", {}, secret="wrong")
    assert forged.status_code == 400 and forged.json()["__type"] == "InvalidSignatureException"
    assert all(blob_present(registry, "gc/preview", make_digest(b)) for b in image.blobs), "a preview changes nothing"


def test_bad_store_flags_are_one_line_and_exit_2(tmp_path):
    result = run_worker(str(tmp_path / "d"), "--once", "--metadata-store", "mysql", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["berth-worker: --metadata-store mysql: expected sqlite or plugin:<name-or-path>"]
    result = run_worker(str(tmp_path / "d"), "--gc-grace", "soon", check=False)
    assert result.returncode != 0 and "gc-grace" in result.stderr
