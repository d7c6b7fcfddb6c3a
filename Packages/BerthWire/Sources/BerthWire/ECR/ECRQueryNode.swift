/// One value of the query form under construction: a scalar, a structure, a list or a map of the input shape.
final class ECRQueryNode {
    let type: ECRWireType
    /// The parameter (or parameter prefix) this node stands for, used in messages.
    private(set) var parameter: String
    private var scalar: String?
    private var members: [(name: String, node: ECRQueryNode)] = []
    private var items: [Int: ECRQueryNode] = [:]
    private var repeated: [ECRQueryNode] = []
    private var entryKeys: [Int: String] = [:]
    private var entryValues: [Int: ECRQueryNode] = [:]

    init(type: ECRWireType, parameter: String) {
        self.type = type
        self.parameter = parameter
    }

    /// Places `value` at `path` (the remaining dot-separated parts of the parameter name `parameter`).
    func insert(_ path: ArraySlice<Substring>, value: String, parameter: String) throws(ECRError) {
        switch type {
        case .structure(let name): try insertMember(of: name, path, value: value, parameter: parameter)
        case .list(let element): try insertItem(element, path, value: value, parameter: parameter)
        case .map(let valueType): try insertEntry(valueType, path, value: value, parameter: parameter)
        default:
            guard path.isEmpty else { throw Self.unknown(parameter) }
            guard scalar == nil else { throw .invalidParameter("The parameter \(parameter) is given more than once") }
            scalar = value
            self.parameter = parameter
        }
    }

    private func insertMember(of name: String, _ path: ArraySlice<Substring>, value: String, parameter: String) throws(ECRError) {
        guard let first = path.first else {
            throw .invalidParameter("The parameter \(parameter) is a structure: give its members as \(parameter).<member>")
        }
        let fields = ECRWireType.members(of: name) ?? []
        let field = fields.first { $0.name == first } ?? fields.first { $0.name.lowercased() == first.lowercased() }
        guard let field else { throw Self.unknown(parameter) }
        let child: ECRQueryNode
        if let existing = members.first(where: { $0.name == field.name }) {
            child = existing.node
        } else {
            child = ECRQueryNode(type: field.type, parameter: Self.prefix(of: parameter, path, dropping: 1))
            members.append((field.name, child))
        }
        try child.insert(path.dropFirst(), value: value, parameter: parameter)
    }

    private func insertItem(_ element: ECRWireType, _ path: ArraySlice<Substring>, value: String, parameter: String) throws(ECRError) {
        guard let first = path.first else {
            guard element.isScalar else {
                throw .invalidParameter("The parameter \(parameter) is a list of structures: give its items as \(parameter).member.N.<member>")
            }
            let item = ECRQueryNode(type: element, parameter: parameter)
            try item.insert(path, value: value, parameter: parameter)
            repeated.append(item)
            return
        }
        var rest = path.dropFirst()
        var indexText = first
        if first == "member" {
            guard let next = rest.first else { throw Self.unknown(parameter) }
            indexText = next
            rest = rest.dropFirst()
        }
        guard let index = Int(indexText), index >= 1 else { throw Self.unknown(parameter) }
        let item = items[index] ?? ECRQueryNode(type: element, parameter: Self.prefix(of: parameter, path, dropping: path.count - rest.count))
        items[index] = item
        try item.insert(rest, value: value, parameter: parameter)
    }

    private func insertEntry(_ valueType: ECRWireType, _ path: ArraySlice<Substring>, value: String, parameter: String) throws(ECRError) {
        var rest = path
        if rest.first == "entry" {
            rest = rest.dropFirst()
        }
        guard let indexText = rest.first, let index = Int(indexText), index >= 1, let part = rest.dropFirst().first else {
            throw Self.unknown(parameter)
        }
        rest = rest.dropFirst(2)
        switch part.lowercased() {
        case "key":
            guard rest.isEmpty else { throw Self.unknown(parameter) }
            guard entryKeys[index] == nil else { throw .invalidParameter("The parameter \(parameter) is given more than once") }
            entryKeys[index] = value
        case "value":
            let node =
                entryValues[index] ?? ECRQueryNode(type: valueType, parameter: Self.prefix(of: parameter, path, dropping: path.count - rest.count))
            entryValues[index] = node
            try node.insert(rest, value: value, parameter: parameter)
        default:
            throw Self.unknown(parameter)
        }
    }

    /// The JSON this node stands for.
    func json() throws(ECRError) -> ECRJSONValue {
        switch type {
        case .structure:
            var fields: [(String, ECRJSONValue)] = []
            for (name, node) in members {
                fields.append((name, try node.json()))
            }
            return .object(fields)
        case .list:
            var values: [ECRJSONValue] = []
            for index in items.keys.sorted() {
                values.append(try items[index]!.json())
            }
            for node in repeated {
                values.append(try node.json())
            }
            return .array(values)
        case .map:
            var fields: [(String, ECRJSONValue)] = []
            for index in Set(entryKeys.keys).union(entryValues.keys).sorted() {
                guard let key = entryKeys[index], let node = entryValues[index] else {
                    throw .invalidParameter("The map entry \(parameter).entry.\(index) needs both a key and a value")
                }
                fields.append((key, try node.json()))
            }
            return .object(fields)
        default:
            return try ECRQueryScalar.json(scalar ?? "", type: type, parameter: parameter)
        }
    }

    /// The parameter name without its last `dropping` path parts still to be consumed below `path`.
    private static func prefix(of parameter: String, _ path: ArraySlice<Substring>, dropping consumed: Int) -> String {
        let all = parameter.split(separator: ".", omittingEmptySubsequences: false)
        let keep = all.count - path.count + consumed
        return all.prefix(keep).joined(separator: ".")
    }

    private static func unknown(_ parameter: String) -> ECRError {
        .invalidParameter("The parameter \(parameter) is not recognized")
    }
}
