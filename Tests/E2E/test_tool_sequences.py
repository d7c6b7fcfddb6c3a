"""The call sequences real infrastructure tools make, replayed with boto3 as ../shared/ECR-FACTS.md section h lists
them: Terraform's aws_ecr_* resources and data sources, CloudFormation's AWS::ECR::Repository handlers, the CDK's
autoDeleteImages handler and cdk-assets, the credential helper and aws-actions/amazon-ecr-login."""
import base64
import json

import pytest
from conftest import ACCOUNT_ID, REGION
from images import push_image

LIFECYCLE = json.dumps(
    {"rules": [{"rulePriority": 1, "description": "keep 10", "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 10}, "action": {"type": "expire"}}]}
)
POLICY = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Sid": "pull", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}
)


def arn(name):
    return f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/{name}"


def gone(call):
    """Terraform and CloudFormation read a not-found error as "the resource is absent"."""
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the caller asserts which
        return type(error).__name__
    return None


def terraform_read(ecr, name):
    """aws_ecr_repository read: DescribeRepositories(repositoryNames=[name]) and ListTagsForResource(arn)."""
    found = ecr.describe_repositories(repositoryNames=[name])["repositories"]
    assert len(found) == 1 and found[0]["repositoryName"] == name
    tags = ecr.list_tags_for_resource(resourceArn=found[0]["repositoryArn"])["tags"]
    return found[0], {t["Key"]: t["Value"] for t in tags}


def test_terraform_aws_ecr_repository_create_read_update_delete(ecr):
    name = "terraform/app"
    # create
    ecr.create_repository(
        repositoryName=name, tags=[{"Key": "Name", "Value": "app"}], imageScanningConfiguration={"scanOnPush": True},
        imageTagMutability="IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "latest"}],
        encryptionConfiguration={"encryptionType": "AES256"},
    )
    repository, tags = terraform_read(ecr, name)
    assert repository["imageScanningConfiguration"] == {"scanOnPush": True} and tags == {"Name": "app"}
    assert repository["repositoryUri"].endswith("/" + name) and repository["encryptionConfiguration"] == {"encryptionType": "AES256"}
    # plan (read again: nothing drifted)
    assert terraform_read(ecr, name) == (repository, tags)
    # update
    ecr.put_image_tag_mutability(repositoryName=name, imageTagMutability="MUTABLE")
    ecr.put_image_scanning_configuration(repositoryName=name, imageScanningConfiguration={"scanOnPush": False})
    ecr.tag_resource(resourceArn=arn(name), tags=[{"Key": "env", "Value": "prod"}])
    ecr.untag_resource(resourceArn=arn(name), tagKeys=["Name"])
    repository, tags = terraform_read(ecr, name)
    assert repository["imageTagMutability"] == "MUTABLE" and "imageTagMutabilityExclusionFilters" not in repository
    assert repository["imageScanningConfiguration"] == {"scanOnPush": False} and tags == {"env": "prod"}
    # delete (force), then poll until RepositoryNotFoundException
    push_image(ecr, name, tag="v1", note="terraform")
    ecr.delete_repository(repositoryName=name, force=True)
    assert gone(lambda: ecr.describe_repositories(repositoryNames=[name])) == "RepositoryNotFoundException"


def test_terraform_policies_lifecycle_and_registry_resources(ecr, repo):
    # aws_ecr_lifecycle_policy
    ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=LIFECYCLE)
    assert json.loads(ecr.get_lifecycle_policy(repositoryName=repo)["lifecyclePolicyText"]) == json.loads(LIFECYCLE)
    ecr.delete_lifecycle_policy(repositoryName=repo)
    assert gone(lambda: ecr.get_lifecycle_policy(repositoryName=repo)) == "LifecyclePolicyNotFoundException"
    # aws_ecr_repository_policy
    ecr.set_repository_policy(repositoryName=repo, policyText=POLICY)
    assert json.loads(ecr.get_repository_policy(repositoryName=repo)["policyText"]) == json.loads(POLICY)
    ecr.delete_repository_policy(repositoryName=repo)
    assert gone(lambda: ecr.get_repository_policy(repositoryName=repo)) == "RepositoryPolicyNotFoundException"
    # aws_ecr_registry_policy
    ecr.put_registry_policy(policyText=POLICY)
    assert ecr.get_registry_policy()["policyText"] == POLICY
    ecr.delete_registry_policy()
    assert gone(ecr.get_registry_policy) == "RegistryPolicyNotFoundException"
    # aws_ecr_replication_configuration: put, read with DescribeRegistry, delete by putting no rules
    rules = [{"destinations": [{"region": "eu-west-1", "registryId": ACCOUNT_ID}]}]
    ecr.put_replication_configuration(replicationConfiguration={"rules": rules})
    assert ecr.describe_registry()["replicationConfiguration"]["rules"] == rules
    ecr.put_replication_configuration(replicationConfiguration={"rules": []})
    assert ecr.describe_registry()["replicationConfiguration"]["rules"] == []
    # aws_ecr_registry_scanning_configuration
    scan_rules = [{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]
    ecr.put_registry_scanning_configuration(scanType="BASIC", rules=scan_rules)
    assert ecr.get_registry_scanning_configuration()["scanningConfiguration"]["rules"] == scan_rules
    ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[])
    # aws_ecr_pull_through_cache_rule
    ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="tf-quay", upstreamRegistryUrl="quay.io")
    assert ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["tf-quay"])["pullThroughCacheRules"][0]["upstreamRegistryUrl"] == "quay.io"
    ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="tf-quay")
    assert gone(lambda: ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["tf-quay"])) == "PullThroughCacheRuleNotFoundException"
    # aws_ecr_repository_creation_template: read is Describe(prefixes=[p]) and an empty answer means gone
    ecr.create_repository_creation_template(prefix="tf", appliedFor=["CREATE_ON_PUSH"], lifecyclePolicy=LIFECYCLE)
    assert ecr.describe_repository_creation_templates(prefixes=["tf"])["repositoryCreationTemplates"][0]["prefix"] == "tf"
    ecr.update_repository_creation_template(prefix="tf", description="updated")
    ecr.delete_repository_creation_template(prefix="tf")
    assert ecr.describe_repository_creation_templates(prefixes=["tf"])["repositoryCreationTemplates"] == []
    assert gone(lambda: ecr.delete_repository_creation_template(prefix="tf")) == "TemplateNotFoundException"


