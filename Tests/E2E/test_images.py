"""Images: PutImage rules, BatchGetImage byte for byte, DescribeImages, ListImages paging, BatchDeleteImage."""
import json

import pytest
from botocore.exceptions import ClientError
from images import OCI_INDEX, OCI_MANIFEST, config_blob, gzip_layer, manifest_for, push_blob, push_image, sha256


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_moving_a_tag_leaves_the_old_image_untagged(ecr, repo):
    _, first, _, _ = push_image(ecr, repo, tag="latest", note="one")
    _, second, _, _ = push_image(ecr, repo, tag="latest", note="two")
    untagged = ecr.list_images(repositoryName=repo, filter={"tagStatus": "UNTAGGED"})["imageIds"]
    assert untagged == [{"imageDigest": first}]
    tagged = ecr.list_images(repositoryName=repo, filter={"tagStatus": "TAGGED"})["imageIds"]
    assert tagged == [{"imageDigest": second, "imageTag": "latest"}]
    details = {d["imageDigest"]: d for d in ecr.describe_images(repositoryName=repo)["imageDetails"]}
    assert "imageTags" not in details[first]
    assert details[second]["imageTags"] == ["latest"]


def test_same_manifest_and_tag_again_is_image_already_exists(ecr, repo):
    manifest, digest, _, _ = push_image(ecr, repo, tag="v1")
    with pytest.raises(ecr.exceptions.ImageAlreadyExistsException):
        ecr.put_image(repositoryName=repo, imageManifest=manifest.decode(), imageTag="v1")
    # A second tag on the same manifest is fine and both tags point at it.
    ecr.put_image(repositoryName=repo, imageManifest=manifest.decode(), imageTag="v1-alias")
    detail = ecr.describe_images(repositoryName=repo, imageIds=[{"imageDigest": digest}])["imageDetails"][0]
    assert sorted(detail["imageTags"]) == ["v1", "v1-alias"]


def test_immutable_tags(ecr):
    name = "immutable/repo"
    ecr.create_repository(repositoryName=name, imageTagMutability="IMMUTABLE")
    try:
        push_image(ecr, name, tag="v1", note="one")
        with pytest.raises(ecr.exceptions.ImageTagAlreadyExistsException):
            push_image(ecr, name, tag="v1", note="two")
        assert [i["imageTag"] for i in ecr.list_images(repositoryName=name, filter={"tagStatus": "TAGGED"})["imageIds"]] == ["v1"]
    finally:
        ecr.delete_repository(repositoryName=name, force=True)


def test_immutable_with_exclusion_lets_latest_move(ecr):
    name = "immutable/exclusion"
    ecr.create_repository(
        repositoryName=name,
        imageTagMutability="IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "latest*"}],
    )
    try:
        push_image(ecr, name, tag="latest", note="one")
        push_image(ecr, name, tag="latest", note="two")
        push_image(ecr, name, tag="v1", note="three")
        with pytest.raises(ecr.exceptions.ImageTagAlreadyExistsException):
            push_image(ecr, name, tag="v1", note="four")
    finally:
        ecr.delete_repository(repositoryName=name, force=True)


def test_put_image_checks_digest_layers_and_json(ecr, repo):
    config = config_blob()
    layer = gzip_layer(100)
    manifest = manifest_for(config, [layer])
    with pytest.raises(ecr.exceptions.LayersNotFoundException):
        ecr.put_image(repositoryName=repo, imageManifest=manifest.decode(), imageTag="v1")
    push_blob(ecr, repo, config)
    push_blob(ecr, repo, layer)
    with pytest.raises(ecr.exceptions.ImageDigestDoesNotMatchException):
        ecr.put_image(repositoryName=repo, imageManifest=manifest.decode(), imageDigest=sha256(b"something else"))
    with pytest.raises(ClientError) as excinfo:
        ecr.put_image(repositoryName=repo, imageManifest="{not json", imageTag="v1")
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        ecr.put_image(repositoryName=repo, imageManifest=manifest.decode(), imageTag="bad tag!")
    assert code(excinfo) == "InvalidParameterException"
    answer = ecr.put_image(repositoryName=repo, imageManifest=manifest.decode(), imageDigest=sha256(manifest), imageTag="v1")
    assert answer["image"]["imageId"]["imageDigest"] == sha256(manifest)
    assert answer["image"]["imageManifestMediaType"] == "application/vnd.docker.distribution.manifest.v2+json"


