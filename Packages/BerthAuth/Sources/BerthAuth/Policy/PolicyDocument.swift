/// An IAM policy document in parsed form, as ECR repository and registry policies use it.
///
/// `parse(_:)` validates the document the way IAM does (structure, versions, effects, principals, action and
/// resource syntax, condition shape); evaluating it against a request is for the layer that enforces policies.
public struct PolicyDocument: Sendable, Equatable {
    /// The policy language versions IAM accepts.
    public static let supportedVersions = ["2012-10-17", "2008-10-17"]

    /// `Version`, when present: one of `supportedVersions`.
    public var version: String?
    /// `Id`, when present.
    public var id: String?
    /// The statements, at least one, in document order.
    public var statements: [PolicyStatement]

    /// A document from its parts (no validation: use `parse(_:)` for text from users).
    public init(version: String?, id: String? = nil, statements: [PolicyStatement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Parses and validates a policy document.
    /// - Parameter text: the JSON text, e.g. the `policyText` of SetRepositoryPolicy.
    /// - Returns: the parsed document.
    /// - Throws: `PolicyDocumentError` whose message names the first problem found.
    public static func parse(_ text: String) throws(PolicyDocumentError) -> PolicyDocument {
        try PolicyDocumentParser.document(from: PolicyJSON.parse(text))
    }
}
