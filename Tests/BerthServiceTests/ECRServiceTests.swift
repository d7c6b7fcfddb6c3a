import BerthCrypto
import BerthService
import BerthWire
import Foundation
import Testing

@Suite struct ECRServiceTests {
    @Test func repositoryLifecycle() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("team/app")
        let described = try await fixture.service.describeRepositories(.init(repositoryNames: ["team/app"]), context: fixture.context)
        let repository = try require(described.repositories?.first)
        #expect(repository.repositoryUri == "127.0.0.1:5000/team/app")
        #expect(repository.repositoryArn == "arn:aws:ecr:us-east-1:123456789012:repository/team/app")
        await #expect(throws: ECRError.self) { try await fixture.createRepository("team/app") }
        _ = try await fixture.service.deleteRepository(.init(repositoryName: "team/app"), context: fixture.context)
        let error = await #expect(throws: ECRError.self) {
            _ = try await fixture.service.describeRepositories(.init(repositoryNames: ["team/app"]), context: fixture.context)
        }
        #expect(error?.code.rawValue == "RepositoryNotFoundException")
    }

    @Test func imageDigestIsTheSHA256OfTheExactManifest() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        let manifest = try await fixture.pushImage("app", tag: "v1", note: "a")
        let got = try await fixture.service.batchGetImage(.init(repositoryName: "app", imageIds: [.init(imageTag: "v1")]), context: fixture.context)
        let image = try require(got.images?.first)
        #expect(image.imageManifest == manifest)
        #expect(image.imageId?.imageDigest == "sha256:" + SHA256Hasher.hexHash(Array(manifest.utf8)))
    }

    @Test func movingATagLeavesTheOldImageUntagged() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        _ = try await fixture.pushImage("app", tag: "latest", note: "one")
        _ = try await fixture.pushImage("app", tag: "latest", note: "two")
        let untagged = try await fixture.service.listImages(
            .init(repositoryName: "app", filter: .init(tagStatus: "UNTAGGED")), context: fixture.context)
        #expect(untagged.imageIds?.count == 1)
        #expect(untagged.imageIds?.first?.imageTag == nil)
    }

    @Test func immutableTagIsRefused() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app", mutability: "IMMUTABLE")
        _ = try await fixture.pushImage("app", tag: "v1", note: "one")
        let error = await #expect(throws: ECRError.self) { _ = try await fixture.pushImage("app", tag: "v1", note: "two") }
        #expect(error?.code.rawValue == "ImageTagAlreadyExistsException")
    }

    @Test func missingLayersAreReported() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        let digest = "sha256:" + String(repeating: "a", count: 64)
        let manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",\
            "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"\(digest)"},"layers":[]}
            """
        let error = await #expect(throws: ECRError.self) {
            _ = try await fixture.service.putImage(.init(repositoryName: "app", imageManifest: manifest), context: fixture.context)
        }
        #expect(error?.code.rawValue == "LayersNotFoundException")
    }

    @Test func partsMustBeContiguous() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        let upload = try await fixture.service.initiateLayerUpload(.init(repositoryName: "app"), context: fixture.context)
        let id = try require(upload.uploadId)
        #expect(upload.partSize == 10 << 20)
        let error = await #expect(throws: ECRError.self) {
            _ = try await fixture.service.uploadLayerPart(
                .init(repositoryName: "app", uploadId: id, partFirstByte: 5, partLastByte: 5, layerPartBlob: Data([1])), context: fixture.context)
        }
        #expect(error?.code.rawValue == "InvalidLayerPartException")
    }

    @Test func smallPartBeforeTheLastIsTooSmall() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        let error = await #expect(throws: ECRError.self) {
            try await fixture.pushBlob("app", Array(repeating: 7, count: 100), partSize: 40)
        }
        #expect(error?.code.rawValue == "LayerPartTooSmallException")
        let digest = try await fixture.pushBlob("app", Array(repeating: 7, count: 12 << 20), partSize: 6 << 20)
        #expect(digest.hasPrefix("sha256:"))
    }

    @Test func listImagesPagesWithOpaqueTokens() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        for index in 0..<5 { _ = try await fixture.pushImage("app", tag: "t\(index)", note: "\(index)") }
        var token: String?
        var seen: [String] = []
        var pages = 0
        repeat {
            let page = try await fixture.service.listImages(.init(repositoryName: "app", nextToken: token, maxResults: 2), context: fixture.context)
            seen += page.imageIds?.compactMap(\.imageTag) ?? []
            token = page.nextToken
            pages += 1
        } while token != nil
        #expect(pages == 3)
        #expect(seen.sorted() == ["t0", "t1", "t2", "t3", "t4"])
        let error = await #expect(throws: ECRError.self) {
            _ = try await fixture.service.listImages(.init(repositoryName: "app", nextToken: "bogus"), context: fixture.context)
        }
        #expect(error?.code.rawValue == "InvalidParameterException")
    }

    @Test func authorizationTokenIsBasicAWSPassword() async throws {
        let fixture = ServiceFixture()
        let answer = try await fixture.service.getAuthorizationToken(.init(), context: fixture.context)
        let data = try require(answer.authorizationData?.first)
        let decoded = String(decoding: try require(Data(base64Encoded: try require(data.authorizationToken))), as: UTF8.self)
        #expect(decoded.hasPrefix("AWS:"))
        #expect(data.expiresAt == fixture.context.now + 43_200)
        #expect(data.proxyEndpoint == "http://127.0.0.1:5000")
    }
}
