"""Repository settings: PutImageTagMutability (all four modes, honoured by PutImage and /v2 manifest PUTs),
PutImageScanningConfiguration, and the encryption configuration as stored."""
import pytest
from botocore.exceptions import ClientError
from images import push_image
from oci_client import v2  # noqa: F401 (fixture)
from oci_layout import make_image


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def describe(ecr, name):
    return ecr.describe_repositories(repositoryNames=[name])["repositories"][0]


def test_put_image_tag_mutability_every_mode(ecr, repo):
    answer = ecr.put_image_tag_mutability(repositoryName=repo, imageTagMutability="IMMUTABLE")
    assert answer["imageTagMutability"] == "IMMUTABLE" and answer["repositoryName"] == repo
    assert describe(ecr, repo)["imageTagMutability"] == "IMMUTABLE"
    filters = [{"filterType": "WILDCARD", "filter": "latest"}, {"filterType": "WILDCARD", "filter": "dev-*"}]
    for mode in ("IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"):
        answer = ecr.put_image_tag_mutability(repositoryName=repo, imageTagMutability=mode, imageTagMutabilityExclusionFilters=filters)
        assert answer["imageTagMutabilityExclusionFilters"] == filters
        described = describe(ecr, repo)
        assert described["imageTagMutability"] == mode and described["imageTagMutabilityExclusionFilters"] == filters
    ecr.put_image_tag_mutability(repositoryName=repo, imageTagMutability="MUTABLE")
    assert "imageTagMutabilityExclusionFilters" not in describe(ecr, repo)


def test_mutability_errors(ecr, repo):
    with pytest.raises(ClientError) as excinfo:
        ecr.put_image_tag_mutability(repositoryName=repo, imageTagMutability="IMMUTABLE_WITH_EXCLUSION")
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        ecr.put_image_tag_mutability(
            repositoryName=repo, imageTagMutability="MUTABLE", imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "x"}]
        )
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        ecr.put_image_tag_mutability(repositoryName=repo, imageTagMutability="SOMETIMES")
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.put_image_tag_mutability(repositoryName="settings/none", imageTagMutability="MUTABLE")


def test_mutable_with_exclusion_protects_only_matching_tags_on_both_doors(ecr, v2, repo):
    ecr.put_image_tag_mutability(
        repositoryName=repo, imageTagMutability="MUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "release-*"}],
    )
    push_image(ecr, repo, tag="release-1", note="one")
    with pytest.raises(ecr.exceptions.ImageTagAlreadyExistsException):
        push_image(ecr, repo, tag="release-1", note="two")
    push_image(ecr, repo, tag="latest", note="three")
    push_image(ecr, repo, tag="latest", note="four")
    # /v2 manifest PUTs follow the same rule.
    image = make_image(note="v2-one")
    for blob in image.blobs:
        v2.push_blob(repo, blob)
    v2.push_manifest(repo, "release-2", image.manifest)
    other = make_image(note="v2-two")
    for blob in other.blobs:
        v2.push_blob(repo, blob)
    refused = v2.push_manifest(repo, "release-2", other.manifest, expect=400)
    assert "TAG_INVALID" in refused.text
    v2.push_manifest(repo, "dev", other.manifest)
    v2.push_manifest(repo, "dev", image.manifest)


def test_immutable_with_exclusion_lets_matching_tags_move_on_v2(ecr, v2, repo):
    ecr.put_image_tag_mutability(
        repositoryName=repo, imageTagMutability="IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "latest"}],
    )
    first, second = make_image(note="imm-one"), make_image(note="imm-two")
    for image in (first, second):
        for blob in image.blobs:
            v2.push_blob(repo, blob)
    v2.push_manifest(repo, "latest", first.manifest)
    v2.push_manifest(repo, "latest", second.manifest)
    v2.push_manifest(repo, "v1", first.manifest)
    assert "TAG_INVALID" in v2.push_manifest(repo, "v1", second.manifest, expect=400).text


def test_put_image_scanning_configuration(ecr, repo):
    answer = ecr.put_image_scanning_configuration(repositoryName=repo, imageScanningConfiguration={"scanOnPush": True})
    assert answer["imageScanningConfiguration"] == {"scanOnPush": True}
    assert describe(ecr, repo)["imageScanningConfiguration"] == {"scanOnPush": True}
    ecr.put_image_scanning_configuration(repositoryName=repo, imageScanningConfiguration={"scanOnPush": False})
    assert describe(ecr, repo)["imageScanningConfiguration"] == {"scanOnPush": False}
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.put_image_scanning_configuration(repositoryName="settings/none", imageScanningConfiguration={"scanOnPush": True})


def test_encryption_configuration_is_stored_and_reported(ecr):
    name = "settings/kms"
    key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    ecr.create_repository(repositoryName=name, encryptionConfiguration={"encryptionType": "KMS", "kmsKey": key})
    try:
        assert describe(ecr, name)["encryptionConfiguration"] == {"encryptionType": "KMS", "kmsKey": key}
    finally:
        ecr.delete_repository(repositoryName=name, force=True)
    assert describe_default(ecr)["encryptionConfiguration"] == {"encryptionType": "AES256"}


def describe_default(ecr):
    name = "settings/default-encryption"
    ecr.create_repository(repositoryName=name)
    try:
        return describe(ecr, name)
    finally:
        ecr.delete_repository(repositoryName=name, force=True)
