"""Builds images offline and pushes them through the ECR layer API (what the ECR proxy does under docker push)."""
import gzip
import hashlib
import json
import os

MiB = 1024 * 1024
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def gzip_layer(size):
    """A gzip layer of about `size` bytes (random content does not compress)."""
    return gzip.compress(os.urandom(size), compresslevel=1)


def config_blob(note="berth"):
    return json.dumps(
        {"architecture": "amd64", "os": "linux", "config": {"Labels": {"note": note}}, "rootfs": {"type": "layers", "diff_ids": []}}
    ).encode()


def push_blob(ecr, repo, data, part_size=None):
    """Pushes `data` with InitiateLayerUpload / UploadLayerPart (in parts) / CompleteLayerUpload; returns the digest."""
    upload = ecr.initiate_layer_upload(repositoryName=repo)
    upload_id = upload["uploadId"]
    part_size = part_size or upload["partSize"]
    offset = 0
    while offset < len(data):
        part = data[offset : offset + part_size]
        answer = ecr.upload_layer_part(
            repositoryName=repo, uploadId=upload_id, partFirstByte=offset, partLastByte=offset + len(part) - 1, layerPartBlob=part
        )
        assert answer["lastByteReceived"] == offset + len(part) - 1
        offset += len(part)
    digest = sha256(data)
    done = ecr.complete_layer_upload(repositoryName=repo, uploadId=upload_id, layerDigests=[digest])
    assert done["layerDigest"] == digest
    return digest


def manifest_for(config, layers, media_type=DOCKER_MANIFEST):
    """A Docker v2 schema 2 (or OCI) manifest as bytes, for a config blob and layer blobs."""
    config_type = DOCKER_CONFIG if media_type == DOCKER_MANIFEST else "application/vnd.oci.image.config.v1+json"
    layer_type = DOCKER_LAYER if media_type == DOCKER_MANIFEST else "application/vnd.oci.image.layer.v1.tar+gzip"
    document = {
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": {"mediaType": config_type, "size": len(config), "digest": sha256(config)},
        "layers": [{"mediaType": layer_type, "size": len(layer), "digest": sha256(layer)} for layer in layers],
    }
    return json.dumps(document, indent=3).encode()


def push_image(ecr, repo, tag=None, layer_sizes=(1024,), note="berth", media_type=DOCKER_MANIFEST):
    """Pushes config + layers + manifest; returns (manifest_bytes, digest, config, layers)."""
    config = config_blob(note)
    layers = [gzip_layer(size) for size in layer_sizes]
    for blob in [config, *layers]:
        push_blob(ecr, repo, blob)
    manifest = manifest_for(config, layers, media_type)
    kwargs = {"repositoryName": repo, "imageManifest": manifest.decode()}
    if tag:
        kwargs["imageTag"] = tag
    answer = ecr.put_image(**kwargs)
    assert answer["image"]["imageId"]["imageDigest"] == sha256(manifest)
    return manifest, sha256(manifest), config, layers
