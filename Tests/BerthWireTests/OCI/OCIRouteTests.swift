import BerthModel
import BerthWire
import Testing

@Suite struct OCIRouteTests {
    static let validRoutes: [(String, OCIRoute)] = [
        ("/v2/", .base),
        ("/v2", .base),
        ("/v2/_catalog", .catalog),
        ("/v2/team/app/tags/list", .tagsList(name: OCITest.name("team/app"))),
        ("/v2/ab/manifests/latest", .manifest(name: OCITest.name("ab"), reference: .tag("latest"))),
        ("/v2/a/b/c/manifests/sha256:\(OCITest.hexA)", .manifest(name: OCITest.name("a/b/c"), reference: .digest(OCITest.digestA))),
        ("/v2/ab/blobs/sha256:\(OCITest.hexA)", .blob(name: OCITest.name("ab"), digest: OCITest.digestA)),
        ("/v2/ab/blobs/uploads/", .uploadStart(name: OCITest.name("ab"))),
        ("/v2/ab/blobs/uploads", .uploadStart(name: OCITest.name("ab"))),
        ("/v2/ab/blobs/uploads/3f2a-B_c.d~e", .upload(name: OCITest.name("ab"), id: "3f2a-B_c.d~e")),
        ("/v2/ab/referrers/sha256:\(OCITest.hexA)", .referrers(name: OCITest.name("ab"), digest: OCITest.digestA)),
        // Names that contain route words are recognised from the right.
        ("/v2/a/blobs/uploads/blobs/uploads/", .uploadStart(name: OCITest.name("a/blobs/uploads"))),
        ("/v2/a/blobs/uploads/blobs/uploads/xyz", .upload(name: OCITest.name("a/blobs/uploads"), id: "xyz")),
        ("/v2/a/blobs/uploads/blobs/sha256:\(OCITest.hexA)", .blob(name: OCITest.name("a/blobs/uploads"), digest: OCITest.digestA)),
        ("/v2/tags/list/manifests/v1", .manifest(name: OCITest.name("tags/list"), reference: .tag("v1"))),
        ("/v2/x/manifests/tags/list", .tagsList(name: OCITest.name("x/manifests"))),
        ("/v2/referrers/referrers/sha256:\(OCITest.hexA)", .referrers(name: OCITest.name("referrers"), digest: OCITest.digestA)),
        ("/v2/manifests/manifests/manifests", .manifest(name: OCITest.name("manifests"), reference: .tag("manifests"))),
        ("/v2/ab/tags/list", .tagsList(name: OCITest.name("ab"))),
    ]

    @Test func parsesEveryEndpoint() {
        for (path, route) in Self.validRoutes {
            #expect(OCIRoute.parse(path: path) == .success(route), "\(path)")
        }
    }

    @Test(arguments: [
        "/v2/ab/manifests/latest/", "/v2/ab/tags/list/", "/v2/ab/blobs/", "/v2/ab/manifests/", "/v2/ab/referrers/", "/v2/ab",
        "/v2/ab/unknown/x", "/v3/", "/", "", "/v2x", "/v2//", "/v2/_catalog/", "/v2/blobs/uploads/", "/v2/blobs/uploads", "/v2/tags/list",
        "/v2/ab/blobs/uploads/x/", "v2/ab/tags/list", "/V2/ab/tags/list",
    ])
    func unknownPathsAre404(_ path: String) {
        let expected = OCIError(
            .unsupported, message: "the requested path is not part of the OCI distribution API", detail: .text(path), httpStatus: 404)
        #expect(OCIRoute.parse(path: path) == .failure(expected))
    }

    @Test(arguments: [
        ("/v2/UPPER/tags/list", "UPPER"), ("/v2/a//b/tags/list", "a//b"), ("/v2//tags/list", ""), ("/v2/a/tags/list", "a"),
        ("/v2/ab-/manifests/latest", "ab-"), ("/v2/Team/App/blobs/uploads/", "Team/App"), ("/v2/a b/blobs/sha256:x", "a b"),
    ])
    func invalidNamesAre400(_ path: String, _ name: String) {
        let result = OCIRoute.parse(path: path)
        #expect(result == .failure(OCIError(.nameInvalid, detail: .fields(["name": name]))))
        #expect((try? result.get()) == nil)
    }

    @Test func malformedDigestsAreDigestInvalid() throws {
        for (path, digest) in [
            ("/v2/ab/manifests/sha256:totallywrong", "sha256:totallywrong"), ("/v2/ab/blobs/md5:abc", "md5:abc"),
            ("/v2/ab/blobs/latest", "latest"), ("/v2/ab/referrers/latest", "latest"),
            (
                "/v2/ab/manifests/sha256:\(OCITest.hexA.uppercased())",
                "sha256:\(OCITest.hexA.uppercased())"
            ),
        ] {
            let error = try #require(OCIRoute.parse(path: path).failure, "\(path)")
            #expect(error == OCIError(.digestInvalid, message: "invalid digest", detail: .fields(["digest": digest])))
            #expect(error.httpStatus == 400)
        }
    }

