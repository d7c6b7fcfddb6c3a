"""Two berth-server processes over one store, in both shapes a team runs: the embedded store shared on one disk
(SQLite file and blob folder), and PostgreSQL + S3 with no shared disk at all (each replica has its own empty data
folder). Clients alternate between them on every request and see one registry. The host keeps each upload's offset
and hash state in the metadata store and a lease per upload (the S3 plugin keeps the bytes' state in the bucket), so
an upload moves between replicas mid-way and two replicas never write one upload at once."""
import json
import os
import subprocess
import threading
import time

import images
import pytest
from conftest import BerthServer, server_binary
from oci_client import Registry, ecr_client, registry_password
from oci_layout import OCI_MANIFEST, make_image, read_layout, sha256, write_layout
from round_robin import RoundRobin
from shared_backends import PostgresAndS3
from test_oci_podman import podman  # noqa: F401 (fixture)


@pytest.fixture(scope="module", params=["shared-disk", "postgres-s3"])
def replicas(request, tmp_path_factory):
    base = tmp_path_factory.mktemp("replicas")
    if request.param == "shared-disk":
        backends = None
        first = BerthServer(server_binary(), str(base / "data")).start()
        second = BerthServer(server_binary(), str(base / "data")).start()
    else:
        backends = PostgresAndS3()
        env = backends.server_env()
        first = BerthServer(server_binary(), str(base / "data-a"), extra_env=env).start()
        second = BerthServer(server_binary(), str(base / "data-b"), extra_env=env).start()
    yield first, second
    first.stop()
    second.stop()
    if backends:
        backends.stop()


def test_a_chunked_upload_alternates_between_replicas(replicas):
    a, b = replicas
    ecr_a = ecr_client(a)
    ecr_a.create_repository(repositoryName="replica/chunks")
    # A token minted by one replica is accepted by the other (the signing secret lives in the shared store).
    password = registry_password(ecr_a)
    v2 = [Registry(a.url, password), Registry(b.url, password)]
    data = os.urandom(1_000_003)
    location = v2[0].start_upload("replica/chunks").split("://", 1)[1].split("/", 1)[1]
    chunks = [data[i : i + 200_000] for i in range(0, len(data), 200_000)]
    offset = 0
    for index, chunk in enumerate(chunks[:-1]):
        answer = v2[(index + 1) % 2].patch(
            "/" + location, data=chunk, headers={"Content-Range": f"{offset}-{offset + len(chunk) - 1}", "Content-Type": "application/octet-stream"}
        )
        assert answer.status_code == 202, answer.text
        offset += len(chunk)
        assert answer.headers["Range"] == f"0-{offset - 1}"
    done = v2[len(chunks) % 2].put("/" + location, params={"digest": sha256(data)}, data=chunks[-1], headers={"Content-Type": "application/octet-stream"})
    assert done.status_code == 201, done.text
    for client in v2:
        assert client.get(f"/v2/replica/chunks/blobs/{sha256(data)}").content == data


def test_ecr_layer_parts_go_to_both_and_the_image_is_seen_by_both(replicas):
    a, b = replicas
    clients = [ecr_client(a), ecr_client(b)]
    clients[0].create_repository(repositoryName="replica/ecr")
    layer = images.gzip_layer(12 * 1024 * 1024)
    upload = clients[1].initiate_layer_upload(repositoryName="replica/ecr")["uploadId"]
    part = 5 * 1024 * 1024
    for index, start in enumerate(range(0, len(layer), part)):
        piece = layer[start : start + part]
        clients[index % 2].upload_layer_part(
            repositoryName="replica/ecr", uploadId=upload, partFirstByte=start, partLastByte=start + len(piece) - 1, layerPartBlob=piece
        )
    clients[0].complete_layer_upload(repositoryName="replica/ecr", uploadId=upload, layerDigests=[sha256(layer)])
    config = images.config_blob("replicas")
    images.push_blob(clients[1], "replica/ecr", config)
    manifest = images.manifest_for(config, [layer])
    clients[1].put_image(repositoryName="replica/ecr", imageManifest=manifest.decode(), imageTag="v1")
    for client in clients:
        got = client.batch_get_image(repositoryName="replica/ecr", imageIds=[{"imageTag": "v1"}])["images"][0]
        assert got["imageManifest"].encode() == manifest
    v2 = Registry(b.url, registry_password(clients[0]))
    assert v2.get(f"/v2/replica/ecr/blobs/{sha256(layer)}").content == layer


