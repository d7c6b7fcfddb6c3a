import ArgumentParser
import BerthClient
import BerthWire

/// `berth policy get|set|delete`: a repository's permissions policy.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Get, set and delete a repository's permissions policy.", subcommands: [Get.self, Set.self, Delete.self])

    struct Get: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Print a repository's policy (GetRepositoryPolicy).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String

        func run(client: ECRClient) async throws {
            let answer = try await client.call(
                .getRepositoryPolicy, ECR.GetRepositoryPolicyRequest(repositoryName: repository), as: ECR.GetRepositoryPolicyResponse.self)
            try output.emit(answer) { answer.policyText ?? "" }
        }
    }

    struct Set: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Set a repository's policy (SetRepositoryPolicy).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String
        @OptionGroup var policy: PolicyInput
        @Flag(help: "Set it even if it would lock the caller out.") var force = false

        func validate() throws {
            if policy.file == nil && policy.text == nil { throw ValidationError("Give the policy with --file <path> or --text <json>.") }
        }

        func run(client: ECRClient) async throws {
            let request = ECR.SetRepositoryPolicyRequest(
                repositoryName: repository, policyText: try policy.requiredPolicyText(), force: force ? true : nil)
            let answer = try await client.call(.setRepositoryPolicy, request, as: ECR.SetRepositoryPolicyResponse.self)
            try output.emit(answer) { "set the policy of \(repository)" }
        }
    }

    struct Delete: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a repository's policy (DeleteRepositoryPolicy).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String

        func run(client: ECRClient) async throws {
            let answer = try await client.call(
                .deleteRepositoryPolicy, ECR.DeleteRepositoryPolicyRequest(repositoryName: repository), as: ECR.DeleteRepositoryPolicyResponse.self)
            try output.emit(answer) { "deleted the policy of \(repository)" }
        }
    }
}
