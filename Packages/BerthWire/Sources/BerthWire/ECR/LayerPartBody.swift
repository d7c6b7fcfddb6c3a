import BerthModel
public import Foundation

extension ECR.UploadLayerPartRequest {
    /// Decodes an UploadLayerPart body with its base64 part decoded in place (`LayerPartBody.split`); a body of
    /// another shape goes through the ordinary JSON decoder, which reports its errors.
    public static func decode(from body: UnsafeRawBufferPointer) throws(ECRError) -> Self {
        guard let (json, blob) = LayerPartBody.split(body) else { return try ECRJSONCodec.decode(Self.self, from: body) }
        var input = try ECRJSONCodec.decode(Self.self, from: json)
        input.layerPartBlob = blob
        return input
    }
}

/// How UploadLayerPart avoids copies: finds the base64 `layerPartBlob` string in the raw JSON body and decodes it
/// straight into one `Data`, so a 10 MiB part costs one copy of its bytes instead of four (collected body, JSON
/// string, base64 text, decoded blob). The rest of the body (a few hundred bytes) goes through the normal decoder.
public enum LayerPartBody {
    /// Splits `body` into the JSON with `"layerPartBlob": ""` and the decoded blob; nil when the body does not have
    /// the plain shape the fast path understands (then the caller uses the ordinary decoder, which reports errors).
    public static func split(_ body: UnsafeRawBufferPointer) -> (json: [UInt8], blob: Data)? {
        let bytes = body.bindMemory(to: UInt8.self)
        guard let keyEnd = find(Array(#""layerPartBlob""#.utf8), in: bytes) else { return nil }
        var index = skipSpaces(bytes, from: keyEnd)
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index = skipSpaces(bytes, from: index + 1)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") { return nil }
            end += 1
        }
        guard end < bytes.count, let blob = Base64.decode(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return nil }
        var json = Array(bytes[..<start])
        json.append(contentsOf: bytes[end...])
        return (json, blob)
    }

    private static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return index + needle.count }
            index += 1
        }
        return nil
    }

    private static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index
    }
}