def test_the_same_tag_pushed_concurrently_from_both_leaves_one_answer(replicas):
    a, b = replicas
    ecr_a, ecr_b = ecr_client(a), ecr_client(b)
    ecr_a.create_repository(repositoryName="replica/race")
    password = registry_password(ecr_a)
    candidates = [make_image(note=f"race-{i}") for i in range(6)]
    errors = []

    def push(server, image):
        try:
            Registry(server.url, password).push_image("replica/race", image, tag="latest")
        except Exception as error:  # noqa: BLE001 (collected and asserted below)
            errors.append(error)

    threads = [threading.Thread(target=push, args=(replicas[i % 2], image)) for i, image in enumerate(candidates)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    seen = [
        Registry(server.url, password).get("/v2/replica/race/manifests/latest", headers={"Accept": OCI_MANIFEST}).headers["Docker-Content-Digest"]
        for server in replicas
    ]
    assert seen[0] == seen[1] and seen[0] in [image.digest for image in candidates]
    tagged = [i for i in ecr_b.describe_images(repositoryName="replica/race")["imageDetails"] if "latest" in i.get("imageTags", [])]
    assert [i["imageDigest"] for i in tagged] == [seen[0]]


def test_a_replica_cannot_write_an_upload_another_is_writing(replicas):
    a, b = replicas
    ecr_a = ecr_client(a)
    ecr_a.create_repository(repositoryName="replica/lease")
    password = registry_password(ecr_a)
    first, second = Registry(a.url, password), Registry(b.url, password)
    location = first.start_upload("replica/lease")
    path = "/" + location.split("://", 1)[1].split("/", 1)[1]
    started = threading.Event()

    def slow_body():
        yield b"x" * 1000
        started.set()
        time.sleep(2)
        yield b"y" * 1000

    holder = {}
    thread = threading.Thread(
        target=lambda: holder.update(answer=first.patch(path, data=slow_body(), headers={"Content-Type": "application/octet-stream"}))
    )
    thread.start()
    assert started.wait(10)
    time.sleep(0.5)
    refused = second.patch(path, data=b"z" * 10, headers={"Content-Type": "application/octet-stream"})
    thread.join(30)
    assert refused.status_code == 416, refused.text
    assert refused.json()["errors"][0]["code"] == "RANGE_INVALID"
    assert holder["answer"].status_code == 202 and holder["answer"].headers["Range"] == "0-1999"
    status = second.get(path)
    assert status.headers["Range"] == "0-1999"


def skopeo(*args):
    result = subprocess.run(["skopeo", *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"skopeo {' '.join(args)}: {result.stderr}"
    return result.stdout


def test_skopeo_through_a_round_robin_of_both(replicas, tmp_path):
    a, b = replicas
    ecr_a = ecr_client(a)
    ecr_a.create_repository(repositoryName="replica/skopeo")
    password = registry_password(ecr_a)
    proxy = RoundRobin([a.url, b.url]).start()
    try:
        big = os.urandom(3 * 1024 * 1024)
        image = make_image(note="round robin", layer_files=({"big.bin": big}, {"small.txt": b"small\n"}))
        layout = write_layout(str(tmp_path / "in"), image)
        creds = f"AWS:{password}"
        skopeo("copy", "--dest-tls-verify=false", "--dest-creds", creds, f"oci:{layout}:latest", f"docker://{proxy.host}/replica/skopeo:v1")
        skopeo("copy", "--src-tls-verify=false", "--src-creds", creds, f"docker://{proxy.host}/replica/skopeo:v1", f"oci:{tmp_path}/out:v1")
        assert read_layout(str(tmp_path / "out"), tag="v1").digest == image.digest
        inspected = json.loads(skopeo("inspect", "--tls-verify=false", "--creds", creds, f"docker://{proxy.host}/replica/skopeo:v1"))
        assert inspected["Digest"] == image.digest
        assert min(proxy.served) > 3, proxy.served
    finally:
        proxy.stop()
    for server in replicas:
        described = ecr_client(server).describe_images(repositoryName="replica/skopeo")["imageDetails"]
        assert [d["imageDigest"] for d in described] == [image.digest]


def test_podman_through_a_round_robin_of_both(replicas, podman, tmp_path):  # noqa: F811 (fixture)
    a, b = replicas
    ecr_a = ecr_client(a)
    ecr_a.create_repository(repositoryName="replica/podman")
    proxy = RoundRobin([a.url, b.url]).start()
    try:
        login = ["--tls-verify=false", "--creds", f"AWS:{registry_password(ecr_a)}"]
        image = make_image(note="podman round robin", layer_files=({"srv/a.txt": b"podman through both replicas\n"},))
        layout = write_layout(str(tmp_path / "layout"), image)
        podman("pull", f"oci:{layout}:latest")
        local = podman("images", "--quiet", "--no-trunc").split()[0]
        digest_file = tmp_path / "digest"
        podman("push", *login, "--digestfile", str(digest_file), local, f"docker://{proxy.host}/replica/podman:v1")
        podman("rmi", "--all", "--force")
        podman("pull", *login, f"{proxy.host}/replica/podman:v1")
        pulled = json.loads(podman("image", "inspect", f"{proxy.host}/replica/podman:v1"))[0]
        assert pulled["Digest"] == digest_file.read_text().strip()
        assert pulled["RootFS"]["Layers"] == json.loads(image.config)["rootfs"]["diff_ids"]
        assert min(proxy.served) > 3, proxy.served
    finally:
        proxy.stop()
