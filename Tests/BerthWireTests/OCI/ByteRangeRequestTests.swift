import BerthWire
import Testing

@Suite struct ByteRangeRequestTests {
    static let cases: [(String?, Int64, ByteRangeRequest)] = [
        (nil, 100, .full),
        ("bytes=0-99", 1234, .partial(0..<100)),
        ("bytes=100-", 1234, .partial(100..<1234)),
        ("bytes=-50", 1234, .partial(1184..<1234)),
        ("bytes=-5000", 1234, .partial(0..<1234)),
        ("bytes=0-", 10, .partial(0..<10)),
        ("bytes=9-9", 10, .partial(9..<10)),
        ("bytes=5-99999999999999999999999", 10, .partial(5..<10)),
        ("Bytes = 2-3 ", 10, .partial(2..<4)),
        ("bytes=\t2-3", 10, .partial(2..<4)),
        ("bytes=10-", 10, .unsatisfiable),
        ("bytes=10-20", 10, .unsatisfiable),
        ("bytes=99999999999999999999-", 10, .unsatisfiable),
        ("bytes=-0", 10, .unsatisfiable),
        ("bytes=0-0", 0, .unsatisfiable),
        ("bytes=-5", 0, .unsatisfiable),
        // Ignored (serve everything): several ranges, other units, invalid syntax.
        ("bytes=0-1,5-6", 10, .full),
        ("bytes=0-1,", 10, .full),
        ("bytes=5-1", 10, .full),
        ("items=0-1", 10, .full),
        ("bytes=abc", 10, .full),
        ("bytes=", 10, .full),
        ("bytes=-", 10, .full),
        ("bytes=1-x", 10, .full),
        ("bytes=0--1", 10, .full),
        ("bytes=+1-2", 10, .full),
        ("bytes=1 - 2", 10, .full),
        ("garbage", 10, .full),
        ("", 10, .full),
        ("=0-1", 10, .full),
    ]

    @Test func interpretsRangeHeaders() {
        for (header, size, expected) in Self.cases {
            #expect(ByteRangeRequest.parse(header, size: size) == expected, "\(header ?? "nil") / \(size)")
        }
    }

    @Test func contentRangeHeaders() {
        #expect(ByteRangeRequest.contentRangeHeader(for: 0..<100, size: 1234) == "bytes 0-99/1234")
        #expect(ByteRangeRequest.contentRangeHeader(for: 1233..<1234, size: 1234) == "bytes 1233-1233/1234")
        #expect(ByteRangeRequest.unsatisfiedContentRangeHeader(size: 1234) == "bytes */1234")
    }
}
