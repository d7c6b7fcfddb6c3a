"""The README's tour with the real aws CLI: every seed operation's happy path through `aws ecr ...`."""
import base64
import json

import requests
from conftest import aws_cli
from images import config_blob, gzip_layer, manifest_for, sha256
from test_policies import PULL_POLICY


def push_blob_with_cli(server, repo, path, data):
    path.write_bytes(data)
    upload = aws_cli(server, "initiate-layer-upload", "--repository-name", repo)
    assert upload["partSize"] == 10 * 1024 * 1024
    part = aws_cli(
        server, "upload-layer-part", "--repository-name", repo, "--upload-id", upload["uploadId"], "--part-first-byte", "0",
        "--part-last-byte", str(len(data) - 1), "--layer-part-blob", f"fileb://{path}",
    )
    assert part["lastByteReceived"] == len(data) - 1
    done = aws_cli(
        server, "complete-layer-upload", "--repository-name", repo, "--upload-id", upload["uploadId"], "--layer-digests", sha256(data)
    )
    assert done["layerDigest"] == sha256(data)


def test_every_seed_operation_through_the_aws_cli(server, tmp_path):
    repo = "cli/tour"
    aws_cli(server, "create-repository", "--repository-name", repo, "--image-scanning-configuration", "scanOnPush=true")
    config, layer = config_blob("cli"), gzip_layer(4096)
    push_blob_with_cli(server, repo, tmp_path / "config.json", config)
    push_blob_with_cli(server, repo, tmp_path / "layer.tar.gz", layer)
    checked = aws_cli(server, "batch-check-layer-availability", "--repository-name", repo, "--layer-digests", sha256(config), sha256(layer))
    assert [l["layerAvailability"] for l in checked["layers"]] == ["AVAILABLE", "AVAILABLE"]

    manifest_path = tmp_path / "manifest.json"
    manifest = manifest_for(config, [layer])
    manifest_path.write_bytes(manifest)
    put = aws_cli(server, "put-image", "--repository-name", repo, "--image-tag", "v1", "--image-manifest", f"file://{manifest_path}")
    assert put["image"]["imageId"] == {"imageDigest": sha256(manifest), "imageTag": "v1"}
    got = aws_cli(server, "batch-get-image", "--repository-name", repo, "--image-ids", "imageTag=v1")
    assert got["images"][0]["imageManifest"].encode() == manifest
    listed = aws_cli(server, "list-images", "--repository-name", repo)
    assert listed["imageIds"] == [{"imageDigest": sha256(manifest), "imageTag": "v1"}]
    described = aws_cli(server, "describe-images", "--repository-name", repo)
    assert described["imageDetails"][0]["imageSizeInBytes"] == len(config) + len(layer)
    url = aws_cli(server, "get-download-url-for-layer", "--repository-name", repo, "--layer-digest", sha256(layer))["downloadUrl"]
    assert requests.get(url, timeout=10).content == layer

    policy = json.dumps(PULL_POLICY)
    aws_cli(server, "set-repository-policy", "--repository-name", repo, "--policy-text", policy)
    assert aws_cli(server, "get-repository-policy", "--repository-name", repo)["policyText"] == policy
    assert aws_cli(server, "delete-repository-policy", "--repository-name", repo)["policyText"] == policy

    token = aws_cli(server, "get-authorization-token")["authorizationData"][0]
    assert base64.b64decode(token["authorizationToken"]).startswith(b"AWS:")
    deleted = aws_cli(server, "batch-delete-image", "--repository-name", repo, "--image-ids", "imageTag=v1")
    assert deleted["imageIds"] == [{"imageDigest": sha256(manifest), "imageTag": "v1"}]
    assert aws_cli(server, "describe-repositories", "--repository-names", repo)["repositories"][0]["repositoryName"] == repo
    aws_cli(server, "delete-repository", "--repository-name", repo)
