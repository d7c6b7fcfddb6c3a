import BerthBlobStore
import BerthCrypto
import BerthModel

/// The expectations a case states; each throws `BlobStoreConformance.Failure` when it does not hold.
struct ConformanceCheck: Sendable {
    let caseName: String

    func fail(_ message: String) -> BlobStoreConformance.Failure {
        BlobStoreConformance.Failure(caseName: caseName, message: message)
    }

    /// `condition` must hold.
    func that(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw fail(message()) }
    }

    /// `actual` must equal `expected`.
    func equal<T: Equatable>(_ actual: T, _ expected: T, _ what: String) throws {
        if actual != expected { throw fail("\(what): expected \(expected), got \(actual)") }
    }

    /// `body` must throw exactly `expected`.
    func throwsError(_ expected: BlobStoreError, _ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as BlobStoreError {
            if error != expected { throw fail("\(what): expected \(expected), got \(error)") }
            return
        } catch {
            throw fail("\(what): expected \(expected), got \(error)")
        }
        throw fail("\(what): expected \(expected), nothing was thrown")
    }

    /// `body` must throw some error.
    func throwsSomething(_ what: String, _ body: () throws -> Void) throws {
        do { try body() } catch { return }
        throw fail("\(what): expected an error, nothing was thrown")
    }

    /// Reads all of `digest` (or `range` of it) back and compares it with `expected`.
    func contents(_ store: any BlobStore, _ digest: Digest, range: Range<Int64>? = nil, equal expected: [UInt8], bufferSize: Int = 65_536) throws {
        let reader = try store.openReader(digest, range: range)
        defer { reader.close() }
        try equal(reader.length, Int64(expected.count), "length of reader over \(digest) \(String(describing: range))")
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var read: [UInt8] = []
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { break }
            try that(count <= bufferSize, "read returned \(count) for a \(bufferSize)-byte buffer")
            read.append(contentsOf: buffer[..<count])
            try that(read.count <= expected.count, "reader over \(digest) \(String(describing: range)) yields more than \(expected.count) bytes")
        }
        try that(read == expected, "bytes of \(digest) \(String(describing: range)) differ from what was uploaded (\(read.count) bytes read)")
    }
}

/// Test data and helpers.
enum Sample {
    /// `count` deterministic pseudo-random bytes (xorshift64*), different for each `seed`.
    static func bytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var output = [UInt8]()
        output.reserveCapacity(count)
        while output.count < count {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            var word = state &* 0x2545_F491_4F6C_DD1D
            for _ in 0..<8 where output.count < count {
                output.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return output
    }

    /// The sha256 digest of `bytes`.
    static func digest(_ bytes: [UInt8]) -> Digest {
        Digest(sha256Hex: SHA256Hasher.hexHash(bytes))
    }

    /// A fresh upload id.
    static func uploadID() -> String {
        SecureRandom.uuid()
    }

    /// Uploads `bytes` in one session and commits it expecting their digest.
    @discardableResult static func put(_ bytes: [UInt8], into store: any BlobStore) throws -> BlobInfo {
        let id = uploadID()
        try store.createUpload(id: id)
        let writer = try store.openUpload(id: id, at: 0)
        try writer.write(bytes)
        writer.close()
        return try store.commitUpload(id: id, size: Int64(bytes.count), as: digest(bytes))
    }
}
