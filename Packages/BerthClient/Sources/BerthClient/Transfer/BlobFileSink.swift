import BerthCrypto
import BerthModel
import Foundation

/// Receives a blob download into `<hex>.partial`: appends after the bytes already there (a resumed `Range` pull),
/// or starts over when the server sent the whole blob, hashing everything as it is written.
final class BlobFileSink: ResponseSink, @unchecked Sendable {
    // Mutated only by the transport's serial delegate queue while a download runs, read after it finished.
    let path: String
    private let handle: FileHandle
    private let expectedSize: Int64
    private let progress: @Sendable (Int64) -> Void
    private let signal: AbortSignal
    private(set) var hasher = SHA256Hasher()
    private(set) var written: Int64 = 0

    /// Opens (or creates) `path`, hashing the bytes a previous attempt left there; more than `expectedSize`
    /// bytes means the file is not a prefix of this blob, so it starts empty.
    init(path: String, expectedSize: Int64, signal: AbortSignal, progress: @escaping @Sendable (Int64) -> Void) throws(TransferError) {
        self.path = path
        self.signal = signal
        self.expectedSize = expectedSize
        self.progress = progress
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw .fileFailure(path: path, reason: "cannot create") }
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else { throw .fileFailure(path: path, reason: "cannot open for writing") }
        self.handle = handle
        try rehashExisting()
    }

    deinit {
        do { try handle.close() } catch {}  // close() after synchronize() already reported write failures.
    }

    private func rehashExisting() throws(TransferError) {
        do {
            let size = Int64(try handle.seekToEnd())
            guard size <= expectedSize else { return try truncate() }
            try handle.seek(toOffset: 0)
            while written < size {
                guard let piece = try handle.read(upToCount: 8 << 20), !piece.isEmpty else { break }
                piece.withUnsafeBytes { hasher.update($0) }
                written += Int64(piece.count)
            }
            try handle.seek(toOffset: UInt64(written))
        } catch let error as TransferError {
            throw error
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
    }

    private func truncate() throws(TransferError) {
        do {
            try handle.truncate(atOffset: 0)
            hasher = SHA256Hasher()
            written = 0
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
    }

    /// A 200 is the whole blob from byte 0, whatever was asked for: start the file over.
    func begin(status: Int, headers: [String: String]) throws(TransferError) {
        if status == 200, written > 0 { try truncate() }
    }

    /// Writes and hashes the next bytes.
    func receive(_ bytes: Data) throws(TransferError) {
        try signal.check()
        guard written + Int64(bytes.count) <= expectedSize else {
            throw .rejected(status: 200, message: "the server sent more than the \(expectedSize) bytes the manifest lists")
        }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
        bytes.withUnsafeBytes { hasher.update($0) }
        written += Int64(bytes.count)
        progress(written)
    }

    /// The digest of the bytes written.
    var digest: Digest { Digest(sha256Hex: hasher.finalizeHex()) }
}
