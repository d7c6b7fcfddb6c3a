"""Pull-time update exclusions: Register/Deregister/ListPullTimeUpdateExclusions (honoured when pulls are recorded:
see BerthServiceTests' PullTimeExclusionTests, since only the root principal can call this server yet)."""
import pytest
from botocore.exceptions import ClientError

ROLE = "arn:aws:iam::123456789012:role/scanner"


def test_register_list_deregister(ecr):
    registered = ecr.register_pull_time_update_exclusion(principalArn=ROLE)
    assert registered["principalArn"] == ROLE and "createdAt" in registered
    with pytest.raises(ecr.exceptions.ExclusionAlreadyExistsException):
        ecr.register_pull_time_update_exclusion(principalArn=ROLE)
    assert ROLE in ecr.list_pull_time_update_exclusions()["pullTimeUpdateExclusions"]
    assert ecr.deregister_pull_time_update_exclusion(principalArn=ROLE)["principalArn"] == ROLE
    with pytest.raises(ecr.exceptions.ExclusionNotFoundException):
        ecr.deregister_pull_time_update_exclusion(principalArn=ROLE)
    with pytest.raises(ClientError) as excinfo:
        ecr.register_pull_time_update_exclusion(principalArn="arn:aws:iam::123456789012:root")
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"


def test_list_pages(ecr):
    roles = [f"arn:aws:iam::123456789012:role/page-{n}" for n in range(5)]
    for role in roles:
        ecr.register_pull_time_update_exclusion(principalArn=role)
    try:
        first = ecr.list_pull_time_update_exclusions(maxResults=2)
        assert len(first["pullTimeUpdateExclusions"]) == 2 and "nextToken" in first
        listed = list(first["pullTimeUpdateExclusions"])
        token = first["nextToken"]
        while token:
            page = ecr.list_pull_time_update_exclusions(maxResults=2, nextToken=token)
            listed += page["pullTimeUpdateExclusions"]
            token = page.get("nextToken")
        assert listed == sorted(roles)
    finally:
        for role in roles:
            ecr.deregister_pull_time_update_exclusion(principalArn=role)
