"""`berth push` and `berth pull` against a real server: OCI layouts and docker archives in and out byte for byte,
skopeo on the other side, skipped blobs, multi-platform indexes, a push that survives a server restart, a pull that
resumes a .partial file, the progress display on a terminal and off it, and the one-line errors."""
import gzip
import json
import os
import subprocess
import threading
import time

import pytest
from berth_cli_transfer_support import (
    DOCKER_CONFIG,
    DOCKER_GZIP_LAYER,
    DOCKER_MANIFEST,
    DOCKER_TAR_LAYER,
    MiB,
    berth,
    berth_ok,
    cli_binary,
    cli_env,
    final_digest,
    log_lines,
    log_size,
    operations,
    write_docker_archive,
)
from oci_client import make_repo, spare_server, v2  # noqa: F401 (fixtures)
from oci_layout import OCI_INDEX, OCI_MANIFEST, REF_NAME, layer_tar, make_image, make_index, read_layout, sha256, write_layout


def skopeo(*args):
    result = subprocess.run(["skopeo", "--insecure-policy", *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def random_image(note, sizes):
    """An OCI image whose layers are tars of `sizes` random bytes each (gzip at level 1: about as large)."""
    return make_image(note=note, layer_files=tuple({f"data-{i}.bin": os.urandom(size)} for i, size in enumerate(sizes)))


def assert_same_image(pulled, image):
    assert pulled.manifest == image.manifest
    assert pulled.config == image.config
    assert pulled.layers == image.layers


def test_push_a_layout_and_pull_it_into_a_new_layout_byte_for_byte(server, v2, repo, tmp_path):
    # Four layers; the 20 MiB one takes two 16 MiB chunks.
    image = random_image("round-trip", [20 * MiB, 3 * MiB, 100_000, 10])
    source = write_layout(str(tmp_path / "source"), image, tag="v1")

    pushed = berth_ok(server.url, tmp_path, "push", source, f"{repo}:v1")
    assert final_digest(pushed.stdout) == image.digest
    assert pushed.stdout.count("pushed sha256:") == 5  # config + four layers, one plain line each
    assert "MiB/s" in pushed.stdout
    served = v2.get(f"/v2/{repo}/manifests/v1", headers={"Accept": OCI_MANIFEST})
    assert served.content == image.manifest and served.headers["Docker-Content-Digest"] == image.digest

    target = str(tmp_path / "target")
    pulled = berth_ok(server.url, tmp_path, "pull", f"{repo}:v1", target)
    assert final_digest(pulled.stdout) == image.digest
    assert_same_image(read_layout(target, tag="v1"), image)
    with open(os.path.join(target, "oci-layout")) as f:
        assert json.load(f) == {"imageLayoutVersion": "1.0.0"}
    assert not [name for name in os.listdir(os.path.join(target, "blobs", "sha256")) if name.endswith(".partial")]

    # By digest, into the same layout: added beside the tagged entry, every blob already there.
    again = berth_ok(server.url, tmp_path, "pull", f"{repo}@{image.digest}", target)
    assert "downloaded 0 blob(s)" in again.stdout and again.stdout.count("exists sha256:") == 5
    with open(os.path.join(target, "index.json")) as f:
        entries = json.load(f)["manifests"]
    assert [e["digest"] for e in entries] == [image.digest, image.digest]
    assert [e.get("annotations", {}).get(REF_NAME) for e in entries] == ["v1", None]


def test_pull_adds_to_an_existing_layout_and_replaces_its_tag(server, repo, tmp_path):
    first, second = random_image("first", [1000]), random_image("second", [2000])
    target = str(tmp_path / "layout")
    write_layout(target, first, tag="keep")
    berth_ok(server.url, tmp_path, "push", write_layout(str(tmp_path / "s1"), first, tag="v1"), f"{repo}:v1")
    berth_ok(server.url, tmp_path, "push", write_layout(str(tmp_path / "s2"), second, tag="v2"), f"{repo}:v2")
    berth_ok(server.url, tmp_path, "pull", f"{repo}:v1", target)
    berth_ok(server.url, tmp_path, "pull", f"{repo}:v2", target)
    berth_ok(server.url, tmp_path, "pull", f"{repo}:v2", target)
    with open(os.path.join(target, "index.json")) as f:
        names = [e["annotations"][REF_NAME] for e in json.load(f)["manifests"]]
    assert sorted(names) == ["keep", "v1", "v2"]
    assert_same_image(read_layout(target, tag="keep"), first)
    assert_same_image(read_layout(target, tag="v2"), second)


def test_skopeo_reads_what_berth_pushed_and_berth_pulls_what_skopeo_pushed(server, v2, repo, tmp_path):
    creds = ["--creds", f"AWS:{v2.password}", "--tls-verify=false"]
    image = random_image("berth-to-skopeo", [2 * MiB, 50_000])
    berth_ok(server.url, tmp_path, "push", write_layout(str(tmp_path / "src"), image, tag="latest"), f"{repo}:from-berth")
    assert skopeo("inspect", "--raw", *creds, f"docker://{v2.host}/{repo}:from-berth").encode() == image.manifest
    inspected = json.loads(skopeo("inspect", *creds, f"docker://{v2.host}/{repo}:from-berth"))
    assert inspected["Digest"] == image.digest and inspected["Layers"] == [sha256(layer) for layer in image.layers]
    copied = str(tmp_path / "skopeo-out")
    skopeo("copy", "--src-creds", f"AWS:{v2.password}", "--src-tls-verify=false", f"docker://{v2.host}/{repo}:from-berth", f"oci:{copied}:c")
    assert_same_image(read_layout(copied, tag="c"), image)

    other = random_image("skopeo-to-berth", [1 * MiB, 7])
    source = write_layout(str(tmp_path / "skopeo-src"), other, tag="latest")
    skopeo("copy", "--dest-creds", f"AWS:{v2.password}", "--dest-tls-verify=false", f"oci:{source}:latest", f"docker://{v2.host}/{repo}:from-skopeo")
    target = str(tmp_path / "berth-out")
    pulled = berth_ok(server.url, tmp_path, "pull", f"{repo}:from-skopeo", target)
    assert final_digest(pulled.stdout) == other.digest
    assert_same_image(read_layout(target, tag="from-skopeo"), other)


@pytest.mark.parametrize("style", ["legacy", "blobs"])
def test_docker_archive_pushes_as_a_docker_schema2_image_and_pulls_back(server, v2, repo, tmp_path, style):
    raw_a, gzip_a = layer_tar({"a.bin": os.urandom(2 * MiB)})
    raw_b, _ = layer_tar({"b.txt": b"plain tar layer\n" * 1000})
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [sha256(raw_a), sha256(raw_b)]}}).encode()
    archive = str(tmp_path / "image.tar")
    layer_digests = write_docker_archive(archive, config, [gzip_a, raw_b], f"example/app:{style}", style=style)

    pushed = berth_ok(server.url, tmp_path, "push", archive, f"{repo}:{style}")
    served = v2.get(f"/v2/{repo}/manifests/{style}", headers={"Accept": DOCKER_MANIFEST})
    assert served.status_code == 200 and served.headers["Content-Type"] == DOCKER_MANIFEST
    assert final_digest(pushed.stdout) == sha256(served.content)
    manifest = json.loads(served.content)
    assert manifest["schemaVersion"] == 2 and manifest["mediaType"] == DOCKER_MANIFEST
    assert manifest["config"] == {"mediaType": DOCKER_CONFIG, "size": len(config), "digest": sha256(config)}
    assert [layer["digest"] for layer in manifest["layers"]] == layer_digests
    expected_types = [DOCKER_GZIP_LAYER, DOCKER_TAR_LAYER] + ([DOCKER_GZIP_LAYER] if style == "legacy" else [])
    assert [layer["mediaType"] for layer in manifest["layers"]] == expected_types
    assert v2.get(f"/v2/{repo}/blobs/{sha256(raw_b)}").content == raw_b

    target = str(tmp_path / "pulled")
    berth_ok(server.url, tmp_path, "pull", f"{repo}:{style}", target)
    with open(os.path.join(target, "index.json")) as f:
        entry = json.load(f)["manifests"][0]
    assert entry["mediaType"] == DOCKER_MANIFEST and entry["digest"] == sha256(served.content)
    with open(os.path.join(target, "blobs", "sha256", sha256(gzip_a).split(":")[1]), "rb") as f:
        assert f.read() == gzip_a
    assert gzip.decompress(gzip_a) == raw_a


