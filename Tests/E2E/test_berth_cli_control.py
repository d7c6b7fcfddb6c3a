"""The control half of the `berth` CLI against a real berth-server, checked against boto3's view of the same server:
repositories, images (tag = the same manifest bytes), policies, lifecycle previews, login for skopeo and podman,
the credential helper (also as `docker-credential-berth`), one-line errors with exit codes, and `--help` everywhere."""
import base64
import json
import os
import pathlib
import shutil
import subprocess
import tempfile

import pytest
import requests
from berth_cli_runner import cli_binary, cli_env, fails, ok, ok_json, run
from conftest import ACCESS_KEY, REGION, SECRET_KEY, free_port
from images import DOCKER_MANIFEST, OCI_MANIFEST, push_image
from oci_layout import make_image, write_layout
from test_policies import PULL_POLICY

COMMANDS = [
    [], ["login"], ["credential-helper"], ["repo"], ["repo", "create"], ["repo", "list"], ["repo", "describe"], ["repo", "delete"],
    ["image"], ["image", "list"], ["image", "describe"], ["image", "delete"], ["image", "tag"], ["policy"], ["policy", "get"],
    ["policy", "set"], ["policy", "delete"], ["lifecycle"], ["lifecycle", "get"], ["lifecycle", "set"], ["lifecycle", "delete"],
    ["lifecycle", "preview"], ["gc"],
]


def keep_newest(count):
    """A lifecycle policy expiring all but the `count` newest images."""
    selection = {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": count}
    return json.dumps({"rules": [{"rulePriority": 1, "selection": selection, "action": {"type": "expire"}}]})


KEEP_ONE = keep_newest(1)


@pytest.fixture
def env(server, tmp_path):
    return cli_env(server, home=tmp_path)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "berth")
def test_help_works_on_every_command(command, tmp_path):
    out = ok(*command, "--help", env=cli_env(home=tmp_path))
    assert "USAGE: berth" in out
    if command and command[-1] not in ("repo", "image", "policy", "lifecycle"):
        assert "--endpoint-url" in out or command == ["credential-helper"]


def test_completion_script_comes_from_argument_parser(tmp_path):
    for shell in ("bash", "zsh", "fish"):
        script = ok("--generate-completion-script", shell, env=cli_env(home=tmp_path))
        assert "berth" in script and "lifecycle" in script


def test_repo_create_list_describe_delete(env, ecr):
    name = "cli/repos"
    try:
        ecr.delete_repository(repositoryName=name, force=True)
    except ecr.exceptions.RepositoryNotFoundException:
        pass
    created = ok_json("repo", "create", name, "--tag-mutability", "IMMUTABLE", "--scan-on-push", env=env)["repository"]
    seen = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    assert created["repositoryName"] == seen["repositoryName"] == name
    assert created["repositoryArn"] == seen["repositoryArn"]
    assert created["repositoryUri"] == seen["repositoryUri"]
    assert seen["imageTagMutability"] == created["imageTagMutability"] == "IMMUTABLE"
    assert seen["imageScanningConfiguration"] == created["imageScanningConfiguration"] == {"scanOnPush": True}
    assert abs(created["createdAt"] - seen["createdAt"].timestamp()) < 0.001

    listed = ok_json("repo", "list", env=env)
    assert set(listed) == {"repositories"}
    assert [r["repositoryName"] for r in listed["repositories"]] == [r["repositoryName"] for r in ecr.describe_repositories()["repositories"]]
    described = ok_json("repo", "describe", name, env=env)["repositories"]
    assert described == [created]
    table = ok("repo", "list", env=env)
    assert table.splitlines()[0].split()[:2] == ["NAME", "URI"]
    assert any(line.split()[:3] == [name, seen["repositoryUri"], "IMMUTABLE"] for line in table.splitlines())
    assert "tag mutability: IMMUTABLE" in ok("repo", "describe", name, env=env)

    push_image(ecr, name, tag="v1")
    line = fails("repo", "delete", name, env=env, code=1)
    assert "RepositoryNotEmptyException" in line
    deleted = ok_json("repo", "delete", name, "--force", env=env)
    assert deleted["repository"]["repositoryName"] == name
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.describe_repositories(repositoryNames=[name])
    assert "RepositoryNotFoundException" in fails("repo", "describe", name, env=env, code=1)


