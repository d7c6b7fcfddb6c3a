"""Blob uploads through /v2 as real clients drive them: streamed, chunked, monolithic, mounted, resumed after a restart."""
import base64
import os
import socket
import subprocess
import threading
import time
from urllib.parse import urlsplit

import pytest
from oci_client import error_codes, make_repo, spare_server, v2  # noqa: F401 (fixtures)
from oci_layout import sha256


def chunks(data, size):
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_docker_style_streamed_patch_then_empty_put(v2, repo):
    data = os.urandom(300_000)
    session = v2.start_upload(repo)
    # A generator body makes requests send `Transfer-Encoding: chunked`, with no Content-Length or Content-Range.
    patched = v2.patch(session, data=chunks(data, 64 * 1024), headers={"Content-Type": "application/octet-stream"})
    assert patched.status_code == 202, patched.text
    assert patched.request.headers.get("Transfer-Encoding") == "chunked"
    assert "Content-Range" not in patched.request.headers
    assert patched.headers["Range"] == f"0-{len(data) - 1}"
    done = v2.put(v2.location(patched), params={"digest": sha256(data)})
    assert done.status_code == 201, done.text
    assert done.headers["Docker-Content-Digest"] == sha256(data)
    assert done.headers["Location"] == f"/v2/{repo}/blobs/{sha256(data)}"
    assert v2.get(f"/v2/{repo}/blobs/{sha256(data)}").content == data


def test_chunked_upload_with_content_range(v2, repo):
    data = os.urandom(25_000)
    parts = [data[:10_000], data[10_000:20_000], data[20_000:]]
    session = v2.start_upload(repo)
    offset = 0
    for part in parts[:2]:
        headers = {"Content-Range": f"{offset}-{offset + len(part) - 1}", "Content-Type": "application/octet-stream"}
        answer = v2.patch(session, data=part, headers=headers)
        assert answer.status_code == 202, answer.text
        offset += len(part)
        assert answer.headers["Range"] == f"0-{offset - 1}"
        session = v2.location(answer)

    # Out of order (a gap, or the first chunk again) is 416 and changes nothing.
    gap = offset + 100
    for bad, body in ((f"{gap}-{gap + len(parts[2]) - 1}", parts[2]), (f"0-{len(parts[0]) - 1}", parts[0])):
        refused = v2.patch(session, data=body, headers={"Content-Range": bad})
        assert refused.status_code == 416, refused.text
        assert refused.headers["Range"] == f"0-{offset - 1}"

    status = v2.get(session)
    assert status.status_code == 204
    assert status.headers["Range"] == f"0-{offset - 1}"
    assert status.headers["Location"]

    # The final chunk rides on the closing PUT.
    last = parts[2]
    done = v2.put(session, params={"digest": sha256(data)}, data=last, headers={"Content-Range": f"{offset}-{offset + len(last) - 1}"})
    assert done.status_code == 201, done.text
    head = v2.head(f"/v2/{repo}/blobs/{sha256(data)}")
    assert head.status_code == 200 and head.headers["Content-Length"] == str(len(data))


def test_cancelled_upload_is_gone(v2, repo):
    session = v2.start_upload(repo)
    assert v2.patch(session, data=b"abc", headers={"Content-Range": "0-2"}).status_code == 202
    assert v2.delete(session).status_code == 204
    for method in ("GET", "PATCH", "DELETE"):
        answer = v2.request(method, session, data=b"x" if method == "PATCH" else None)
        assert answer.status_code == 404
        assert error_codes(answer) == ["BLOB_UPLOAD_UNKNOWN"]
    answer = v2.put(session, params={"digest": sha256(b"abc")})
    assert answer.status_code == 404 and error_codes(answer) == ["BLOB_UPLOAD_UNKNOWN"]


def test_monolithic_post_with_digest(v2, repo):
    data = b"one request, one blob"
    answer = v2.post(f"/v2/{repo}/blobs/uploads/", params={"digest": sha256(data)}, data=data, headers={"Content-Type": "application/octet-stream"})
    assert answer.status_code == 201, answer.text
    assert answer.headers["Docker-Content-Digest"] == sha256(data)
    assert answer.headers["Location"] == f"/v2/{repo}/blobs/{sha256(data)}"
    assert v2.get(v2.location(answer)).content == data


