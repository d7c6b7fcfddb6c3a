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


def test_issue_seven_state_survives_a_restart(server, ecr):
    """Tags, settings, lifecycle policy and preview, registry documents, templates, rules, exclusions, image status."""
    name = "restart/settings"
    arn = f"arn:aws:ecr:us-east-1:123456789012:repository/{name}"
    lifecycle = json.dumps({"rules": [{"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}]})
    ecr.create_repository(repositoryName=name, tags=[{"Key": "team", "Value": "a"}])
    ecr.put_image_tag_mutability(repositoryName=name, imageTagMutability="MUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters=[{"filterType": "WILDCARD", "filter": "rel-*"}])
    ecr.put_image_scanning_configuration(repositoryName=name, imageScanningConfiguration={"scanOnPush": True})
    _, old, _, _ = push_image(ecr, name, tag="old", note="restart-old")
    push_image(ecr, name, tag="new", note="restart-new")
    ecr.put_lifecycle_policy(repositoryName=name, lifecyclePolicyText=lifecycle)
    ecr.start_lifecycle_policy_preview(repositoryName=name)
    ecr.update_image_storage_class(repositoryName=name, imageId={"imageTag": "new"}, targetStorageClass="ARCHIVE")
    ecr.put_account_setting(name="REGISTRY_POLICY_SCOPE", value="V1")
    ecr.create_repository_creation_template(prefix="restart", appliedFor=["CREATE_ON_PUSH"])
    ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="restart-quay", upstreamRegistryUrl="quay.io")
    ecr.register_pull_time_update_exclusion(principalArn="arn:aws:iam::123456789012:role/restart")

    server.restart()

    try:
        assert ecr.list_tags_for_resource(resourceArn=arn)["tags"] == [{"Key": "team", "Value": "a"}]
        repository = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
        assert repository["imageTagMutability"] == "MUTABLE_WITH_EXCLUSION" and repository["imageScanningConfiguration"] == {"scanOnPush": True}
        assert ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"] == lifecycle
        assert [r["imageDigest"] for r in ecr.get_lifecycle_policy_preview(repositoryName=name)["previewResults"]] == [old]
        assert ecr.describe_images(repositoryName=name, imageIds=[{"imageTag": "new"}])["imageDetails"][0]["imageStatus"] == "ARCHIVED"
        assert ecr.get_account_setting(name="REGISTRY_POLICY_SCOPE")["value"] == "V1"
        assert ecr.describe_repository_creation_templates(prefixes=["restart"])["repositoryCreationTemplates"]
        assert ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["restart-quay"])["pullThroughCacheRules"]
        assert "arn:aws:iam::123456789012:role/restart" in ecr.list_pull_time_update_exclusions()["pullTimeUpdateExclusions"]
    finally:
        ecr.put_account_setting(name="REGISTRY_POLICY_SCOPE", value="V2")
        ecr.delete_repository_creation_template(prefix="restart")
        ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="restart-quay")
        ecr.deregister_pull_time_update_exclusion(principalArn="arn:aws:iam::123456789012:role/restart")
        ecr.delete_repository(repositoryName=name, force=True)
