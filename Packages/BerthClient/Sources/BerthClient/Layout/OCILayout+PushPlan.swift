import BerthCrypto
import BerthModel
import BerthWire
import Foundation

extension OCILayout {
    /// What pushing the manifest named `refName` (or the layout's only manifest when `refName` names none) sends.
    /// - Throws: `TransferError.invalidSource` when no manifest fits or a blob it needs is missing or wrong.
    public func pushPlan(refName: String?) throws(TransferError) -> PushPlan {
        guard exists else { throw .invalidSource("\(path) is not an OCI image layout (no oci-layout file)") }
        let entry = try chooseEntry(try readIndex().manifests, refName: refName)
        guard let digestText = entry["digest"]?.string, let digest = Digest(parsing: digestText) else {
            throw .invalidSource("\(path)/index.json: an entry has no valid digest")
        }
        var collector = PlanCollector(layout: self)
        let top = try collector.visit(digest, declaredMediaType: entry["mediaType"]?.string)
        return PushPlan(blobs: collector.blobs, children: collector.children, top: top)
    }

    private func chooseEntry(_ entries: [[String: JSONValue]], refName: String?) throws(TransferError) -> [String: JSONValue] {
        if let refName, let named = entries.first(where: { LayoutIndex.refName($0) == refName }) { return named }
        if entries.count == 1, let only = entries.first { return only }
        let names = entries.compactMap(LayoutIndex.refName).joined(separator: ", ")
        if entries.isEmpty { throw .invalidSource("\(path) lists no manifest") }
        throw .invalidSource("\(path) has \(entries.count) manifests and none is named \(refName ?? "(none)") (names: \(names))")
    }
}

/// Walks a manifest of a layout down to its blobs: child manifests before their index, each blob once.
struct PlanCollector {
    let layout: OCILayout
    var blobs: [BlobSource] = []
    var children: [ManifestSource] = []
    private var seen = Set<Digest>()

    init(layout: OCILayout) {
        self.layout = layout
    }

    /// Reads and checks manifest `digest`, collecting what it references. - Returns: the manifest itself.
    mutating func visit(_ digest: Digest, declaredMediaType: String?) throws(TransferError) -> ManifestSource {
        let bytes = Array(try LayoutFiles.read(layout.blobPath(digest)))
        let actual = Digest(sha256Hex: SHA256Hasher.hexHash(bytes))
        guard actual == digest else { throw .digestMismatch(expected: digest.description, actual: actual.description) }
        let document: ManifestDocument
        do {
            document = try ManifestParser.parse(bytes, declaredMediaType: declaredMediaType)
        } catch {
            throw .invalidSource("\(layout.blobPath(digest)) is not a manifest Berth can push: \(error.message)")
        }
        for child in document.manifests {
            let childDigest = try parse(child.digest)
            guard seen.insert(childDigest).inserted else { continue }
            children.append(try visit(childDigest, declaredMediaType: child.mediaType))
        }
        for blob in [document.config].compactMap({ $0 }) + document.layers where !blob.isForeign {
            try addBlob(try parse(blob.digest), size: blob.size)
        }
        return ManifestSource(bytes: bytes, mediaType: document.mediaType, digest: digest)
    }

    private mutating func addBlob(_ digest: Digest, size: Int64) throws(TransferError) {
        guard seen.insert(digest).inserted else { return }
        let path = layout.blobPath(digest)
        guard let actual = LayoutFiles.size(of: path) else { throw .invalidSource("\(layout.path) lacks blob \(digest)") }
        guard actual == size else { throw .invalidSource("\(path) holds \(actual) bytes, the manifest says \(size)") }
        blobs.append(BlobSource(digest: digest, size: size, path: path))
    }

    private func parse(_ text: String) throws(TransferError) -> Digest {
        guard let digest = Digest(parsing: text) else { throw .invalidSource("invalid digest \(text) in a manifest") }
        return digest
    }
}
