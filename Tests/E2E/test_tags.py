"""Resource tags: TagResource, UntagResource, ListTagsForResource on repository ARNs, and tags at creation."""
import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT_ID, REGION, aws_cli


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def arn(name):
    return f"arn:aws:ecr:{REGION}:{ACCOUNT_ID}:repository/{name}"


def test_tag_list_and_untag(ecr, repo):
    ecr.tag_resource(resourceArn=arn(repo), tags=[{"Key": "team", "Value": "a"}, {"Key": "env", "Value": "dev"}])
    ecr.tag_resource(resourceArn=arn(repo), tags=[{"Key": "team", "Value": "b"}, {"Key": "empty", "Value": ""}])
    tags = ecr.list_tags_for_resource(resourceArn=arn(repo))["tags"]
    assert sorted((t["Key"], t["Value"]) for t in tags) == [("empty", ""), ("env", "dev"), ("team", "b")]
    ecr.untag_resource(resourceArn=arn(repo), tagKeys=["env", "absent"])
    tags = ecr.list_tags_for_resource(resourceArn=arn(repo))["tags"]
    assert sorted(t["Key"] for t in tags) == ["empty", "team"]


def test_tags_given_at_creation_are_listed(ecr):
    name = "tags/at-create"
    ecr.create_repository(repositoryName=name, tags=[{"Key": "aws-cdk:auto-delete-images", "Value": "true"}])
    try:
        assert ecr.list_tags_for_resource(resourceArn=arn(name))["tags"] == [{"Key": "aws-cdk:auto-delete-images", "Value": "true"}]
    finally:
        ecr.delete_repository(repositoryName=name, force=True)


def test_fifty_tags_at_most(ecr, repo):
    ecr.tag_resource(resourceArn=arn(repo), tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    with pytest.raises(ClientError) as excinfo:
        ecr.tag_resource(resourceArn=arn(repo), tags=[{"Key": "one-more", "Value": "v"}])
    assert code(excinfo) == "TooManyTagsException"
    # Replacing existing keys does not count twice.
    ecr.tag_resource(resourceArn=arn(repo), tags=[{"Key": "k0", "Value": "changed"}])
    assert len(ecr.list_tags_for_resource(resourceArn=arn(repo))["tags"]) == 50
    with pytest.raises(ClientError) as excinfo:
        ecr.create_repository(repositoryName="tags/too-many", tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)])
    assert code(excinfo) == "TooManyTagsException"


@pytest.mark.parametrize(
    "tag",
    [{"Key": "k" * 129, "Value": "v"}, {"Key": "", "Value": "v"}, {"Key": "ok", "Value": "v" * 257}, {"Key": "aws:reserved", "Value": "v"}],
    ids=["key-too-long", "key-empty", "value-too-long", "aws-prefix"],
)
def test_invalid_tags(ecr, repo, tag):
    with pytest.raises(ClientError) as excinfo:
        ecr.tag_resource(resourceArn=arn(repo), tags=[tag])
    assert code(excinfo) == "InvalidTagParameterException"
    assert ecr.list_tags_for_resource(resourceArn=arn(repo))["tags"] == []


def test_limits_of_keys_and_values_are_inclusive(ecr, repo):
    ecr.tag_resource(resourceArn=arn(repo), tags=[{"Key": "k" * 128, "Value": "v" * 256}])
    assert ecr.list_tags_for_resource(resourceArn=arn(repo))["tags"][0]["Value"] == "v" * 256


def test_untag_with_an_invalid_key(ecr, repo):
    with pytest.raises(ClientError) as excinfo:
        ecr.untag_resource(resourceArn=arn(repo), tagKeys=["k" * 129])
    assert code(excinfo) == "InvalidTagParameterException"


def test_unknown_and_malformed_arns(ecr):
    for call in (
        lambda a: ecr.list_tags_for_resource(resourceArn=a),
        lambda a: ecr.tag_resource(resourceArn=a, tags=[{"Key": "k", "Value": "v"}]),
        lambda a: ecr.untag_resource(resourceArn=a, tagKeys=["k"]),
    ):
        with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
            call(arn("tags/no-such-repo"))
        with pytest.raises(ClientError) as excinfo:
            call("not-an-arn")
        assert code(excinfo) == "InvalidParameterException"
        with pytest.raises(ClientError) as excinfo:
            call(f"arn:aws:s3:::bucket")
        assert code(excinfo) == "InvalidParameterException"


def test_tags_through_the_aws_cli(server, repo):
    aws_cli(server, "tag-resource", "--resource-arn", arn(repo), "--tags", "Key=team,Value=cli")
    assert aws_cli(server, "list-tags-for-resource", "--resource-arn", arn(repo))["tags"] == [{"Key": "team", "Value": "cli"}]
    aws_cli(server, "untag-resource", "--resource-arn", arn(repo), "--tag-keys", "team")
    assert aws_cli(server, "list-tags-for-resource", "--resource-arn", arn(repo))["tags"] == []