def test_wrong_digest_is_digest_invalid_and_stores_nothing(v2, repo):
    data = b"these bytes"
    claimed = sha256(b"other bytes")
    answer = v2.put(v2.start_upload(repo), params={"digest": claimed}, data=data)
    assert answer.status_code == 400
    assert error_codes(answer) == ["DIGEST_INVALID"]
    assert v2.head(f"/v2/{repo}/blobs/{claimed}").status_code == 404
    assert v2.head(f"/v2/{repo}/blobs/{sha256(data)}").status_code == 404
    monolithic = v2.post(f"/v2/{repo}/blobs/uploads/", params={"digest": claimed}, data=data)
    assert monolithic.status_code == 400 and error_codes(monolithic) == ["DIGEST_INVALID"]
    assert v2.head(f"/v2/{repo}/blobs/{claimed}").status_code == 404


def test_expect_100_continue_upload_with_curl(v2, repo, tmp_path):
    data = os.urandom(2 * 1024 * 1024)
    path = tmp_path / "blob"
    path.write_bytes(data)
    url = v2.start_upload(repo) + f"?digest={sha256(data)}"
    started = time.monotonic()
    # curl waits --expect100-timeout seconds for the interim 100 unless the server sends it at once.
    result = subprocess.run(
        ["curl", "-sSv", "--max-time", "10", "--expect100-timeout", "6", "-H", "Expect: 100-continue", "-u", f"AWS:{v2.password}"]
        + ["-T", str(path), "-o", "/dev/null", "-w", "%{http_code}", url],
        capture_output=True,
        text=True,
        timeout=20,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert result.stdout == "201"
    assert "< HTTP/1.1 100 Continue" in result.stderr
    assert elapsed < 5, f"upload took {elapsed:.1f}s: no 100 Continue?"
    assert v2.head(f"/v2/{repo}/blobs/{sha256(data)}").status_code == 200


def test_cross_repository_mount(v2, repo, make_repo):
    other = make_repo(repo + "-other")
    without = make_repo(repo + "-without")
    data = os.urandom(4096)
    digest = v2.push_blob(repo, data)

    mounted = v2.post(f"/v2/{other}/blobs/uploads/", params={"mount": digest, "from": repo})
    assert mounted.status_code == 201, mounted.text
    assert mounted.headers["Location"] == f"/v2/{other}/blobs/{digest}"
    assert mounted.headers["Docker-Content-Digest"] == digest
    assert v2.get(f"/v2/{other}/blobs/{digest}").content == data

    # The source repository does not hold the blob: a normal upload session to push the bytes instead.
    target = make_repo(repo + "-target")
    session = v2.post(f"/v2/{target}/blobs/uploads/", params={"mount": digest, "from": without})
    assert session.status_code == 202, session.text
    assert f"/v2/{target}/blobs/uploads/" in session.headers["Location"]
    location = v2.location(session)
    assert v2.get(location).status_code == 204
    assert v2.head(f"/v2/{target}/blobs/{digest}").status_code == 404
    assert v2.put(location, params={"digest": digest}, data=data).status_code == 201
    assert v2.get(f"/v2/{target}/blobs/{digest}").content == data
    # A source that does not exist at all is no different.
    missing = v2.post(f"/v2/{target}/blobs/uploads/", params={"mount": sha256(b"x"), "from": "no/such/repository"})
    assert missing.status_code == 202, missing.text
    assert v2.delete(v2.location(missing)).status_code == 204


def test_chunked_upload_survives_a_restart(spare_server):
    server, ecr, registry = spare_server()
    ecr.create_repository(repositoryName="restart/chunks")
    data = os.urandom(200_000)
    session = registry.start_upload("restart/chunks")
    first = registry.patch(session, data=data[:120_000], headers={"Content-Range": "0-119999"})
    assert first.status_code == 202
    session = registry.location(first)

    server.restart()

    status = registry.get(session)
    assert status.status_code == 204, status.text
    assert status.headers["Range"] == "0-119999"
    second = registry.patch(session, data=data[120_000:], headers={"Content-Range": f"120000-{len(data) - 1}"})
    assert second.status_code == 202, second.text
    done = registry.put(registry.location(second), params={"digest": sha256(data)})
    assert done.status_code == 201, done.text
    assert registry.get(f"/v2/restart/chunks/blobs/{sha256(data)}").content == data


def raw_patch_start(v2, session, length, content_range, first_part):
    """Opens a socket, sends a PATCH head with `Expect: 100-continue`, waits for the server's 100 (so the server is
    handling the request), then sends `first_part` of a `length`-byte body; returns the socket."""
    parsed = urlsplit(session)
    credentials = base64.b64encode(f"AWS:{v2.password}".encode()).decode()
    head = (
        f"PATCH {parsed.path} HTTP/1.1\r\nHost: {parsed.netloc}\r\nAuthorization: Basic {credentials}\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {length}\r\nExpect: 100-continue\r\n"
        f"Content-Range: {content_range}\r\n\r\n"
    )
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=10)
    sock.sendall(head.encode())
    interim = b""
    while b"\r\n\r\n" not in interim:
        data = sock.recv(1)
        assert data, "connection closed before 100 Continue"
        interim += data
    assert interim.startswith(b"HTTP/1.1 100"), interim
    sock.sendall(first_part)
    return sock


