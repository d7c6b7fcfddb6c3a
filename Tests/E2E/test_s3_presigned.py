"""berth-server on PostgreSQL + S3 with presigned URLs on (`"presign": true` in the s3 plugin's config): blob GETs on
/v2 answer 307 to a presigned S3 URL (ranges included, the client sends them to S3), GetDownloadUrlForLayer hands
out the S3 URL itself, and skopeo pulls through the redirects."""
import subprocess

import images
import pytest
import requests
from conftest import BerthServer, server_binary
from oci_client import Registry, ecr_client, registry_password
from oci_layout import make_image, read_layout, sha256, write_layout
from shared_backends import PostgresAndS3


@pytest.fixture(scope="module")
def presigning(tmp_path_factory):
    backends = PostgresAndS3(presign=True)
    server = BerthServer(server_binary(), str(tmp_path_factory.mktemp("presign") / "data"), extra_env=backends.server_env()).start()
    yield server, backends
    server.stop()
    backends.stop()


def test_blob_gets_redirect_to_presigned_s3_urls(presigning):
    server, backends = presigning
    ecr = ecr_client(server)
    ecr.create_repository(repositoryName="presigned/blobs")
    layer = images.gzip_layer(300_000)
    images.push_blob(ecr, "presigned/blobs", layer)
    config = images.config_blob("presigned")
    images.push_blob(ecr, "presigned/blobs", config)
    ecr.put_image(repositoryName="presigned/blobs", imageManifest=images.manifest_for(config, [layer]).decode(), imageTag="v1")
    digest = sha256(layer)

    url = ecr.get_download_url_for_layer(repositoryName="presigned/blobs", layerDigest=digest)["downloadUrl"]
    assert url.startswith(f"http://127.0.0.1:{backends.s3.port}/berth/berth/blobs/") and "X-Amz-Signature=" in url
    assert requests.get(url, timeout=30).content == layer

    v2 = Registry(server.url, registry_password(ecr))
    answer = v2.get(f"/v2/presigned/blobs/blobs/{digest}", allow_redirects=False)
    assert answer.status_code == 307 and answer.headers["Location"].startswith(f"http://127.0.0.1:{backends.s3.port}/")
    assert requests.get(answer.headers["Location"], timeout=30).content == layer
    ranged = requests.get(answer.headers["Location"], headers={"Range": "bytes=10-19"}, timeout=30)
    assert ranged.status_code == 206 and ranged.content == layer[10:20]
    head = v2.head(f"/v2/presigned/blobs/blobs/{digest}")
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(layer))
    missing = v2.get(f"/v2/presigned/blobs/blobs/{sha256(b'none')}", allow_redirects=False)
    assert missing.status_code == 404


def test_skopeo_pulls_through_the_redirects(presigning, tmp_path):
    server, _ = presigning
    ecr = ecr_client(server)
    ecr.create_repository(repositoryName="presigned/image")
    creds = f"AWS:{registry_password(ecr)}"
    image = make_image(note="presigned", layer_files=({"a.txt": b"through S3\n"},))
    layout = write_layout(str(tmp_path / "in"), image)
    host = server.url.split("://", 1)[1]
    for args in (
        ["--dest-tls-verify=false", "--dest-creds", creds, f"oci:{layout}:latest", f"docker://{host}/presigned/image:v1"],
        ["--src-tls-verify=false", "--src-creds", creds, f"docker://{host}/presigned/image:v1", f"oci:{tmp_path}/out:v1"],
    ):
        result = subprocess.run(["skopeo", "copy", *args], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    assert read_layout(str(tmp_path / "out"), tag="v1").digest == image.digest
