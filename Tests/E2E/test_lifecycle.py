"""Lifecycle policies: Put/Get/DeleteLifecyclePolicy with ECR's validation, and Start/GetLifecyclePolicyPreview over
the evaluator the worker runs (priorities, one rule per image, untagged, counts, ages, tag patterns and prefixes)."""
import json

import pytest
from botocore.exceptions import ClientError
from conftest import aws_cli
from images import push_image
from oci_client import spare_server  # noqa: F401 (fixture)

DAY = 86400


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def policy(*rules):
    return json.dumps({"rules": list(rules)})


def rule(priority, selection, action=None):
    return {"rulePriority": priority, "selection": selection, "action": action or {"type": "expire"}}


KEEP_TWO = policy(rule(1, {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 2}))
UNTAGGED_OLD = policy(rule(1, {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}))


def preview(ecr, repo, **kwargs):
    ecr.start_lifecycle_policy_preview(repositoryName=repo, **kwargs)
    answer = ecr.get_lifecycle_policy_preview(repositoryName=repo)
    assert answer["status"] == "COMPLETE"
    return answer


def expired(answer, digests):
    """{name: appliedRulePriority} for the preview's results, naming images by their position in `digests`."""
    names = {digest: name for name, digest in digests.items()}
    return {names[r["imageDigest"]]: r["appliedRulePriority"] for r in answer["previewResults"]}


def test_put_get_delete(ecr, repo):
    answer = ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=KEEP_TWO)
    assert answer["lifecyclePolicyText"] == KEEP_TWO and answer["repositoryName"] == repo
    got = ecr.get_lifecycle_policy(repositoryName=repo)
    assert got["lifecyclePolicyText"] == KEEP_TWO and got["registryId"] == "123456789012"
    ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=UNTAGGED_OLD)
    assert ecr.get_lifecycle_policy(repositoryName=repo)["lifecyclePolicyText"] == UNTAGGED_OLD
    assert ecr.delete_lifecycle_policy(repositoryName=repo)["lifecyclePolicyText"] == UNTAGGED_OLD
    with pytest.raises(ecr.exceptions.LifecyclePolicyNotFoundException):
        ecr.get_lifecycle_policy(repositoryName=repo)
    with pytest.raises(ecr.exceptions.LifecyclePolicyNotFoundException):
        ecr.delete_lifecycle_policy(repositoryName=repo)


def test_unknown_repository(ecr):
    for call in (ecr.get_lifecycle_policy, ecr.delete_lifecycle_policy, ecr.get_lifecycle_policy_preview, ecr.start_lifecycle_policy_preview):
        with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
            call(repositoryName="lifecycle/none")
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.put_lifecycle_policy(repositoryName="lifecycle/none", lifecyclePolicyText=KEEP_TWO)


@pytest.mark.parametrize(
    "text,reason",
    [
        (policy(rule(1, {"tagStatus": "tagged", "countType": "imageCountMoreThan", "countNumber": 1, "x": 1})), "unknown member"),
        (policy(rule(1, {"tagStatus": "tagged", "countType": "imageCountMoreThan", "countNumber": 1})), "tagPatternList"),
        (
            policy(
                rule(1, {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}),
                rule(2, {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}),
            ),
            "highest rulePriority",
        ),
        (
            policy(
                rule(3, {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}),
                rule(3, {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 1}),
            ),
            "unique",
        ),
        (
            policy(
                rule(1, {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 1}),
                rule(2, {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 2}),
            ),
            "only one rule may select untagged",
        ),
        (policy(rule(1, {"tagStatus": "any", "countType": "sinceImagePushed", "countNumber": 1})), "countUnit"),
        (policy(rule(1, {"tagStatus": "any", "countType": "imageCountMoreThan", "countUnit": "days", "countNumber": 1})), "countUnit"),
        (
            policy(rule(1, {"tagStatus": "tagged", "tagPatternList": ["a*b*c*d*e*"], "countType": "imageCountMoreThan", "countNumber": 1})),
            "wildcards",
        ),
        ('{"rules": "not a list", "padding": "' + "x" * 100 + '"}', "unknown member"),
    ],
    ids=["unknown-member", "tagged-without-list", "any-not-last", "duplicate-priority", "two-untagged", "since-without-unit",
         "count-with-unit", "five-wildcards", "not-a-policy"],
)
def test_invalid_policies(ecr, repo, text, reason):
    with pytest.raises(ClientError) as excinfo:
        ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=text)
    assert code(excinfo) == "InvalidParameterException"
    message = excinfo.value.response["Error"]["Message"]
    assert "Lifecycle policy validation failure" in message and reason in message, message
    with pytest.raises(ecr.exceptions.LifecyclePolicyNotFoundException):
        ecr.get_lifecycle_policy(repositoryName=repo)


