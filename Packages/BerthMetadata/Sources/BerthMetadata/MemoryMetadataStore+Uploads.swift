public import BerthModel
import Synchronization

// Uploads and settings.
extension MemoryMetadataStore {
    /// Stores a new upload session.
    public func createUpload(_ upload: UploadRecord) throws {
        try withState { state in
            guard state.repositories[key(upload.repository)] != nil else { throw MetadataError.repositoryNotFound(upload.repository) }
            guard state.uploads[upload.id] == nil else { throw MetadataError.backend("upload \(upload.id) already exists") }
            state.uploads[upload.id] = (registryScope, upload)
        }
    }

    /// The upload with `id`, or nil.
    public func upload(id: String) throws -> UploadRecord? {
        try withState { state in state.uploads[id].flatMap { $0.registry == registryScope ? $0.record : nil } }
    }

    /// Records an upload's progress when it still stands at `expectedBytes` (compare-and-set).
    public func updateUpload(_ upload: UploadRecord, expectingBytesReceived expectedBytes: Int64) throws {
        try withState { state in
            guard var stored = state.uploads[upload.id]?.record else { throw MetadataError.uploadNotFound(upload.id) }
            guard stored.bytesReceived == expectedBytes else {
                throw MetadataError.conflict("upload \(upload.id) no longer stands at byte \(expectedBytes)")
            }
            stored.updatedAt = upload.updatedAt
            stored.partCount = upload.partCount
            stored.bytesReceived = upload.bytesReceived
            stored.lastPartSize = upload.lastPartSize
            stored.hasUndersizedPart = upload.hasUndersizedPart
            stored.hashState = upload.hashState
            state.uploads[upload.id]?.record = stored
        }
    }

    /// Links the upload's blob and removes the upload, atomically.
    public func completeUpload(id: String, layer: LayerRecord) throws {
        try withState { state in
            guard state.uploads[id] != nil else { throw MetadataError.uploadNotFound(id) }
            try insertLayer(layer, into: &state)
            state.uploads[id] = nil
            state.blobPins[layer.digest]?[id] = nil
        }
    }

    /// Takes or renews a lease unless another holder's is live.
    public func acquireLease(_ name: String, holder: String, until expiry: Double, now: Double) throws -> Bool {
        try withState { state in
            if let lease = state.leases[name], lease.holder != holder, lease.expiry > now { return false }
            state.leases[name] = (holder, expiry)
            return true
        }
    }

    /// Gives the lease up if `holder` holds it.
    public func releaseLease(_ name: String, holder: String) throws {
        try withState { state in
            if state.leases[name]?.holder == holder { state.leases[name] = nil }
        }
    }

    /// Removes an upload session; returns false when there was none.
    @discardableResult public func deleteUpload(id: String) throws -> Bool {
        try withState { $0.uploads.removeValue(forKey: id) != nil }
    }

    /// Uploads whose last activity is before `time`, sorted by last activity then id.
    public func listUploads(updatedBefore time: Double) throws -> [UploadRecord] {
        try withState { state in
            state.uploads.values.map(\.record).filter { $0.updatedAt < time }.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        }
    }

    /// A stored setting, or nil.
    public func setting(_ name: String) throws -> String? {
        try withState { $0.settings[name] }
    }

    /// Stores `value` under `name` unless a value is there; returns the value now stored.
    public func setSettingIfAbsent(_ name: String, value: String) throws -> String {
        try withState { state in
            if let stored = state.settings[name] { return stored }
            state.settings[name] = value
            return value
        }
    }

    /// Stores or replaces a setting.
    public func setSetting(_ name: String, value: String) throws {
        try withState { $0.settings[name] = value }
    }
}
