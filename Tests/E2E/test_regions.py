"""Regions: one server answers for every region by default, each region its own registry chosen by the SigV4
credential scope; --regions restricts the set; --registry-domain makes <account>.dkr.ecr.<region>.<domain> host
names select a region's registry on /v2 and shape repository URIs and proxy endpoints."""
import base64

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from conftest import ACCESS_KEY, ACCOUNT_ID, SECRET_KEY
from images import push_image
from oci_client import Registry, spare_server  # noqa: F401 (fixture)
from oci_layout import make_image


def client(server, region):
    return boto3.client(
        "ecr", endpoint_url=server.url, region_name=region, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        config=Config(retries={"max_attempts": 1}),
    )


def password(ecr):
    token = ecr.get_authorization_token()["authorizationData"][0]
    return base64.b64decode(token["authorizationToken"]).decode().split(":", 1)[1], token["proxyEndpoint"]


def test_every_region_is_its_own_registry(spare_server):
    server, east, _ = spare_server()
    west = client(server, "eu-west-1")
    east.create_repository(repositoryName="shared/name", imageTagMutability="IMMUTABLE")
    created = west.create_repository(repositoryName="shared/name")["repository"]
    assert created["repositoryArn"] == f"arn:aws:ecr:eu-west-1:{ACCOUNT_ID}:repository/shared/name"
    assert created["imageTagMutability"] == "MUTABLE"
    west.create_repository(repositoryName="west/only")
    assert [r["repositoryName"] for r in east.describe_repositories()["repositories"]] == ["shared/name"]
    assert sorted(r["repositoryName"] for r in west.describe_repositories()["repositories"]) == ["shared/name", "west/only"]
    _, digest, _, layers = push_image(west, "west/only", tag="v1", note="west")
    with pytest.raises(east.exceptions.RepositoryNotFoundException):
        east.describe_images(repositoryName="west/only")
    url = west.get_download_url_for_layer(repositoryName="west/only", layerDigest="sha256:" + __import__("hashlib").sha256(layers[0]).hexdigest())["downloadUrl"]
    assert "/eu-west-1/" in url and requests.get(url, timeout=10).content == layers[0]
    # Settings are per region too.
    west.put_account_setting(name="BLOB_MOUNTING", value="DISABLED")
    assert east.get_account_setting(name="BLOB_MOUNTING")["value"] == "ENABLED"
    west.put_registry_policy(policyText='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:ReplicateImage","Resource":"*"}]}')
    with pytest.raises(east.exceptions.RegistryPolicyNotFoundException):
        east.get_registry_policy()
    # Everything survives a restart, in its region.
    server.restart()
    assert west.describe_images(repositoryName="west/only", imageIds=[{"imageTag": "v1"}])["imageDetails"][0]["imageDigest"] == digest
    assert east.describe_repositories(repositoryNames=["shared/name"])["repositories"][0]["imageTagMutability"] == "IMMUTABLE"
    # Without a registry domain, /v2 on the public URL is the default region's registry.
    pw, endpoint = password(west)
    assert endpoint == server.url
    v2 = Registry(server.url, pw)
    assert v2.get("/v2/west/only/tags/list").status_code == 404
    assert v2.get("/v2/shared/name/tags/list").status_code == 200


def test_regions_can_be_restricted(spare_server):
    server, east, _ = spare_server({"BERTH_REGIONS": "us-east-1,eu-west-1"})
    client(server, "eu-west-1").describe_repositories()
    with pytest.raises(ClientError) as excinfo:
        client(server, "ap-south-1").describe_repositories()
    assert excinfo.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert "region" in excinfo.value.response["Error"]["Message"]


def test_a_registry_domain_names_each_regions_registry(spare_server):
    server, east, _ = spare_server({"BERTH_REGISTRY_DOMAIN": "localhost"})
    port = server.url.rsplit(":", 1)[1]
    west = client(server, "eu-west-1")
    west_host = f"{ACCOUNT_ID}.dkr.ecr.eu-west-1.localhost:{port}"
    repository = west.create_repository(repositoryName="team/app")["repository"]
    assert repository["repositoryUri"] == f"{west_host}/team/app"
    pw, endpoint = password(west)
    assert endpoint == f"http://{west_host}"
    assert east.create_repository(repositoryName="team/app")["repository"]["repositoryUri"] == f"{ACCOUNT_ID}.dkr.ecr.us-east-1.localhost:{port}/team/app"
    # /v2 by host name: the push lands in eu-west-1, not in the default region.
    v2 = Registry(server.url, pw)
    v2.session.headers["Host"] = west_host
    challenge = requests.get(server.url + "/v2/", headers={"Host": west_host}, timeout=10).headers["WWW-Authenticate"]
    assert f'realm="http://{west_host}/"' in challenge
    image = v2.push_image("team/app", make_image(note="by-host"), tag="v1")
    assert west.describe_images(repositoryName="team/app")["imageDetails"][0]["imageDigest"] == image.digest
    assert east.describe_images(repositoryName="team/app")["imageDetails"] == []
    assert Registry(server.url, pw).get("/v2/team/app/manifests/v1").status_code == 404  # the public URL is us-east-1
