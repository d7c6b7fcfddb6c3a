"""The seed query form: GET /?Action=<Op>&... answers the same JSON as the POST form, SigV4-signed."""
import base64
from urllib.parse import urlencode

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from conftest import ACCESS_KEY, REGION, SECRET_KEY
from images import push_blob, push_image, sha256


def query(server, params):
    url = server.url + "/?" + urlencode(params)
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "ecr", REGION).add_auth(request)
    prepared = request.prepare()
    return requests.get(prepared.url, headers=dict(prepared.headers), timeout=10)


def test_query_form_matches_post_form(server, ecr, repo):
    _, digest, config, layers = push_image(ecr, repo, tag="v1")
    listed = query(server, [("Action", "ListImages"), ("repositoryName", repo), ("filter.tagStatus", "TAGGED")])
    assert listed.status_code == 200, listed.text
    assert listed.json() == {"imageIds": [{"imageDigest": digest, "imageTag": "v1"}]}

    got = query(server, [("Action", "BatchGetImage"), ("repositoryName", repo), ("imageIds.member.1.imageTag", "v1")])
    assert got.json()["images"][0]["imageId"]["imageDigest"] == digest

    checked = query(
        server,
        [("Action", "BatchCheckLayerAvailability"), ("repositoryName", repo), ("layerDigests", sha256(config)), ("layerDigests", sha256(layers[0]))],
    )
    assert [l["layerAvailability"] for l in checked.json()["layers"]] == ["AVAILABLE", "AVAILABLE"]

    described = query(server, [("Action", "DescribeRepositories"), ("repositoryNames.member.1", repo)])
    assert described.json()["repositories"][0]["repositoryName"] == repo


def test_query_form_create_and_upload(server, ecr):
    created = query(server, [("Action", "CreateRepository"), ("repositoryName", "query/made"), ("tags.member.1.Key", "k"), ("tags.member.1.Value", "v")])
    assert created.status_code == 200, created.text
    assert created.json()["repository"]["repositoryName"] == "query/made"
    upload = query(server, [("Action", "InitiateLayerUpload"), ("repositoryName", "query/made")]).json()
    part = query(
        server,
        [
            ("Action", "UploadLayerPart"),
            ("repositoryName", "query/made"),
            ("uploadId", upload["uploadId"]),
            ("partFirstByte", "0"),
            ("partLastByte", "4"),
            ("layerPartBlob", base64.b64encode(b"hello").decode()),
        ],
    )
    assert part.json()["lastByteReceived"] == 4, part.text
    done = query(
        server,
        [("Action", "CompleteLayerUpload"), ("repositoryName", "query/made"), ("uploadId", upload["uploadId"]), ("layerDigests", sha256(b"hello"))],
    )
    assert done.json()["layerDigest"] == sha256(b"hello")
    missing = query(server, [("Action", "DescribeRepositories"), ("repositoryNames.member.1", "query/none")])
    assert missing.status_code == 400 and missing.json()["__type"] == "RepositoryNotFoundException"
    unsigned = requests.get(server.url + "/?Action=ListImages&repositoryName=query/made", timeout=10)
    assert unsigned.status_code == 403
    ecr.delete_repository(repositoryName="query/made", force=True)