def test_terraform_data_sources(ecr, repo):
    # aws_ecr_authorization_token: the token splits on ':' into exactly two parts.
    data = ecr.get_authorization_token()["authorizationData"][0]
    parts = base64.b64decode(data["authorizationToken"]).decode().split(":")
    assert len(parts) == 2 and parts[0] == "AWS" and data["proxyEndpoint"] and data["expiresAt"]
    # aws_ecr_image: DescribeImages (paged; by tag, by digest, or all sorted by imagePushedAt), then the URI.
    digests = [push_image(ecr, repo, tag=f"v{n}", note=f"data-{n}")[1] for n in range(3)]
    by_tag = ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "v1"}])["imageDetails"][0]
    assert by_tag["imageDigest"] == digests[1]
    every = [d for page in ecr.get_paginator("describe_images").paginate(repositoryName=repo) for d in page["imageDetails"]]
    most_recent = max(every, key=lambda d: d["imagePushedAt"])
    assert most_recent["imageDigest"] == digests[2]
    uri = ecr.describe_repositories(repositoryNames=[repo])["repositories"][0]["repositoryUri"]
    assert f"{uri}@{most_recent['imageDigest']}".count("@sha256:") == 1


def test_cloudformation_repository_handlers(ecr):
    name = "cfn/app"
    # create
    ecr.create_repository(repositoryName=name, tags=[{"Key": "stack", "Value": "s1"}])
    ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=LIFECYCLE)
    ecr.set_repository_policy(repositoryName=name, policyText=POLICY)
    # read: every one of these, a not-found meaning "absent"
    repository = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    assert ecr.get_repository_policy(repositoryName=name)["policyText"] == POLICY
    assert ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"] == LIFECYCLE
    assert ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"])["tags"] == [{"Key": "stack", "Value": "s1"}]
    # update: drop the lifecycle policy and the repository policy, change settings and tags
    ecr.delete_lifecycle_policy(repositoryName=name)
    ecr.delete_repository_policy(repositoryName=name)
    ecr.put_image_tag_mutability(repositoryName=name, imageTagMutability="IMMUTABLE")
    ecr.put_image_scanning_configuration(repositoryName=name, imageScanningConfiguration={"scanOnPush": True})
    ecr.tag_resource(resourceArn=repository["repositoryArn"], tags=[{"Key": "stack", "Value": "s2"}])
    assert gone(lambda: ecr.get_lifecycle_policy(repositoryName=name)) == "LifecyclePolicyNotFoundException"
    assert gone(lambda: ecr.get_repository_policy(repositoryName=name)) == "RepositoryPolicyNotFoundException"
    # delete with EmptyOnDelete
    push_image(ecr, name, tag="v1", note="cfn")
    assert gone(lambda: ecr.delete_repository(repositoryName=name)) == "RepositoryNotEmptyException"
    ecr.delete_repository(repositoryName=name, force=True)
    assert gone(lambda: ecr.describe_repositories(repositoryNames=[name])) == "RepositoryNotFoundException"


