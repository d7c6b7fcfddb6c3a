import BerthMetadata
import Foundation
import Logging

/// The metadata store's `worker` lease: only its holder acts, so many workers may run beside many replicas and
/// exactly one collects at a time; the others wait and take over when it stops renewing.
struct WorkerLease: Sendable {
    static let name = "worker"
    /// How long the lease lasts unrenewed; the holder renews every third of it.
    static let seconds = 60.0

    let metadata: any MetadataStore
    let holder: String
    let logger: Logger

    /// Takes or renews the lease now; false while another worker holds it.
    func renew() throws -> Bool {
        let now = Date().timeIntervalSince1970
        return try metadata.acquireLease(Self.name, holder: holder, until: now + Self.seconds, now: now)
    }

    /// Waits (polling every few seconds) until this worker holds the lease.
    func acquire() async throws {
        var announced = false
        while try !renew() {
            if !announced {
                logger.info("another worker holds the lease; waiting", metadata: ["lease": "\(Self.name)"])
                announced = true
            }
            try await Task.sleep(for: .seconds(Self.seconds / 6))
        }
        logger.info("lease taken", metadata: ["lease": "\(Self.name)", "holder": "\(holder)"])
    }

    /// Gives the lease up (a failure is logged: the lease expires by itself).
    func release() {
        do { try metadata.releaseLease(Self.name, holder: holder) } catch {
            logger.warning("could not release the lease", metadata: ["error": "\(error)"])
        }
    }
}
