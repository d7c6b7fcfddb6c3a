/// A Docker token scope `<type>:<name>:<actions>`, e.g. `repository:team/app:pull,push` or `registry:catalog:*`.
public struct RegistryScope: Sendable, Hashable, CustomStringConvertible {
    /// The resource type, e.g. `repository` (a class suffix such as `repository(plugin)` is kept as written).
    public var type: String
    /// The resource name, e.g. a repository name.
    public var name: String
    /// The actions, e.g. `["pull", "push"]` or `["*"]`.
    public var actions: [String]

    /// Creates a scope.
    /// - Parameters:
    ///   - type: The resource type.
    ///   - name: The resource name.
    ///   - actions: The actions.
    public init(type: String, name: String, actions: [String]) {
        self.type = type
        self.name = name
        self.actions = actions
    }

    /// A `repository` scope.
    /// - Parameters:
    ///   - name: The repository name.
    ///   - actions: The actions; pull and push by default.
    public static func repository(_ name: String, actions: [String] = ["pull", "push"]) -> RegistryScope {
        RegistryScope(type: "repository", name: name, actions: actions)
    }

    /// Parses `type:name:actions`: the type ends at the first `:`, the actions start after the last `:`, the
    /// name is what lies between (so a name with a registry port, `host:5000/app`, survives). Type and name must
    /// be non-empty; empty actions give an empty list. nil when there are fewer than two `:`.
    /// - Parameter text: One scope.
    public init?(parsing text: String) {
        guard let firstColon = text.firstIndex(of: ":"), let lastColon = text.lastIndex(of: ":"), firstColon != lastColon else { return nil }
        let type = text[..<firstColon]
        let name = text[text.index(after: firstColon)..<lastColon]
        let actions = text[text.index(after: lastColon)...]
        guard !type.isEmpty, !name.isEmpty else { return nil }
        self.init(type: String(type), name: String(name), actions: actions.split(separator: ",").map(String.init))
    }

    /// `type:name:action1,action2`.
    public var description: String {
        "\(type):\(name):\(actions.joined(separator: ","))"
    }
}