    @Test(arguments: ["-bad", ".bad", String(repeating: "t", count: 129), "a+b", "ta%67"])
    func malformedTagsAreManifestInvalid(_ tag: String) throws {
        let error = try #require(OCIRoute.parse(path: "/v2/ab/manifests/\(tag)").failure)
        #expect(error == OCIError(.manifestInvalid, message: "invalid tag", detail: .fields(["tag": tag])))
        #expect(error.httpStatus == 400)
    }

    @Test(arguments: ["GET", "HEAD"])
    func readingAnInvalidReferenceIsManifestUnknown(_ method: String) throws {
        let error = try #require(OCIRoute.parse(method: method, path: "/v2/ab/manifests/.INVALID_MANIFEST_NAME").failure)
        #expect(error.code == .manifestUnknown)
        #expect(error.httpStatus == 404)
        let put = try #require(OCIRoute.parse(method: "PUT", path: "/v2/ab/manifests/.INVALID_MANIFEST_NAME").failure)
        #expect(put.code == .manifestInvalid)
        #expect(put.httpStatus == 400)
    }

    @Test func longestTagIsAccepted() {
        let tag = "_" + String(repeating: "T", count: 127)
        #expect(OCIRoute.parse(path: "/v2/ab/manifests/\(tag)") == .success(.manifest(name: OCITest.name("ab"), reference: .tag(tag))))
    }

    @Test(arguments: ["has space", "a%b?c", String(repeating: "u", count: 257), "é"])
    func strangeUploadIDsAreUnknownUploads(_ id: String) {
        #expect(OCIRoute.parse(path: "/v2/ab/blobs/uploads/\(id)") == .failure(OCIError(.blobUploadUnknown)))
    }

    @Test func methodsAreCheckedPerRoute() throws {
        #expect(OCIRoute.parse(method: "GET", path: "/v2/") == .success(.base))
        #expect(OCIRoute.parse(method: "HEAD", path: "/v2/ab/manifests/v1") == .success(.manifest(name: OCITest.name("ab"), reference: .tag("v1"))))
        #expect(OCIRoute.parse(method: "POST", path: "/v2/ab/blobs/uploads/") == .success(.uploadStart(name: OCITest.name("ab"))))
        #expect(OCIRoute.parse(method: "PATCH", path: "/v2/ab/blobs/uploads/u1") == .success(.upload(name: OCITest.name("ab"), id: "u1")))

        let error = try #require(OCIRoute.parse(method: "DELETE", path: "/v2/").failure)
        #expect(error.code == .unsupported)
        #expect(error.httpStatus == 405)
        #expect(error.headers == ["Allow": "GET, HEAD"])
        #expect(error.message == "method DELETE is not allowed on this resource")

        let post = try #require(OCIRoute.parse(method: "GET", path: "/v2/ab/blobs/uploads/").failure)
        #expect(post.headers == ["Allow": "POST"])
        #expect(OCIRoute.parse(method: "get", path: "/v2/").failure?.httpStatus == 405)
        // Path errors win over method errors.
        #expect(OCIRoute.parse(method: "BREW", path: "/v2/nope").failure?.httpStatus == 404)
    }

    @Test func allowedMethods() {
        let name = OCITest.name("ab")
        #expect(OCIRoute.base.allowedMethods == ["GET", "HEAD"])
        #expect(OCIRoute.catalog.allowedMethods == ["GET", "HEAD"])
        #expect(OCIRoute.tagsList(name: name).allowedMethods == ["GET", "HEAD"])
        #expect(OCIRoute.referrers(name: name, digest: OCITest.digestA).allowedMethods == ["GET", "HEAD"])
        #expect(OCIRoute.manifest(name: name, reference: .tag("x")).allowedMethods == ["GET", "HEAD", "PUT", "DELETE"])
        #expect(OCIRoute.blob(name: name, digest: OCITest.digestA).allowedMethods == ["GET", "HEAD", "DELETE"])
        #expect(OCIRoute.uploadStart(name: name).allowedMethods == ["POST"])
        #expect(OCIRoute.upload(name: name, id: "u").allowedMethods == ["GET", "HEAD", "PATCH", "PUT", "DELETE"])
    }

    @Test func routeName() {
        #expect(OCIRoute.base.name == nil)
        #expect(OCIRoute.catalog.name == nil)
        #expect(OCIRoute.upload(name: OCITest.name("a/b"), id: "u").name == OCITest.name("a/b"))
    }

    @Test func references() {
        #expect(OCIReference.parse("v1.0") == .success(.tag("v1.0")))
        #expect(OCIReference.parse("sha256:\(OCITest.hexA)") == .success(.digest(OCITest.digestA)))
        #expect(OCIReference.tag("v1").description == "v1")
        #expect(OCIReference.digest(OCITest.digestA).description == "sha256:\(OCITest.hexA)")
        #expect(OCIReference.tag("v1").tag == "v1")
        #expect(OCIReference.tag("v1").digest == nil)
        #expect(OCIReference.digest(OCITest.digestA).digest == OCITest.digestA)
        #expect(OCIReference.parse("").failure?.code == .manifestInvalid)
        #expect(OCIReference.parse(":").failure?.code == .digestInvalid)
    }
}

extension Result {
    /// The failure, or nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
