import Foundation

/// Reads bounded chunks of one file at given offsets, so a layer is never held in memory whole.
final class FileChunkReader {
    private let handle: FileHandle
    private let path: String

    /// Opens `path` for reading.
    init(path: String) throws(TransferError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .fileFailure(path: path, reason: "cannot open for reading") }
        self.handle = handle
        self.path = path
    }

    deinit {
        do { try handle.close() } catch {}  // A read-only descriptor: closing it loses nothing.
    }

    /// Exactly `count` bytes from `offset`.
    /// - Throws: `TransferError.fileFailure` when the file is shorter or unreadable.
    func read(at offset: Int64, count: Int) throws(TransferError) -> Data {
        do {
            try handle.seek(toOffset: UInt64(offset))
            var data = Data()
            data.reserveCapacity(count)
            while data.count < count {
                guard let piece = try handle.read(upToCount: count - data.count), !piece.isEmpty else {
                    throw TransferError.fileFailure(path: path, reason: "ends before byte \(offset + Int64(count))")
                }
                data.append(piece)
            }
            return data
        } catch let error as TransferError {
            throw error
        } catch {
            throw .fileFailure(path: path, reason: "\(error)")
        }
    }
}
