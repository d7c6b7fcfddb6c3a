"""berth-worker executes lifecycle policies exactly as the preview shows them: a repository of prod-*, dev-* and
untagged images pushed at chosen ages (the server restarted with its clock further ahead before each batch, as in
test_lifecycle.py), a policy of three rules (keep the newest prod images, archive old dev ones, expire old untagged
ones), then StartLifecyclePolicyPreview / GetLifecyclePolicyPreview, `berth-worker --dry-run` (same counts, nothing
changes) and `berth-worker --once` on the same data folder with the same clock: the images it expires are the
preview's EXPIRE results, the ones it archives its TRANSITION results, the rest are untouched, their freed blobs go in
the same pass, and lastEvaluatedAt is recorded. Also: a second worker waits while another holds the lease."""
import json

import images
from gc_load_helpers import BackgroundWorker, fs_blob_digests, pass_lines, run_worker
from oci_client import spare_server  # noqa: F401 (fixture)
from oci_layout import sha256

DAY = 86400
REPO = "lifecycle/worker"

# name -> phase; phase n is pushed while the server's clock runs 10*n days ahead. The last phase's clock (30 days
# ahead) is the one the preview and the worker run with, so phase 0 is 30 days old, 1 is 20, 2 is 10 and 3 is new.
PUSHES = [
    ("prod-1", 0), ("prod-2", 0), ("dev-1", 0), ("untagged-1", 0),
    ("prod-3", 1), ("dev-2", 1), ("untagged-2", 1),
    ("prod-4", 2), ("prod-5", 2), ("dev-3", 2), ("untagged-3", 2),
    ("prod-6", 3), ("dev-4", 3), ("untagged-4", 3),
]
PHASES = 4

POLICY = json.dumps(
    {
        "rules": [
            {"rulePriority": 1, "description": "keep the newest three prod images",
             "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod"], "countType": "imageCountMoreThan", "countNumber": 3},
             "action": {"type": "expire"}},
            {"rulePriority": 2, "description": "archive dev images older than 15 days",
             "selection": {"tagStatus": "tagged", "tagPrefixList": ["dev"], "countType": "sinceImagePushed", "countUnit": "days",
                           "countNumber": 15},
             "action": {"type": "transition", "targetStorageClass": "archive"}},
            {"rulePriority": 3, "description": "expire untagged images older than 14 days",
             "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
             "action": {"type": "expire"}},
        ]
    }
)
EXPECTED_EXPIRED = {"prod-1", "prod-2", "prod-3", "untagged-1", "untagged-2"}
EXPECTED_ARCHIVED = {"dev-1", "dev-2"}


def details(ecr):
    """{digest: (sorted tags, pushedAt, imageStatus)} of every image, archived ones included."""
    found = {}
    for page in ecr.get_paginator("describe_images").paginate(repositoryName=REPO, filter={"imageStatus": "ANY"}):
        for detail in page["imageDetails"]:
            found[detail["imageDigest"]] = (sorted(detail.get("imageTags", [])), detail["imagePushedAt"], detail.get("imageStatus"))
    return found


