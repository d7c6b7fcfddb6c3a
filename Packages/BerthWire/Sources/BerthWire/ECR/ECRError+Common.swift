extension ECRError {
    /// `InvalidParameterException` with `message`.
    public static func invalidParameter(_ message: String) -> ECRError {
        ECRError(.invalidParameterException, message)
    }

    /// `RepositoryNotFoundException` with AWS's message for repository `name` in registry `registryId`.
    public static func repositoryNotFound(name: String, registryId: String) -> ECRError {
        ECRError(.repositoryNotFoundException, "The repository with name '\(name)' does not exist in the registry with id '\(registryId)'")
    }

    /// `SerializationException` with `message` (the body could not be read as the operation's input).
    public static func serialization(_ message: String) -> ECRError {
        ECRError(.serializationException, message)
    }

    /// `UnknownOperationException` with `message`.
    public static func unknownOperation(_ message: String) -> ECRError {
        ECRError(.unknownOperationException, message)
    }

    /// `ServerException` with `message` (HTTP 500).
    public static func server(_ message: String) -> ECRError {
        ECRError(.serverException, message)
    }

    /// `UnknownOperationException` saying "Operation <Name> is not supported by this Berth server yet".
    public static func notSupported(_ operation: ECROperation) -> ECRError {
        ECRError(.unknownOperationException, "Operation \(operation.rawValue) is not supported by this Berth server yet")
    }

    /// `InvalidParameterException` for a required member that is absent or `null`, AWS style.
    static func missingRequired(_ path: String) -> ECRError {
        var violations = ECRViolations()
        violations.add(value: "null", at: path, constraint: "Member must not be null")
        return violations.error ?? .invalidParameter("Value null at '\(path)'")
    }
}
