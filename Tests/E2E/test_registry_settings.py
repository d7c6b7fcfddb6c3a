"""Registry-wide settings: registry policy, DescribeRegistry and replication, registry scanning and each repository's
effective scanning, account settings (BLOB_MOUNTING really turns /v2 mounts off)."""
import json

import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT_ID, REGION, aws_cli
from oci_client import v2  # noqa: F401 (fixture)

REGISTRY_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReplicationAccess",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": ["ecr:CreateRepository", "ecr:ReplicateImage"],
            "Resource": f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/*",
        }
    ],
}


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_registry_policy_round_trip(ecr):
    try:
        ecr.delete_registry_policy()
    except ecr.exceptions.RegistryPolicyNotFoundException:
        pass
    with pytest.raises(ecr.exceptions.RegistryPolicyNotFoundException):
        ecr.get_registry_policy()
    text = json.dumps(REGISTRY_POLICY)
    answer = ecr.put_registry_policy(policyText=text)
    assert answer["registryId"] == ACCOUNT_ID and answer["policyText"] == text
    assert ecr.get_registry_policy()["policyText"] == text
    assert ecr.delete_registry_policy()["policyText"] == text
    with pytest.raises(ecr.exceptions.RegistryPolicyNotFoundException):
        ecr.delete_registry_policy()


@pytest.mark.parametrize("text", ["not json", json.dumps({"Statement": "x"}), json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Maybe"}]})])
def test_invalid_registry_policies(ecr, text):
    with pytest.raises(ClientError) as excinfo:
        ecr.put_registry_policy(policyText=text)
    assert code(excinfo) == "InvalidParameterException"


def test_describe_registry_and_replication(ecr):
    ecr.put_replication_configuration(replicationConfiguration={"rules": []})
    described = ecr.describe_registry()
    assert described["registryId"] == ACCOUNT_ID and described["replicationConfiguration"] == {"rules": []}
    configuration = {
        "rules": [
            {
                "destinations": [{"region": "eu-west-1", "registryId": ACCOUNT_ID}, {"region": "us-west-2", "registryId": "210987654321"}],
                "repositoryFilters": [{"filter": "prod", "filterType": "PREFIX_MATCH"}],
            }
        ]
    }
    assert ecr.put_replication_configuration(replicationConfiguration=configuration)["replicationConfiguration"] == configuration
    assert ecr.describe_registry()["replicationConfiguration"] == configuration
    # Terraform deletes a replication configuration by putting an empty rule list.
    ecr.put_replication_configuration(replicationConfiguration={"rules": []})
    assert ecr.describe_registry()["replicationConfiguration"] == {"rules": []}


def test_replication_limits(ecr):
    to_self = {"rules": [{"destinations": [{"region": REGION, "registryId": ACCOUNT_ID}]}]}
    with pytest.raises(ClientError) as excinfo:
        ecr.put_replication_configuration(replicationConfiguration=to_self)
    assert code(excinfo) == "InvalidParameterException"
    regions = [f"region-{n}" for n in range(26)]
    too_many = {"rules": [{"destinations": [{"region": r, "registryId": ACCOUNT_ID} for r in regions]}]}
    with pytest.raises(ClientError) as excinfo:
        ecr.put_replication_configuration(replicationConfiguration=too_many)
    assert code(excinfo) == "InvalidParameterException"
    eleven = {"rules": [{"destinations": [{"region": "eu-west-1", "registryId": ACCOUNT_ID}]}] * 11}
    with pytest.raises(ClientError) as excinfo:
        ecr.put_replication_configuration(replicationConfiguration=eleven)
    assert code(excinfo) == "InvalidParameterException"
    bad_filter = {"rules": [{"destinations": [{"region": "eu-west-1", "registryId": ACCOUNT_ID}], "repositoryFilters": [{"filter": "prod", "filterType": "WILDCARD"}]}]}
    with pytest.raises(ClientError) as excinfo:
        ecr.put_replication_configuration(replicationConfiguration=bad_filter)
    assert code(excinfo) == "InvalidParameterException"
    assert ecr.describe_registry()["replicationConfiguration"] == {"rules": []}


def test_registry_scanning_configuration(ecr):
    assert ecr.get_registry_scanning_configuration()["scanningConfiguration"]["scanType"] in ("BASIC", "ENHANCED")
    rules = [{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "scan/*", "filterType": "WILDCARD"}]}]
    answer = ecr.put_registry_scanning_configuration(scanType="BASIC", rules=rules)
    assert answer["registryScanningConfiguration"] == {"scanType": "BASIC", "rules": rules}
    got = ecr.get_registry_scanning_configuration()
    assert got["registryId"] == ACCOUNT_ID and got["scanningConfiguration"] == {"scanType": "BASIC", "rules": rules}
    with pytest.raises(ClientError) as excinfo:
        ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[{"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": []}])
    assert code(excinfo) == "ValidationException"
    ecr.put_registry_scanning_configuration(scanType="ENHANCED", rules=[{"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}])
    ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[])


def test_batch_get_repository_scanning_configuration(ecr):
    ecr.put_registry_scanning_configuration(
        scanType="BASIC", rules=[{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "scan/on-*", "filterType": "WILDCARD"}]}]
    )
    for name in ("scan/on-push", "scan/other"):
        try:
            ecr.delete_repository(repositoryName=name, force=True)
        except ecr.exceptions.RepositoryNotFoundException:
            pass
        ecr.create_repository(repositoryName=name)
    try:
        answer = ecr.batch_get_repository_scanning_configuration(repositoryNames=["scan/on-push", "scan/other", "scan/missing"])
        by_name = {c["repositoryName"]: c for c in answer["scanningConfigurations"]}
        assert by_name["scan/on-push"]["scanFrequency"] == "SCAN_ON_PUSH" and by_name["scan/on-push"]["scanOnPush"] is True
        assert by_name["scan/on-push"]["appliedScanFilters"] == [{"filter": "scan/on-*", "filterType": "WILDCARD"}]
        assert by_name["scan/other"]["scanFrequency"] == "MANUAL" and by_name["scan/other"]["scanOnPush"] is False
        assert by_name["scan/other"]["repositoryArn"] == f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/scan/other"
        assert answer["failures"] == [{"repositoryName": "scan/missing", "failureCode": "REPOSITORY_NOT_FOUND", "failureReason": answer["failures"][0]["failureReason"]}]
    finally:
        ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[])
        for name in ("scan/on-push", "scan/other"):
            ecr.delete_repository(repositoryName=name, force=True)


def test_account_settings(ecr):
    scan_type = ecr.get_account_setting(name="BASIC_SCAN_TYPE_VERSION")
    assert scan_type["name"] == "BASIC_SCAN_TYPE_VERSION" and scan_type["value"] == "AWS_NATIVE"
    assert ecr.get_account_setting(name="REGISTRY_POLICY_SCOPE")["value"] == "V2"
    assert ecr.put_account_setting(name="REGISTRY_POLICY_SCOPE", value="V1")["value"] == "V1"
    assert ecr.get_account_setting(name="REGISTRY_POLICY_SCOPE")["value"] == "V1"
    ecr.put_account_setting(name="REGISTRY_POLICY_SCOPE", value="V2")
    for call in (lambda: ecr.get_account_setting(name="NO_SUCH_SETTING"), lambda: ecr.put_account_setting(name="BLOB_MOUNTING", value="MAYBE")):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert code(excinfo) == "ValidationException"


def test_blob_mounting_disabled_turns_v2_mounts_off(ecr, v2):
    for name in ("mount/source", "mount/target"):
        try:
            ecr.delete_repository(repositoryName=name, force=True)
        except ecr.exceptions.RepositoryNotFoundException:
            pass
        ecr.create_repository(repositoryName=name)
    try:
        digest = v2.push_blob("mount/source", b"shared layer bytes")
        assert ecr.get_account_setting(name="BLOB_MOUNTING")["value"] == "ENABLED"
        ecr.put_account_setting(name="BLOB_MOUNTING", value="DISABLED")
        refused = v2.post(f"/v2/mount/target/blobs/uploads/?mount={digest}&from=mount/source")
        assert refused.status_code == 202, refused.text  # a new upload session instead of a mount
        assert v2.head(f"/v2/mount/target/blobs/{digest}").status_code == 404
        ecr.put_account_setting(name="BLOB_MOUNTING", value="ENABLED")
        mounted = v2.post(f"/v2/mount/target/blobs/uploads/?mount={digest}&from=mount/source")
        assert mounted.status_code == 201, mounted.text
    finally:
        ecr.put_account_setting(name="BLOB_MOUNTING", value="ENABLED")
        for name in ("mount/source", "mount/target"):
            ecr.delete_repository(repositoryName=name, force=True)


def test_registry_settings_through_the_aws_cli(server):
    assert aws_cli(server, "describe-registry")["registryId"] == ACCOUNT_ID
    assert aws_cli(server, "get-account-setting", "--name", "BLOB_MOUNTING")["value"] == "ENABLED"
    assert aws_cli(server, "get-registry-scanning-configuration")["scanningConfiguration"]["scanType"] == "BASIC"
