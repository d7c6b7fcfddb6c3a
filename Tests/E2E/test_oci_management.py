"""Deletes, tag immutability and pushes to missing repositories, seen through both doors (/v2 and the ECR API)."""
import images
import pytest
from oci_client import error_codes, make_repo, spare_server, v2  # noqa: F401 (fixtures)
from oci_layout import make_image, sha256


def test_tag_delete_keeps_the_manifest(v2, repo):
    image = v2.push_image(repo, make_image(note="tag-delete"), tag="v1")
    v2.push_manifest(repo, "v2", image.manifest)
    answer = v2.delete(f"/v2/{repo}/manifests/v1")
    assert answer.status_code == 202, answer.text
    gone = v2.get(f"/v2/{repo}/manifests/v1")
    assert gone.status_code == 404 and error_codes(gone) == ["MANIFEST_UNKNOWN"]
    assert v2.get(f"/v2/{repo}/manifests/{image.digest}").content == image.manifest
    assert v2.get(f"/v2/{repo}/tags/list").json()["tags"] == ["v2"]
    again = v2.delete(f"/v2/{repo}/manifests/v1")
    assert again.status_code == 404 and error_codes(again) == ["MANIFEST_UNKNOWN"]


def test_manifest_delete_by_digest_removes_it_and_its_tags(v2, ecr, repo):
    image = v2.push_image(repo, make_image(note="digest-delete"), tag="v1")
    v2.push_manifest(repo, "v2", image.manifest)
    assert len(ecr.list_images(repositoryName=repo)["imageIds"]) == 2
    answer = v2.delete(f"/v2/{repo}/manifests/{image.digest}")
    assert answer.status_code == 202, answer.text
    for reference in (image.digest, "v1", "v2"):
        gone = v2.get(f"/v2/{repo}/manifests/{reference}")
        assert gone.status_code == 404 and error_codes(gone) == ["MANIFEST_UNKNOWN"], reference
    assert v2.get(f"/v2/{repo}/tags/list").json()["tags"] == []
    assert ecr.list_images(repositoryName=repo)["imageIds"] == []
    with pytest.raises(ecr.exceptions.ImageNotFoundException):
        ecr.describe_images(repositoryName=repo, imageIds=[{"imageDigest": image.digest}])


def test_blob_delete(v2, repo):
    digest = v2.push_blob(repo, b"a loose blob")
    answer = v2.delete(f"/v2/{repo}/blobs/{digest}")
    assert answer.status_code == 202, answer.text
    assert v2.head(f"/v2/{repo}/blobs/{digest}").status_code == 404
    gone = v2.get(f"/v2/{repo}/blobs/{digest}")
    assert gone.status_code == 404 and error_codes(gone) == ["BLOB_UNKNOWN"]
    again = v2.delete(f"/v2/{repo}/blobs/{digest}")
    assert again.status_code == 404 and error_codes(again) == ["BLOB_UNKNOWN"]


def test_both_doors_agree_on_deletes(v2, ecr, repo):
    # Pushed through /v2, deleted with BatchDeleteImage.
    image = v2.push_image(repo, make_image(note="door-one"), tag="one")
    deleted = ecr.batch_delete_image(repositoryName=repo, imageIds=[{"imageDigest": image.digest}])
    assert deleted["failures"] == []
    assert v2.get(f"/v2/{repo}/manifests/{image.digest}").status_code == 404
    assert v2.get(f"/v2/{repo}/manifests/one").status_code == 404

    # Pushed through the ECR API, deleted through /v2.
    manifest, digest, _, _ = images.push_image(ecr, repo, tag="two", note="door-two")
    assert v2.get(f"/v2/{repo}/manifests/two").content == manifest
    assert v2.delete(f"/v2/{repo}/manifests/{digest}").status_code == 202
    got = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageDigest": digest}, {"imageTag": "two"}])
    assert got["images"] == []
    assert [f["failureCode"] for f in got["failures"]] == ["ImageNotFound", "ImageNotFound"]

    # A tag removed through /v2 is gone from ECR, the image stays (untagged).
    image = v2.push_image(repo, make_image(note="door-three"), tag="three")
    assert v2.delete(f"/v2/{repo}/manifests/three").status_code == 202
    assert ecr.list_images(repositoryName=repo)["imageIds"] == [{"imageDigest": image.digest}]


def test_deleted_repository_is_name_unknown(v2, ecr, make_repo):
    name = make_repo("oci-e2e/deleted-repository")
    image = v2.push_image(name, make_image(note="repository-delete"), tag="v1")
    ecr.delete_repository(repositoryName=name, force=True)
    for path in (f"/v2/{name}/manifests/v1", f"/v2/{name}/manifests/{image.digest}", f"/v2/{name}/tags/list"):
        answer = v2.get(path)
        assert answer.status_code == 404 and error_codes(answer) == ["NAME_UNKNOWN"], path
    blob = v2.get(f"/v2/{name}/blobs/{sha256(image.config)}")
    assert blob.status_code == 404
    push = v2.post(f"/v2/{name}/blobs/uploads/")
    assert push.status_code == 404 and error_codes(push) == ["NAME_UNKNOWN"]
    assert name not in v2.get("/v2/_catalog").json()["repositories"]