def test_cdk_auto_delete_images_handler(ecr):
    name = "cdk/auto-delete"
    ecr.create_repository(repositoryName=name, tags=[{"Key": "aws-cdk:auto-delete-images", "Value": "true"}])
    for n in range(5):
        push_image(ecr, name, tag=f"t{n}", note=f"cdk-{n}")
    push_image(ecr, name, note="cdk-untagged")
    # The handler: DescribeRepositories, ListTagsForResource (capitalised Key/Value), ListImages pages, BatchDeleteImage.
    repository = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    tags = ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"])["tags"]
    assert any(t["Key"] == "aws-cdk:auto-delete-images" and t["Value"] == "true" for t in tags)
    for page in ecr.get_paginator("list_images").paginate(repositoryName=name, PaginationConfig={"PageSize": 2}):
        if page["imageIds"]:
            answer = ecr.batch_delete_image(repositoryName=name, imageIds=page["imageIds"])
            assert answer["failures"] == []
    assert ecr.list_images(repositoryName=name)["imageIds"] == []
    ecr.delete_repository(repositoryName=name)


def test_cdk_assets_publishing(ecr, repo):
    uri = ecr.describe_repositories(repositoryNames=[repo])["repositories"][0]["repositoryUri"]
    assert uri.endswith(repo)
    with pytest.raises(ecr.exceptions.ImageNotFoundException):
        ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "asset-hash"}])
    push_image(ecr, repo, tag="asset-hash", note="asset")
    assert ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "asset-hash"}])["imageDetails"]


def test_credential_helper_and_ecr_login_action(ecr):
    # amazon-ecr-credential-helper: GetAuthorizationToken(registryIds=[account]); the token splits on the first ':'.
    data = ecr.get_authorization_token(registryIds=[ACCOUNT_ID])["authorizationData"]
    assert len(data) == 1
    user, password = base64.b64decode(data[0]["authorizationToken"]).decode().split(":", 1)
    assert user == "AWS" and ":" not in password
    # aws-actions/amazon-ecr-login: a non-empty authorizationData whose proxyEndpoint carries its scheme.
    assert data[0]["proxyEndpoint"].startswith(("http://", "https://"))
