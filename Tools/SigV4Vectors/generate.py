#!/usr/bin/env python3
"""Generate SigV4 test vectors for BerthAuth with botocore, the signer the aws CLI and boto3 use.

Every request is signed by botocore itself (a real ECR client, or SigV4Auth / SigV4QueryAuth on an
AWSRequest) with fixed credentials and a fixed clock, then recorded as it would arrive on the wire:
method, raw path, raw query, headers (signed and unsigned), body. BerthAuthTests verifies each one and
checks that altering any signed part is rejected.

    python3 Tools/SigV4Vectors/generate.py            # rewrites Tests/BerthAuthTests/Fixtures/botocore-sigv4.json
    python3 Tools/SigV4Vectors/generate.py --check    # exits 1 if the committed file differs

Needs only botocore (pip install botocore). The output is deterministic: same botocore, same file.
"""

import argparse
import base64
import datetime
import hashlib
import json
import pathlib
import sys
from unittest import mock
from urllib.parse import urlsplit

import botocore
import botocore.auth
import botocore.session
import uuid
from botocore.config import Config
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "Tests" / "BerthAuthTests" / "Fixtures" / "botocore-sigv4.json"

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "FwoGZXIvYXdzEBYaDBerthSessionTokenExample//+=="
FIXED_TIME = datetime.datetime(2025, 3, 14, 9, 26, 53)  # naive UTC, as botocore's clock returns
FIXED_EPOCH = int(FIXED_TIME.replace(tzinfo=datetime.timezone.utc).timestamp())
TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921."


class Captured(Exception):
    """Raised from botocore's before-send hook so nothing leaves the machine."""

    def __init__(self, request):
        super().__init__("captured")
        self.request = request


class CanonicalRecorder:
    """Remembers the last canonical request botocore computed, for debugging a failing vector."""

    last = None
    original = SigV4Auth.canonical_request

    @classmethod
    def install(cls):
        def recording(signer, request):
            value = cls.original(signer, request)
            cls.last = value
            return value

        SigV4Auth.canonical_request = recording


def wire_form(method, url, headers, body):
    """The request as a server sees it: raw path and query, every header in order, body bytes."""
    parts = urlsplit(url)
    items = headers.items() if hasattr(headers, "items") else headers
    pairs = [[name, value.decode("utf-8") if isinstance(value, bytes) else value] for name, value in items]
    names = {name.lower() for name, _ in pairs}
    if "host" not in names:  # the HTTP client adds Host from the URL; botocore signed the same value
        pairs.insert(0, ["Host", botocore.auth._host_from_url(url)])
    if body is None:
        body = b""
    elif isinstance(body, str):
        body = body.encode("utf-8")
    elif not isinstance(body, bytes):
        body = body.read()
    return {
        "method": method,
        "path": parts.path or "/",
        "query": parts.query,
        "headers": pairs,
        "bodyBase64": base64.b64encode(body).decode("ascii"),
        "payloadSHA256": hashlib.sha256(body).hexdigest(),
    }


def client_vector(name, description, operation, params, region="us-east-1", endpoint=None, token=None):
    """Signs one ECR operation with a real botocore client and captures it in before-send."""
    session = botocore.session.get_session()
    session.set_credentials(ACCESS_KEY, SECRET_KEY, token)
    # A fixed User-Agent: botocore signs it, and the default names this machine's Python and OS.
    config = Config(user_agent="Berth-SigV4Vectors/1 botocore", user_agent_extra=None)
    client = session.create_client("ecr", region_name=region, endpoint_url=endpoint, config=config)

    def capture(request, **_):
        raise Captured(request)

    client.meta.events.register("before-send.ecr.*", capture)
    try:
        getattr(client, operation)(**params)
    except Captured as captured:
        request = captured.request
    else:
        raise RuntimeError(f"{name}: request was not captured")
    vector = wire_form(request.method, request.url, request.headers, request.body)
    vector.update(name=name, description=description, form="header", region=region)
    return vector


