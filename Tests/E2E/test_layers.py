"""The ECR layer API: uploads in parts, availability, download URLs, and every error these operations list."""
import pytest
import requests
from botocore.exceptions import ClientError
from images import MiB, gzip_layer, push_blob, push_image, sha256


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_whole_image_through_the_layer_api(ecr, repo):
    config_note = "whole-image"
    manifest, digest, config, layers = push_image(ecr, repo, tag="v1", layer_sizes=(12 * MiB, 300 * 1024), note=config_note)
    # The first layer went up in several parts (10 MiB partSize): check it and the small one are available.
    availability = ecr.batch_check_layer_availability(repositoryName=repo, layerDigests=[sha256(b) for b in [config, *layers]])
    assert availability["failures"] == []
    assert [l["layerAvailability"] for l in availability["layers"]] == ["AVAILABLE"] * 3
    assert [l["layerSize"] for l in availability["layers"]] == [len(config), len(layers[0]), len(layers[1])]

    got = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "v1"}])
    assert got["failures"] == []
    assert got["images"][0]["imageManifest"].encode() == manifest
    assert got["images"][0]["imageId"] == {"imageDigest": digest, "imageTag": "v1"}

    details = ecr.describe_images(repositoryName=repo)["imageDetails"]
    assert len(details) == 1
    assert details[0]["imageTags"] == ["v1"]
    assert details[0]["imageSizeInBytes"] == len(config) + sum(len(l) for l in layers)
    assert details[0]["imageManifestMediaType"] == "application/vnd.docker.distribution.manifest.v2+json"

    for blob in [config, *layers]:
        url = ecr.get_download_url_for_layer(repositoryName=repo, layerDigest=sha256(blob))["downloadUrl"]
        response = requests.get(url, timeout=60)
        assert response.status_code == 200
        assert response.content == blob


def test_multi_part_upload_with_5_mib_parts(ecr, repo):
    data = gzip_layer(16 * MiB)
    digest = push_blob(ecr, repo, data, part_size=5 * MiB)
    layer = ecr.batch_check_layer_availability(repositoryName=repo, layerDigests=[digest])["layers"][0]
    assert layer["layerSize"] == len(data)


def test_out_of_order_part_is_invalid_layer_part(ecr, repo):
    upload_id = ecr.initiate_layer_upload(repositoryName=repo)["uploadId"]
    ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=0, partLastByte=9, layerPartBlob=b"0123456789")
    with pytest.raises(ecr.exceptions.InvalidLayerPartException) as excinfo:
        ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=20, partLastByte=29, layerPartBlob=b"0123456789")
    assert excinfo.value.response["lastValidByteReceived"] == 9
    assert excinfo.value.response["uploadId"] == upload_id
    with pytest.raises(ecr.exceptions.InvalidLayerPartException):  # range length disagrees with the blob
        ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=10, partLastByte=30, layerPartBlob=b"abc")


def test_unknown_upload_is_upload_not_found(ecr, repo):
    missing = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(ecr.exceptions.UploadNotFoundException):
        ecr.upload_layer_part(repositoryName=repo, uploadId=missing, partFirstByte=0, partLastByte=0, layerPartBlob=b"x")
    with pytest.raises(ecr.exceptions.UploadNotFoundException):
        ecr.complete_layer_upload(repositoryName=repo, uploadId=missing, layerDigests=[sha256(b"x")])
    with pytest.raises(ClientError) as excinfo:
        ecr.complete_layer_upload(repositoryName=repo, uploadId="not-a-uuid", layerDigests=[sha256(b"x")])
    assert code(excinfo) == "InvalidParameterException"


