import ArgumentParser
import BerthClient
import Foundation

/// `berth push <oci-layout-dir|docker-archive.tar> <repo:tag>`: uploads an image's missing blobs, then its manifests.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push an image from an OCI image layout or a docker archive (docker save) to a repository.",
        discussion: """
            Blobs the repository already holds are skipped; the others upload in parallel and in chunks, resuming after \
            network failures and server restarts. Manifests go last, byte for byte. A layout with several manifests \
            pushes the one whose org.opencontainers.image.ref.name is the tag (or name one as <dir>:<name>).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An OCI image layout directory or a docker archive (.tar).")
    var source: String

    @Argument(help: "The destination, <repository>:<tag>.")
    var target: String

    @Option(help: "How many blobs to upload at once.")
    var jobs: Int = 4

    func run() async throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be at least 1") }
        TransferCommands.tuneMemory()
        do {
            let reference = try BerthClient.ImageReference(parsing: target)
            guard reference.digest == nil, let tag = reference.tag else { throw TransferError.invalidSource("push takes <repository>:<tag>") }
            let plan = try ImageSourceLoader.plan(path: source, tag: tag)
            let client = try await TransferCommands.registryClient(global, repository: reference.repository, jobs: jobs)
            let display = ProgressDisplay(verb: "pushed", style: .forStandardOutput())
            let pusher = ImagePusher(client: client, options: TransferOptions(jobs: jobs), observer: display)
            let result = try await pusher.push(plan, tag: tag)
            display.finish(
                summary: "uploaded \(result.uploadedBlobs) blob(s), \(ProgressUnits.bytes(result.uploadedBytes)); "
                    + "\(result.skippedBlobs) already present",
                bytes: result.uploadedBytes)
            print("pushed \(reference.repository):\(tag) \(result.digest)")
        } catch {
            throw TransferCommands.report(error)
        }
    }
}
