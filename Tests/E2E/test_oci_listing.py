"""Tags list and _catalog: sorted, paged with `n`/`last`, `Link` on partial pages only."""
import re

from oci_client import make_repo, v2  # noqa: F401 (fixtures)
from oci_layout import make_image

TAGS = ["v2", "latest", "V1", "10", "9", "a_b", "a.b", "a-b", "z"]


def next_link(response):
    """The target of `Link: <…>; rel="next"`, or None."""
    link = response.headers.get("Link")
    if link is None:
        return None
    match = re.fullmatch(r'<([^>]+)>;\s*rel="next"', link)
    assert match, link
    return match.group(1)


def walk(v2, path, key, n, limit=50):
    """Follows `Link` headers from `path?n=` to the end (at most `limit` pages); returns the pages."""
    pages, url = [], f"{path}?n={n}"
    for _ in range(limit):
        answer = v2.get(url)
        assert answer.status_code == 200, answer.text
        pages.append(answer.json()[key])
        url = next_link(answer)
        if url is None:
            return pages
        assert len(pages[-1]) == n  # a partial page is only ever the last one
    raise AssertionError("pagination did not end")


def test_tags_list_sorted_and_paged(v2, repo):
    image = v2.push_image(repo, make_image(note="tags"))
    for tag in TAGS:
        v2.push_manifest(repo, tag, image.manifest)
    expected = sorted(TAGS, key=lambda t: t.encode())

    whole = v2.get(f"/v2/{repo}/tags/list")
    assert whole.json() == {"name": repo, "tags": expected}
    assert "Link" not in whole.headers

    first = v2.get(f"/v2/{repo}/tags/list", params={"n": 4})
    assert first.json()["tags"] == expected[:4]
    assert next_link(first) == f"/v2/{repo}/tags/list?n=4&last={expected[3]}"

    pages = walk(v2, f"/v2/{repo}/tags/list", "tags", 4)
    assert pages == [expected[0:4], expected[4:8], expected[8:]]
    # Exactly n left: a full page and no Link.
    exact = v2.get(f"/v2/{repo}/tags/list", params={"n": 3, "last": expected[5]})
    assert exact.json()["tags"] == expected[6:] and "Link" not in exact.headers

    assert v2.get(f"/v2/{repo}/tags/list", params={"last": "latest"}).json()["tags"] == expected[expected.index("latest") + 1 :]
    assert v2.get(f"/v2/{repo}/tags/list", params={"last": "b"}).json()["tags"] == [t for t in expected if t > "b"]
    zero = v2.get(f"/v2/{repo}/tags/list", params={"n": 0})
    assert zero.status_code == 200 and zero.json()["tags"] == [] and "Link" not in zero.headers
    past = v2.get(f"/v2/{repo}/tags/list", params={"n": 5, "last": "zzz"})
    assert past.json()["tags"] == [] and "Link" not in past.headers


def test_catalog_sorted_and_paged(v2, make_repo):
    names = [make_repo(f"catalog-e2e/{suffix}") for suffix in ("b", "a", "c/deep", "c", "a-x")]
    expected = sorted(names, key=lambda n: n.encode())

    every = [name for page in walk(v2, "/v2/_catalog", "repositories", 7) for name in page]
    assert every == sorted(every, key=lambda n: n.encode())
    assert len(every) == len(set(every))
    assert [n for n in every if n.startswith("catalog-e2e/")] == expected

    after = v2.get("/v2/_catalog", params={"n": 2, "last": "catalog-e2e/"})
    assert after.json()["repositories"] == expected[:2]
    assert next_link(after) == f"/v2/_catalog?n=2&last={expected[1]}"
    zero = v2.get("/v2/_catalog", params={"n": 0})
    assert zero.json() == {"repositories": []} and "Link" not in zero.headers
