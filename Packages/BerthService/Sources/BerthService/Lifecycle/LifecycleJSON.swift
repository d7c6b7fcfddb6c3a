import Foundation

/// One JSON object of a lifecycle policy being parsed, with its path for error messages.
struct LifecycleJSON {
    let object: [String: Any]
    let path: String

    init(_ value: Any, at path: String) throws(LifecyclePolicyError) {
        guard let object = value as? [String: Any] else { throw LifecyclePolicyError("\(path) must be a JSON object") }
        self.object = object
        self.path = path
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    /// Refuses members other than `keys`.
    func allowOnly(_ keys: Set<String>) throws(LifecyclePolicyError) {
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw LifecyclePolicyError("\(path) has an unknown member '\(unknown)'")
        }
    }

    func object(_ key: String) throws(LifecyclePolicyError) -> LifecycleJSON {
        guard let value = object[key] else { throw LifecyclePolicyError("\(path).\(key) is required") }
        return try LifecycleJSON(value, at: "\(path).\(key)")
    }

    func array(_ key: String) throws(LifecyclePolicyError) -> [Any] {
        guard let value = object[key] else { throw LifecyclePolicyError("\(path).\(key) is required") }
        guard let array = value as? [Any] else { throw LifecyclePolicyError("\(path).\(key) must be an array") }
        return array
    }

    func string(_ key: String) throws(LifecyclePolicyError) -> String {
        guard let value = try optionalString(key) else { throw LifecyclePolicyError("\(path).\(key) is required") }
        return value
    }

    func optionalString(_ key: String) throws(LifecyclePolicyError) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value as? String else { throw LifecyclePolicyError("\(path).\(key) must be a string") }
        return text
    }

    func optionalStrings(_ key: String) throws(LifecyclePolicyError) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let list = value as? [Any], let strings = list as? [String], strings.count == list.count else {
            throw LifecyclePolicyError("\(path).\(key) must be an array of strings")
        }
        return strings
    }

    /// An integer member (a JSON number without a fraction; not a boolean).
    func integer(_ key: String) throws(LifecyclePolicyError) -> Int {
        guard let value = object[key] else { throw LifecyclePolicyError("\(path).\(key) is required") }
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c", let integer = Int(exactly: number.doubleValue),
            Double(integer) == number.doubleValue
        else { throw LifecyclePolicyError("\(path).\(key) must be an integer") }
        return integer
    }
}