@pytest.mark.parametrize("media_type", [DOCKER_MANIFEST, OCI_MANIFEST])
def test_image_list_describe_tag_delete(env, ecr, repo, media_type):
    manifest, digest, config, layers = push_image(ecr, repo, tag="v1", layer_sizes=(2000, 3000), media_type=media_type)

    listed = ok_json("image", "list", repo, env=env)["imageDetails"]
    boto = ecr.describe_images(repositoryName=repo)["imageDetails"]
    assert [(d["imageDigest"], d["imageTags"], d["imageSizeInBytes"]) for d in listed] == [
        (d["imageDigest"], d["imageTags"], d["imageSizeInBytes"]) for d in boto
    ]
    assert listed[0]["imageManifestMediaType"] == media_type
    assert abs(listed[0]["imagePushedAt"] - boto[0]["imagePushedAt"].timestamp()) < 0.001
    assert ok_json("image", "describe", f"{repo}:v1", env=env)["imageDetails"] == listed
    assert ok_json("image", "describe", f"{repo}@{digest}", env=env)["imageDetails"] == listed
    table = ok("image", "list", repo, env=env).splitlines()
    assert table[0].split()[:2] == ["TAGS", "DIGEST"] and table[1].split()[:2] == ["v1", digest]

    tagged = ok_json("image", "tag", f"{repo}:v1", "v2", env=env)
    assert tagged["image"]["imageId"] == {"imageDigest": digest, "imageTag": "v2"}
    got = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "v2"}], acceptedMediaTypes=[media_type])["images"][0]
    assert got["imageManifest"].encode() == manifest  # the exact bytes
    assert got["imageManifestMediaType"] == media_type
    assert got["imageId"]["imageDigest"] == digest
    ok("image", "tag", f"{repo}@{digest}", f"{repo}:v3", env=env)
    assert sorted(ecr.describe_images(repositoryName=repo)["imageDetails"][0]["imageTags"]) == ["v1", "v2", "v3"]

    deleted = ok_json("image", "delete", f"{repo}:v2", env=env)
    assert deleted["imageIds"] == [{"imageDigest": digest, "imageTag": "v2"}] and deleted["failures"] == []
    assert sorted(ecr.describe_images(repositoryName=repo)["imageDetails"][0]["imageTags"]) == ["v1", "v3"]
    assert "ImageNotFound" in fails("image", "delete", f"{repo}:nope", env=env, code=1)
    assert "ImageNotFound" in fails("image", "tag", f"{repo}:nope", "v9", env=env, code=1)
    assert "ImageNotFoundException" in fails("image", "describe", f"{repo}:nope", env=env, code=1)
    assert "RepositoryNotFoundException" in fails("image", "list", "cli/no-such-repo", env=env, code=1)
    ok("image", "delete", f"{repo}@{digest}", env=env)
    assert ecr.describe_images(repositoryName=repo)["imageDetails"] == []