def test_a_second_push_uploads_nothing(server, repo, tmp_path):
    image = random_image("twice", [4 * MiB, 1 * MiB])
    source = write_layout(str(tmp_path / "src"), image, tag="v1")
    berth_ok(server.url, tmp_path, "push", source, f"{repo}:v1")
    start = log_size(server)
    second = berth_ok(server.url, tmp_path, "push", source, f"{repo}:v2")
    assert "uploaded 0 blob(s), 0 B; 3 already present" in second.stdout
    assert second.stdout.count("exists sha256:") == 3 and "pushed sha256:" not in second.stdout
    lines, _ = log_lines(server, start)
    ops = [op for op, _, _, _ in operations(lines, repo)]
    assert ops.count("HEAD blob") == 3 and ops.count("PUT manifest") == 1
    assert not [op for op in ops if op.endswith("upload")]


def test_a_multi_platform_index_pushes_every_child_and_pulls_them_all(server, v2, repo, tmp_path):
    index = make_index(platforms=(("amd64", "linux"), ("arm64", "linux"), ("s390x", "linux")), note="berth-multi")
    pushed = berth_ok(server.url, tmp_path, "push", write_layout(str(tmp_path / "src"), index, tag="multi"), f"{repo}:multi")
    assert final_digest(pushed.stdout) == index.digest
    served = v2.get(f"/v2/{repo}/manifests/multi", headers={"Accept": OCI_INDEX})
    assert served.content == index.manifest and served.headers["Content-Type"] == OCI_INDEX
    for child in index.images:
        assert v2.get(f"/v2/{repo}/manifests/{child.digest}", headers={"Accept": OCI_MANIFEST}).content == child.manifest

    target = str(tmp_path / "pulled")
    pulled = berth_ok(server.url, tmp_path, "pull", f"{repo}:multi", target)
    assert final_digest(pulled.stdout) == index.digest
    copy = read_layout(target, tag="multi")
    assert copy.manifest == index.manifest
    for got, want in zip(copy.images, index.images):
        assert_same_image(got, want)


