/// `WWW-Authenticate` values for 401 answers on `/v2`.
public enum RegistryChallenge {
    /// The service name ECR announces.
    public static let ecrService = "ecr.amazonaws.com"

    /// ECR's Basic challenge: `Basic realm="<publicURL>/",service="ecr.amazonaws.com"`.
    /// - Parameter publicURL: The registry's public base URL, e.g. `https://registry.example.com` (trailing `/` optional).
    public static func basic(publicURL: String) -> String {
        "Basic realm=\(quoted(base(publicURL) + "/")),service=\(quoted(ecrService))"
    }

    /// A Bearer challenge pointing at Berth's token endpoint:
    /// `Bearer realm="<publicURL>/v2/token",service="ecr.amazonaws.com",scope="repository:<name>:pull,push"`.
    /// - Parameters:
    ///   - publicURL: The registry's public base URL (trailing `/` optional).
    ///   - scopes: The scopes the request needs; the `scope` parameter is omitted when empty (e.g. for `/v2/`),
    ///     and several scopes are space-separated in it, as the Docker token spec allows.
    public static func bearer(publicURL: String, scopes: [RegistryScope] = []) -> String {
        var value = "Bearer realm=\(quoted(base(publicURL) + "/v2/token")),service=\(quoted(ecrService))"
        if !scopes.isEmpty { value += ",scope=" + quoted(scopes.map(\.description).joined(separator: " ")) }
        return value
    }

    private static func base(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }

    /// An RFC 9110 quoted-string: `"` and `\` escaped with a backslash.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
