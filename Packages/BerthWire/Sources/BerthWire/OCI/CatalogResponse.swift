import BerthModel

/// The body of `GET /v2/_catalog`: `{"repositories":[…]}`.
public enum CatalogResponse {
    /// Renders the repository names in the order given (an `OCIPage`'s items are already sorted).
    /// - Parameter repositories: The names of this page.
    public static func jsonBody(repositories: [String]) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{\"repositories\":")
        writer.stringArray(repositories)
        writer.raw("}")
        return writer.bytes
    }
}
