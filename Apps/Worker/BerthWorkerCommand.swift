import ArgumentParser
import BerthBlobStore
import BerthCrypto
import BerthMetadata
import BerthService
import BerthStoreSetup
import Foundation
import Logging

/// `berth-worker`: garbage collection, upload expiry and lifecycle policies over the stores berth-server uses.
@main
struct BerthWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "berth-worker",
        abstract: "Reclaims space and runs lifecycle policies over the stores berth-server uses (embedded or plugins).",
        discussion: """
            Each pass applies every repository's lifecycle policy, expires idle upload sessions, then deletes blobs no \
            image references whose links were not used within the grace period. Only one worker acts at a time (the \
            metadata store's `worker` lease); start as many as you like.
            """
    )

    @OptionGroup var options: WorkerOptions

    func run() async throws {
        var logger = Logger(label: "berth-worker")
        logger.logLevel = Environment.string("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        let stores: (blobs: any BlobStore, metadata: any MetadataStore)
        do {
            stores = try options.stores.open()
        } catch let failure as StoreSelection.Failure {
            FileHandle.standardError.write(Data("berth-worker: \(failure)\n".utf8))
            throw ExitCode(2)
        }
        let holder = "worker-" + SecureRandom.uuid()
        let lease = WorkerLease(metadata: stores.metadata, holder: holder, logger: logger)
        let pass = MaintenancePass(
            blobs: stores.blobs, metadata: stores.metadata,
            base: RegistryConfiguration(accountID: options.accountID, region: "", publicURL: "http://localhost"),
            clock: Environment.registryClock(), holder: holder, logger: logger)
        let settings = MaintenancePass.Settings(gcGrace: options.gcGrace.seconds, uploadMaxAge: options.uploadMaxAge.seconds, dryRun: options.dryRun)
        if options.dryRun {
            let report = try pass.run(settings)
            print(WorkerReportLine.dryRunSummary(report))
            return
        }
        StopSignals.install { lease.release() }
        try await lease.acquire()
        defer { lease.release() }
        while true {
            let started = Date()
            do {
                let report = try pass.run(settings, holdsLease: lease.renew)
                logger.info("pass done", metadata: WorkerReportLine.metadata(report, seconds: Date().timeIntervalSince(started)))
            } catch {
                logger.error("pass failed", metadata: ["error": "\(error)", "seconds": "\(Date().timeIntervalSince(started))"])
                if options.once { throw ExitCode(1) }
            }
            if options.once { return }
            try await keepLease(lease, for: options.interval.seconds, logger: logger)
        }
    }

    /// Sleeps `seconds`, renewing the lease every third of its life; if another worker took it, waits to get it back.
    private func keepLease(_ lease: WorkerLease, for seconds: Double, logger: Logger) async throws {
        var left = seconds
        repeat {
            let step = min(left, WorkerLease.seconds / 3)
            try await Task.sleep(for: .seconds(step))
            left -= step
            if try !lease.renew() {
                logger.warning("lease lost to another worker")
                try await lease.acquire()
            }
        } while left > 0
    }
}
