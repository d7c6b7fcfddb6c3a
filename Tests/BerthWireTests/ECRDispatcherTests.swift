import BerthWire
import Foundation
import Testing

/// A handler that serves two operations and leaves the rest to the defaults.
private struct TwoOperationHandler: ECROperationHandler {
    /// Refuses anything on a repository named `forbidden`, and records nothing else.
    func authorize(_ operation: ECROperation, target: ECRAccessTarget, context: ECRRequestContext) async throws(ECRError) {
        if target.repositoryName == "forbidden" { throw ECRError(.accessDeniedException, "no \(operation.rawValue) on forbidden") }
    }

    func createRepository(_ input: ECR.CreateRepositoryRequest, context: ECRRequestContext) async throws(ECRError) -> ECR.CreateRepositoryResponse {
        let registry = input.registryId ?? context.accountID
        let repository = ECR.Repository(
            registryId: registry,
            repositoryName: input.repositoryName,
            createdAt: context.now,
            imageTagMutability: input.imageTagMutability ?? "MUTABLE"
        )
        return ECR.CreateRepositoryResponse(repository: repository)
    }

    func describeRepositories(
        _ input: ECR.DescribeRepositoriesRequest,
        context: ECRRequestContext
    ) async throws(ECRError) -> ECR.DescribeRepositoriesResponse {
        if let name = input.repositoryNames?.first, name != "known" {
            throw .repositoryNotFound(name: name, registryId: context.accountID)
        }
        return ECR.DescribeRepositoriesResponse(repositories: [])
    }
}

@Suite struct ECRDispatcherTests {
    private let handler = TwoOperationHandler()

    @Test func everyOperationIsAuthorizedOnWhatItsInputNamesBeforeItRuns() async throws {
        let body = Array(#"{"repositoryName":"forbidden"}"#.utf8)
        let recorded = TargetRecorder()
        await #expect(throws: ECRError(.accessDeniedException, "no CreateRepository on forbidden")) {
            try await ECRDispatcher.dispatch(
                operationName: "CreateRepository", body: body, handler: handler, context: testContext, onTarget: { recorded.record($0) })
        }
        #expect(recorded.targets == [.repository(name: "forbidden", registryId: nil)])
        // Validation comes first: an invalid input is refused as such, whoever asks.
        await #expect(throws: ECRError.self) {
            try await ECRDispatcher.dispatch(operationName: "CreateRepository", body: Array("{}".utf8), handler: handler, context: testContext)
        }
    }

    @Test func accessTargetsNameTheResource() {
        #expect(ECR.TagResourceRequest(resourceArn: "arn:x", tags: []).accessTarget == .resource(arn: "arn:x"))
        #expect(ECR.DescribeRepositoriesRequest().accessTarget == .repositories(names: [], registryId: nil))
        #expect(ECR.GetAuthorizationTokenRequest().accessTarget == .registry(registryId: nil))
        #expect(
            ECR.PutImageRequest(registryId: "111122223333", repositoryName: "a", imageManifest: "{}").accessTarget
                == .repository(name: "a", registryId: "111122223333"))
    }

    private func dispatch(_ operation: String, _ body: String) async throws(ECRError) -> [String: Any] {
        jsonObject(try await ECRDispatcher.dispatch(operationName: operation, body: bytes(body), handler: handler, context: testContext))
    }

    @Test func roundTripThroughTheHandler() async throws {
        let output = try await dispatch("CreateRepository", #"{"repositoryName":"team/app","imageTagMutability":"IMMUTABLE"}"#)
        let repository = try #require(output["repository"] as? [String: Any])
        #expect(repository["repositoryName"] as? String == "team/app")
        #expect(repository["registryId"] as? String == "123456789012")
        #expect(repository["imageTagMutability"] as? String == "IMMUTABLE")
        #expect(repository["createdAt"] as? Double == 1_700_000_000.5)
        #expect(repository["encryptionConfiguration"] == nil)
        let listed = try await dispatch("DescribeRepositories", "")
        #expect((listed["repositories"] as? [Any])?.isEmpty == true)
        #expect(listed["nextToken"] == nil)
    }

    @Test func handlerErrorsPassThrough() async {
        let error = await ecrError { () async throws(ECRError) in _ = try await dispatch("DescribeRepositories", #"{"repositoryNames":["gone"]}"#) }
        #expect(error == .repositoryNotFound(name: "gone", registryId: "123456789012"))
        #expect(error?.message == "The repository with name 'gone' does not exist in the registry with id '123456789012'")
    }

    @Test func validationRunsBeforeTheHandler() async {
        let error = await ecrError { () async throws(ECRError) in _ = try await dispatch("CreateRepository", #"{"repositoryName":"UPPER"}"#) }
        #expect(error?.code == .invalidParameterException)
        let missing = await ecrError { () async throws(ECRError) in _ = try await dispatch("CreateRepository", "{}") }
        #expect(missing?.message.contains("Value null at 'repositoryName'") == true)
    }

    @Test func defaultImplementationSaysNotSupported() async {
        let error = await ecrError { () async throws(ECRError) in
            _ = try await dispatch("GetLifecyclePolicy", #"{"repositoryName":"app"}"#)
        }
        #expect(error?.code == .unknownOperationException)
        #expect(error?.message == "Operation GetLifecyclePolicy is not supported by this Berth server yet")
    }

    @Test func unknownOperation() async {
        let error = await ecrError { () async throws(ECRError) in _ = try await dispatch("MakeCoffee", "{}") }
        #expect(error?.code == .unknownOperationException)
        #expect(error?.message.contains("MakeCoffee") == true)
    }

    @Test func malformedBodyIsSerializationException() async {
        let error = await ecrError { () async throws(ECRError) in _ = try await dispatch("CreateRepository", "{not json") }
        #expect(error?.code == .serializationException)
        let array = await ecrError { () async throws(ECRError) in _ = try await dispatch("CreateRepository", "[1]") }
        #expect(array?.code == .serializationException)
    }

    @Test func targetHeader() {
        #expect(ECROperation.createRepository.target == "AmazonEC2ContainerRegistry_V20150921.CreateRepository")
        #expect(ECROperation(target: "AmazonEC2ContainerRegistry_V20150921.PutImage") == .putImage)
        #expect(ECROperation(target: "DynamoDB_20120810.PutItem") == nil)
        #expect(ECROperation.getDownloadUrlForLayer.methodName == "getDownloadUrlForLayer")
        #expect(ECROperation.uploadLayerPart.inputShapeName == "UploadLayerPartRequest")
        #expect(ECROperation.uploadLayerPart.outputShapeName == "UploadLayerPartResponse")
    }
}

/// Collects the targets the dispatcher reports.
private final class TargetRecorder: @unchecked Sendable {
    private(set) var targets: [ECRAccessTarget] = []
    func record(_ target: ECRAccessTarget) { targets.append(target) }
}