def test_policy_get_set_delete(env, ecr, repo, tmp_path):
    text = json.dumps(PULL_POLICY)
    set_answer = ok_json("policy", "set", repo, "--text", text, env=env)
    assert set_answer["policyText"] == text and set_answer["repositoryName"] == repo
    assert ecr.get_repository_policy(repositoryName=repo)["policyText"] == text
    got = ok_json("policy", "get", repo, env=env)
    assert got == {"policyText": text, "registryId": "123456789012", "repositoryName": repo}
    assert ok("policy", "get", repo, env=env).strip() == text

    pretty = json.dumps(PULL_POLICY, indent=2)
    (tmp_path / "policy.json").write_text(pretty)
    ok("policy", "set", repo, "--file", tmp_path / "policy.json", env=env)
    assert ecr.get_repository_policy(repositoryName=repo)["policyText"] == pretty
    assert ok_json("policy", "delete", repo, env=env)["policyText"] == pretty
    with pytest.raises(ecr.exceptions.RepositoryPolicyNotFoundException):
        ecr.get_repository_policy(repositoryName=repo)
    assert "RepositoryPolicyNotFoundException" in fails("policy", "get", repo, env=env, code=1)
    assert "cannot read policy file" in fails("policy", "set", repo, "--file", tmp_path / "missing.json", env=env, code=2)
    usage = run("policy", "set", repo, env=env)
    assert usage.returncode == 64 and "--file" in usage.stderr


def test_lifecycle_get_set_preview(env, ecr, repo, tmp_path):
    digests = [push_image(ecr, repo, tag=f"t{i}", note=f"lifecycle-{i}")[1] for i in range(3)]
    (tmp_path / "lifecycle.json").write_text(KEEP_ONE)
    assert ok_json("lifecycle", "set", repo, "--file", tmp_path / "lifecycle.json", env=env)["lifecyclePolicyText"] == KEEP_ONE
    got = ok_json("lifecycle", "get", repo, env=env)
    assert got["lifecyclePolicyText"] == ecr.get_lifecycle_policy(repositoryName=repo)["lifecyclePolicyText"] == KEEP_ONE

    preview = ok_json("lifecycle", "preview", repo, env=env)
    assert preview["status"] == "COMPLETE"
    expired = {r["imageDigest"]: r for r in preview["previewResults"]}
    assert set(expired) == set(digests[:2])  # the newest stays
    assert all(r["action"] == {"type": "EXPIRE"} and r["appliedRulePriority"] == 1 for r in expired.values())
    boto = ecr.get_lifecycle_policy_preview(repositoryName=repo)
    assert {r["imageDigest"] for r in boto["previewResults"]} == set(expired)
    table = ok("lifecycle", "preview", repo, env=env)
    assert table.splitlines()[0].split() == ["DIGEST", "TAGS", "PUSHED", "RULE", "ACTION"]
    assert all(d in table for d in digests[:2]) and digests[2] not in table

    assert ok("lifecycle", "preview", repo, "--text", keep_newest(5), env=env).strip() == "no image would expire"
    assert ok_json("lifecycle", "delete", repo, env=env)["lifecyclePolicyText"] == KEEP_ONE
    assert "LifecyclePolicyNotFoundException" in fails("lifecycle", "get", repo, env=env, code=1)


def test_errors_are_one_line_naming_the_cause(server, env, tmp_path):
    port = free_port()
    line = fails("repo", "list", "--endpoint-url", f"http://127.0.0.1:{port}", env=env, code=3)
    assert line == f"berth: server unreachable at http://127.0.0.1:{port}: connection refused"

    wrong = dict(env, AWS_SECRET_ACCESS_KEY="not-the-secret")
    line = fails("repo", "list", env=wrong, code=1)
    assert line.startswith("berth: authentication refused (InvalidSignatureException)")
    unknown = dict(env, AWS_ACCESS_KEY_ID="AKIAUNKNOWNUNKNOWN00")
    assert "authentication refused (UnrecognizedClientException)" in fails("repo", "list", env=unknown, code=1)
    assert "authentication refused" in fails("login", env=wrong, code=1)

    line = fails("repo", "describe", "cli/missing", env=env, code=1)
    assert line.startswith("berth: RepositoryNotFoundException: ") and "cli/missing" in line

    no_endpoint = dict(env)
    no_endpoint.pop("BERTH_ENDPOINT")
    line = fails("repo", "list", env=no_endpoint, code=2)
    assert all(name in line for name in ("--endpoint-url", "BERTH_ENDPOINT", "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL", "endpoint_url"))
    no_keys = cli_env(home=tmp_path, BERTH_ENDPOINT=server.url)
    assert "no credentials" in fails("repo", "list", env=no_keys, code=2)
    assert "not an http(s) URL" in fails("repo", "list", "--endpoint-url", "ftp://x", env=env, code=2)


