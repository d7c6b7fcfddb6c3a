import BerthModel

/// The body of `GET /v2/<name>/tags/list`: `{"name":"<name>","tags":[…]}` (an empty list is `[]`, never null).
public enum TagsListResponse {
    /// Renders the tags in the order given (an `OCIPage`'s items are already sorted).
    /// - Parameters:
    ///   - name: The repository name.
    ///   - tags: The tags of this page.
    public static func jsonBody(name: String, tags: [String]) -> [UInt8] {
        var writer = JSONWriter()
        writer.raw("{")
        writer.key("name", first: true)
        writer.string(name)
        writer.key("tags")
        writer.stringArray(tags)
        writer.raw("}")
        return writer.bytes
    }
}
