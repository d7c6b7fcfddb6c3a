/// The credential scope a client signed with: `<access key>/<yyyymmdd>/<region>/<service>/aws4_request`.
struct SigV4Credential: Sendable, Equatable {
    var accessKeyID: String
    var day: String
    var region: String
    var service: String
    var terminator: String

    /// Splits `text` into its five elements.
    /// - Throws: `IncompleteSignatureException` when it does not have exactly five.
    init(parsing text: String) throws(SigV4Error) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 else {
            throw .incompleteSignature(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(text)'")
        }
        accessKeyID = parts[0]
        day = parts[1]
        region = parts[2]
        service = parts[3]
        terminator = parts[4]
    }

    /// The scope without the access key, as the string to sign carries it.
    var scope: String {
        [day, region, service, terminator].joined(separator: "/")
    }

    /// Checks the scope against the verifier's region and service and the request's date, with AWS's messages.
    /// - Throws: `InvalidSignatureException` naming the first element that is wrong.
    func validate(regions: SigV4RegionPolicy, service expectedService: String, timestamp: SigV4Timestamp) throws(SigV4Error) {
        guard terminator == SigV4Canonical.terminator else {
            throw .invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request', not '\(terminator)'.")
        }
        guard service == expectedService else {
            throw .invalidSignature("Credential should be scoped to correct service: '\(expectedService)'.")
        }
        guard regions.allows(region) else {
            throw .invalidSignature("Credential should be scoped to a valid region, not '\(region)'.")
        }
        guard day == timestamp.day else {
            throw .invalidSignature(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                    + "'\(day)' != '\(timestamp.day)', from '\(timestamp.amzDate)'.")
        }
    }
}
