import BerthWire
import Foundation
import Testing

@Suite struct LayerPartBodyTests {
    func split(_ text: String) -> (json: [UInt8], blob: Data)? {
        Array(text.utf8).withUnsafeBytes { LayerPartBody.split($0) }
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 1000, 65_537])
    func decodesWhatFoundationEncodes(_ count: Int) throws {
        let blob = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let body = #"{"repositoryName":"a/b","partFirstByte":0,"layerPartBlob": "\#(blob.base64EncodedString())","uploadId":"x"}"#
        let (json, decoded) = try #require(split(body))
        #expect(decoded == blob)
        #expect(String(decoding: json, as: UTF8.self) == #"{"repositoryName":"a/b","partFirstByte":0,"layerPartBlob": "","uploadId":"x"}"#)
    }

    @Test(arguments: [
        #"{"layerPartBlob":"abc"}"#, #"{"layerPartBlob":"ab\/c"}"#, #"{"layerPartBlob":12}"#, #"{"other":"AAAA"}"#, #"{"layerPartBlob":"A$=="}"#,
    ])
    func leavesOddBodiesToTheOrdinaryDecoder(_ body: String) {
        #expect(split(body) == nil)
    }
}
