import BerthModel
import BerthWire
import Testing

@Suite struct UploadSessionTests {
    typealias Chunk = UploadSession.Chunk

    @Test func freshSession() {
        let session = UploadSession()
        #expect(session.state == .open)
        #expect(session.bytesReceived == 0)
        #expect(session.isActive)
        #expect(session.status() == .success("0-0"))
        let resumed = UploadSession(bytesReceived: 5)
        #expect(resumed.state == .appending)
        #expect(resumed.rangeHeader == "0-4")
    }

    @Test func chunkedUploadInOrder() {
        var session = UploadSession()
        #expect(session.patch(contentRange: UploadContentRange(start: 0, end: 9), contentLength: 10) == .append(Chunk(offset: 0, length: 10)))
        #expect(session.recordWritten(byteCount: 10) == nil)
        #expect(session.state == .appending)
        #expect(session.rangeHeader == "0-9")
        #expect(session.patch(contentRangeHeader: "10-19", contentLength: 10) == .append(Chunk(offset: 10, length: 10)))
        #expect(session.recordWritten(byteCount: 10) == nil)
        #expect(session.status() == .success("0-19"))
        let digest = "sha256:" + OCITest.hexA
        #expect(
            session.put(digest: digest, contentRangeHeader: "20-24", contentLength: 5)
                == .commit(digest: OCITest.digestA, finalChunk: Chunk(offset: 20, length: 5)))
        #expect(session.recordWritten(byteCount: 5) == nil)
        session.recordCommitted()
        #expect(session.state == .committed)
        #expect(session.bytesReceived == 25)
    }

    @Test func resentAndOutOfOrderChunksAre416() {
        var session = UploadSession(bytesReceived: 20)
        let expected = UploadSession.Decision.reject(OCIError(.rangeInvalid, headers: ["Range": "0-19"]))
        #expect(session.patch(contentRangeHeader: "0-9", contentLength: 10) == expected)
        #expect(session.patch(contentRangeHeader: "10-19", contentLength: 10) == expected)
        #expect(session.patch(contentRangeHeader: "30-39", contentLength: 10) == expected)
        #expect(session.put(digest: "sha256:" + OCITest.hexA, contentRangeHeader: "0-4", contentLength: 5) == expected)
        #expect(session.bytesReceived == 20)
        #expect(session.state == .appending)
    }

    @Test func malformedContentRangeIs416WithDetail() {
        var session = UploadSession(bytesReceived: 3)
        let decision = session.patch(contentRangeHeader: "bytes=abc", contentLength: 3)
        #expect(decision == .reject(OCIError(.rangeInvalid, detail: .fields(["contentRange": "bytes=abc"]), headers: ["Range": "0-2"])))
    }

    @Test func lengthDisagreementsAreSizeInvalid() {
        var session = UploadSession()
        let mismatch = session.patch(contentRangeHeader: "0-9", contentLength: 5)
        #expect(mismatch == .reject(OCIError(.sizeInvalid, detail: .fields(["contentLength": "5", "contentRange": "10"]))))
        #expect(
            session.patch(contentRange: nil, contentLength: -1) == .reject(OCIError(.sizeInvalid, message: "Content-Length must not be negative")))

        // A streamed body shorter than its Content-Range: the bytes count (the store has them), the client hears 400.
        #expect(session.patch(contentRangeHeader: "0-9", contentLength: nil) == .append(Chunk(offset: 0, length: 10)))
        #expect(session.recordWritten(byteCount: 4) == OCIError(.sizeInvalid, detail: .fields(["expected": "10", "received": "4"])))
        #expect(session.bytesReceived == 4)
    }

    @Test func streamedPatchesAppendAtTheEnd() {
        var session = UploadSession()
        #expect(session.patch(contentRange: nil, contentLength: nil) == .append(Chunk(offset: 0, length: nil)))
        #expect(session.recordWritten(byteCount: 7) == nil)
        #expect(session.patch(contentRangeHeader: nil, contentLength: nil) == .append(Chunk(offset: 7, length: nil)))
        #expect(session.recordWritten(byteCount: 0) == nil)
        #expect(session.patch(contentRange: nil, contentLength: 3) == .append(Chunk(offset: 7, length: 3)))
        #expect(session.recordWritten(byteCount: 3) == nil)
        #expect(session.rangeHeader == "0-9")
    }

    @Test func closingPut() {
        let digest = "sha256:" + OCITest.hexA
        var session = UploadSession(bytesReceived: 10)
        #expect(
            session.put(digest: nil, contentRange: nil, contentLength: 0)
                == .reject(OCIError(.digestInvalid, message: "the digest query parameter is required")))
        #expect(session.put(digest: "", contentRange: nil, contentLength: 0).rejection?.code == .digestInvalid)
        #expect(session.put(digest: "sha256:nothex", contentRange: nil, contentLength: 0) == .reject(.digestInvalid("sha256:nothex")))
        #expect(session.put(digest: digest, contentRange: nil, contentLength: 0) == .commit(digest: OCITest.digestA, finalChunk: nil))
        #expect(
            session.put(digest: digest, contentRange: nil, contentLength: 5)
                == .commit(digest: OCITest.digestA, finalChunk: Chunk(offset: 10, length: 5)))
        #expect(
            session.put(digest: digest, contentRange: nil, contentLength: nil)
                == .commit(digest: OCITest.digestA, finalChunk: Chunk(offset: 10, length: nil)))
        #expect(session.put(digest: digest, contentRangeHeader: "junk", contentLength: 5).rejection?.httpStatus == 416)
        // Monolithic: POST then one PUT with the whole blob.
        var monolithic = UploadSession()
        #expect(
            monolithic.put(digest: digest, contentRange: nil, contentLength: 42)
                == .commit(digest: OCITest.digestA, finalChunk: Chunk(offset: 0, length: 42)))
        #expect(monolithic.recordWritten(byteCount: 42) == nil)
    }

    @Test func closedSessionsAreUnknown() {
        let unknown = UploadSession.Decision.reject(OCIError(.blobUploadUnknown))
        var committed = UploadSession(bytesReceived: 3)
        committed.recordCommitted()
        var cancelled = UploadSession()
        #expect(cancelled.cancel() == .cancel)
        #expect(cancelled.state == .cancelled)
        var expired = UploadSession()
        expired.expire()
        #expect(expired.state == .expired)
        for var session in [committed, cancelled, expired] {
            #expect(!session.isActive)
            #expect(session.patch(contentRange: nil, contentLength: 1) == unknown)
            #expect(session.patch(contentRangeHeader: "garbage", contentLength: 1) == unknown)
            #expect(session.put(digest: "sha256:" + OCITest.hexA, contentRange: nil, contentLength: 0) == unknown)
            #expect(session.put(digest: nil, contentRangeHeader: "garbage", contentLength: 0) == unknown)
            #expect(session.cancel() == unknown)
            #expect(session.status() == .failure(OCIError(.blobUploadUnknown)))
        }
    }

    @Test func conformanceChunkScenario() {
        // POST, PATCH chunk 1 (202), re-send chunk 1 (416), GET status (204, Range of chunk 1), PATCH chunk 2, PUT.
        var session = UploadSession()
        #expect(session.patch(contentRangeHeader: "0-3", contentLength: 4) == .append(Chunk(offset: 0, length: 4)))
        #expect(session.recordWritten(byteCount: 4) == nil)
        #expect(session.patch(contentRangeHeader: "0-3", contentLength: 4).rejection?.httpStatus == 416)
        #expect(session.status() == .success("0-3"))
        #expect(session.patch(contentRangeHeader: "4-5", contentLength: 2) == .append(Chunk(offset: 4, length: 2)))
        #expect(session.recordWritten(byteCount: 2) == nil)
        #expect(
            session.put(digest: "sha256:" + OCITest.hexA, contentRange: nil, contentLength: 0) == .commit(digest: OCITest.digestA, finalChunk: nil))
    }
}

extension UploadSession.Decision {
    /// The rejection error, or nil.
    var rejection: OCIError? {
        if case .reject(let error) = self { return error }
        return nil
    }
}