def unvalidated(ecr):
    """A client that lets the server check what botocore would refuse itself (its `min` lengths)."""
    import boto3
    from botocore.config import Config
    from conftest import ACCESS_KEY, REGION, SECRET_KEY

    return boto3.client(
        "ecr", endpoint_url=ecr.meta.endpoint_url, region_name=REGION, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        config=Config(parameter_validation=False, retries={"max_attempts": 1}),
    )


def test_text_length_limits_come_from_the_model(ecr, repo):
    with pytest.raises(ClientError) as excinfo:
        unvalidated(ecr).put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText='{"rules":[]}')
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=KEEP_TWO + " " * 30720)
    assert code(excinfo) == "InvalidParameterException"


def test_preview_needs_a_policy_or_a_text(ecr, repo):
    with pytest.raises(ecr.exceptions.LifecyclePolicyNotFoundException):
        ecr.start_lifecycle_policy_preview(repositoryName=repo)
    with pytest.raises(ecr.exceptions.LifecyclePolicyPreviewNotFoundException):
        ecr.get_lifecycle_policy_preview(repositoryName=repo)
    with pytest.raises(ClientError) as excinfo:
        ecr.start_lifecycle_policy_preview(repositoryName=repo, lifecyclePolicyText=KEEP_TWO.replace("any", "sometimes"))
    assert code(excinfo) == "InvalidParameterException"


def test_preview_keeps_the_newest_and_summarises(ecr, repo):
    digests = {f"i{n}": push_image(ecr, repo, tag=f"v{n}", note=f"keep-{n}")[1] for n in range(1, 6)}
    started = ecr.start_lifecycle_policy_preview(repositoryName=repo, lifecyclePolicyText=KEEP_TWO)
    assert started["status"] == "IN_PROGRESS" and started["lifecyclePolicyText"] == KEEP_TWO
    answer = ecr.get_lifecycle_policy_preview(repositoryName=repo)
    assert answer["status"] == "COMPLETE" and answer["lifecyclePolicyText"] == KEEP_TWO
    assert expired(answer, digests) == {"i1": 1, "i2": 1, "i3": 1}
    first = answer["previewResults"][0]
    assert first["action"] == {"type": "EXPIRE"} and first["storageClass"] == "STANDARD" and first["imageTags"] == ["v1"]
    assert answer["summary"]["expiringImageTotalCount"] == 3
    # The stored policy is used when no text is given; nothing is deleted by a preview.
    ecr.put_lifecycle_policy(repositoryName=repo, lifecyclePolicyText=KEEP_TWO)
    assert expired(preview(ecr, repo), digests) == {"i1": 1, "i2": 1, "i3": 1}
    assert len(ecr.list_images(repositoryName=repo)["imageIds"]) == 5


def test_preview_pages_and_filters(ecr, repo):
    digests = {f"t{n}": push_image(ecr, repo, tag=f"t{n}", note=f"page-{n}")[1] for n in range(7)}
    untagged = push_image(ecr, repo, note="page-untagged")[1]
    text = policy(rule(1, {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}))
    ecr.start_lifecycle_policy_preview(repositoryName=repo, lifecyclePolicyText=text)
    paginator = ecr.get_paginator("get_lifecycle_policy_preview")
    pages = list(paginator.paginate(repositoryName=repo, maxResults=2))
    assert len(pages) >= 3
    seen = [r["imageDigest"] for page in pages for r in page["previewResults"]]
    assert len(seen) == 7 and len(set(seen)) == 7
    tagged = ecr.get_lifecycle_policy_preview(repositoryName=repo, filter={"tagStatus": "TAGGED"})["previewResults"]
    assert untagged not in [r["imageDigest"] for r in tagged]
    alone = ecr.get_lifecycle_policy_preview(repositoryName=repo, imageIds=[{"imageDigest": digests["t0"]}])["previewResults"]
    assert [r["imageDigest"] for r in alone] == [digests["t0"]]
    with pytest.raises(ClientError) as excinfo:
        ecr.get_lifecycle_policy_preview(repositoryName=repo, nextToken="garbage")
    assert code(excinfo) == "InvalidParameterException"


