"""UpdateImageStorageClass (archived images are listed but not pullable through either door; a restore or a push
brings them back) and ListImageReferrers over the same referrers /v2/<name>/referrers/<digest> serves."""
import json

import pytest
from botocore.exceptions import ClientError
from oci_client import v2  # noqa: F401 (fixture)
from oci_layout import OCI_MANIFEST, descriptor, make_image, make_index, sha256

EMPTY = "application/vnd.oci.empty.v1+json"
SBOM = "application/vnd.example.sbom.v1"
SIGNATURE = "application/vnd.example.signature.v1"


def code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_archive_and_restore(ecr, v2, repo):
    image = v2.push_image(repo, make_image(note="archive-me"), tag="v1")
    kept = v2.push_image(repo, make_image(note="kept"), tag="v2")
    answer = ecr.update_image_storage_class(repositoryName=repo, imageId={"imageTag": "v1"}, targetStorageClass="ARCHIVE")
    assert answer["imageStatus"] == "ARCHIVED" and answer["imageId"]["imageDigest"] == image.digest
    # Not pullable through either door...
    failures = ecr.batch_get_image(repositoryName=repo, imageIds=[{"imageTag": "v1"}])["failures"]
    assert [f["failureCode"] for f in failures] == ["ImageNotFound"]
    assert v2.get(f"/v2/{repo}/manifests/v1").status_code == 404
    assert v2.get(f"/v2/{repo}/manifests/{image.digest}").status_code == 404
    # ...listed by status: ACTIVE by default, ARCHIVED or ANY on request.
    assert [i["imageDigest"] for i in ecr.list_images(repositoryName=repo)["imageIds"]] == [kept.digest]
    archived = ecr.list_images(repositoryName=repo, filter={"imageStatus": "ARCHIVED"})["imageIds"]
    assert archived == [{"imageDigest": image.digest, "imageTag": "v1"}]
    details = {d["imageDigest"]: d for d in ecr.describe_images(repositoryName=repo, filter={"imageStatus": "ANY"})["imageDetails"]}
    assert details[image.digest]["imageStatus"] == "ARCHIVED" and "lastArchivedAt" in details[image.digest]
    assert details[kept.digest]["imageStatus"] == "ACTIVE"
    assert [d["imageDigest"] for d in ecr.describe_images(repositoryName=repo)["imageDetails"]] == [kept.digest]
    # Archiving again changes nothing; a restore brings it back.
    again = ecr.update_image_storage_class(repositoryName=repo, imageId={"imageDigest": image.digest}, targetStorageClass="ARCHIVE")
    assert again["imageStatus"] == "ARCHIVED"
    restored = ecr.update_image_storage_class(repositoryName=repo, imageId={"imageDigest": image.digest}, targetStorageClass="STANDARD")
    assert restored["imageStatus"] == "ACTIVE"
    assert v2.get(f"/v2/{repo}/manifests/v1").status_code == 200
    detail = ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "v1"}])["imageDetails"][0]
    assert detail["imageStatus"] == "ACTIVE" and "lastActivatedAt" in detail


def test_pushing_an_archived_image_again_restores_it(ecr, v2, repo):
    image = v2.push_image(repo, make_image(note="re-push"), tag="v1")
    ecr.update_image_storage_class(repositoryName=repo, imageId={"imageTag": "v1"}, targetStorageClass="ARCHIVE")
    v2.push_manifest(repo, "v1", image.manifest)
    assert ecr.describe_images(repositoryName=repo, imageIds=[{"imageTag": "v1"}])["imageDetails"][0]["imageStatus"] == "ACTIVE"
    ecr.update_image_storage_class(repositoryName=repo, imageId={"imageTag": "v1"}, targetStorageClass="ARCHIVE")
    ecr.put_image(repositoryName=repo, imageTag="v1", imageManifest=image.manifest.decode())
    assert v2.get(f"/v2/{repo}/manifests/v1").status_code == 200


