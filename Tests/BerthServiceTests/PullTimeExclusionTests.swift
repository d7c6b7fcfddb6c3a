import BerthService
import BerthWire
import Testing

/// Pulls by a principal on the exclusion list leave `lastRecordedPullTime` alone; others record it.
@Suite struct PullTimeExclusionTests {
    @Test func excludedPrincipalsDoNotRecordPulls() async throws {
        let fixture = ServiceFixture()
        try await fixture.createRepository("app")
        _ = try await fixture.pushImage("app", tag: "v1", note: "pulled")
        let scanner = "arn:aws:iam::123456789012:role/scanner"
        _ = try await fixture.service.registerPullTimeUpdateExclusion(.init(principalArn: scanner), context: fixture.context)
        var asScanner = fixture.context
        asScanner.principalARN = scanner
        let ids = [ECR.ImageIdentifier(imageTag: "v1")]
        _ = try await fixture.service.batchGetImage(.init(repositoryName: "app", imageIds: ids), context: asScanner)
        let afterScanner = try await fixture.service.describeImages(.init(repositoryName: "app"), context: fixture.context)
        #expect(afterScanner.imageDetails?.first?.lastRecordedPullTime == nil)
        _ = try await fixture.service.batchGetImage(.init(repositoryName: "app", imageIds: ids), context: fixture.context)
        let afterRoot = try await fixture.service.describeImages(.init(repositoryName: "app"), context: fixture.context)
        #expect(afterRoot.imageDetails?.first?.lastRecordedPullTime == 1_700_000_000)
        let listed = try await fixture.service.listPullTimeUpdateExclusions(.init(), context: fixture.context)
        #expect(listed.pullTimeUpdateExclusions == [scanner])
    }
}
