import ArgumentParser
import BerthClient
import BerthWire

/// `berth lifecycle get|set|delete|preview`: a repository's lifecycle policy.
struct LifecycleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle", abstract: "Get, set, delete and preview a repository's lifecycle policy.",
        subcommands: [Get.self, Set.self, Delete.self, Preview.self])

    struct Get: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Print a repository's lifecycle policy (GetLifecyclePolicy).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String

        func run(client: ECRClient) async throws {
            let answer = try await client.call(
                .getLifecyclePolicy, ECR.GetLifecyclePolicyRequest(repositoryName: repository), as: ECR.GetLifecyclePolicyResponse.self)
            try output.emit(answer) { answer.lifecyclePolicyText ?? "" }
        }
    }

    struct Set: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Set a repository's lifecycle policy (PutLifecyclePolicy).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String
        @OptionGroup var policy: PolicyInput

        func validate() throws {
            if policy.file == nil && policy.text == nil { throw ValidationError("Give the policy with --file <path> or --text <json>.") }
        }

        func run(client: ECRClient) async throws {
            let request = ECR.PutLifecyclePolicyRequest(repositoryName: repository, lifecyclePolicyText: try policy.requiredPolicyText())
            let answer = try await client.call(.putLifecyclePolicy, request, as: ECR.PutLifecyclePolicyResponse.self)
            try output.emit(answer) { "set the lifecycle policy of \(repository)" }
        }
    }

    struct Delete: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a repository's lifecycle policy (DeleteLifecyclePolicy).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String

        func run(client: ECRClient) async throws {
            let answer = try await client.call(
                .deleteLifecyclePolicy, ECR.DeleteLifecyclePolicyRequest(repositoryName: repository), as: ECR.DeleteLifecyclePolicyResponse.self)
            try output.emit(answer) { "deleted the lifecycle policy of \(repository)" }
        }
    }

    struct Preview: ClientCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print the images a lifecycle policy would expire (StartLifecyclePolicyPreview, then GetLifecyclePolicyPreview until COMPLETE).",
            discussion: "Without --file or --text the repository's own policy is previewed.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String
        @OptionGroup var policy: PolicyInput
        @Option(help: "Seconds to wait for the preview to complete.") var timeout: Double = 120

        func run(client: ECRClient) async throws {
            let answer = try await client.runLifecyclePreview(repository: repository, policyText: try policy.policyText(), timeoutSeconds: timeout)
            try output.emit(answer) {
                let results = answer.previewResults ?? []
                let table = Table(
                    columns: ["digest", "tags", "pushed", "rule", "action"],
                    rows: results.map { result in
                        [
                            result.imageDigest ?? "-", Formatting.list(result.imageTags), Formatting.time(result.imagePushedAt),
                            result.appliedRulePriority.map(String.init) ?? "-", result.action?.type ?? "-",
                        ]
                    })
                return results.isEmpty ? "no image would expire" : table.rendered
            }
        }
    }
}
