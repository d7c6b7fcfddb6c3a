import BerthModel
public import BerthWire

extension ECRService {
    public func putLifecyclePolicy(_ input: ECR.PutLifecyclePolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.PutLifecyclePolicyResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            try registry.putLifecyclePolicy(repository: input.repositoryName, text: input.lifecyclePolicyText)
            return ECR.PutLifecyclePolicyResponse(
                registryId: accountID, repositoryName: input.repositoryName, lifecyclePolicyText: input.lifecyclePolicyText)
        }
    }

    public func getLifecyclePolicy(_ input: ECR.GetLifecyclePolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetLifecyclePolicyResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let policy = try registry.lifecyclePolicy(repository: input.repositoryName)
            return ECR.GetLifecyclePolicyResponse(
                registryId: accountID, repositoryName: input.repositoryName, lifecyclePolicyText: policy.text, lastEvaluatedAt: policy.lastEvaluatedAt
            )
        }
    }

    public func deleteLifecyclePolicy(_ input: ECR.DeleteLifecyclePolicyRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.DeleteLifecyclePolicyResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let policy = try registry.deleteLifecyclePolicy(repository: input.repositoryName)
            return ECR.DeleteLifecyclePolicyResponse(
                registryId: accountID, repositoryName: input.repositoryName, lifecyclePolicyText: policy.text, lastEvaluatedAt: policy.lastEvaluatedAt
            )
        }
    }

    /// Evaluates at once and keeps the result; like ECR, the answer says IN_PROGRESS and GetLifecyclePolicyPreview
    /// then reports COMPLETE.
    public func startLifecyclePolicyPreview(_ input: ECR.StartLifecyclePolicyPreviewRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.StartLifecyclePolicyPreviewResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let preview = try registry.startLifecyclePreview(repository: input.repositoryName, text: input.lifecyclePolicyText)
            return ECR.StartLifecyclePolicyPreviewResponse(
                registryId: accountID, repositoryName: input.repositoryName, lifecyclePolicyText: preview.text, status: "IN_PROGRESS")
        }
    }

    public func getLifecyclePolicyPreview(_ input: ECR.GetLifecyclePolicyPreviewRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetLifecyclePolicyPreviewResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let preview = try registry.lifecyclePreview(repository: input.repositoryName)
            var entries = preview.entries
            switch input.filter?.tagStatus {
            case "TAGGED": entries.removeAll { $0.tags.isEmpty }
            case "UNTAGGED": entries.removeAll { !$0.tags.isEmpty }
            default: break
            }
            if let ids = input.imageIds {
                entries.removeAll { entry in
                    !ids.contains { id in
                        (id.imageDigest.map { $0 == entry.digest } ?? true) && (id.imageTag.map { entry.tags.contains($0) } ?? true)
                            && (id.imageDigest != nil || id.imageTag != nil)
                    }
                }
            }
            let scope = "preview:\(input.repositoryName):\(preview.evaluatedAt):\(input.filter?.tagStatus ?? "ANY")"
            let limit = input.maxResults ?? 100
            if let token = input.nextToken {
                let after = try PageToken.decode(token, scope: scope).key
                entries = Array(entries.drop { $0.digest != after }.dropFirst())
            }
            let shown = Array(entries.prefix(limit))
            let next = entries.count > limit ? shown.last.map { PageToken(scope: scope, key: $0.digest).encode() } : nil
            return ECR.GetLifecyclePolicyPreviewResponse(
                registryId: accountID, repositoryName: input.repositoryName, lifecyclePolicyText: preview.text, status: "COMPLETE",
                nextToken: next, previewResults: shown.map(Self.previewResult), summary: Self.previewSummary(preview.entries))
        }
    }

    private static func previewResult(_ entry: LifecyclePreview.Entry) -> ECR.LifecyclePolicyPreviewResult {
        let transition = entry.action == LifecycleAction.transition.rawValue
        return ECR.LifecyclePolicyPreviewResult(
            imageTags: entry.tags.isEmpty ? nil : entry.tags, imageDigest: entry.digest, imagePushedAt: entry.pushedAt,
            action: ECR.LifecyclePolicyRuleAction(type: transition ? "TRANSITION" : "EXPIRE", targetStorageClass: transition ? "ARCHIVE" : nil),
            appliedRulePriority: entry.rulePriority, storageClass: entry.storageClass.uppercased())
    }

    private static func previewSummary(_ entries: [LifecyclePreview.Entry]) -> ECR.LifecyclePolicyPreviewSummary {
        let transitioning = entries.filter { $0.action == LifecycleAction.transition.rawValue }.count
        return ECR.LifecyclePolicyPreviewSummary(
            expiringImageTotalCount: entries.count - transitioning,
            transitioningImageTotalCounts: transitioning == 0
                ? nil : [ECR.TransitioningImageTotalCount(targetStorageClass: "ARCHIVE", imageTotalCount: transitioning)]
        )
    }
}
