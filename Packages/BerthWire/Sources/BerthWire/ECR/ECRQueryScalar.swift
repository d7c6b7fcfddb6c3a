import BerthModel
import Foundation

/// Converts a query-form text value to the JSON value of its member type.
enum ECRQueryScalar {
    static func json(_ text: String, type: ECRWireType, parameter: String) throws(ECRError) -> ECRJSONValue {
        switch type {
        case .string:
            return .string(text)
        case .integer:
            guard let number = Int(text) else { throw wrongType(text, parameter, "an integer") }
            return .number(String(number))
        case .long:
            guard let number = Int64(text) else { throw wrongType(text, parameter, "an integer") }
            return .number(String(number))
        case .boolean:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw wrongType(text, parameter, "true or false")
            }
        case .double:
            guard let number = Double(text), number.isFinite else { throw wrongType(text, parameter, "a number") }
            return .double(number)
        case .timestamp:
            guard let seconds = epochSeconds(text) else { throw wrongType(text, parameter, "epoch seconds or an ISO 8601 time") }
            return .double(seconds)
        case .blob:
            // A `+` that was not percent-encoded arrives as a space.
            let base64 = text.replacingOccurrences(of: " ", with: "+")
            guard Base64.decode(base64) != nil else { throw wrongType(text, parameter, "base64 text") }
            return .string(base64)
        case .list, .map, .structure:
            throw .invalidParameter("The parameter \(parameter) is not recognized")
        }
    }

    static func epochSeconds(_ text: String) -> Double? {
        if let number = Double(text), number.isFinite {
            return number
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) {
            return date.timeIntervalSince1970
        }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }

    static func wrongType(_ text: String, _ parameter: String, _ expected: String) -> ECRError {
        .invalidParameter("Invalid value \(ECRViolations.quoted(text)) for parameter \(parameter): expected \(expected)")
    }
}
