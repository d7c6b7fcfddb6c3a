import BerthWire
import Testing

@Suite struct UploadContentRangeTests {
    @Test(
        arguments: [
            ("0-99", 0, 99), ("bytes 0-99/100", 0, 99), ("bytes 5-9/*", 5, 9), ("bytes=5-9", 5, 9), (" 0-0 ", 0, 0),
            ("BYTES 10-19", 10, 19), ("7-7/8", 7, 7),
        ] as [(String, Int64, Int64)])
    func parsesChunkRanges(_ header: String, _ start: Int64, _ end: Int64) throws {
        let range = try #require(UploadContentRange(parsing: header))
        #expect(range.start == start)
        #expect(range.end == end)
        #expect(range.length == end - start + 1)
    }

    @Test(arguments: [
        "", "-", "0-", "-5", "5-4", "a-b", "0-99/50", "0-99/99", "0-99/x", "0-99/", "1-2-3", "0 - 5", "+1-2",
        "99999999999999999999-1", "0-99999999999999999999", "bytes", "bytes 0-1 extra", "0x1-2", "1,2",
    ])
    func rejectsMalformedRanges(_ header: String) {
        #expect(UploadContentRange(parsing: header) == nil)
    }

    @Test func memberwise() {
        #expect(UploadContentRange(start: 0, end: 0)?.length == 1)
        #expect(UploadContentRange(start: -1, end: 0) == nil)
        #expect(UploadContentRange(start: 5, end: 4) == nil)
    }

    @Test func rangeHeaderForBytesReceived() {
        #expect(UploadContentRange.rangeHeader(bytesReceived: 0) == "0-0")
        #expect(UploadContentRange.rangeHeader(bytesReceived: 1) == "0-0")
        #expect(UploadContentRange.rangeHeader(bytesReceived: 100) == "0-99")
    }
}