def test_the_worker_does_what_the_preview_shows(spare_server):
    server, ecr, _ = spare_server()
    ecr.create_repository(repositoryName=REPO)
    pushed = {}  # name -> (digest, blob digests)
    for phase in range(PHASES):
        if phase:
            server.extra_env["BERTH_CLOCK_SKEW_SECONDS"] = str(10 * DAY * phase)
            server.restart()
        for name, when in PUSHES:
            if when == phase:
                manifest, digest, config, layers = images.push_image(
                    ecr, REPO, tag=None if name.startswith("untagged") else name, note=f"lifecycle-{name}"
                )
                pushed[name] = (digest, [sha256(blob) for blob in [config, *layers]])
    skew = {"BERTH_CLOCK_SKEW_SECONDS": server.extra_env["BERTH_CLOCK_SKEW_SECONDS"]}
    names = {digest: name for name, (digest, _) in pushed.items()}
    store = ["--data-dir", server.data_dir]

    ecr.put_lifecycle_policy(repositoryName=REPO, lifecyclePolicyText=POLICY)
    ecr.start_lifecycle_policy_preview(repositoryName=REPO)
    preview = ecr.get_lifecycle_policy_preview(repositoryName=REPO)
    assert preview["status"] == "COMPLETE"
    results = {names[r["imageDigest"]]: r for r in preview["previewResults"]}
    to_expire = {name for name, r in results.items() if r["action"]["type"] == "EXPIRE"}
    to_archive = {name for name, r in results.items() if r["action"]["type"] == "TRANSITION"}
    assert to_expire == EXPECTED_EXPIRED, results
    assert to_archive == EXPECTED_ARCHIVED, results
    assert all(results[n]["action"] == {"type": "TRANSITION", "targetStorageClass": "ARCHIVE"} for n in to_archive)
    assert preview["summary"]["expiringImageTotalCount"] == len(to_expire)

    before = details(ecr)
    assert set(before) == {digest for digest, _ in pushed.values()}
    evaluated_before = ecr.get_lifecycle_policy(repositoryName=REPO).get("lastEvaluatedAt")
    blobs_before = fs_blob_digests(server.data_dir)

    # A dry run reports the same counts and changes nothing.
    dry = run_worker(store, "--dry-run", env=skew)
    summary = [line for line in dry.stdout.splitlines() if line.startswith("dry run:")]
    assert summary, dry.stdout + dry.stderr
    assert f"{len(to_expire)} images expired and {len(to_archive)} archived by 1 lifecycle policies" in summary[0], summary[0]
    assert details(ecr) == before
    assert ecr.get_lifecycle_policy(repositoryName=REPO).get("lastEvaluatedAt") == evaluated_before
    assert fs_blob_digests(server.data_dir) == blobs_before

    # The real pass, on the same clock: exactly the preview's decisions.
    done = run_worker(store, "--once", env=skew)
    fields = pass_lines(done.stderr)[-1]
    assert fields["lifecycle_policies"] == "1", done.stderr
    assert fields["images_expired"] == str(len(to_expire)), done.stderr
    assert fields["images_archived"] == str(len(to_archive)), done.stderr
    assert fields["errors"] == "0", done.stderr

    after = details(ecr)
    assert {names[d] for d in before if d not in after} == to_expire
    for digest, (tags, pushed_at, status) in after.items():
        if names[digest] in to_archive:
            assert status == "ARCHIVED", (names[digest], after[digest])
            assert (tags, pushed_at) == before[digest][:2]
        else:
            assert after[digest] == before[digest], names[digest]
    policy = ecr.get_lifecycle_policy(repositoryName=REPO)
    assert policy.get("lastEvaluatedAt") is not None, policy
    if evaluated_before is not None:
        assert policy["lastEvaluatedAt"] > evaluated_before

    # The expired images' blobs were last used 20-30 days ago by the worker's clock: the same pass frees them (each
    # image has its own config and layer); archived images keep theirs.
    freed = {blob for name in to_expire for blob in pushed[name][1]}
    kept = {blob for name, (_, blobs) in pushed.items() if name not in to_expire for blob in blobs}
    assert fields["blobs_deleted"] == str(len(freed)), done.stderr
    assert fs_blob_digests(server.data_dir) == kept


def test_a_second_worker_waits_while_another_holds_the_lease(spare_server, tmp_path):
    server, _, _ = spare_server()
    store = ["--data-dir", server.data_dir]
    first = BackgroundWorker(store, "--interval", "1h", log_path=str(tmp_path / "first.log"))
    second = BackgroundWorker(store, "--interval", "1h", log_path=str(tmp_path / "second.log"))
    try:
        first.start()
        assert first.wait_for("pass done", timeout=30), first.log()
        second.start()
        assert second.wait_for("another worker holds the lease; waiting", timeout=30), second.log()
        assert first.running() and second.running()
        assert "lease taken" not in second.log() and "pass done" not in second.log(), second.log()
        assert len(pass_lines(first.log())) == 1
        first.stop()  # SIGTERM gives the lease up: the waiting worker takes it at its next try (every 10 s)
        assert second.wait_for("pass done", timeout=30), second.log()
    finally:
        first.stop()
        second.stop()
