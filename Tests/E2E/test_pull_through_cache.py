"""Pull-through cache rules: Create/Describe/Update/DeletePullThroughCacheRule, stored and validated."""
import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT_ID

SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


@pytest.fixture
def clean_rules(ecr):
    def wipe():
        for rule in ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"]:
            ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix=rule["ecrRepositoryPrefix"])

    wipe()
    yield
    wipe()


def test_rule_lifecycle(ecr, clean_rules):
    created = ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ecr-public", upstreamRegistryUrl="public.ecr.aws")
    assert created["upstreamRegistry"] == "ecr-public" and created["registryId"] == ACCOUNT_ID
    assert created["upstreamRepositoryPrefix"] == "ROOT" and "createdAt" in created
    ecr.create_pull_through_cache_rule(
        ecrRepositoryPrefix="hub", upstreamRegistryUrl="registry-1.docker.io", credentialArn=SECRET, upstreamRepositoryPrefix="library"
    )
    with pytest.raises(ecr.exceptions.PullThroughCacheRuleAlreadyExistsException):
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="hub", upstreamRegistryUrl="quay.io")
    rules = ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"]
    assert [r["ecrRepositoryPrefix"] for r in rules] == ["ecr-public", "hub"]
    only = ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["hub"])["pullThroughCacheRules"]
    assert only[0]["upstreamRegistry"] == "docker-hub" and only[0]["upstreamRepositoryPrefix"] == "library"
    with pytest.raises(ecr.exceptions.PullThroughCacheRuleNotFoundException):
        ecr.describe_pull_through_cache_rules(ecrRepositoryPrefixes=["absent"])
    new_secret = SECRET.replace("AbCdEf", "ZyXwVu")
    updated = ecr.update_pull_through_cache_rule(ecrRepositoryPrefix="hub", credentialArn=new_secret)
    assert updated["credentialArn"] == new_secret and "updatedAt" in updated
    assert ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="hub")["upstreamRegistryUrl"] == "registry-1.docker.io"
    for call in (
        lambda: ecr.delete_pull_through_cache_rule(ecrRepositoryPrefix="hub"),
        lambda: ecr.update_pull_through_cache_rule(ecrRepositoryPrefix="hub", credentialArn=SECRET),
    ):
        with pytest.raises(ecr.exceptions.PullThroughCacheRuleNotFoundException):
            call()


def test_invalid_rules(ecr, clean_rules):
    with pytest.raises(ecr.exceptions.UnsupportedUpstreamRegistryException):
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="nope", upstreamRegistryUrl="registry.example.com")
    with pytest.raises(ClientError) as excinfo:
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="hub", upstreamRegistryUrl="registry-1.docker.io")
    assert code(excinfo) == "InvalidParameterException"  # Docker Hub needs a credential
    with pytest.raises(ClientError) as excinfo:
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="ROOT", upstreamRegistryUrl="quay.io", upstreamRepositoryPrefix="team")
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix="qq", upstreamRegistryUrl="quay.io", upstreamRegistry="k8s")
    assert code(excinfo) == "InvalidParameterException"
    assert ecr.describe_pull_through_cache_rules()["pullThroughCacheRules"] == []


def test_pages(ecr, clean_rules):
    for n in range(5):
        ecr.create_pull_through_cache_rule(ecrRepositoryPrefix=f"q{n}", upstreamRegistryUrl="quay.io")
    pages = list(ecr.get_paginator("describe_pull_through_cache_rules").paginate(PaginationConfig={"PageSize": 2}))
    assert len(pages) == 3
    assert [r["ecrRepositoryPrefix"] for p in pages for r in p["pullThroughCacheRules"]] == [f"q{n}" for n in range(5)]
