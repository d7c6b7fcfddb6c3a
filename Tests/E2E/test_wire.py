"""The AWS JSON 1.1 wire: authentication failures, malformed requests, headers, authorization tokens."""
import base64
import datetime
import json

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from conftest import ACCESS_KEY, REGION, SECRET_KEY

TARGET = "AmazonEC2ContainerRegistry_V20150921."


def signed_post(server, operation, body, access_key=ACCESS_KEY, secret_key=SECRET_KEY, when=None, raw_body=None):
    data = raw_body if raw_body is not None else json.dumps(body).encode()
    request = AWSRequest(
        method="POST",
        url=server.url + "/",
        data=data,
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + operation},
    )
    signer = SigV4Auth(Credentials(access_key, secret_key), "ecr", REGION)
    if when is not None:
        request.context["timestamp"] = when.strftime("%Y%m%dT%H%M%SZ")
        signer._modify_request_before_signing(request)
        string_to_sign = signer.string_to_sign(request, signer.canonical_request(request))
        request.headers["X-Amz-Date"] = request.context["timestamp"]
        signature = signer.signature(string_to_sign, request)
        scope = signer.scope(request)
        headers = signer.signed_headers(signer.headers_to_sign(request))
        request.headers["Authorization"] = f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders={headers}, Signature={signature}"
    else:
        signer.add_auth(request)
    prepared = request.prepare()
    return requests.post(prepared.url, data=prepared.body, headers=dict(prepared.headers), timeout=10)


def error_of(response):
    return response.json()["__type"], response.json()["message"]


def test_success_headers(server):
    response = signed_post(server, "DescribeRepositories", {})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-RequestId"]
    assert "repositories" in response.json()


def test_unsigned_request_is_missing_authentication_token(server):
    response = requests.post(
        server.url + "/",
        data="{}",
        headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + "DescribeRepositories"},
        timeout=10,
    )
    assert response.status_code == 403
    assert error_of(response)[0] == "MissingAuthenticationTokenException"
    assert response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert response.headers["x-amzn-RequestId"]


def test_unknown_key_wrong_secret_and_skew(server):
    response = signed_post(server, "DescribeRepositories", {}, access_key="AKIAUNKNOWNKEY000000")
    assert response.status_code == 400 and error_of(response)[0] == "UnrecognizedClientException"
    response = signed_post(server, "DescribeRepositories", {}, secret_key="wrong-secret")
    assert response.status_code == 400 and error_of(response)[0] == "InvalidSignatureException"
    stale = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=6)
    response = signed_post(server, "DescribeRepositories", {}, when=stale)
    assert error_of(response)[0] == "InvalidSignatureException"
    assert "Signature expired" in error_of(response)[1]
    fresh = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=2)
    assert signed_post(server, "DescribeRepositories", {}, when=fresh).status_code == 200


def test_malformed_json_unknown_target_and_wrong_types(server):
    response = signed_post(server, "DescribeRepositories", None, raw_body=b"{not json")
    assert response.status_code == 400 and error_of(response)[0] == "SerializationException"
    response = signed_post(server, "NoSuchOperation", {})
    assert response.status_code == 400 and error_of(response)[0] == "UnknownOperationException"
    response = signed_post(server, "DescribeRepositories", {"maxResults": "many"})
    assert response.status_code == 400 and error_of(response)[0] == "SerializationException"
    response = signed_post(server, "DescribeRepositories", {"maxResults": 0})
    assert response.status_code == 400 and error_of(response)[0] == "InvalidParameterException"
    assert "maxResults" in error_of(response)[1]
    response = signed_post(server, "CreateRepository", {})
    assert response.status_code == 400 and error_of(response)[0] == "InvalidParameterException"
    assert "repositoryName" in error_of(response)[1]


def test_authorization_token(ecr, server):
    answer = ecr.get_authorization_token()["authorizationData"]
    assert len(answer) == 1
    data = answer[0]
    user, password = base64.b64decode(data["authorizationToken"]).decode().split(":")
    assert user == "AWS"
    assert len(password) > 32
    assert data["proxyEndpoint"] == server.url
    lifetime = data["expiresAt"].timestamp() - datetime.datetime.now(datetime.timezone.utc).timestamp()
    assert 11.9 * 3600 < lifetime <= 12 * 3600 + 5
    again = ecr.get_authorization_token()["authorizationData"][0]["authorizationToken"]
    assert again != data["authorizationToken"]


def test_aws_cli_get_login_password(server):
    import os
    import subprocess

    env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_DEFAULT_REGION=REGION)
    env["AWS_CONFIG_FILE"] = "/dev/null"
    out = subprocess.run(["aws", "ecr", "get-login-password", "--endpoint-url", server.url], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.strip()) > 32 and ":" not in out.stdout.strip()
