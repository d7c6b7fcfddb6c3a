"""Repository policies: stored exactly as set, validated as IAM policy documents."""
import json

import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT_ID

PULL_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowPull",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT_ID}:root"},
            "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        }
    ],
}


def test_set_get_delete_policy(ecr, repo):
    text = json.dumps(PULL_POLICY, indent=2)
    answer = ecr.set_repository_policy(repositoryName=repo, policyText=text)
    assert answer == {**answer, "registryId": ACCOUNT_ID, "repositoryName": repo, "policyText": text}
    assert ecr.get_repository_policy(repositoryName=repo)["policyText"] == text
    assert ecr.delete_repository_policy(repositoryName=repo)["policyText"] == text
    with pytest.raises(ecr.exceptions.RepositoryPolicyNotFoundException):
        ecr.get_repository_policy(repositoryName=repo)
    with pytest.raises(ecr.exceptions.RepositoryPolicyNotFoundException):
        ecr.delete_repository_policy(repositoryName=repo)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        json.dumps({"Version": "2012-10-17"}),
        json.dumps({"Version": "1999-01-01", "Statement": PULL_POLICY["Statement"]}),
        json.dumps({"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "ecr:*"}]}),
        json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*"}]}),
    ],
)
def test_invalid_policies_are_invalid_parameter(ecr, repo, text):
    with pytest.raises(ClientError) as excinfo:
        ecr.set_repository_policy(repositoryName=repo, policyText=text)
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(ecr.exceptions.RepositoryPolicyNotFoundException):
        ecr.get_repository_policy(repositoryName=repo)


def test_policy_on_missing_repository(ecr):
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.set_repository_policy(repositoryName="no/such-repo", policyText=json.dumps(PULL_POLICY))
