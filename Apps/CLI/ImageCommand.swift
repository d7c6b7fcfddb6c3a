import ArgumentParser
import BerthClient
import BerthWire

/// `berth image list|describe|delete|tag`.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image", abstract: "List, describe, delete and tag images.", subcommands: [List.self, Describe.self, Delete.self, Tag.self])

    /// The table of image details the list and describe commands print.
    static func table(_ details: [ECR.ImageDetail]) -> String {
        Table(
            columns: ["tags", "digest", "size", "pushed", "media type"],
            rows: details.map { detail in
                [
                    Formatting.list(detail.imageTags), detail.imageDigest ?? "-", Formatting.size(detail.imageSizeInBytes),
                    Formatting.time(detail.imagePushedAt), detail.imageManifestMediaType ?? "-",
                ]
            }
        ).rendered
    }

    struct List: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "List a repository's images (DescribeImages, all pages).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The repository name.") var repository: String

        func run(client: ECRClient) async throws {
            let answer = try await client.describeAllImages(repository: repository)
            try output.emit(answer) { ImageCommand.table(answer.imageDetails ?? []) }
        }
    }

    struct Describe: ClientCommand {
        static let configuration = CommandConfiguration(abstract: "Describe images (DescribeImages).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The images: repository:tag or repository@sha256:..., all in one repository.") var images: [ImageReference]

        func validate() throws { _ = try ImageCommand.oneRepository(images) }

        func run(client: ECRClient) async throws {
            let answer = try await client.describeAllImages(repository: ImageCommand.oneRepository(images), imageIds: images.map(\.imageId))
            try output.emit(answer) { ImageCommand.table(answer.imageDetails ?? []) }
        }
    }

    struct Delete: ClientCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete images (BatchDeleteImage).",
            discussion: "A tag removes the tag (and the image with its last tag); a digest removes the image and all its tags.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The images: repository:tag or repository@sha256:..., all in one repository.") var images: [ImageReference]

        func validate() throws { _ = try ImageCommand.oneRepository(images) }

        func run(client: ECRClient) async throws {
            let repository = try ImageCommand.oneRepository(images)
            let answer = try await client.call(
                .batchDeleteImage, ECR.BatchDeleteImageRequest(repositoryName: repository, imageIds: images.map(\.imageId)),
                as: ECR.BatchDeleteImageResponse.self)
            if output.output == .json { try Output.printJSON(answer) }
            if output.output == .table {
                Output.write(
                    (answer.imageIds ?? []).map { "deleted \(repository)@\($0.imageDigest ?? "-")\($0.imageTag.map { " (tag \($0))" } ?? "")" }
                        .joined(separator: "\n"))
            }
            if let failure = answer.failures?.first {
                let name = failure.imageId?.imageTag.map { "\(repository):\($0)" } ?? "\(repository)@\(failure.imageId?.imageDigest ?? "-")"
                throw ClientError.service(
                    code: failure.failureCode ?? "ImageNotFound", message: "\(name): \(failure.failureReason ?? "not deleted")", status: 200)
            }
        }
    }

    struct Tag: ClientCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an image another tag: BatchGetImage the manifest, PutImage the same bytes under the new tag.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The image to tag: repository:tag or repository@sha256:...") var source: ImageReference
        @Argument(help: "The new tag, or repository:tag for another repository that already holds the layers.") var target: String

        func run(client: ECRClient) async throws {
            var repository = source.repository
            var tag = target
            if let reference = ImageReference(argument: target), reference.imageId.imageTag != nil {
                repository = reference.repository
                tag = reference.imageId.imageTag ?? target
            }
            let answer = try await client.tagImage(repository: source.repository, source: source.imageId, tag: tag, targetRepository: repository)
            try output.emit(answer) { "tagged \(repository):\(tag) = \(answer.image?.imageId?.imageDigest ?? "-")" }
        }
    }

    /// The one repository every reference names.
    /// - Throws: `ValidationError` when there are none or they name several.
    static func oneRepository(_ images: [ImageReference]) throws -> String {
        guard let first = images.first else { throw ValidationError("Name at least one image (repository:tag or repository@digest).") }
        guard images.allSatisfy({ $0.repository == first.repository }) else { throw ValidationError("All images must be in one repository.") }
        return first.repository
    }
}
