"""Builds OCI images offline: an OCI image layout on disk (what skopeo/umoci read and write) or the bytes alone."""
import gzip
import hashlib
import io
import json
import os
import tarfile
from dataclasses import dataclass, field

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
REF_NAME = "org.opencontainers.image.ref.name"


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def descriptor(media_type, blob, **extra):
    return {"mediaType": media_type, "digest": sha256(blob), "size": len(blob), **extra}


def layer_tar(files):
    """A reproducible tar of `files` ({path: bytes}); returns (tar bytes, gzip bytes)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, content in sorted(files.items()):
            info = tarfile.TarInfo(path)
            info.size = len(content)
            info.mode = 0o644
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(content))
    raw = buffer.getvalue()
    return raw, gzip.compress(raw, compresslevel=6, mtime=0)


@dataclass
class Image:
    """An OCI image as bytes: the manifest exactly as pushed, the config and the compressed layers."""

    manifest: bytes
    config: bytes
    layers: list = field(default_factory=list)

    @property
    def digest(self):
        return sha256(self.manifest)

    @property
    def blobs(self):
        """Config then layers."""
        return [self.config, *self.layers]

    @property
    def size(self):
        """What ECR reports as `imageSizeInBytes`: config plus layers."""
        return sum(len(b) for b in self.blobs)


def make_image(note="berth", layer_files=({"hello.txt": b"hello from berth\n"},), annotations=None):
    """An OCI image whose config carries `note` (so different notes give different digests) and correct diff_ids."""
    layers, diff_ids = [], []
    for files in layer_files:
        raw, compressed = layer_tar(files)
        layers.append(compressed)
        diff_ids.append(sha256(raw))
    config = json.dumps(
        {
            "created": "2026-01-01T00:00:00Z",
            "architecture": "amd64",
            "os": "linux",
            "config": {"Labels": {"note": note}, "Cmd": ["/bin/true"]},
            "rootfs": {"type": "layers", "diff_ids": diff_ids},
            "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "berth e2e"} for _ in layers],
        },
        separators=(",", ":"),
    ).encode()
    document = {
        "schemaVersion": 2,
        "mediaType": OCI_MANIFEST,
        "config": descriptor(OCI_CONFIG, config),
        "layers": [descriptor(OCI_LAYER, layer) for layer in layers],
    }
    if annotations:
        document["annotations"] = annotations
    # Indented on purpose: byte-for-byte preservation is visible only when the bytes differ from a re-encoding.
    return Image(json.dumps(document, indent=2).encode(), config, layers)


@dataclass
class Index:
    """An OCI image index over `images` (one per platform); `blobs` are everything it needs below it."""

    manifest: bytes
    images: list

    @property
    def digest(self):
        return sha256(self.manifest)

    @property
    def blobs(self):
        return [blob for image in self.images for blob in [image.manifest, *image.blobs]]


def make_index(platforms=(("amd64", "linux"), ("arm64", "linux")), note="multi"):
    """An index of one small image per (architecture, os)."""
    images = [make_image(note=f"{note}-{arch}", layer_files=({f"{arch}.txt": arch.encode()},)) for arch, _ in platforms]
    manifests = [
        descriptor(OCI_MANIFEST, image.manifest, platform={"architecture": arch, "os": os_name})
        for image, (arch, os_name) in zip(images, platforms)
    ]
    return Index(json.dumps({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": manifests}, indent=2).encode(), images)


def top_media_type(top):
    return OCI_INDEX if isinstance(top, Index) else OCI_MANIFEST


def write_layout(path, image, tag="latest"):
    """Writes `image` (an `Image` or an `Index`) as an OCI image layout at `path` with `tag` as its ref name."""
    os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)
    with open(os.path.join(path, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    for blob in [image.manifest, *image.blobs]:
        with open(os.path.join(path, "blobs", "sha256", sha256(blob).split(":")[1]), "wb") as f:
            f.write(blob)
    entry = descriptor(top_media_type(image), image.manifest, annotations={REF_NAME: tag})
    index = {"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [entry]}
    with open(os.path.join(path, "index.json"), "w") as f:
        json.dump(index, f)
    return path


def read_blob(path, digest):
    algorithm, encoded = digest.split(":")
    with open(os.path.join(path, "blobs", algorithm, encoded), "rb") as f:
        return f.read()


def read_image(path, digest):
    manifest = read_blob(path, digest)
    document = json.loads(manifest)
    if document.get("mediaType") == OCI_INDEX:
        return Index(manifest, [read_image(path, m["digest"]) for m in document["manifests"]])
    return Image(manifest, read_blob(path, document["config"]["digest"]), [read_blob(path, l["digest"]) for l in document["layers"]])


def read_layout(path, tag="latest"):
    """The image or index tagged `tag` in the layout at `path` (manifest bytes as stored)."""
    with open(os.path.join(path, "index.json")) as f:
        index = json.load(f)
    entry = next(m for m in index["manifests"] if m.get("annotations", {}).get(REF_NAME) == tag)
    return read_image(path, entry["digest"])
