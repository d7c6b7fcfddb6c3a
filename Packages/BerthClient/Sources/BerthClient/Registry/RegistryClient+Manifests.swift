import BerthCrypto
public import BerthModel
public import Foundation

/// A manifest as the registry served it: the exact bytes, their media type and digest.
public struct FetchedManifest: Sendable {
    /// The bytes as served.
    public var bytes: Data
    /// The `Content-Type` the registry gave.
    public var mediaType: String
    /// The SHA-256 of `bytes`.
    public var digest: Digest
}

extension RegistryClient {
    /// Every manifest type a pull accepts.
    static let acceptedManifestTypes = [
        MediaType.ociIndex, MediaType.ociManifest, MediaType.dockerManifestList, MediaType.dockerManifestV2,
    ].joined(separator: ", ")

    /// Fetches the manifest `reference` (a tag or digest) and checks the bytes against a digest reference.
    /// - Throws: `TransferError.manifestMissing` for an unknown reference, `.digestMismatch` for wrong bytes.
    public func manifest(_ reference: String) async throws(TransferError) -> FetchedManifest {
        let answer = try await send("GET", try url("manifests/\(reference)"), headers: ["Accept": RegistryClient.acceptedManifestTypes])
        guard answer.status == 200 else { throw failure(answer, reference: reference) }
        let digest = Digest(sha256Hex: SHA256Hasher.hexHash(Array(answer.body)))
        if let expected = Digest(parsing: reference), expected != digest {
            throw .digestMismatch(expected: expected.description, actual: digest.description)
        }
        let contentType = answer.header("content-type").flatMap { $0.split(separator: ";").first }
        let mediaType = contentType.map { $0.trimmingCharacters(in: .whitespaces) } ?? MediaType.ociManifest
        return FetchedManifest(bytes: answer.body, mediaType: mediaType, digest: digest)
    }

    /// Stores `bytes` as manifest `reference` (a tag or digest) with `mediaType`, after every blob it needs.
    /// - Throws: `TransferError` for a refusal, `.digestMismatch` when the registry reports another digest.
    public func putManifest(_ bytes: Data, mediaType: String, reference: String) async throws(TransferError) {
        let answer = try await send("PUT", try url("manifests/\(reference)"), headers: ["Content-Type": mediaType], body: bytes)
        guard answer.status == 201 else { throw failure(answer) }
        let digest = "sha256:" + SHA256Hasher.hexHash(Array(bytes))
        if let served = answer.header("docker-content-digest"), served != digest {
            throw .digestMismatch(expected: digest, actual: served)
        }
    }
}
