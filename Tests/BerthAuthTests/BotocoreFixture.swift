import BerthAuth
import Foundation
import Testing

/// `Fixtures/botocore-sigv4.json`, written by `Tools/SigV4Vectors/generate.py`: requests botocore signed.
struct BotocoreFixture: Decodable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var description: String
        var form: String
        var region: String
        var method: String
        var path: String
        var query: String
        var headers: [[String]]
        var bodyBase64: String
        var payloadSHA256: String
        var canonicalRequest: String

        var testDescription: String { name }

        /// The request as berth-server's HTTP layer would hand it over.
        var request: SigV4Request {
            SigV4Request(
                method: method, path: path, query: query, headers: headers.map { (name: $0[0], value: $0[1]) },
                payloadSHA256: payloadSHA256)
        }

        var body: [UInt8] { Array(Data(base64Encoded: bodyBase64) ?? Data()) }

        /// Lower-cased names botocore signed (from the Authorization header or X-Amz-SignedHeaders).
        var signedHeaders: [String] {
            let list: Substring
            if let authorization = request.header("authorization"), let range = authorization.range(of: "SignedHeaders=") {
                list = authorization[range.upperBound...].prefix { $0 != "," }
            } else if let range = query.range(of: "X-Amz-SignedHeaders=") {
                list = Substring((query[range.upperBound...].prefix { $0 != "&" }).replacingOccurrences(of: "%3B", with: ";"))
            } else {
                list = ""
            }
            return list.split(separator: ";").map(String.init)
        }
    }

    var botocoreVersion: String
    var service: String
    var accessKeyID: String
    var secretAccessKey: String
    var signedAt: String
    var signedAtEpoch: Double
    var cases: [Case]

    static let shared: BotocoreFixture = {
        let url = Bundle.module.url(forResource: "botocore-sigv4", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(BotocoreFixture.self, from: Data(contentsOf: url))
    }()
}