def test_immutable_tag_cannot_move(v2, repo, make_repo):
    name = make_repo(repo + "-immutable", imageTagMutability="IMMUTABLE")
    first = v2.push_image(name, make_image(note="first"), tag="v1")
    second = make_image(note="second")
    for blob in second.blobs:
        v2.push_blob(name, blob)
    refused = v2.push_manifest(name, "v1", second.manifest, expect=400)
    assert error_codes(refused) == ["TAG_INVALID"]
    assert v2.get(f"/v2/{name}/manifests/v1").headers["Docker-Content-Digest"] == first.digest
    # Pushing the very same manifest to the tag again is not a change (a repeated `skopeo copy` must work).
    v2.push_manifest(name, "v1", first.manifest)
    # The same manifest under a new tag, or untagged, is fine.
    v2.push_manifest(name, "v2", second.manifest)
    v2.push_manifest(name, first.digest, first.manifest)


def test_push_to_a_missing_repository_is_name_unknown(v2, ecr):
    name = "oci-e2e/never-created"
    image = make_image(note="missing")
    start = v2.post(f"/v2/{name}/blobs/uploads/")
    assert start.status_code == 404 and error_codes(start) == ["NAME_UNKNOWN"]
    monolithic = v2.post(f"/v2/{name}/blobs/uploads/", params={"digest": sha256(image.config)}, data=image.config)
    assert monolithic.status_code == 404 and error_codes(monolithic) == ["NAME_UNKNOWN"]
    mount = v2.post(f"/v2/{name}/blobs/uploads/", params={"mount": sha256(image.config), "from": "e2e/anything"})
    assert mount.status_code == 404 and error_codes(mount) == ["NAME_UNKNOWN"]
    manifest = v2.push_manifest(name, "v1", image.manifest, expect=404)
    assert error_codes(manifest) == ["NAME_UNKNOWN"]
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.describe_repositories(repositoryNames=[name])


def check_create_on_push(spare_ecr, spare):
    name = "oci-e2e/created-on-push"
    image = make_image(note="create-on-push")
    spare.push_image(name, image, tag="v1")
    repository = spare_ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    assert repository["repositoryName"] == name
    assert repository["imageTagMutability"] == "MUTABLE"
    assert spare_ecr.list_images(repositoryName=name)["imageIds"] == [{"imageDigest": image.digest, "imageTag": "v1"}]
    assert name in spare.get("/v2/_catalog").json()["repositories"]
    # Creating the repository does not excuse missing blobs.
    answer = spare.push_manifest("oci-e2e/manifest-first", "v1", make_image(note="no blobs").manifest, expect=400)
    assert error_codes(answer) == ["MANIFEST_BLOB_UNKNOWN"]


def test_create_on_push_with_the_command_line_flag(spare_server):
    _, spare_ecr, spare = spare_server(args=["--create-on-push"])
    check_create_on_push(spare_ecr, spare)


def test_create_on_push_with_the_environment_variable(spare_server):
    _, spare_ecr, spare = spare_server({"BERTH_CREATE_ON_PUSH": "1"})
    check_create_on_push(spare_ecr, spare)


def test_repositories_do_not_share_blobs_or_uploads(v2, repo, make_repo):
    other = make_repo(repo + "-other")
    image = v2.push_image(repo, make_image(note="isolated"), tag="v1")
    config = sha256(image.config)
    assert v2.get(f"/v2/{repo}/blobs/{config}").status_code == 200
    hidden = v2.get(f"/v2/{other}/blobs/{config}")
    assert hidden.status_code == 404 and error_codes(hidden) == ["BLOB_UNKNOWN"]
    # A manifest in the other repository cannot lean on blobs it never received (or mounted).
    refused = v2.push_manifest(other, "v1", image.manifest, expect=400)
    assert error_codes(refused) == ["MANIFEST_BLOB_UNKNOWN"]
    # An upload session belongs to the repository that opened it.
    session = v2.start_upload(repo)
    foreign = session.replace(f"/v2/{repo}/", f"/v2/{other}/")
    for method in ("GET", "PATCH", "DELETE"):
        answer = v2.request(method, foreign, data=b"x" if method == "PATCH" else None)
        assert answer.status_code == 404 and error_codes(answer) == ["BLOB_UPLOAD_UNKNOWN"], method
    assert v2.get(session).status_code == 204