def test_storage_class_errors(ecr, v2, repo):
    with pytest.raises(ecr.exceptions.ImageNotFoundException):
        ecr.update_image_storage_class(repositoryName=repo, imageId={"imageTag": "absent"}, targetStorageClass="ARCHIVE")
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.update_image_storage_class(repositoryName="archive/none", imageId={"imageTag": "v1"}, targetStorageClass="ARCHIVE")
    index = make_index(note="archive-index")
    for child in index.images:
        v2.push_image(repo, child)
    v2.push_manifest(repo, "multi", index.manifest, media_type="application/vnd.oci.image.index.v1+json")
    with pytest.raises(ecr.exceptions.ImageStorageClassUpdateNotSupportedException):
        ecr.update_image_storage_class(repositoryName=repo, imageId={"imageDigest": index.images[0].digest}, targetStorageClass="ARCHIVE")
    with pytest.raises(ClientError) as excinfo:
        ecr.update_image_storage_class(repositoryName=repo, imageId={"imageTag": "multi"}, targetStorageClass="COLD")
    assert code(excinfo) == "InvalidParameterException"


def push_referrer(v2, repo, subject, artifact_type, note):
    config = descriptor(EMPTY, b"{}")
    layer = descriptor("application/octet-stream", note.encode())
    v2.push_blob(repo, b"{}")
    v2.push_blob(repo, note.encode())
    manifest = json.dumps(
        {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "artifactType": artifact_type, "config": config, "layers": [layer],
         "subject": {"mediaType": OCI_MANIFEST, "digest": subject.digest, "size": len(subject.manifest)},
         "annotations": {"org.example.note": note}}
    ).encode()
    v2.push_manifest(repo, sha256(manifest), manifest)
    return sha256(manifest)


def test_list_image_referrers_agrees_with_v2(ecr, v2, repo):
    subject = v2.push_image(repo, make_image(note="subject"), tag="v1")
    sboms = [push_referrer(v2, repo, subject, SBOM, f"sbom-{n}") for n in range(3)]
    signature = push_referrer(v2, repo, subject, SIGNATURE, "signature")
    listed = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest})["referrers"]
    assert sorted(r["digest"] for r in listed) == sorted(sboms + [signature])
    index = v2.get(f"/v2/{repo}/referrers/{subject.digest}").json()
    assert sorted(m["digest"] for m in index["manifests"]) == sorted(r["digest"] for r in listed)
    sig = next(r for r in listed if r["digest"] == signature)
    assert sig["artifactType"] == SIGNATURE and sig["mediaType"] == OCI_MANIFEST and sig["artifactStatus"] == "ACTIVE"
    assert sig["annotations"] == {"org.example.note": "signature"} and sig["size"] > 0
    only = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest}, filter={"artifactTypes": [SIGNATURE]})
    assert [r["digest"] for r in only["referrers"]] == [signature]
    # Pages of one.
    first = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest}, maxResults=1)
    seen = [r["digest"] for r in first["referrers"]]
    token = first.get("nextToken")
    while token:
        page = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest}, maxResults=1, nextToken=token)
        seen += [r["digest"] for r in page["referrers"]]
        token = page.get("nextToken")
    assert sorted(seen) == sorted(sboms + [signature])
    # Archived referrers are left out unless asked for.
    ecr.update_image_storage_class(repositoryName=repo, imageId={"imageDigest": signature}, targetStorageClass="ARCHIVE")
    active = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest})["referrers"]
    assert signature not in [r["digest"] for r in active]
    assert signature not in [m["digest"] for m in v2.get(f"/v2/{repo}/referrers/{subject.digest}").json()["manifests"]]
    archived = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest}, filter={"artifactStatus": "ARCHIVED"})
    assert [r["digest"] for r in archived["referrers"]] == [signature]
    everything = ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": subject.digest}, filter={"artifactStatus": "ANY"})
    assert len(everything["referrers"]) == 4


def test_list_image_referrers_errors(ecr, repo):
    digest = sha256(b"nothing refers to this")
    assert ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": digest})["referrers"] == []
    with pytest.raises(ecr.exceptions.RepositoryNotFoundException):
        ecr.list_image_referrers(repositoryName="referrers/none", subjectId={"imageDigest": digest})
    with pytest.raises(ClientError) as excinfo:
        ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": "not-a-digest"})
    assert code(excinfo) == "InvalidParameterException"
    with pytest.raises(ClientError) as excinfo:
        ecr.list_image_referrers(repositoryName=repo, subjectId={"imageDigest": digest}, maxResults=51)
    assert code(excinfo) == "InvalidParameterException"