def signer_vector(name, description, method, url, region="us-east-1", params=None, headers=(), body=b"",
                  token=None, presign_expires=None, context=None):
    """Signs an AWSRequest directly with SigV4Auth, or SigV4QueryAuth when presign_expires is set."""
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, token)
    request = AWSRequest(method=method, url=url, data=body, params=params or {})
    for header, value in headers:
        request.headers[header] = value  # HTTPHeaders appends: setting a name twice repeats it
    request.context.update(context or {})
    if presign_expires is None:
        signer = SigV4Auth(credentials, "ecr", region)
    else:
        signer = SigV4QueryAuth(credentials, "ecr", region, expires=presign_expires)
    signer.add_auth(request)
    prepared = request.prepare()
    # The prepared headers are a dict (repeated names collapse); the wire keeps every line, so start from
    # the signed request's headers and add what preparing added (Content-Length).
    headers = list(request.headers.items())
    present = {name.lower() for name, _ in headers}
    headers += [(name, value) for name, value in prepared.headers.items() if name.lower() not in present]
    vector = wire_form(prepared.method, prepared.url, headers, prepared.body)
    vector.update(name=name, description=description, region=region)
    vector["form"] = "header" if presign_expires is None else "presigned"
    return vector


def vectors():
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,
                       "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
            "layers": [],
            "annotations": {"org.opencontainers.image.description": "caf\u00e9 \u2603 \"quoted\" \\ slash"},
        },
        ensure_ascii=False,
    )
    yield client_vector(
        "get-authorization-token", "GetAuthorizationToken against the public endpoint, empty JSON body",
        "get_authorization_token", {})
    yield client_vector(
        "create-repository", "CreateRepository to a plain-http local endpoint with a port",
        "create_repository",
        {"repositoryName": "team/app", "imageTagMutability": "IMMUTABLE",
         "tags": [{"Key": "owner", "Value": "platform team"}]},
        endpoint="http://localhost:5000")
    yield client_vector(
        "describe-repositories", "DescribeRepositories with a page size",
        "describe_repositories", {"repositoryNames": ["team/app", "base"], "maxResults": 10},
        endpoint="http://127.0.0.1:5000")
    yield client_vector(
        "put-image-unicode", "PutImage whose manifest string holds non-ASCII and escaped characters",
        "put_image", {"repositoryName": "team/app", "imageManifest": manifest, "imageTag": "v1.2.3"},
        endpoint="https://berth.example.test")
    yield client_vector(
        "upload-layer-part", "UploadLayerPart with a binary blob (base64 in JSON)",
        "upload_layer_part",
        {"repositoryName": "team/app", "uploadId": "8e9b1a62-0e46-4d3f-a0c5-3f1f4b2d8c10",
         "partFirstByte": 0, "partLastByte": 255, "layerPartBlob": bytes(range(256))},
        endpoint="http://localhost:5000")
    yield client_vector(
        "batch-get-image-session-token", "BatchGetImage with temporary credentials (X-Amz-Security-Token signed)",
        "batch_get_image",
        {"repositoryName": "team/app", "imageIds": [{"imageTag": "latest"}],
         "acceptedMediaTypes": ["application/vnd.oci.image.manifest.v1+json"]},
        token=SESSION_TOKEN)
    yield client_vector(
        "list-images-eu-west-1", "ListImages signed for another region",
        "list_images", {"repositoryName": "base", "filter": {"tagStatus": "TAGGED"}}, region="eu-west-1")
    yield signer_vector(
        "query-form-odd-characters", "GET /?Action=... with repeated keys and characters that need encoding",
        "GET", "http://localhost:5000/",
        params=[("Action", "DescribeRepositories"), ("a", "b"), ("list", "2"), ("list", "1"),
                ("space", "hello world"), ("slash", "team/app"), ("plus", "1+1=2"), ("amp", "x&y"),
                ("star", "*"), ("tilde", "~user"), ("unicode", "caf\u00e9 \u2603"), ("empty", ""),
                ("Version", "2015-09-21")],
        headers=[("Accept", "application/json")])
    yield signer_vector(
        "query-in-url-unsorted", "GET with an already encoded, unsorted query string in the URL",
        "GET", "http://localhost:5000/?list=2&list=1&Action=ListImages&repositoryName=team%2Fapp&empty=&b=%E2%98%83")
    yield signer_vector(
        "header-whitespace-and-repeats", "POST whose signed headers need trimming, collapsing and joining",
        "POST", "http://localhost:5000/",
        headers=[("X-Amz-Target", TARGET_PREFIX + "DescribeRegistry"),
                 ("Content-Type", "application/x-amz-json-1.1"),
                 ("X-Berth-Trace", "  first   value  "), ("X-Berth-Trace", "second\tvalue"),
                 ("X-Berth-Quoted", ' "a   b   c" ')],
        body=b"{}")
    yield signer_vector(
        "date-header", "Signed with an RFC 2822 Date header instead of X-Amz-Date",
        "POST", "http://localhost:5000/",
        headers=[("X-Amz-Target", TARGET_PREFIX + "DescribeRegistry"),
                 ("Content-Type", "application/x-amz-json-1.1"),
                 ("Date", "Thu, 01 Jan 1970 00:00:00 GMT")],
        body=b"{}")
    yield signer_vector(
        "unsigned-payload", "HTTPS request with payload signing disabled: X-Amz-Content-SHA256 UNSIGNED-PAYLOAD",
        "POST", "https://berth.example.test/",
        headers=[("X-Amz-Target", TARGET_PREFIX + "DescribeRegistry"),
                 ("Content-Type", "application/x-amz-json-1.1")],
        body=b"{}", context={"payload_signing_enabled": False})
    yield signer_vector(
        "path-dot-segments-and-escapes", "Non-root path with escapes and dot segments (double-encoded for non-S3)",
        "GET", "http://localhost:5000/v1/team%20a/./blobs/../sha256%3Aabc//x")
    yield signer_vector(
        "presigned-get", "Presigned GET (SigV4QueryAuth, 15 minutes); botocore signs the empty body's hash",
        "GET", "http://localhost:5000/",
        params={"Action": "GetAuthorizationToken", "Version": "2015-09-21"}, presign_expires=900)
    yield signer_vector(
        "presigned-get-session-token-odd", "Presigned GET with a session token, odd characters and a signed custom header",
        "GET", "https://berth.example.test/",
        params={"Action": "DescribeRepositories", "repositoryNames.member.1": "team/app", "note": "a b+c"},
        headers=[("X-Berth-Client", "tests")], token=SESSION_TOKEN, presign_expires=3600, region="eu-west-1")