def test_a_push_interrupted_by_a_server_restart_resumes_its_upload(spare_server, tmp_path):
    server, ecr, registry = spare_server()
    ecr.create_repository(repositoryName="resume/app")
    layer = os.urandom(96 * MiB)
    image = make_image(note="resume", layer_files=({"big.bin": layer},))
    source = write_layout(str(tmp_path / "src"), image, tag="v1")
    restarted = threading.Event()

    def restart_after_some_bytes():
        deadline = time.time() + 120
        while time.time() < deadline:
            lines, _ = log_lines(server)
            if any(op == "PATCH upload" and status == 202 for op, status, _, _ in operations(lines, "resume/app")):
                server.restart()
                restarted.set()
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=restart_after_some_bytes)
    watcher.start()
    result = berth(server.url, tmp_path, "push", "--jobs", "2", source, "resume/app:v1", timeout=300)
    watcher.join()
    assert restarted.is_set(), "the push ended before any chunk arrived"
    assert result.returncode == 0, result.stdout + result.stderr
    assert final_digest(result.stdout) == image.digest
    assert "retrying" in result.stderr  # it saw the restart

    # The upload continued in its session (one POST for the big layer) from the offset the session reported.
    ops = operations(log_lines(server)[0], "resume/app")
    assert [op for op, _, _, _ in ops].count("POST upload") == 2  # config + layer, each once
    assert ("GET upload", 204) in [(op, status) for op, status, _, _ in ops]
    assert sum(size for op, status, size, _ in ops if op == "PATCH upload" and status == 202) == len(image.layers[0]) + len(image.config)

    target = str(tmp_path / "pulled")
    pulled = berth_ok(registry.url, tmp_path, "pull", "resume/app:v1", target)
    assert final_digest(pulled.stdout) == image.digest
    assert_same_image(read_layout(target, tag="v1"), image)


def test_a_pull_interrupted_by_a_server_restart_retries_and_completes(spare_server, tmp_path):
    server, ecr, _ = spare_server()
    ecr.create_repository(repositoryName="resume/pull")
    image = random_image("resume-pull", [32 * MiB, 32 * MiB, 32 * MiB])
    berth_ok(server.url, tmp_path, "push", write_layout(str(tmp_path / "src"), image, tag="v1"), "resume/pull:v1")
    target = tmp_path / "pulled"
    blobs = target / "blobs" / "sha256"
    restarted = threading.Event()

    def restart_once_bytes_arrive():
        deadline = time.time() + 120
        while time.time() < deadline:
            partials = list(blobs.glob("*.partial")) if blobs.exists() else []
            if any(p.exists() and p.stat().st_size > MiB for p in partials):
                server.restart()
                restarted.set()
                return
            time.sleep(0.002)

    watcher = threading.Thread(target=restart_once_bytes_arrive)
    watcher.start()
    result = berth(server.url, tmp_path, "pull", "--jobs", "1", "resume/pull:v1", str(target), timeout=300)
    watcher.join()
    assert restarted.is_set(), "the pull ended before any bytes arrived"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "retrying" in result.stderr
    assert final_digest(result.stdout) == image.digest
    assert_same_image(read_layout(str(target), tag="v1"), image)
    assert not list(blobs.glob("*.partial"))


def test_a_pull_resumes_a_partial_blob_with_a_range_request(server, repo, tmp_path):
    image = random_image("partial", [6 * MiB])
    berth_ok(server.url, tmp_path, "push", write_layout(str(tmp_path / "src"), image, tag="v1"), f"{repo}:v1")
    target = tmp_path / "pulled"
    blobs = target / "blobs" / "sha256"
    blobs.mkdir(parents=True)
    layer = image.layers[0]
    (blobs / (sha256(layer).split(":")[1] + ".partial")).write_bytes(layer[: 4 * MiB])
    start = log_size(server)
    berth_ok(server.url, tmp_path, "pull", f"{repo}:v1", str(target))
    assert_same_image(read_layout(str(target), tag="v1"), image)
    gets = [(status, out) for op, status, _, out in operations(log_lines(server, start)[0], repo) if op == "GET blob"]
    assert (206, len(layer) - 4 * MiB) in gets


