"""Repository creation templates: Create/Describe/Update/DeleteRepositoryCreationTemplate, and CREATE_ON_PUSH: a
/v2 push to a missing repository creates it with the most specific template's settings."""
import json

import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT_ID, REGION
from oci_client import spare_server  # noqa: F401 (fixture)
from oci_layout import make_image

LIFECYCLE = json.dumps(
    {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}]}
)
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "pull", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}]})


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


@pytest.fixture
def clean_templates(ecr):
    def wipe():
        for template in ecr.describe_repository_creation_templates()["repositoryCreationTemplates"]:
            ecr.delete_repository_creation_template(prefix=template["prefix"])

    wipe()
    yield
    wipe()


def test_create_describe_update_delete(ecr, clean_templates):
    created = ecr.create_repository_creation_template(
        prefix="team", description="team repos", appliedFor=["CREATE_ON_PUSH", "REPLICATION"], imageTagMutability="IMMUTABLE",
        resourceTags=[{"Key": "team", "Value": "a"}], lifecyclePolicy=LIFECYCLE, repositoryPolicy=POLICY,
        encryptionConfiguration={"encryptionType": "AES256"},
    )
    template = created["repositoryCreationTemplate"]
    assert created["registryId"] == ACCOUNT_ID and template["prefix"] == "team" and template["imageTagMutability"] == "IMMUTABLE"
    assert "createdAt" in template and "updatedAt" in template
    with pytest.raises(ecr.exceptions.TemplateAlreadyExistsException):
        ecr.create_repository_creation_template(prefix="team", appliedFor=["CREATE_ON_PUSH"])
    described = ecr.describe_repository_creation_templates(prefixes=["team"])["repositoryCreationTemplates"]
    assert [t["description"] for t in described] == ["team repos"]
    assert ecr.describe_repository_creation_templates(prefixes=["absent"])["repositoryCreationTemplates"] == []
    updated = ecr.update_repository_creation_template(prefix="team", description="changed", appliedFor=["CREATE_ON_PUSH"])
    assert updated["repositoryCreationTemplate"]["description"] == "changed"
    assert updated["repositoryCreationTemplate"]["appliedFor"] == ["CREATE_ON_PUSH"]
    assert updated["repositoryCreationTemplate"]["imageTagMutability"] == "IMMUTABLE"
    assert ecr.delete_repository_creation_template(prefix="team")["repositoryCreationTemplate"]["description"] == "changed"
    with pytest.raises(ecr.exceptions.TemplateNotFoundException):
        ecr.delete_repository_creation_template(prefix="team")
    with pytest.raises(ecr.exceptions.TemplateNotFoundException):
        ecr.update_repository_creation_template(prefix="team", description="x")


def test_describe_pages(ecr, clean_templates):
    for n in range(5):
        ecr.create_repository_creation_template(prefix=f"page{n}", appliedFor=["CREATE_ON_PUSH"])
    pages = list(ecr.get_paginator("describe_repository_creation_templates").paginate(PaginationConfig={"PageSize": 2}))
    assert len(pages) == 3
    assert [t["prefix"] for p in pages for t in p["repositoryCreationTemplates"]] == [f"page{n}" for n in range(5)]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"appliedFor": []},
        {"appliedFor": ["CREATE_ON_PUSH"], "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION"},
        {"appliedFor": ["CREATE_ON_PUSH"], "lifecyclePolicy": LIFECYCLE.replace("untagged", "sometimes")},
        {"appliedFor": ["CREATE_ON_PUSH"], "repositoryPolicy": "not json"},
        {"appliedFor": ["CREATE_ON_PUSH"], "encryptionConfiguration": {"encryptionType": "AES256", "kmsKey": "arn:aws:kms:us-east-1:123456789012:key/x"}},
    ],
    ids=["no-purpose", "exclusion-without-filters", "bad-lifecycle", "bad-policy", "kms-key-with-aes"],
)
def test_invalid_templates(ecr, clean_templates, kwargs):
    with pytest.raises(ClientError) as excinfo:
        ecr.create_repository_creation_template(prefix="invalid", **kwargs)
    assert code(excinfo) == "InvalidParameterException"
    assert ecr.describe_repository_creation_templates()["repositoryCreationTemplates"] == []


def test_too_many_template_tags(ecr, clean_templates):
    with pytest.raises(ClientError) as excinfo:
        ecr.create_repository_creation_template(
            prefix="tags", appliedFor=["CREATE_ON_PUSH"], resourceTags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]
        )
    assert code(excinfo) == "TooManyTagsException"


def test_create_on_push_applies_the_most_specific_template(spare_server):
    _, ecr, v2 = spare_server()
    ecr.create_repository_creation_template(prefix="ROOT", appliedFor=["CREATE_ON_PUSH"], resourceTags=[{"Key": "from", "Value": "root"}])
    ecr.create_repository_creation_template(
        prefix="prod/", appliedFor=["CREATE_ON_PUSH"], imageTagMutability="IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "latest"}], resourceTags=[{"Key": "from", "Value": "prod"}],
        lifecyclePolicy=LIFECYCLE, repositoryPolicy=POLICY, encryptionConfiguration={"encryptionType": "KMS"},
    )
    ecr.create_repository_creation_template(prefix="prod/replicated", appliedFor=["REPLICATION"], resourceTags=[{"Key": "from", "Value": "replication"}])
    image = make_image(note="template")
    v2.push_image("prod/replicated/app", image, tag="v1")
    repository = ecr.describe_repositories(repositoryNames=["prod/replicated/app"])["repositories"][0]
    assert repository["imageTagMutability"] == "IMMUTABLE_WITH_EXCLUSION"
    assert repository["imageTagMutabilityExclusionFilters"] == [{"filterType": "WILDCARD", "filter": "latest"}]
    assert repository["encryptionConfiguration"]["encryptionType"] == "KMS"
    arn = f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/prod/replicated/app"
    assert ecr.list_tags_for_resource(resourceArn=arn)["tags"] == [{"Key": "from", "Value": "prod"}]
    assert ecr.get_lifecycle_policy(repositoryName="prod/replicated/app")["lifecyclePolicyText"] == LIFECYCLE
    assert ecr.get_repository_policy(repositoryName="prod/replicated/app")["policyText"] == POLICY
    # The template's immutability holds for the pushed tag.
    other = make_image(note="template-two")
    for blob in other.blobs:
        v2.push_blob("prod/replicated/app", blob)
    assert "TAG_INVALID" in v2.push_manifest("prod/replicated/app", "v1", other.manifest, expect=400).text
    # A name under no other prefix takes ROOT's settings.
    v2.push_image("misc/app", make_image(note="root-template"), tag="v1")
    root_arn = f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/misc/app"
    assert ecr.list_tags_for_resource(resourceArn=root_arn)["tags"] == [{"Key": "from", "Value": "root"}]


def test_without_a_create_on_push_template_pushes_to_missing_repositories_fail(spare_server):
    _, ecr, v2 = spare_server()
    ecr.create_repository_creation_template(prefix="ROOT", appliedFor=["PULL_THROUGH_CACHE"])
    refused = v2.post("/v2/nothing/here/blobs/uploads/")
    assert refused.status_code == 404 and "NAME_UNKNOWN" in refused.text
