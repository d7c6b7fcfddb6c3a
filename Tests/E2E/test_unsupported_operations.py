"""The operations Berth does not serve yet answer UnknownOperationException, and only those: image scanning,
replication status, pull-through cache validation, and the signing operations (each waits for its own issue)."""
import botocore.session
import pytest
from botocore.exceptions import ClientError

NOT_YET = {
    "StartImageScan": {"repositoryName": "unsupported/x", "imageId": {"imageTag": "v1"}},
    "DescribeImageScanFindings": {"repositoryName": "unsupported/x", "imageId": {"imageTag": "v1"}},
    "DescribeImageReplicationStatus": {"repositoryName": "unsupported/x", "imageId": {"imageTag": "v1"}},
    "ValidatePullThroughCacheRule": {"ecrRepositoryPrefix": "hub"},
    "PutSigningConfiguration": {"signingConfiguration": {"rules": []}},
    "GetSigningConfiguration": {},
    "DeleteSigningConfiguration": {},
    "DescribeImageSigningStatus": {"repositoryName": "unsupported/x", "imageId": {"imageTag": "v1"}},
}


def snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


@pytest.mark.parametrize("operation", sorted(NOT_YET))
def test_not_yet_served(ecr, operation):
    with pytest.raises(ClientError) as excinfo:
        getattr(ecr, snake(operation))(**NOT_YET[operation])
    assert excinfo.value.response["Error"]["Code"] == "UnknownOperationException"


def test_every_other_operation_is_served(ecr):
    """An unserved operation answers UnknownOperationException whatever its input; a served one never does."""
    model = botocore.session.get_session().get_service_model("ecr")
    for operation in model.operation_names:
        if operation in NOT_YET:
            continue
        try:
            ecr._make_api_call(operation, {})
        except ClientError as error:
            assert error.response["Error"]["Code"] != "UnknownOperationException", operation
        except Exception:  # noqa: BLE001 - botocore's own validation of {} is fine: the point is the server's answer
            pass
