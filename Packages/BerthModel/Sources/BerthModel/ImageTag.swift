/// Image tag rules shared by the ECR API and the OCI API.
public enum ImageTag {
    /// ECR's tag rule: 1–300 characters of `[a-zA-Z0-9-_.]`.
    public static func isValidECR(_ tag: String) -> Bool {
        let bytes = tag.utf8
        return !bytes.isEmpty && bytes.count <= 300 && bytes.allSatisfy(isTagByte)
    }

    /// OCI's tag rule: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`.
    public static func isValidOCI(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy(isTagByte)
    }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
