/// Which regions a credential scope may name: a fixed set (`--regions`), or any well-formed AWS region name, so one
/// server answers for every region as moto and LocalStack do.
public enum SigV4RegionPolicy: Sendable, Equatable {
    /// Any region name of AWS's form (`us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, ...).
    case any
    /// Exactly these regions.
    case only(Set<String>)

    /// True when a credential scope naming `region` is acceptable.
    public func allows(_ region: String) -> Bool {
        switch self {
        case .only(let regions): return regions.contains(region)
        case .any: return Self.isRegionName(region)
        }
    }

    /// True for text shaped like an AWS region: lower-case words joined by `-`, ending in a number, 2–25 characters.
    public static func isRegionName(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...25).contains(text.count), parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isLowercase && $0.isLetter && $0.isASCII } }
    }
}
