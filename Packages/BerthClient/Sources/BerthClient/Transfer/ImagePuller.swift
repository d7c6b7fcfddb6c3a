public import BerthModel
import BerthWire
import Foundation
import Synchronization

/// What a pull did.
public struct PullResult: Sendable {
    /// The digest of the manifest pulled (the index for a multi-platform image).
    public var digest: Digest
    /// Blobs downloaded.
    public var downloadedBlobs: Int
    /// Bytes downloaded.
    public var downloadedBytes: Int64
    /// Blobs the layout already had.
    public var skippedBlobs: Int
}

/// Pulls an image (and, for an index, every child) into an OCI layout: manifests first (checked against their
/// digests), blobs in parallel into `.partial` files, then the manifests' own blobs, then the `index.json` entry.
public struct ImagePuller: Sendable {
    private let client: RegistryClient
    private let options: TransferOptions
    private let observer: any TransferObserver

    /// A puller from `client`'s repository.
    public init(client: RegistryClient, options: TransferOptions, observer: any TransferObserver) {
        self.client = client
        self.options = options
        self.observer = observer
    }

    /// Pulls `reference` into `layout`, naming it there by the reference's tag.
    /// - Throws: `TransferError` once retries of a transient failure ran out, or at once for any other.
    public func pull(_ reference: ImageReference, into layout: OCILayout) async throws(TransferError) -> PullResult {
        let top = try await fetchManifest(reference.manifestReference)
        var manifests: [FetchedManifest] = []
        var blobs: [(Digest, Int64)] = []
        var seen: Set<Digest> = [top.digest]
        try await collect(top, manifests: &manifests, blobs: &blobs, seen: &seen)
        try layout.prepare()
        observer.handle(.planned(blobs: blobs.count, bytes: blobs.reduce(0) { $0 + $1.1 }))
        let signal = AbortSignal()
        let puller = BlobPuller(client: client, options: options, observer: observer, signal: signal)
        let tally = Mutex((downloaded: 0, bytes: Int64(0), skipped: 0))
        try await forEachConcurrently(blobs.map { BlobWork(digest: $0.0, size: $0.1) }, limit: options.jobs, signal: signal) {
            work throws(TransferError) in
            let downloaded = try await puller.pull(work.digest, size: work.size, to: layout.blobPath(work.digest))
            tally.withLock { tally in
                if downloaded {
                    tally.downloaded += 1
                    tally.bytes += work.size
                } else {
                    tally.skipped += 1
                }
            }
        }
        for manifest in manifests { try layout.writeBlob(manifest.bytes, digest: manifest.digest) }
        try layout.addManifest(top, refName: reference.digest == nil ? reference.tag : nil)
        let counts = tally.withLock { $0 }
        return PullResult(digest: top.digest, downloadedBlobs: counts.downloaded, downloadedBytes: counts.bytes, skippedBlobs: counts.skipped)
    }

    private struct BlobWork: Sendable {
        var digest: Digest
        var size: Int64
    }

    /// Walks `manifest` (fetching children of an index), adding it after its children and each blob once.
    private func collect(
        _ manifest: FetchedManifest, manifests: inout [FetchedManifest], blobs: inout [(Digest, Int64)], seen: inout Set<Digest>
    ) async throws(TransferError) {
        let document: ManifestDocument
        do {
            document = try ManifestParser.parse(Array(manifest.bytes), declaredMediaType: manifest.mediaType)
        } catch {
            throw .rejected(status: 200, message: "the registry served a manifest Berth cannot read: \(error.message)")
        }
        for child in document.manifests {
            let digest = try parse(child.digest)
            guard seen.insert(digest).inserted else { continue }
            try await collect(try await fetchManifest(digest.description), manifests: &manifests, blobs: &blobs, seen: &seen)
        }
        for blob in [document.config].compactMap({ $0 }) + document.layers where !blob.isForeign {
            let digest = try parse(blob.digest)
            if seen.insert(digest).inserted { blobs.append((digest, blob.size)) }
        }
        manifests.append(manifest)
    }

    private func fetchManifest(_ reference: String) async throws(TransferError) -> FetchedManifest {
        var retry = RetryState(policy: options.retry)
        while true {
            do throws(TransferError) {
                return try await client.manifest(reference)
            } catch {
                try await retry.wait(after: error, blob: nil, observer: observer)
            }
        }
    }

    /// A manifest's digest; only sha256 ones, the algorithm pulls verify with.
    private func parse(_ text: String) throws(TransferError) -> Digest {
        guard let digest = Digest(parsing: text) else { throw .rejected(status: 200, message: "invalid digest \(text) in a manifest") }
        guard digest.algorithm == "sha256" else { throw .rejected(status: 200, message: "\(text): only sha256 digests can be pulled") }
        return digest
    }
}