def test_preview_priorities_tags_and_untagged(ecr, repo):
    """AWS's worked example: rule 1 keeps one prod image, rule 2 one beta image; B has a prod tag, so rule 2 cannot
    expire it. The untagged image is the any-rule's, which counts every image but can take none that rule 1 or 2
    selects."""
    a = push_image(ecr, repo, tag="prod-1", note="A")[1]
    ecr.put_image(repositoryName=repo, imageTag="beta-1", imageManifest=ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageDigest": a}])["images"][0]["imageManifest"])
    b = push_image(ecr, repo, tag="prod-2", note="B")[1]
    ecr.put_image(repositoryName=repo, imageTag="beta-2", imageManifest=ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageDigest": b}])["images"][0]["imageManifest"])
    c = push_image(ecr, repo, tag="beta-3", note="C")[1]
    loose = push_image(ecr, repo, note="loose")[1]
    text = policy(
        rule(1, {"tagStatus": "tagged", "tagPrefixList": ["prod"], "countType": "imageCountMoreThan", "countNumber": 1}),
        rule(2, {"tagStatus": "tagged", "tagPatternList": ["beta-*"], "countType": "imageCountMoreThan", "countNumber": 1}),
        rule(3, {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 3}),
    )
    answer = preview(ecr, repo, lifecyclePolicyText=text)
    assert expired(answer, {"A": a, "B": b, "C": c, "loose": loose}) == {"A": 1}


def test_ages_on_a_server_whose_clock_runs_ahead(spare_server):
    """Images pushed now, previewed by a server 30 days ahead: age rules see them as 30 days old."""
    server, ecr, _ = spare_server()
    ecr.create_repository(repositoryName="aged/app")
    digests = {"tagged": push_image(ecr, "aged/app", tag="v1", note="aged-tagged")[1], "loose": push_image(ecr, "aged/app", note="aged-loose")[1]}
    young = policy(rule(1, {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}))
    assert preview(ecr, "aged/app", lifecyclePolicyText=young)["previewResults"] == []
    server.extra_env["BERTH_CLOCK_SKEW_SECONDS"] = str(30 * DAY)
    server.restart()
    assert expired(preview(ecr, "aged/app", lifecyclePolicyText=young), digests) == {"loose": 1}
    archive = policy(
        rule(1, {"tagStatus": "any", "countType": "sinceImagePulled", "countUnit": "days", "countNumber": 20},
             {"type": "transition", "targetStorageClass": "archive"})
    )
    answer = preview(ecr, "aged/app", lifecyclePolicyText=archive)
    assert expired(answer, digests) == {"tagged": 1, "loose": 1}
    assert answer["previewResults"][0]["action"] == {"type": "TRANSITION", "targetStorageClass": "ARCHIVE"}
    assert answer["summary"]["transitioningImageTotalCounts"] == [{"targetStorageClass": "ARCHIVE", "imageTotalCount": 2}]
    assert answer["summary"]["expiringImageTotalCount"] == 0


def test_lifecycle_through_the_aws_cli(server, repo):
    aws_cli(server, "put-lifecycle-policy", "--repository-name", repo, "--lifecycle-policy-text", KEEP_TWO)
    assert aws_cli(server, "get-lifecycle-policy", "--repository-name", repo)["lifecyclePolicyText"] == KEEP_TWO
    aws_cli(server, "start-lifecycle-policy-preview", "--repository-name", repo)
    assert aws_cli(server, "get-lifecycle-policy-preview", "--repository-name", repo)["status"] == "COMPLETE"
    aws_cli(server, "delete-lifecycle-policy", "--repository-name", repo)