def raw_status(sock):
    """Reads the status code of the response on `sock`."""
    answer = b""
    while b"\r\n" not in answer:
        data = sock.recv(4096)
        if not data:
            break
        answer += data
    return int(answer.split(b" ", 2)[1])


def wait_for_range(v2, session, expected, attempts=50):
    for _ in range(attempts):
        status = v2.get(session)
        if status.headers.get("Range") == expected:
            return status
        time.sleep(0.1)
    return status


def test_client_dropping_mid_chunk_leaves_the_upload_where_it_was(v2, repo):
    session = v2.start_upload(repo)
    assert v2.patch(session, data=b"A" * 1000, headers={"Content-Range": "0-999"}).status_code == 202
    # A chunk announced as 100000 bytes whose client goes away after 50000.
    sock = raw_patch_start(v2, session, 100_000, "1000-100999", b"B" * 50_000)
    time.sleep(0.3)
    sock.close()
    status = wait_for_range(v2, session, "0-999")
    assert status.status_code == 204 and status.headers["Range"] == "0-999"
    assert v2.patch(session, data=b"C" * 10, headers={"Content-Range": "1000-1009"}).status_code == 202
    done = v2.put(session, params={"digest": sha256(b"A" * 1000 + b"C" * 10)})
    assert done.status_code == 201, done.text


def test_concurrent_patches_on_one_session(v2, repo):
    n = 200_000
    first, second = b"1" * n, b"2" * n
    session = v2.start_upload(repo)
    # The first PATCH is half sent when the second, for the same range, arrives and completes.
    sock = raw_patch_start(v2, session, n, f"0-{n - 1}", first[: n // 2])
    time.sleep(0.5)
    answer = v2.patch(session, data=second, headers={"Content-Range": f"0-{n - 1}"})
    sock.sendall(first[n // 2 :])
    first_status = raw_status(sock)
    sock.close()
    codes = [first_status, answer.status_code]
    assert all(code < 500 for code in codes), codes
    assert codes.count(202) == 1, f"both chunks were acknowledged for range 0-{n - 1}: {codes}"
    winner = first if codes[0] == 202 else second
    assert v2.put(session, params={"digest": sha256(winner)}).status_code == 201

    # Two large chunks sent at the same moment: one wins, the other is refused, never a 500.
    session = v2.start_upload(repo)
    bodies = [os.urandom(3_000_000), os.urandom(3_000_000)]
    answers = {}

    def send(index):
        answers[index] = v2.patch(session, data=bodies[index], headers={"Content-Range": f"0-{len(bodies[index]) - 1}"})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    codes = [answers[i].status_code for i in range(2)]
    assert all(code < 500 for code in codes), [answers[i].text for i in range(2)]
    assert codes.count(202) == 1, codes
    winner = bodies[codes.index(202)]
    assert v2.put(session, params={"digest": sha256(winner)}).status_code == 201
