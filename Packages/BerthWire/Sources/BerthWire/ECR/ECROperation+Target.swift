extension ECROperation {
    /// The `X-Amz-Target` header value: `AmazonEC2ContainerRegistry_V20150921.<Name>`.
    public var target: String { ECR.targetPrefix + "." + rawValue }

    /// The operation an `X-Amz-Target` header names, or `nil` for another service's prefix or an unknown name.
    public init?(target: String) {
        let prefix = ECR.targetPrefix + "."
        guard target.hasPrefix(prefix) else { return nil }
        self.init(rawValue: String(target.dropFirst(prefix.count)))
    }

    /// The handler method's name: the operation name in lower camel case (`createRepository`).
    public var methodName: String { rawValue.prefix(1).lowercased() + rawValue.dropFirst() }
}
