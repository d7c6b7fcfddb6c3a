"""The traffic of test_gc_under_load.py: images that share layers, pushers that push them over raw /v2 the way docker
does (HEAD each blob, upload only the missing ones, monolithic, then PUT the manifest), and a deleter that removes a
share of them through ECR's BatchDeleteImage soon after they land. Every figure the test reports is counted here."""
import json
import os
import queue
import random
import threading
import time
from dataclasses import dataclass, field

from oci_client import Registry
from oci_layout import OCI_CONFIG, OCI_LAYER, OCI_MANIFEST, descriptor, sha256

KiB = 1024


@dataclass
class LoadImage:
    index: int
    repo: str
    tag: str
    manifest: bytes
    blobs: list  # config then layers

    @property
    def digest(self):
        return sha256(self.manifest)

    @property
    def blob_digests(self):
        return [sha256(blob) for blob in self.blobs]


def make_images(count, repos, pool_size=40, seed=20261205, delete_every=3):
    """`count` OCI images over `repos`: each has its own config and 1-3 layers of a shared pool of `pool_size` random
    layers (1-64 KiB). Images the deleter removes (index % delete_every == 0) and every other image besides have a
    layer of their own, so deleting them frees layer bytes too. Some kept images (index % delete_every == 1) rebuild
    the own layer of a deleted image pushed 24-56 images (a few seconds) earlier to the same repository: the layer
    a collector is about to take, or just took, is wanted again (HEAD may still say present, the upload meets the
    fence)."""
    rng = random.Random(seed)
    pool = [os.urandom(rng.randint(1 * KiB, 64 * KiB)) for _ in range(pool_size)]
    own = {}
    made = []
    for index in range(count):
        layers = rng.sample(pool, rng.randint(1, 3))
        if index % delete_every == 0 or index % 2 == 0:
            own[index] = os.urandom(rng.randint(1 * KiB, 64 * KiB))
            layers.append(own[index])
        if index % delete_every == 1:
            donor = index - rng.randint(24, 56)
            while donor >= 0 and not (donor % delete_every == 0 and donor % len(repos) == index % len(repos)):
                donor -= 1
            if donor >= 0:
                layers.append(own[donor])
        config = json.dumps(
            {"architecture": "amd64", "os": "linux", "config": {"Labels": {"load": str(index), "nonce": os.urandom(8).hex()}},
             "rootfs": {"type": "layers", "diff_ids": [sha256(layer) for layer in layers]}},
            separators=(",", ":"),
        ).encode()
        manifest = json.dumps(
            {"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": descriptor(OCI_CONFIG, config),
             "layers": [descriptor(OCI_LAYER, layer) for layer in layers]},
            indent=2,
        ).encode()
        made.append(LoadImage(index, repos[index % len(repos)], f"load-{index}", manifest, [config, *layers]))
    return made


def codes(response):
    try:
        return [error.get("code") for error in response.json().get("errors", [])]
    except ValueError:
        return []


class PushFailure(Exception):
    def __init__(self, step, image, response=None, error=None):
        self.step, self.image = step, image
        self.detail = (
            f"{response.request.method} {response.request.url} -> {response.status_code} {response.text[:400]}" if response is not None else repr(error)
        )
        super().__init__(f"image {image.index} ({image.repo}:{image.tag}) {step}: {self.detail}")


@dataclass
class Figures:
    images_pushed: int = 0
    images_deleted: int = 0
    blobs_uploaded: int = 0
    blob_heads_present: int = 0
    retryable_errors: int = 0
    failed_pushes: int = 0
    failed_deletes: int = 0
    failures: list = field(default_factory=list)
    retries: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name, n=1):
        with self.lock:
            setattr(self, name, getattr(self, name) + n)

    def note(self, name, text):
        with self.lock:
            getattr(self, name).append(text)


MAX_MANIFEST_ATTEMPTS = 10


def upload(registry, image, blob, digest):
    """POST then PUT `?digest=` with the whole blob (a monolithic upload)."""
    started = registry.post(f"/v2/{image.repo}/blobs/uploads/", timeout=90)
    if started.status_code != 202:
        raise PushFailure(f"POST upload for {digest}", image, started)
    done = registry.put(
        registry.location(started), params={"digest": digest}, data=blob, headers={"Content-Type": "application/octet-stream"}, timeout=90
    )
    if done.status_code != 201 or done.headers.get("Docker-Content-Digest") != digest:
        raise PushFailure(f"PUT upload for {digest}", image, done)