def test_oci_index_needs_its_manifests(ecr, repo):
    manifest, digest, _, _ = push_image(ecr, repo, tag="amd64", media_type=OCI_MANIFEST)
    missing = sha256(b"missing manifest")
    index = {
        "schemaVersion": 2,
        "mediaType": OCI_INDEX,
        "manifests": [
            {"mediaType": OCI_MANIFEST, "digest": digest, "size": len(manifest), "platform": {"os": "linux", "architecture": "amd64"}},
            {"mediaType": OCI_MANIFEST, "digest": missing, "size": 10, "platform": {"os": "linux", "architecture": "arm64"}},
        ],
    }
    with pytest.raises(ecr.exceptions.ReferencedImagesNotFoundException):
        ecr.put_image(repositoryName=repo, imageManifest=json.dumps(index), imageTag="multi")
    index["manifests"] = index["manifests"][:1]
    body = json.dumps(index)
    ecr.put_image(repositoryName=repo, imageManifest=body, imageTag="multi")
    detail = ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "multi"}])["imageDetails"][0]
    assert detail["imageManifestMediaType"] == OCI_INDEX
    # The child cannot be deleted while the index lists it.
    answer = ecr.batch_delete_image(repositoryName=repo, imageIds=[{"imageDigest": digest}])
    assert answer["failures"][0]["failureCode"] == "ImageReferencedByManifestList"


def test_batch_get_image_failures_and_bytes(ecr, repo):
    manifest, digest, _, _ = push_image(ecr, repo, tag="v1")
    answer = ecr.batch_get_image(
        repositoryName=repo,
        imageIds=[{"imageDigest": digest}, {"imageTag": "nope"}, {"imageDigest": "sha256:zz"}, {}, {"imageTag": "bad tag"}],
    )
    assert [i["imageManifest"].encode() for i in answer["images"]] == [manifest]
    codes = sorted(f["failureCode"] for f in answer["failures"])
    assert codes == ["ImageNotFound", "InvalidImageDigest", "InvalidImageTag", "MissingDigestAndTag"]
    with pytest.raises(ClientError) as excinfo:
        ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": f"t{i}"} for i in range(101)])
    assert code(excinfo) == "InvalidParameterException"


def test_describe_images_errors(ecr, repo):
    push_image(ecr, repo, tag="v1")
    with pytest.raises(ecr.exceptions.ImageNotFoundException):
        ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "absent"}])
    with pytest.raises(ClientError) as excinfo:
        ecr.describe_images(repositoryName=repo, filter={"tagStatus": "SOMETIMES"})
    assert code(excinfo) == "InvalidParameterException"


def test_list_and_describe_images_page_across_three_pages(ecr, repo):
    digests = set()
    for i in range(7):
        _, digest, _, _ = push_image(ecr, repo, tag=f"t{i}", note=f"n{i}", layer_sizes=(64,))
        digests.add(digest)
    pages = list(ecr.get_paginator("list_images").paginate(repositoryName=repo, PaginationConfig={"PageSize": 3}))
    assert len(pages) == 3
    listed = [i for page in pages for i in page["imageIds"]]
    assert {i["imageDigest"] for i in listed} == digests and len(listed) == 7
    pages = list(ecr.get_paginator("describe_images").paginate(repositoryName=repo, PaginationConfig={"PageSize": 2}))
    assert len(pages) == 4
    assert {d["imageDigest"] for page in pages for d in page["imageDetails"]} == digests
    with pytest.raises(ClientError) as excinfo:
        ecr.list_images(repositoryName=repo, nextToken="garbage")
    assert code(excinfo) == "InvalidParameterException"


