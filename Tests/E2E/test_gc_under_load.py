"""Online garbage collection while pushes and deletes continue, in both shapes a team runs: the embedded store (one
server, one data folder, the worker on the same folder) and PostgreSQL + S3 (two replicas, pushers spread over both,
the worker on the same plugin stores).

8 pushers push 200 images over raw /v2 like docker (HEAD each blob, upload the absent ones monolithically, PUT the
manifest); images share layers from a pool of 40 and each has its own config (every other one a layer of its own). A
deleter removes every third image (ECR BatchDeleteImage) shortly after it lands, while berth-worker runs a pass every
second. A pusher told MANIFEST_BLOB_UNKNOWN (the documented retryable answer: a collector took a blob between the
HEAD and the PUT) uploads what is missing again and retries; anything else is a failed push. Afterwards no push may
have failed, every remaining image pulls whole with the right digests, and one more pass after the grace leaves the
blob store holding exactly the blobs remaining images reference. The figures go to stdout (`-s`) and to
/tmp/berth-gc-load-<shape>.json."""
import json
import os
import time

import pytest
from conftest import BerthServer, server_binary
from gc_load_helpers import BackgroundWorker, fs_blob_digests, pass_lines, pass_totals, run_worker, s3_blob_digests
from gc_load_traffic import Traffic, make_images
from oci_client import Registry, ecr_client, registry_password
from oci_layout import OCI_MANIFEST, sha256
from shared_backends import PostgresAndS3

IMAGES = 200
PUSHERS = 8
REPOS = ["load/alpha", "load/beta", "load/gamma", "load/delta"]

# The worker runs a pass every second, so a blob is collected soon after it qualifies. The grace is the window a
# client may take between uploading (or HEADing) a blob and PUTting the manifest that references it, so it must
# exceed how long one image's push takes under this load, yet be short enough that deleted images' blobs go while the
# pushers keep going:
# - embedded: a push takes well under a second and the load ~20 s. 3 s lets the config and own layer of every third
#   image (deleted ~0.3 s after its push) go within a few passes. 3 s is also shorter than the 5 s by which an
#   existence check may leave a link's use time stale, so a layer wanted again (the rebuilt layers of
#   gc_load_traffic.make_images) can be collected between a pusher's HEAD ("present") and its manifest PUT: the fence
#   answers MANIFEST_BLOB_UNKNOWN and the pusher uploads again, like a real client.
# - postgres-s3: the throwaway S3 (moto) and PostgreSQL serve the 8 pushers at ~2 images/s, so one image's push
#   takes 4 s at the median and up to ~9 s (measured without a worker). A 3 s grace collects blobs of images still
#   being pushed (the pushers' retries then never finish: measured, 2 of 200 pushes gave up after 10
#   MANIFEST_BLOB_UNKNOWN answers). 20 s covers the slowest push with margin; the load lasts ~100 s, so deleted
#   images' blobs still go while it runs.
INTERVAL = "1s"
GRACE_SECONDS = {"embedded": 3, "postgres-s3": 20}


class Shape:
    """The servers of one shape, how the worker points at the same stores, and how to list the blob store."""

    def __init__(self, name, servers, worker_args, worker_env, list_blobs, backends=None):
        self.name = name
        self.grace_seconds = GRACE_SECONDS[name]
        self.grace = f"{self.grace_seconds}s"
        self.servers = servers
        self.worker_args = worker_args
        self.worker_env = worker_env
        self.list_blobs = list_blobs
        self.backends = backends

    def stop(self):
        for server in self.servers:
            server.stop()
        if self.backends:
            self.backends.stop()


@pytest.fixture(params=["embedded", "postgres-s3"])
def shape(request, tmp_path):
    if request.param == "embedded":
        data = str(tmp_path / "data")
        server = BerthServer(server_binary(), data)
        made = Shape("embedded", [server], ["--data-dir", data], {}, lambda: fs_blob_digests(data))
        try:
            server.start()
        except Exception:
            made.stop()
            raise
    else:
        backends = PostgresAndS3()
        env = backends.server_env()
        servers = [BerthServer(server_binary(), str(tmp_path / "data-a"), extra_env=env),
                   BerthServer(server_binary(), str(tmp_path / "data-b"), extra_env=env)]
        made = Shape("postgres-s3", servers, ["--data-dir", str(tmp_path / "data-worker")], env, lambda: s3_blob_digests(backends), backends)
        try:
            for server in servers:
                server.start()
        except Exception:
            made.stop()
            raise
    yield made
    made.stop()


def pull_problems(registry, image):
    """What is wrong pulling `image` through /v2 (by tag and by digest, then every blob): an empty list when whole."""
    problems = []
    for reference in (image.tag, image.digest):
        answer = registry.get(f"/v2/{image.repo}/manifests/{reference}", headers={"Accept": OCI_MANIFEST})
        if answer.status_code != 200 or answer.content != image.manifest:
            problems.append(f"manifest {image.repo}:{reference} -> {answer.status_code} {answer.text[:200]}")
    for digest in image.blob_digests:
        answer = registry.get(f"/v2/{image.repo}/blobs/{digest}", allow_redirects=True)
        if answer.status_code != 200 or sha256(answer.content) != digest:
            problems.append(f"blob {image.repo}@{digest} -> {answer.status_code} {answer.text[:200] if answer.status_code != 200 else 'wrong digest'}")
    return problems


