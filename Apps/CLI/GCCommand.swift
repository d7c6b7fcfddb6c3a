import ArgumentParser
import BerthClient

/// `berth gc --dry-run`: what garbage collection would remove (Berth's admin API).
struct GCCommand: ClientCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc", abstract: "Show what garbage collection would remove (BerthAdmin PreviewGarbageCollection).",
        discussion: "Unreferenced blobs and expired uploads older than --grace. Only --dry-run exists: nothing is deleted.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Only report; required (the server collects on its own schedule).") var dryRun = false
    @Option(help: ArgumentHelp("Ignore blobs and uploads younger than this: 1h, 30m, 45s, 2d, 0s.", valueName: "duration"))
    var grace: Duration = Duration(seconds: 3600)

    func validate() throws {
        if !dryRun { throw ValidationError("berth gc only previews for now: pass --dry-run.") }
    }

    func run(client: ECRClient) async throws {
        let preview: GarbageCollectionPreview
        do {
            preview = try await client.previewGarbageCollection(gracePeriodSeconds: grace.seconds)
        } catch {
            guard case .service(let code, let message, let status) = error, code == "UnknownOperationException" else { throw error }
            let why = "\(message) (the server at \(client.configuration.endpoint.baseURL) has no garbage-collection preview: upgrade it)"
            throw ClientError.service(code: code, message: why, status: status)
        }
        try output.emit(preview) {
            let table = Table(columns: ["digest", "size"], rows: preview.blobs.map { [$0.digest, Formatting.size($0.size)] })
            let summary =
                "\(preview.blobs.count) of \(preview.blobsScanned) blobs (\(Formatting.size(preview.bytes))) and "
                + "\(preview.expiredUploads) expired uploads older than \(preview.gracePeriodSeconds) s would be removed"
            return preview.blobs.isEmpty ? summary : table.rendered + "\n" + summary
        }
    }

    /// A duration given as a number and a unit (`s`, `m`, `h`, `d`; a bare number is seconds).
    struct Duration: ExpressibleByArgument {
        /// The duration in seconds.
        var seconds: Int

        init(seconds: Int) { self.seconds = seconds }

        init?(argument: String) {
            let units = ["s": 1, "m": 60, "h": 3600, "d": 86400]
            var digits = Substring(argument)
            var unit = 1
            if let last = argument.last, let multiplier = units[String(last)] {
                digits = digits.dropLast()
                unit = multiplier
            }
            guard let value = Int(digits), value >= 0 else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: unit)
            guard !overflow else { return nil }
            seconds = product
        }

        var defaultValueDescription: String { "1h" }
    }
}