def test_batch_delete_image(ecr, repo):
    _, first, _, _ = push_image(ecr, repo, tag="a", note="one")
    ecr.put_image(repositoryName=repo, imageManifest=ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "a"}])["images"][0]["imageManifest"], imageTag="b")
    _, second, _, _ = push_image(ecr, repo, tag="c", note="two")
    # Untagging one of two tags keeps the image; the last tag takes the image with it.
    answer = ecr.batch_delete_image(repositoryName=repo, imageIds=[{"imageTag": "a"}])
    assert answer["imageIds"] == [{"imageDigest": first, "imageTag": "a"}]
    assert ecr.describe_images(repositoryName=repo, imageIds=[{"imageDigest": first}])["imageDetails"][0]["imageTags"] == ["b"]
    answer = ecr.batch_delete_image(
        repositoryName=repo,
        imageIds=[{"imageTag": "b"}, {"imageDigest": second, "imageTag": "b"}, {"imageTag": "zzz"}, {}, {"imageDigest": "bad"}],
    )
    assert answer["imageIds"] == [{"imageDigest": first, "imageTag": "b"}]
    codes = sorted(f["failureCode"] for f in answer["failures"])
    assert codes == ["ImageNotFound", "ImageNotFound", "InvalidImageDigest", "MissingDigestAndTag"]
    answer = ecr.batch_delete_image(repositoryName=repo, imageIds=[{"imageDigest": second, "imageTag": "nope"}])
    assert answer["failures"][0]["failureCode"] == "ImageNotFound"
    _, third, _, _ = push_image(ecr, repo, tag="d", note="three")
    answer = ecr.batch_delete_image(repositoryName=repo, imageIds=[{"imageDigest": third, "imageTag": "c"}])
    assert answer["failures"][0]["failureCode"] == "ImageTagDoesNotMatchDigest"
    answer = ecr.batch_delete_image(repositoryName=repo, imageIds=[{"imageDigest": second}])
    assert answer["imageIds"] == [{"imageDigest": second, "imageTag": "c"}]
    assert [i["imageDigest"] for i in ecr.list_images(repositoryName=repo)["imageIds"]] == [third]


def test_manifest_without_media_type_needs_image_manifest_media_type(ecr, repo):
    config = config_blob("no-media-type")
    layer = gzip_layer(512)
    for blob in (config, layer):
        push_blob(ecr, repo, blob)
    document = json.loads(manifest_for(config, [layer], OCI_MANIFEST))
    del document["mediaType"]
    manifest = json.dumps(document)
    with pytest.raises(ClientError) as excinfo:
        ecr.put_image(repositoryName=repo, imageManifest=manifest, imageTag="v1")
    assert code(excinfo) == "InvalidParameterException"
    assert "you must specify the imageManifestMediaType" in excinfo.value.response["Error"]["Message"]
    assert ecr.list_images(repositoryName=repo)["imageIds"] == []
    # Declaring the type is enough.
    answer = ecr.put_image(repositoryName=repo, imageManifest=manifest, imageTag="v1", imageManifestMediaType=OCI_MANIFEST)
    assert answer["image"]["imageManifestMediaType"] == OCI_MANIFEST


def test_batch_get_image_with_a_tag_of_another_image_is_tag_does_not_match_digest(ecr, repo):
    _, first, _, _ = push_image(ecr, repo, tag="a", note="one")
    _, second, _, _ = push_image(ecr, repo, tag="b", note="two")
    answer = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "a", "imageDigest": second}])
    assert answer["images"] == []
    assert [f["failureCode"] for f in answer["failures"]] == ["ImageTagDoesNotMatchDigest"]
    missing = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "nope", "imageDigest": first}])
    assert [f["failureCode"] for f in missing["failures"]] == ["ImageNotFound"]
