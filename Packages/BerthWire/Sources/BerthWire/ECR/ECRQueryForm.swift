/// The seed query form, `GET /?Action=<Operation>&<param>=<value>…`, turned into the JSON body the POST form carries.
///
/// Parameter names follow the input shapes of the model (member names exactly, or differing only in case):
/// - scalars are converted to their JSON type: integers, booleans (`true`/`false`), timestamps (epoch seconds or
///   ISO 8601) become numbers and booleans; blobs stay base64 text;
/// - lists repeat the parameter (`layerDigests=a&layerDigests=b`) or number their items from 1
///   (`repositoryNames.member.1=a`, `repositoryNames.1=a`), ordered by number, repeated values after numbered ones;
/// - structures use dots (`imageScanningConfiguration.scanOnPush=true`, `imageIds.member.1.imageTag=x`,
///   `tags.member.1.Key=k`);
/// - maps use `name.entry.N.key` and `name.entry.N.value` (or `name.N.key`).
public enum ECRQueryForm {
    /// Builds the JSON body of `operation` from decoded query parameters.
    /// - Parameters:
    ///   - operation: the `Action` value, e.g. `ListImages`.
    ///   - query: the decoded query parameters in order; `Action`, `Version` and SigV4 `X-Amz-*` parameters are skipped.
    /// - Returns: the JSON object (UTF-8) to hand to `ECRDispatcher.dispatch`.
    /// - Throws: `UnknownOperationException` for an unknown operation; `InvalidParameterException` naming the
    ///   parameter for an unknown name, a misplaced list index, a repeated scalar or a value of the wrong type.
    public static func jsonBody(operation: String, query: [(String, String)]) throws(ECRError) -> [UInt8] {
        guard let op = ECROperation(rawValue: operation) else {
            throw .unknownOperation("Operation \(operation) is not an operation of Amazon ECR")
        }
        let root = ECRQueryNode(type: .structure(op.inputShapeName), parameter: "")
        for (name, value) in query where !isReserved(name) {
            let path = name.split(separator: ".", omittingEmptySubsequences: false)
            try root.insert(path[...], value: value, parameter: name)
        }
        return try root.json().rendered()
    }

    /// `Action`, `Version` and the SigV4 query parameters (`X-Amz-Algorithm`, `X-Amz-Signature`, …).
    static func isReserved(_ name: String) -> Bool {
        name == "Action" || name == "Version" || name.lowercased().hasPrefix("x-amz-")
    }
}
