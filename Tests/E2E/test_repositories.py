"""Repositories: create, describe (paged), delete, and their errors, through boto3 and the aws CLI."""
import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT_ID, REGION, aws_cli
from images import push_image


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_create_describe_delete(ecr, server):
    created = ecr.create_repository(
        repositoryName="team/app-one",
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
        tags=[{"Key": "owner", "Value": "berth"}],
    )["repository"]
    host = server.url.split("://", 1)[1]
    assert created["repositoryName"] == "team/app-one"
    assert created["repositoryArn"] == f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/team/app-one"
    assert created["repositoryUri"] == f"{host}/team/app-one"
    assert created["registryId"] == ACCOUNT_ID
    assert created["imageTagMutability"] == "IMMUTABLE"
    assert created["imageScanningConfiguration"] == {"scanOnPush": True}
    assert created["encryptionConfiguration"] == {"encryptionType": "AES256"}
    assert created["createdAt"].timestamp() > 0

    described = ecr.describe_repositories(repositoryNames=["team/app-one"])["repositories"]
    assert described == [created]

    deleted = ecr.delete_repository(repositoryName="team/app-one")["repository"]
    assert deleted["repositoryName"] == "team/app-one"
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.describe_repositories(repositoryNames=["team/app-one"])


def test_create_twice_is_repository_already_exists(ecr, repo):
    with pytest.raises(ecr.exceptions.RepositoryAlreadyExistsException) as excinfo:
        ecr.create_repository(repositoryName=repo)
    assert repo in excinfo.value.response["Error"]["Message"]


@pytest.mark.parametrize("name", ["UPPER", "ab_", "-leading", "trailing-", "a//b", "x" * 257, "a..b"])
def test_invalid_names_are_invalid_parameter(ecr, name):
    with pytest.raises(ClientError) as excinfo:
        ecr.create_repository(repositoryName=name)
    assert error_code(excinfo) == "InvalidParameterException"
    assert "repositoryName" in excinfo.value.response["Error"]["Message"]


def test_tag_limits(ecr):
    too_many = [{"Key": f"k{i}", "Value": "v"} for i in range(51)]
    with pytest.raises(ecr.exceptions.TooManyTagsException):
        ecr.create_repository(repositoryName="tags/too-many", tags=too_many)
    with pytest.raises(ecr.exceptions.InvalidTagParameterException):
        ecr.create_repository(repositoryName="tags/duplicate", tags=[{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}])
    with pytest.raises(ClientError):
        ecr.describe_repositories(repositoryNames=["tags/too-many"])


def test_unknown_repository_errors(ecr):
    for call in (
        lambda: ecr.describe_repositories(repositoryNames=["does/not-exist"]),
        lambda: ecr.delete_repository(repositoryName="does/not-exist"),
        lambda: ecr.list_images(repositoryName="does/not-exist"),
        lambda: ecr.initiate_layer_upload(repositoryName="does/not-exist"),
    ):
        with pytest.raises(ecr.exceptions.RepositoryNotFoundException) as excinfo:
            call()
        assert "does/not-exist" in excinfo.value.response["Error"]["Message"]


def test_delete_non_empty_needs_force(ecr, repo):
    push_image(ecr, repo, tag="v1")
    with pytest.raises(ecr.exceptions.RepositoryNotEmptyException):
        ecr.delete_repository(repositoryName=repo)
    assert ecr.delete_repository(repositoryName=repo, force=True)["repository"]["repositoryName"] == repo
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.list_images(repositoryName=repo)


def test_describe_repositories_pages_with_paginator(ecr):
    names = [f"paging/r{i:03d}" for i in range(7)]
    for name in names:
        ecr.create_repository(repositoryName=name)
    try:
        pages = list(ecr.get_paginator("describe_repositories").paginate(PaginationConfig={"PageSize": 3}))
        seen = [r["repositoryName"] for page in pages for r in page["repositories"] if r["repositoryName"].startswith("paging/")]
        assert seen == names
        assert len(pages) >= 3
        first = ecr.describe_repositories(maxResults=2)
        assert len(first["repositories"]) == 2 and "nextToken" in first
        with pytest.raises(ClientError) as excinfo:
            ecr.describe_repositories(maxResults=2, nextToken="not-a-token")
        assert error_code(excinfo) == "InvalidParameterException"
        for bad in (1001,):  # botocore itself refuses values under the minimum
            with pytest.raises(ClientError) as excinfo:
                ecr.describe_repositories(maxResults=bad)
            assert error_code(excinfo) == "InvalidParameterException"
    finally:
        for name in names:
            ecr.delete_repository(repositoryName=name)


def test_aws_cli_create_and_describe(server, ecr):
    created = aws_cli(server, "create-repository", "--repository-name", "cli/repo")
    assert created["repository"]["repositoryName"] == "cli/repo"
    described = aws_cli(server, "describe-repositories", "--repository-names", "cli/repo")
    assert described["repositories"][0]["repositoryArn"].endswith(":repository/cli/repo")
    failed = aws_cli(server, "describe-repositories", "--repository-names", "cli/missing", check=False)
    assert failed.returncode != 0 and "RepositoryNotFoundException" in failed.stderr
    aws_cli(server, "delete-repository", "--repository-name", "cli/repo")