def run_in_pty(server_url, tmp_path, *args):
    """Runs berth with stdout on a pseudo-terminal; returns (exit code, everything written to the terminal)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    process = subprocess.Popen([cli_binary(), *args], env=cli_env(server_url, tmp_path), stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    process.wait(timeout=120)
    return process.returncode, output.decode(errors="replace")


def test_progress_bars_on_a_terminal_and_plain_lines_without_one(server, repo, tmp_path):
    image = random_image("progress", [24 * MiB, 24 * MiB, 1 * MiB])
    source = write_layout(str(tmp_path / "src"), image, tag="v1")
    code, screen = run_in_pty(server.url, tmp_path, "push", source, f"{repo}:v1")
    assert code == 0, screen
    assert "\x1b[2K" in screen and "\x1b[" in screen.split("\x1b[2K", 2)[2]  # redrawn in place
    assert "[====" in screen and "MiB/s" in screen and "ETA" in screen and "total 4/4" in screen
    assert screen.rstrip().splitlines()[-1].endswith(image.digest)

    code, screen = run_in_pty(server.url, tmp_path, "pull", f"{repo}:v1", str(tmp_path / "pulled"))
    assert code == 0 and "\x1b[2K" in screen and "MiB/s" in screen

    plain = berth_ok(server.url, tmp_path, "pull", f"{repo}:v1", str(tmp_path / "plain"))
    assert "\x1b" not in plain.stdout
    lines = plain.stdout.strip().splitlines()
    assert len(lines) == 6 and all(line.startswith("pulled sha256:") for line in lines[:4])
    assert lines[4].startswith("downloaded 4 blob(s)") and lines[4].endswith("MiB/s)")
    assert lines[5] == f"pulled {repo}:v1 {image.digest}"


def test_failures_print_one_line_and_exit_with_the_cli_codes(server, repo, spare_server, tmp_path):
    image = random_image("errors", [1000])
    source = write_layout(str(tmp_path / "src"), image, tag="v1")

    def fails(result, text, code=1):
        assert result.returncode == code, result.stderr
        assert result.stderr.strip().count("\n") == 0 and text in result.stderr, result.stderr
        assert "\x1b" not in result.stderr

    from conftest import free_port

    fails(berth(f"http://127.0.0.1:{free_port()}", tmp_path, "push", source, f"{repo}:v1"), "unreachable", code=3)
    bad_keys = cli_env(server.url, tmp_path, secret_key="not-the-secret-key-000000000000000000000")
    fails(berth(server.url, tmp_path, "push", source, f"{repo}:v1", env=bad_keys), "authentication refused")
    fails(berth(server.url, tmp_path, "push", source, "no/such-repository:v1"), "repository no/such-repository does not exist")
    fails(berth(server.url, tmp_path, "pull", f"{repo}:missing", str(tmp_path / "out")), f"no image {repo}:missing")
    fails(berth(server.url, tmp_path, "push", str(tmp_path / "nothing-here"), f"{repo}:v1"), "does not exist", code=2)
    fails(berth(server.url, tmp_path, "push", source, "Bad Name:v1"), "invalid repository name", code=2)

    # A layout blob whose bytes changed: the registry refuses the digest.
    corrupt = write_layout(str(tmp_path / "corrupt"), image, tag="v1")
    layer_path = os.path.join(corrupt, "blobs", "sha256", sha256(image.layers[0]).split(":")[1])
    with open(layer_path, "r+b") as f:
        f.write(b"\x00" * 8)
    fails(berth(server.url, tmp_path, "push", corrupt, f"{repo}:v1"), "digest mismatch")

    # A registry serving bytes that do not match: the pull refuses them and keeps nothing.
    spare, spare_ecr, _ = spare_server()
    spare_ecr.create_repository(repositoryName="bad/bytes")
    berth_ok(spare.url, tmp_path, "push", source, "bad/bytes:v1")
    stored = os.path.join(spare.data_dir, "blobs", "sha256", sha256(image.layers[0]).split(":")[1][:2], sha256(image.layers[0]).split(":")[1])
    with open(stored, "r+b") as f:
        f.write(b"\x00" * 8)
    out = tmp_path / "bad-pull"
    fails(berth(spare.url, tmp_path, "pull", "bad/bytes:v1", str(out)), "digest mismatch")
    assert not (out / "blobs" / "sha256" / sha256(image.layers[0]).split(":")[1]).exists()
