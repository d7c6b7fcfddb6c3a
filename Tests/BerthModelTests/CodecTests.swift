import BerthModel
import Foundation
import Testing

/// The one codec per format: base64, percent-encoding, wildcards, hand JSON and Codable JSON.
@Suite struct CodecTests {
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func base64MatchesRFC4648(_ text: String) {
        let expected = Data(text.utf8).base64EncodedString()
        #expect(Base64.encode(Array(text.utf8)) == expected)
        #expect(Base64.decode(expected) == Data(text.utf8))
        let urlSafe = Base64.encode(Array(text.utf8), urlSafe: true)
        #expect(!urlSafe.contains("="))
        #expect(Base64.decode(urlSafe, urlSafe: true) == Data(text.utf8))
    }

    @Test func base64AlphabetsAndRefusals() {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64.encode(bytes, urlSafe: true) == "-_-_")
        #expect(Base64.decode("-_-_") == nil)
        #expect(Base64.decode("+/+/", urlSafe: true) == nil)
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Zm9vY") == nil)  // a length of 4n+1 is never base64
        #expect(Base64.decode("Zm8") == nil)  // the standard alphabet needs its padding
        #expect(Base64.decode("Zm8", urlSafe: true) == Data("fo".utf8))
        #expect(Base64.decode("Zm8==") == nil)
    }

    @Test func base64DecodesLargeBuffersInPlace() {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let text = Array(Base64.encode(bytes).utf8)
        let decoded = text.withUnsafeBufferPointer { Base64.decode($0) }
        #expect(decoded == Data(bytes))
    }

    @Test func percentEncodingAsSigV4Canonicalizes() {
        #expect(PercentEncoding.encode("a-Z_0.~") == "a-Z_0.~")
        #expect(PercentEncoding.encode("a b/c+é") == "a%20b%2Fc%2B%C3%A9")
        #expect(PercentEncoding.encode("a b/c", keepingSlash: true) == "a%20b/c")
    }

    @Test func percentDecoding() {
        #expect(PercentEncoding.decode("a%2Fb+c", plusAsSpace: false) == "a/b+c")
        #expect(PercentEncoding.decode("a%2fb+c", plusAsSpace: true) == "a/b c")
        #expect(PercentEncoding.decode("%C3%A9t%C3%A9", plusAsSpace: false) == "été")
        #expect(PercentEncoding.decode("100%", plusAsSpace: false) == "100%")
        #expect(PercentEncoding.decode("%zz%4", plusAsSpace: false) == "%zz%4")
        #expect(PercentEncoding.decodeBytes("%00%FF", plusAsSpace: false) == [0, 255])
        #expect(PercentEncoding.decodeValidUTF8("%E9", plusAsSpace: false) == nil)
        #expect(PercentEncoding.decodeValidUTF8("%C3%A9", plusAsSpace: false) == "é")
    }

    @Test func wildcards() {
        #expect(WildcardPattern.matches("release-*", "release-1"))
        #expect(WildcardPattern.matches("*", ""))
        #expect(WildcardPattern.matches("a*b*c", "aXXbYYc"))
        #expect(!WildcardPattern.matches("a*b*c", "aXXbYY"))
        #expect(!WildcardPattern.matches("v?", "v1"))
        #expect(WildcardPattern.matches("v?", "v?"))
        #expect(WildcardPattern.matches("v?", "v1", questionMark: true))
        #expect(!WildcardPattern.matches("a*b?d", "aXXbd", questionMark: true))
        #expect(WildcardPattern.matches("ECR:PUT*", "ecr:PutImage", questionMark: true, caseSensitive: false))
        #expect(!WildcardPattern.matches("ECR:PUT*", "ecr:PutImage", questionMark: true))
    }

    @Test func jsonWriterEscapesAndOrders() {
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("a\"b", first: true)
        writer.string("line\nand\\tab\t\u{01}")
        writer.key("m")
        writer.stringObject(["b": "2", "B": "1", "a": "3"])
        writer.raw("}")
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #"{"a\"b":"line\nand\\tab\t\u0001","m":{"B":"1","a":"3","b":"2"}}"#)
        #expect((try? JSONSerialization.jsonObject(with: Data(writer.bytes))) != nil)
    }

    struct Sample: Codable, Equatable {
        var url: String
        var blob: Data
        var zebra: Int
        var alpha: Double
    }

    @Test func jsonCodingIsSortedAndRoundTrips() throws {
        let sample = Sample(url: "http://a/b", blob: Data([0xFB, 0xFF]), zebra: 1, alpha: 1.5)
        let data = try JSONCoding.encode(sample)
        #expect(String(decoding: data, as: UTF8.self) == #"{"alpha":1.5,"blob":"+/8=","url":"http://a/b","zebra":1}"#)
        #expect(try JSONCoding.decode(Sample.self, from: data) == sample)
        #expect(throws: DecodingError.self) {
            try JSONCoding.decode(Sample.self, from: Data(#"{"alpha":1,"blob":"!!","url":"","zebra":1}"#.utf8))
        }
    }
}