def test_gc_under_load(shape, tmp_path):
    clients = [ecr_client(server) for server in shape.servers]
    for repo in REPOS:
        clients[0].create_repository(repositoryName=repo)
    password = registry_password(clients[0])
    images = make_images(IMAGES, REPOS)
    traffic = Traffic(images, [server.url for server in shape.servers], password, clients, pushers=PUSHERS)

    loop = BackgroundWorker(shape.worker_args, "--interval", INTERVAL, "--gc-grace", shape.grace, env=shape.worker_env,
                            log_path=str(tmp_path / "worker-loop.log"))
    started = time.time()
    try:
        loop.start()
        assert loop.wait_for("pass done", timeout=30), loop.log()
        load_seconds = traffic.run()
        # One more pass after the last delete, so the loop's figures include the tail of the load.
        time.sleep(1.5)
    finally:
        loop.stop()
    loop_log = loop.log()
    during = pass_totals(loop_log)
    figures = traffic.figures

    # Every remaining image pulls whole (images alternate between the replicas); ECR lists exactly those.
    remaining = traffic.remaining()
    registries = [Registry(server.url, password) for server in shape.servers]
    pull_failures = [problem for n, image in enumerate(remaining) for problem in pull_problems(registries[n % len(registries)], image)]
    listed = {
        (repo, entry["imageDigest"])
        for repo in REPOS
        for page in clients[-1].get_paginator("list_images").paginate(repositoryName=repo)
        for entry in page["imageIds"]
    }

    # After the grace (the pulls just used the links), one more pass leaves exactly the referenced blobs.
    # The loop worker was stopped with SIGTERM, which gives the `worker` lease up, so this pass starts at once.
    time.sleep(shape.grace_seconds + 1)
    waited = time.time()
    final = run_worker(shape.worker_args, "--once", "--gc-grace", shape.grace, env=shape.worker_env, timeout=150)
    final_seconds = time.time() - waited
    final_fields = pass_lines(final.stderr)[-1]
    referenced = {digest for image in remaining for digest in image.blob_digests}
    stored = shape.list_blobs()
    uploaded_digests = {digest for image in traffic.pushed.values() for digest in image.blob_digests}

    summary = {
        "shape": shape.name,
        "replicas": len(shape.servers),
        "worker_interval": INTERVAL,
        "gc_grace": shape.grace,
        "images_pushed": figures.images_pushed,
        "images_deleted": figures.images_deleted,
        "images_remaining": len(remaining),
        "blobs_uploaded": figures.blobs_uploaded,
        "blob_heads_present": figures.blob_heads_present,
        "distinct_blobs_pushed": len(uploaded_digests),
        "gc_passes_during_load": during.get("passes", 0),
        "gc_blobs_deleted_during_load": during.get("blobs_deleted", 0),
        "gc_bytes_freed_during_load": during.get("bytes_freed", 0),
        "gc_errors_during_load": during.get("errors", 0),
        "gc_claims_finished_during_load": during.get("claims_finished", 0),
        "load_seconds": round(load_seconds, 2),
        "retryable_errors_seen": figures.retryable_errors,
        "failed_pushes": figures.failed_pushes,
        "failed_deletes": figures.failed_deletes,
        "pull_failures": len(pull_failures),
        "final_pass_blobs_deleted": int(final_fields.get("blobs_deleted", -1)),
        "final_pass_bytes_freed": int(final_fields.get("bytes_freed", -1)),
        "final_pass_seconds_including_lease_wait": round(final_seconds, 2),
        "blobs_in_store_after": len(stored),
        "blobs_referenced_after": len(referenced),
        "total_seconds": round(time.time() - started, 2),
    }
    with open(f"/tmp/berth-gc-load-{shape.name}.json", "w") as f:
        json.dump({**summary, "retries": figures.retries[:20], "failures": figures.failures[:20], "pull_failure_details": pull_failures[:20]}, f, indent=2)
    print(f"\nberth gc under load ({shape.name}): " + json.dumps(summary, indent=2))

    assert figures.failed_pushes == 0, "\n".join(figures.failures[:10])
    assert figures.failed_deletes == 0, "\n".join(figures.failures[:10])
    assert figures.images_pushed == IMAGES
    assert figures.images_deleted == len(range(0, IMAGES, 3))
    assert "pass failed" not in loop_log, loop_log[-3000:]
    assert during["passes"] >= 3, loop_log[-3000:]
    assert during.get("errors", 0) == 0, [line for line in loop_log.splitlines() if "errors=0" not in line][-10:]
    assert during.get("blobs_deleted", 0) > 0, "GC deleted nothing during the load:\n" + loop_log[-3000:]
    assert pull_failures == [], "\n".join(pull_failures[:20])
    assert listed == {(image.repo, image.digest) for image in remaining}
    assert final_fields["errors"] == "0", final.stderr
    assert stored - referenced == set(), f"{len(stored - referenced)} unreferenced blobs left after the final pass: {sorted(stored - referenced)[:5]}"
    assert referenced - stored == set(), f"{len(referenced - stored)} referenced blobs missing from the store: {sorted(referenced - stored)[:5]}"
