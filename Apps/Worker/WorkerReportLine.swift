import BerthService
import Logging

/// How a pass is reported: structured log metadata for a pass that acted, a summary for `--dry-run`.
enum WorkerReportLine {
    /// One log line's fields: blobs scanned and deleted, bytes freed, uploads expired, images expired and archived,
    /// errors, duration.
    static func metadata(_ report: MaintenancePass.Report, seconds: Double) -> Logger.Metadata {
        [
            "blobs_scanned": "\(report.gc.blobsScanned)", "blobs_deleted": "\(report.gc.blobs.count)", "bytes_freed": "\(report.gc.bytes)",
            "claims_finished": "\(report.gc.claimsFinished)", "uploads_expired": "\(report.uploads.expired)",
            "upload_bytes_freed": "\(report.uploads.bytes)", "lifecycle_policies": "\(report.lifecyclePolicies)",
            "images_expired": "\(report.imagesExpired)", "images_archived": "\(report.imagesArchived)",
            "errors": "\(report.gc.errors + report.uploads.skipped + report.lifecycleErrors)",
            "duration_seconds": "\(Double(Int(seconds * 1000)) / 1000)",
        ]
    }

    /// What `--dry-run` prints: one line per blob that would go, then the totals.
    static func dryRunSummary(_ report: MaintenancePass.Report) -> String {
        var lines = report.gc.blobs.map { "would delete \($0.digest) (\($0.size) bytes)" }
        lines.append(
            "dry run: \(report.gc.blobs.count) of \(report.gc.blobsScanned) blobs would be deleted (\(report.gc.bytes) bytes), "
                + "\(report.uploads.expired) uploads expired (\(report.uploads.bytes) bytes), \(report.imagesExpired) images expired and "
                + "\(report.imagesArchived) archived by \(report.lifecyclePolicies) lifecycle policies")
        return lines.joined(separator: "\n")
    }
}