def test_digest_mismatch_is_invalid_layer_and_leaves_nothing(ecr, repo):
    upload_id = ecr.initiate_layer_upload(repositoryName=repo)["uploadId"]
    ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=0, partLastByte=4, layerPartBlob=b"hello")
    with pytest.raises(ecr.exceptions.InvalidLayerException):
        ecr.complete_layer_upload(repositoryName=repo, uploadId=upload_id, layerDigests=[sha256(b"other")])
    availability = ecr.batch_check_layer_availability(repositoryName=repo, layerDigests=[sha256(b"hello"), sha256(b"other")])
    assert [l["layerAvailability"] for l in availability["layers"]] == ["UNAVAILABLE", "UNAVAILABLE"]
    with pytest.raises(ecr.exceptions.UploadNotFoundException):  # the failed upload is gone
        ecr.complete_layer_upload(repositoryName=repo, uploadId=upload_id, layerDigests=[sha256(b"hello")])


def test_empty_upload(ecr, repo):
    upload_id = ecr.initiate_layer_upload(repositoryName=repo)["uploadId"]
    with pytest.raises(ecr.exceptions.EmptyUploadException):
        ecr.complete_layer_upload(repositoryName=repo, uploadId=upload_id, layerDigests=[sha256(b"")])


def test_layer_already_exists(ecr, repo):
    push_blob(ecr, repo, b"same bytes")
    with pytest.raises(ecr.exceptions.LayerAlreadyExistsException):
        push_blob(ecr, repo, b"same bytes")


def test_small_part_before_the_last_is_layer_part_too_small(ecr, repo):
    upload_id = ecr.initiate_layer_upload(repositoryName=repo)["uploadId"]
    ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=0, partLastByte=2, layerPartBlob=b"abc")
    ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=3, partLastByte=5, layerPartBlob=b"def")
    with pytest.raises(ecr.exceptions.LayerPartTooSmallException):
        ecr.complete_layer_upload(repositoryName=repo, uploadId=upload_id, layerDigests=[sha256(b"abcdef")])


def test_part_over_10_mib_is_limit_exceeded(ecr, repo):
    upload_id = ecr.initiate_layer_upload(repositoryName=repo)["uploadId"]
    part = b"\0" * (10 * MiB + 1)
    with pytest.raises(ecr.exceptions.LimitExceededException):
        ecr.upload_layer_part(repositoryName=repo, uploadId=upload_id, partFirstByte=0, partLastByte=len(part) - 1, layerPartBlob=part)


def test_batch_check_layer_availability_failures(ecr, repo):
    answer = ecr.batch_check_layer_availability(repositoryName=repo, layerDigests=["sha256:nothex", "", sha256(b"absent")])
    failures = {f["layerDigest"]: f["failureCode"] for f in answer["failures"]}
    assert failures == {"sha256:nothex": "InvalidLayerDigest", "": "MissingLayerDigest"}
    assert answer["layers"] == [{"layerDigest": sha256(b"absent"), "layerAvailability": "UNAVAILABLE"}]


def test_download_url_errors_and_tampering(ecr, repo):
    with pytest.raises(ecr.exceptions.LayersNotFoundException):
        ecr.get_download_url_for_layer(repositoryName=repo, layerDigest=sha256(b"absent"))
    loose = push_blob(ecr, repo, b"not referenced by any image")
    with pytest.raises(ecr.exceptions.LayerInaccessibleException):
        ecr.get_download_url_for_layer(repositoryName=repo, layerDigest=loose)
    _, _, config, _ = push_image(ecr, repo, tag="v1")
    url = ecr.get_download_url_for_layer(repositoryName=repo, layerDigest=sha256(config))["downloadUrl"]
    assert requests.get(url, timeout=10).content == config
    altered = url.replace("signature=", "signature=0")
    assert requests.get(altered, timeout=10).status_code == 403
    other_path = url.replace(sha256(config), loose)
    assert requests.get(other_path, timeout=10).status_code == 403
    expired = url.split("?")[0] + "?expires=1000&" + url.split("?")[1].split("&", 1)[1]
    assert requests.get(expired, timeout=10).status_code == 403
