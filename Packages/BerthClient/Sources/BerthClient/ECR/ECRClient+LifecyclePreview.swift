public import BerthWire

extension ECRClient {
    /// Runs a lifecycle policy preview to the end: StartLifecyclePolicyPreview, then GetLifecyclePolicyPreview
    /// until its status is `COMPLETE`, every page of results gathered.
    /// - Parameters:
    ///   - repository: the repository.
    ///   - policyText: the policy to preview; nil previews the repository's own policy.
    ///   - timeoutSeconds: how long to wait for `COMPLETE`.
    ///   - pollInterval: seconds between polls.
    /// - Returns: the completed preview, `previewResults` holding every image the policy would act on.
    /// - Throws: `ClientError` (`LifecyclePolicyNotFoundException`, a `FAILED`/`EXPIRED` preview, or the timeout).
    public func runLifecyclePreview(repository: String, policyText: String? = nil, timeoutSeconds: Double = 120, pollInterval: Double = 0.25)
        async throws(ClientError) -> ECR.GetLifecyclePolicyPreviewResponse
    {
        _ = try await call(
            .startLifecyclePolicyPreview, ECR.StartLifecyclePolicyPreviewRequest(repositoryName: repository, lifecyclePolicyText: policyText),
            as: ECR.StartLifecyclePolicyPreviewResponse.self)
        let started = now()
        while true {
            var preview = try await call(
                .getLifecyclePolicyPreview, ECR.GetLifecyclePolicyPreviewRequest(repositoryName: repository),
                as: ECR.GetLifecyclePolicyPreviewResponse.self)
            switch preview.status {
            case "COMPLETE":
                var results = preview.previewResults ?? []
                while let token = preview.nextToken {
                    preview = try await call(
                        .getLifecyclePolicyPreview, ECR.GetLifecyclePolicyPreviewRequest(repositoryName: repository, nextToken: token),
                        as: ECR.GetLifecyclePolicyPreviewResponse.self)
                    results += preview.previewResults ?? []
                }
                preview.previewResults = results
                preview.nextToken = nil
                return preview
            case "IN_PROGRESS", nil:
                guard now() - started < timeoutSeconds else {
                    throw .service(
                        code: "LifecyclePolicyPreviewInProgressException",
                        message: "the preview of \(repository) did not complete within \(Int(timeoutSeconds)) s", status: 200)
                }
                await pause(seconds: pollInterval)
            case let status?:
                throw .service(code: "LifecyclePolicyPreviewFailure", message: "the preview of \(repository) is \(status)", status: 200)
            }
        }
    }

    private func pause(seconds: Double) async {
        // Cancellation only cuts the wait short; the next poll then reports the state.
        do { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) } catch {}
    }
}
