"""State survives a restart: repositories, images byte for byte, layers, policies, tokens."""
import base64
import json

import requests
from images import push_image, sha256
from test_policies import PULL_POLICY


def test_everything_survives_a_restart(server, ecr):
    name = "restart/kept"
    ecr.create_repository(repositoryName=name, imageTagMutability="IMMUTABLE")
    manifest, digest, config, layers = push_image(ecr, name, tag="v1", layer_sizes=(2048, 4096))
    ecr.set_repository_policy(repositoryName=name, policyText=json.dumps(PULL_POLICY))
    upload_id = ecr.initiate_layer_upload(repositoryName=name)["uploadId"]
    first_part = b"a" * (5 * 1024 * 1024)
    ecr.upload_layer_part(repositoryName=name, uploadId=upload_id, partFirstByte=0, partLastByte=len(first_part) - 1, layerPartBlob=first_part)
    url = ecr.get_download_url_for_layer(repositoryName=name, layerDigest=sha256(layers[0]))["downloadUrl"]

    server.restart()

    repository = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    assert repository["imageTagMutability"] == "IMMUTABLE"
    image = ecr.batch_get_image(repositoryName=name, imageIds=[{"imageTag": "v1"}])["images"][0]
    assert image["imageManifest"].encode() == manifest and image["imageId"]["imageDigest"] == digest
    assert json.loads(ecr.get_repository_policy(repositoryName=name)["policyText"]) == PULL_POLICY
    assert requests.get(url, timeout=10).content == layers[0]
    # The upload in progress continues where it stopped.
    n = len(first_part)
    ecr.upload_layer_part(repositoryName=name, uploadId=upload_id, partFirstByte=n, partLastByte=n + 2, layerPartBlob=b"def")
    whole = first_part + b"def"
    assert ecr.complete_layer_upload(repositoryName=name, uploadId=upload_id, layerDigests=[sha256(whole)])["layerDigest"] == sha256(whole)
    token = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
    assert base64.b64decode(token).startswith(b"AWS:")
    ecr.delete_repository(repositoryName=name, force=True)
