"""Authentication on /v2: ECR's Basic `AWS:<token>`, and a Bearer token from /v2/token for Bearer-only clients."""
import base64

import pytest
from oci_client import error_codes, v2  # noqa: F401 (fixture)


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def altered(password):
    """The password with one character changed in the middle (the signature part)."""
    middle = len(password) // 2
    return password[:middle] + ("A" if password[middle] != "A" else "B") + password[middle + 1 :]


def test_no_credentials_is_a_basic_challenge(v2, server, repo):
    for path in ("/v2/", f"/v2/{repo}/tags/list", f"/v2/{repo}/manifests/latest", "/v2/_catalog"):
        answer = v2.get(path, auth=None)
        assert answer.status_code == 401, path
        assert answer.headers["WWW-Authenticate"] == f'Basic realm="{server.url}/",service="ecr.amazonaws.com"'
        assert answer.headers["Docker-Distribution-API-Version"] == "registry/2.0"
        assert error_codes(answer) == ["UNAUTHORIZED"]
    head = v2.head("/v2/", auth=None)
    assert head.status_code == 401 and head.content == b"" and "Basic realm=" in head.headers["WWW-Authenticate"]
    # A refused upload does not leave the body behind on a kept-alive connection: the next request works.
    refused = v2.put(f"/v2/{repo}/manifests/v1", auth=None, data=b"x" * 100_000)
    assert refused.status_code == 401
    assert v2.get("/v2/").status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda pw: basic("AWS", altered(pw)), id="altered-password"),
        pytest.param(lambda pw: basic("AWS", pw[:-3]), id="truncated-password"),
        pytest.param(lambda pw: basic("admin", pw), id="user-other-than-AWS"),
        pytest.param(lambda pw: basic("aws", pw), id="lowercase-user"),
        pytest.param(lambda pw: basic("AWS", ""), id="empty-password"),
        pytest.param(lambda pw: "Basic !!!not-base64!!!", id="garbage-basic"),
        pytest.param(lambda pw: "Digest username=AWS", id="other-scheme"),
    ],
)
def test_bad_credentials_are_401(v2, header):
    answer = v2.get("/v2/", auth=None, headers={"Authorization": header(v2.password)})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Basic realm=")
    assert error_codes(answer) == ["UNAUTHORIZED"]


def test_good_credentials(v2):
    answer = v2.get("/v2/")
    assert answer.status_code == 200
    assert answer.headers["Docker-Distribution-API-Version"] == "registry/2.0"
    assert v2.get("/v2/", auth=None, headers={"Authorization": basic("AWS", v2.password)}).status_code == 200


def test_bearer_token_flow(v2, server, repo):
    issued = v2.get("/v2/token", params={"service": "ecr.amazonaws.com", "scope": f"repository:{repo}:pull,push"})
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]
    assert issued.json()["expires_in"] > 0
    bearer = {"Authorization": f"Bearer {token}"}
    assert v2.get("/v2/", auth=None, headers=bearer).status_code == 200
    listed = v2.get(f"/v2/{repo}/tags/list", auth=None, headers=bearer)
    assert listed.status_code == 200 and listed.json() == {"name": repo, "tags": []}
    pushed = v2.post(f"/v2/{repo}/blobs/uploads/", auth=None, headers=bearer, params={"digest": "sha256:" + "0" * 64}, data=b"")
    assert pushed.status_code == 400 and error_codes(pushed) == ["DIGEST_INVALID"]  # authenticated, then judged

    # An invalid Bearer token is answered with a Bearer challenge pointing at the token endpoint.
    refused = v2.get(f"/v2/{repo}/tags/list", auth=None, headers={"Authorization": f"Bearer {altered(token)}"})
    assert refused.status_code == 401
    challenge = refused.headers["WWW-Authenticate"]
    assert challenge.startswith(f'Bearer realm="{server.url}/v2/token",service="ecr.amazonaws.com"')
    assert error_codes(refused) == ["UNAUTHORIZED"]

    # The token endpoint itself wants the Basic credentials.
    for auth in (None, ("AWS", altered(v2.password)), ("someone", v2.password)):
        denied = v2.get("/v2/token", auth=auth)
        assert denied.status_code == 401 and denied.headers["WWW-Authenticate"].startswith("Basic realm=")
