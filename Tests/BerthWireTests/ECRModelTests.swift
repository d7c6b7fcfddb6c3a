import Testing

@testable import BerthWire

@Suite struct ECRModelTests {
    @Test func allOperations() {
        #expect(ECROperation.allCases.count == 58)
        #expect(ECROperation(rawValue: "GetAuthorizationToken") == .getAuthorizationToken)
        #expect(ECR.targetPrefix == "AmazonEC2ContainerRegistry_V20150921")
        #expect(ECR.apiVersion == "2015-09-21")
    }

    @Test func everyModelPatternCompiles() {
        #expect(!ECRPattern.all.isEmpty)
        for pattern in ECRPattern.all {
            #expect(pattern.compiles, "\(pattern.source)")
        }
    }

    @Test func patternsMatchWholeValues() {
        #expect(ECRPattern.repositoryName.matches("team/app-1"))
        #expect(ECRPattern.repositoryName.matches("a__b"))
        #expect(!ECRPattern.repositoryName.matches("team/App"))
        #expect(!ECRPattern.repositoryName.matches("app/"))
        #expect(ECRPattern.layerDigest.matches("sha256:0123abcdef"))
        #expect(!ECRPattern.layerDigest.matches("sha256:xyz"))
        #expect(ECRPattern.registryId.matches("123456789012"))
        #expect(!ECRPattern.registryId.matches("1234567890123"))
        #expect(ECRPattern.uploadId.matches("0b1e5b64-1f6e-4c7a-9b6d-2a3c4d5e6f70"))
        #expect(ECRPattern.kmsKeyForRepositoryCreationTemplate.matches(""))
    }

    @Test func enumValues() {
        #expect(ECREnumValues.tagStatus == ["TAGGED", "UNTAGGED", "ANY"])
        #expect(ECREnumValues.imageTagMutability.contains("IMMUTABLE_WITH_EXCLUSION"))
    }

    /// Every operation's input has a query-form schema, and every structure it names has one too.
    @Test func everyOperationHasAQueryFormSchema() throws {
        for operation in ECROperation.allCases {
            #expect(try ECRQueryForm.jsonBody(operation: operation.rawValue, query: []) == Array("{}".utf8), "\(operation)")
            var pending = [operation.inputShapeName]
            var seen: Set<String> = []
            while let name = pending.popLast() {
                guard seen.insert(name).inserted else { continue }
                let members = try #require(ECRWireType.members(of: name), "\(name)")
                for member in members {
                    pending += Self.structures(in: member.type)
                }
            }
        }
    }

    private static func structures(in type: ECRWireType) -> [String] {
        switch type {
        case .structure(let name): [name]
        case .list(let element), .map(let element): structures(in: element)
        default: []
        }
    }
}