def test_profiles_in_the_shared_files(server, ecr, tmp_path):
    (tmp_path / "credentials").write_text(
        "[default]\naws_access_key_id = WRONG\naws_secret_access_key = wrong\n\n"
        f"[berth]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n"
    )
    (tmp_path / "config").write_text(f"[default]\nregion = {REGION}\n\n[profile berth]\nregion = {REGION}\nendpoint_url = {server.url}\n")
    env = cli_env(home=tmp_path, AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "credentials"), AWS_CONFIG_FILE=str(tmp_path / "config"))
    names = [r["repositoryName"] for r in ecr.describe_repositories()["repositories"]]
    assert [r["repositoryName"] for r in ok_json("repo", "list", "--profile", "berth", env=env)["repositories"]] == names
    assert [r["repositoryName"] for r in ok_json("repo", "list", env=dict(env, AWS_PROFILE="berth"))["repositories"]] == names
    # The default profile names no endpoint, and its key is refused once one is given.
    assert "BERTH_ENDPOINT" in fails("repo", "list", env=env, code=2)
    assert "UnrecognizedClientException" in fails("repo", "list", "--endpoint-url", server.url, env=env, code=1)
    # The ~/.aws files are found through HOME too.
    (tmp_path / ".aws").mkdir()
    shutil.copy(tmp_path / "credentials", tmp_path / ".aws" / "credentials")
    shutil.copy(tmp_path / "config", tmp_path / ".aws" / "config")
    home_env = cli_env(home=tmp_path, AWS_SHARED_CREDENTIALS_FILE=None, AWS_CONFIG_FILE=None, AWS_PROFILE="berth")
    assert len(ok_json("repo", "list", env=home_env)["repositories"]) == len(names)


