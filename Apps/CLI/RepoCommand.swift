import ArgumentParser
import BerthClient
import BerthWire

/// `berth repo create|list|describe|delete`.
struct RepoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repo", abstract: "Create, list, describe and delete repositories.",
        subcommands: [Create.self, List.self, Describe.self, Delete.self])

    /// The table of repositories every repo command prints.
    static func table(_ repositories: [ECR.Repository]) -> String {
        Table(
            columns: ["name", "uri", "tag mutability", "scan on push", "created"],
            rows: repositories.map { repository in
                [
                    repository.repositoryName ?? "-", repository.repositoryUri ?? "-", repository.imageTagMutability ?? "-",
                    repository.imageScanningConfiguration?.scanOnPush.map { $0 ? "yes" : "no" } ?? "-", Formatting.time(repository.createdAt),
                ]
            }
        ).rendered
    }

    struct Create: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Create a repository (CreateRepository).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name, e.g. team/app.") var name: String
        @Option(help: "MUTABLE (default) or IMMUTABLE: whether a tag may move to another image.") var tagMutability: String?
        @Flag(help: "Ask for a scan of every pushed image.") var scanOnPush = false

        func run(client: ECRClient) async throws {
            let request = ECR.CreateRepositoryRequest(
                repositoryName: name, imageTagMutability: tagMutability?.uppercased(),
                imageScanningConfiguration: scanOnPush ? ECR.ImageScanningConfiguration(scanOnPush: true) : nil)
            let answer = try await client.call(.createRepository, request, as: ECR.CreateRepositoryResponse.self)
            try output.emit(answer) { RepoCommand.table(answer.repository.map { [$0] } ?? []) }
        }
    }

    struct List: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "List every repository (DescribeRepositories, all pages).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run(client: ECRClient) async throws {
            let answer = try await client.describeAllRepositories()
            try output.emit(answer) { RepoCommand.table(answer.repositories ?? []) }
        }
    }

    struct Describe: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Describe repositories by name (DescribeRepositories).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository names.") var names: [String]

        func validate() throws { if names.isEmpty { throw ValidationError("Name at least one repository.") } }

        func run(client: ECRClient) async throws {
            let answer = try await client.describeAllRepositories(names: names)
            try output.emit(answer) {
                (answer.repositories ?? []).map { repository in
                    Table.fields([
                        ("name", repository.repositoryName ?? "-"), ("arn", repository.repositoryArn ?? "-"),
                        ("uri", repository.repositoryUri ?? "-"), ("registry", repository.registryId ?? "-"),
                        ("created", Formatting.time(repository.createdAt)), ("tag mutability", repository.imageTagMutability ?? "-"),
                        ("scan on push", repository.imageScanningConfiguration?.scanOnPush.map { $0 ? "yes" : "no" } ?? "-"),
                        ("encryption", repository.encryptionConfiguration?.encryptionType ?? "-"),
                    ])
                }.joined(separator: "\n\n")
            }
        }
    }

    struct Delete: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a repository (DeleteRepository).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var name: String
        @Flag(help: "Delete it even if it still holds images.") var force = false

        func run(client: ECRClient) async throws {
            let answer = try await client.call(
                .deleteRepository, ECR.DeleteRepositoryRequest(repositoryName: name, force: force ? true : nil), as: ECR.DeleteRepositoryResponse.self
            )
            try output.emit(answer) { "deleted repository \(answer.repository?.repositoryName ?? name)" }
        }
    }
}