def push(registry, image, figures):
    """Pushes one image like docker: HEAD every blob, upload the absent ones, PUT the manifest; on MANIFEST_BLOB_UNKNOWN
    (a collector took a blob between the HEAD and the PUT: the documented retryable answer) start over."""
    for attempt in range(1, MAX_MANIFEST_ATTEMPTS + 1):
        for blob, digest in zip(image.blobs, image.blob_digests):
            head = registry.head(f"/v2/{image.repo}/blobs/{digest}", timeout=90)
            if head.status_code == 200:
                figures.add("blob_heads_present")
                continue
            if head.status_code != 404:
                raise PushFailure(f"HEAD {digest}", image, head)
            upload(registry, image, blob, digest)
            figures.add("blobs_uploaded")
        answer = registry.put(
            f"/v2/{image.repo}/manifests/{image.tag}", data=image.manifest, headers={"Content-Type": OCI_MANIFEST}, timeout=90
        )
        if answer.status_code == 201 and answer.headers.get("Docker-Content-Digest") == image.digest:
            return attempt
        if "MANIFEST_BLOB_UNKNOWN" in codes(answer) and attempt < MAX_MANIFEST_ATTEMPTS:
            figures.add("retryable_errors")
            figures.note("retries", f"image {image.index}: {answer.status_code} {answer.text[:300]}")
            continue
        raise PushFailure("PUT manifest", image, answer)
    raise AssertionError("unreachable")


class Traffic:
    """8 pushers (spread over `urls`) and one deleter (ECR clients spread likewise) over `images`; `delete_every`-th
    image (index % delete_every == 0) is deleted `delete_after` seconds after its push."""

    def __init__(self, images, urls, password, ecr_clients, pushers=8, delete_every=3, delete_after=0.3):
        self.images = images
        self.urls = urls
        self.password = password
        self.ecr_clients = ecr_clients
        self.pushers = pushers
        self.delete_every = delete_every
        self.delete_after = delete_after
        self.figures = Figures()
        self.pushed = {}  # index -> image, every image whose manifest PUT succeeded
        self.deleted = {}  # index -> image
        self.pushed_lock = threading.Lock()
        self.to_delete = queue.Queue()

    def pusher(self, number):
        registry = Registry(self.urls[number % len(self.urls)], self.password)
        for image in self.images[number :: self.pushers]:
            try:
                push(registry, image, self.figures)
            except Exception as error:  # noqa: BLE001 (counted and reported by the test)
                self.figures.add("failed_pushes")
                self.figures.note("failures", str(error) if isinstance(error, PushFailure) else f"image {image.index}: {error!r}")
                continue
            with self.pushed_lock:
                self.pushed[image.index] = image
            self.figures.add("images_pushed")
            if image.index % self.delete_every == 0:
                self.to_delete.put((time.time() + self.delete_after, image))

    def deleter(self):
        count = 0
        while True:
            item = self.to_delete.get()
            if item is None:
                return
            due, image = item
            time.sleep(max(0.0, due - time.time()))
            client = self.ecr_clients[count % len(self.ecr_clients)]
            count += 1
            try:
                answer = client.batch_delete_image(repositoryName=image.repo, imageIds=[{"imageDigest": image.digest}])
                if answer["failures"] or [i["imageDigest"] for i in answer["imageIds"]] != [image.digest]:
                    raise AssertionError(f"BatchDeleteImage answered {answer['imageIds']} / {answer['failures']}")
            except Exception as error:  # noqa: BLE001
                self.figures.add("failed_deletes")
                self.figures.note("failures", f"delete image {image.index}: {error!r}")
                continue
            with self.pushed_lock:
                self.deleted[image.index] = image
            self.figures.add("images_deleted")

    def run(self):
        """Runs the whole load; returns its duration in seconds."""
        started = time.time()
        deleter = threading.Thread(target=self.deleter, name="deleter")
        deleter.start()
        threads = [threading.Thread(target=self.pusher, args=(n,), name=f"pusher-{n}") for n in range(self.pushers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        self.to_delete.put(None)
        deleter.join(timeout=600)
        return time.time() - started

    def remaining(self):
        """Images pushed and not deleted."""
        return [image for index, image in sorted(self.pushed.items()) if index not in self.deleted]
