public import BerthWire

extension ECRService {
    /// The ECR door's half of the one authorize point: the dispatcher calls this for every operation, before it
    /// runs, with what the decoded input names; the registry core decides.
    public func authorize(_ operation: ECROperation, target: ECRAccessTarget, context: ECRRequestContext) async throws(ECRError) {
        try await run {
            let action = "ecr:\(operation.rawValue)"
            let permissions = resources(of: target).map { Permission(action: action, resource: $0) }
            try await registry.authorize(AccessRequest(caller: Self.caller(context), permissions: permissions))
        }
    }

    /// The caller a request context describes.
    static func caller(_ context: ECRRequestContext) -> Caller {
        Caller(principalARN: context.principalARN, accessKeyID: context.accessKeyID, sourceAddress: context.sourceAddress)
    }

    /// The resource ARNs IAM checks for a target: repository ARNs, the named ARN, or `*` for registry-wide actions.
    private func resources(of target: ECRAccessTarget) -> [String] {
        switch target {
        case .repository(let name, let registryId):
            return [configuration.repositoryARN(name, registryId: registryId)]
        case .repositories(let names, let registryId):
            if names.isEmpty { return [configuration.repositoryARN("*", registryId: registryId)] }
            return names.map { configuration.repositoryARN($0, registryId: registryId) }
        case .resource(let arn):
            return [arn]
        case .registry:
            return ["*"]
        }
    }
}
