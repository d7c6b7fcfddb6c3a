import ArgumentParser
import BerthClient
import Foundation

/// `berth pull <repo:tag|repo@sha256:...> <oci-layout-dir>`: downloads an image (every platform of an index) into an
/// OCI image layout, named there by its tag.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull an image into an OCI image layout (created, or added to).",
        discussion: """
            Every blob is checked against its digest while it is written; blobs the layout already holds are skipped \
            and an interrupted pull resumes from its .partial files. The layout's index.json names the image by its \
            tag (org.opencontainers.image.ref.name).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The image, <repository>:<tag> or <repository>@sha256:<hex>.")
    var reference: String

    @Argument(help: "The OCI image layout directory to write.")
    var destination: String

    @Option(help: "How many blobs to download at once.")
    var jobs: Int = 4

    func run() async throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
        TransferCommands.tuneMemory()
        do {
            let image = try BerthClient.ImageReference(parsing: reference)
            let client = try await TransferCommands.registryClient(global, repository: image.repository, jobs: jobs)
            let display = ProgressDisplay(verb: "pulled", style: .forStandardOutput())
            let puller = ImagePuller(client: client, options: TransferOptions(jobs: jobs), observer: display)
            let result = try await puller.pull(image, into: OCILayout(path: destination))
            display.finish(
                summary: "downloaded \(result.downloadedBlobs) blob(s), \(ProgressUnits.bytes(result.downloadedBytes)); "
                    + "\(result.skippedBlobs) already present",
                bytes: result.downloadedBytes)
            print("pulled \(image) \(result.digest)")
        } catch {
            throw TransferCommands.report(error)
        }
    }
}