def build():
    CanonicalRecorder.install()
    cases = []
    invocation_ids = (uuid.UUID(int=0x5EED0000_0000_4000_8000_000000000000 + n) for n in range(1000))
    with mock.patch("botocore.auth.get_current_datetime", return_value=FIXED_TIME), \
            mock.patch("botocore.endpoint.uuid.uuid4", side_effect=lambda: next(invocation_ids)):
        for vector in vectors():
            vector["canonicalRequest"] = CanonicalRecorder.last
            cases.append(vector)
    ordered = []
    for case in cases:
        ordered.append({key: case[key] for key in (
            "name", "description", "form", "region", "method", "path", "query", "headers", "bodyBase64",
            "payloadSHA256", "canonicalRequest")})
    return {
        "generator": "Tools/SigV4Vectors/generate.py",
        "botocoreVersion": botocore.__version__,
        "service": "ecr",
        "accessKeyID": ACCESS_KEY,
        "secretAccessKey": SECRET_KEY,
        "signedAt": FIXED_TIME.strftime("%Y%m%dT%H%M%SZ"),
        "signedAtEpoch": FIXED_EPOCH,
        "cases": ordered,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    arguments = parser.parse_args()
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    if arguments.check:
        current = arguments.output.read_text(encoding="utf-8") if arguments.output.exists() else ""
        if current != text:
            print(f"{arguments.output} is out of date; run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(json.loads(text)['cases'])} vectors to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
