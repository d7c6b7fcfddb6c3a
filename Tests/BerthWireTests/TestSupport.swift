import BerthWire
import Foundation

/// The UTF-8 bytes of `text`.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// `bytes` parsed as a JSON object.
func jsonObject(_ bytes: [UInt8]) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
}

/// The `ECRError` `body` throws, or `nil`.
func ecrError(_ body: () throws(ECRError) -> Void) -> ECRError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// The `ECRError` an async `body` throws, or `nil`.
func ecrError(_ body: () async throws(ECRError) -> Void) async -> ECRError? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}

/// Decodes and validates `json` as `T`.
func decode<T: ECRInputShape>(_ type: T.Type, _ json: String) throws(ECRError) -> T {
    try ECRDispatcher.decodeInput(type, from: bytes(json))
}

/// The error decoding and validating `json` as `T` throws, or `nil`.
func decodeError<T: ECRInputShape>(_ type: T.Type, _ json: String) -> ECRError? {
    ecrError { () throws(ECRError) in _ = try decode(type, json) }
}

/// A context for dispatch tests.
let testContext = ECRRequestContext(
    accessKeyID: "AKIDEXAMPLE", accountID: "123456789012", region: "us-east-1", requestID: "req-1", now: 1_700_000_000.5)