def skopeo(*args, env=None):
    result = subprocess.run(["skopeo", "--insecure-policy", *args], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_login_then_skopeo_and_podman_use_the_auth_file(server, env, ecr, repo, tmp_path):
    host = server.url.split("://", 1)[1]
    auth_file = tmp_path / "auth.json"
    other = {"auth": "b3RoZXI6c2VjcmV0"}
    auth_file.write_text(json.dumps({"auths": {"other.example.com": other}, "credHelpers": {host: "stale"}, "detachKeys": "ctrl-p"}))
    out = ok("login", env=dict(env, REGISTRY_AUTH_FILE=str(auth_file)))
    assert out.startswith(f"Login Succeeded: {host}")
    written = json.loads(auth_file.read_text())
    assert written["auths"]["other.example.com"] == other and written["detachKeys"] == "ctrl-p"
    assert host not in written.get("credHelpers", {})
    user, password = base64.b64decode(written["auths"][host]["auth"]).decode().split(":", 1)
    assert user == "AWS"
    assert requests.get(f"{server.url}/v2/", auth=(user, password), timeout=10).status_code == 200
    assert oct(auth_file.stat().st_mode & 0o777) == "0o600"

    image = make_image(note="cli-login", layer_files=({"etc/cli.txt": b"pushed after berth login\n"},))
    layout = write_layout(str(tmp_path / "layout"), image, tag="latest")
    skopeo("copy", "--authfile", str(auth_file), "--dest-tls-verify=false", f"oci:{layout}:latest", f"docker://{host}/{repo}:v1")
    inspected = json.loads(skopeo("inspect", "--authfile", str(auth_file), "--tls-verify=false", f"docker://{host}/{repo}:v1"))
    assert inspected["Digest"] == image.digest
    assert ecr.describe_images(repositoryName=repo)["imageDetails"][0]["imageDigest"] == image.digest
    # Without the file skopeo is refused: the credentials came from berth login.
    refused = subprocess.run(
        ["skopeo", "inspect", "--authfile", str(tmp_path / "none.json"), "--tls-verify=false", f"docker://{host}/{repo}:v1"],
        capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0

    # --auth-file and ~/.docker/config.json (the default) work alike.
    ok("login", "--auth-file", tmp_path / "explicit.json", env=env)
    assert host in json.loads((tmp_path / "explicit.json").read_text())["auths"]
    ok("login", env=env)
    assert host in json.loads((tmp_path / ".docker" / "config.json").read_text())["auths"]

    with podman_runner(auth_file) as podman:
        podman.run("pull", "--tls-verify=false", f"{host}/{repo}:v1")
        pulled = json.loads(podman.run("image", "inspect", f"{host}/{repo}:v1"))[0]
        assert pulled["Digest"] == image.digest


class podman_runner:
    """podman over a throwaway root (vfs storage), its REGISTRY_AUTH_FILE set; removes everything on exit."""

    def __init__(self, auth_file, path_prefix=None):
        self.top = pathlib.Path(tempfile.mkdtemp(prefix="berth-clip-", dir="/tmp"))  # podman wants a short runroot
        self.auth_file = auth_file
        self.path = (f"{path_prefix}:" if path_prefix else "") + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    def __enter__(self):
        self.home = self.top
        root, runroot, tmp = self.top / "root", self.top / "run", self.top / "tmp"
        for folder in (root, runroot, tmp):
            folder.mkdir()
        self.base = ["podman", "--root", str(root), "--runroot", str(runroot), "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs"]
        self.base += ["--events-backend", "file", "--tmpdir", str(tmp)]
        self.env = {"PATH": self.path, "HOME": str(self.top), "TMPDIR": str(tmp), "REGISTRY_AUTH_FILE": str(self.auth_file)}
        return self

    def run(self, *args):
        result = subprocess.run([*self.base, *args], capture_output=True, text=True, timeout=120, env=self.env)
        assert result.returncode == 0, f"podman {' '.join(args)}: {result.stderr}"
        return result.stdout

    def __exit__(self, *exc):
        subprocess.run([*self.base, "rmi", "--all", "--force"], capture_output=True, timeout=60, env=self.env)
        shutil.rmtree(self.top, ignore_errors=True)


@pytest.fixture
def helper_dir(tmp_path):
    """A folder holding `docker-credential-berth`, a symlink to the berth binary."""
    folder = tmp_path / "bin"
    folder.mkdir()
    os.symlink(cli_binary(), folder / "docker-credential-berth")
    return folder


def test_credential_helper_through_the_docker_credential_berth_symlink(server, env, helper_dir):
    host = server.url.split("://", 1)[1]
    helper = str(helper_dir / "docker-credential-berth")
    for server_url in (server.url, host, server.url + "/v2/"):
        answer = json.loads(ok("get", env=env, input=server_url + "\n", program=helper))
        assert answer["ServerURL"] == server_url and answer["Username"] == "AWS"
        assert requests.get(f"{server.url}/v2/", auth=("AWS", answer["Secret"]), timeout=10).status_code == 200
    # Without an endpoint in the environment, the server URL is where the token comes from.
    no_endpoint = dict(env)
    no_endpoint.pop("BERTH_ENDPOINT")
    answer = json.loads(ok("get", env=no_endpoint, input=server.url, program=helper))
    assert requests.get(f"{server.url}/v2/", auth=("AWS", answer["Secret"]), timeout=10).status_code == 200
    # The shell pipeline the docs show.
    path_env = dict(env, PATH=f"{helper_dir}:{env['PATH']}")
    piped = subprocess.run(f"echo {server.url} | docker-credential-berth get", shell=True, capture_output=True, text=True, env=path_env, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["Username"] == "AWS"

    assert json.loads(ok("list", env=env, program=helper)) == {host: "AWS"}
    assert ok("store", env=env, input=json.dumps({"ServerURL": host, "Username": "AWS", "Secret": "x"}), program=helper) == ""
    assert ok("erase", env=env, input=host, program=helper) == ""
    # `berth credential-helper` is the same command.
    assert json.loads(ok("credential-helper", "get", env=env, input=host))["Username"] == "AWS"

    # A failure is reported on stdout (the protocol) with a non-zero exit.
    wrong = dict(env, AWS_SECRET_ACCESS_KEY="wrong")
    refused = run("get", env=wrong, input=host, program=helper)
    assert refused.returncode != 0 and "authentication refused" in refused.stdout
    empty = run("get", env=no_endpoint, input="", program=helper)
    assert empty.returncode != 0 and empty.stdout.strip() == "credentials not found in native keychain"


def test_login_with_credential_helper_serves_skopeo_and_podman(server, env, ecr, repo, helper_dir, tmp_path):
    host = server.url.split("://", 1)[1]
    auth_file = tmp_path / "auth.json"
    auth_file.write_text(json.dumps({"auths": {host: {"auth": "QVdTOnN0YWxl"}}}))
    ok("login", "--credential-helper", env=dict(env, REGISTRY_AUTH_FILE=str(auth_file)))
    written = json.loads(auth_file.read_text())
    assert written["credHelpers"] == {host: "berth"}
    assert host not in written.get("auths", {})

    image = make_image(note="cli-helper", layer_files=({"etc/helper.txt": b"pushed through the credential helper\n"},))
    layout = write_layout(str(tmp_path / "layout"), image, tag="latest")
    helper_env = dict(env, PATH=f"{helper_dir}:{env['PATH']}")
    skopeo("copy", "--authfile", str(auth_file), "--dest-tls-verify=false", f"oci:{layout}:latest", f"docker://{host}/{repo}:v1", env=helper_env)
    inspected = json.loads(skopeo("inspect", "--authfile", str(auth_file), "--tls-verify=false", f"docker://{host}/{repo}:v1", env=helper_env))
    assert inspected["Digest"] == image.digest

    # podman runs the helper in its own environment (no AWS variables here): the helper finds its key and endpoint
    # in ~/.aws of podman's HOME, as it would on a workstation.
    with podman_runner(auth_file, path_prefix=str(helper_dir)) as podman:
        aws = podman.home / ".aws"
        aws.mkdir()
        (aws / "credentials").write_text(f"[default]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n")
        (aws / "config").write_text(f"[default]\nregion = {REGION}\nendpoint_url = {server.url}\n")
        podman.run("pull", "--tls-verify=false", f"{host}/{repo}:v1")
        assert json.loads(podman.run("image", "inspect", f"{host}/{repo}:v1"))[0]["Digest"] == image.digest


def test_gc_dry_run_grace_and_table(env, ecr, repo):
    push_image(ecr, repo, tag="v1")
    assert ok_json("gc", "--dry-run", env=env)["gracePeriodSeconds"] == 3600
    assert ok_json("gc", "--dry-run", "--grace", "30m", env=env)["gracePeriodSeconds"] == 1800
    table = ok("gc", "--dry-run", "--grace", "2h", env=env)
    assert "blobs" in table and "7200 s" in table, table
    usage = run("gc", env=env)
    assert usage.returncode == 64 and "--dry-run" in usage.stderr
    assert run("gc", "--dry-run", "--grace", "soon", env=env).returncode == 64


def test_gc_dry_run_against_the_server(env, ecr, repo):
    """Berth's PreviewGarbageCollection through the CLI: deleted images' blobs are listed, nothing is removed."""
    push_image(ecr, repo, tag="v1")
    answer = ok_json("gc", "--dry-run", "--grace", "0s", env=env)
    assert set(answer) == {"gracePeriodSeconds", "blobsScanned", "blobs", "bytes", "expiredUploads"}
    assert answer["gracePeriodSeconds"] == 0
    assert answer["bytes"] == sum(blob["size"] for blob in answer["blobs"])
