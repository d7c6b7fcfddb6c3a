import BerthBlobStore
import BerthPluginABI
import Synchronization

/// A plugin's opaque handle; the plugin contract allows using it from any thread (one call at a time, which the
/// owning mutex ensures).
struct PluginHandle: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
}

/// A plugin reader handle as a `BlobReader`.
final class PluginBlobReader: BlobReader, @unchecked Sendable {
    let length: Int64
    private let table: berth_blob_store_v1
    private let handle: Mutex<PluginHandle?>
    private let call: PluginCall

    init(table: berth_blob_store_v1, handle: UnsafeMutableRawPointer, length: Int64, call: PluginCall) {
        self.table = table
        self.handle = Mutex(PluginHandle(pointer: handle))
        self.length = length
        self.call = call
    }

    deinit { close() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try handle.withLock { handle in
            guard let handle else { throw BlobStoreError.backend("\(call.plugin): read from a closed reader") }
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            var count = 0
            try call.run("read") { table.read(handle.pointer, base, buffer.count, &count, $0, $1) }
            return min(count, buffer.count)
        }
    }

    func close() {
        handle.withLock { handle in
            if let open = handle { table.close_reader(open.pointer) }
            handle = nil
        }
    }
}

/// A plugin writer handle as a `BlobUploadWriter`.
final class PluginUploadWriter: BlobUploadWriter, @unchecked Sendable {
    private struct State {
        var handle: PluginHandle?
        var offset: Int64
    }

    private let table: berth_blob_store_v1
    private let state: Mutex<State>
    private let call: PluginCall

    init(table: berth_blob_store_v1, handle: UnsafeMutableRawPointer, offset: Int64, call: PluginCall) {
        self.table = table
        self.state = Mutex(State(handle: PluginHandle(pointer: handle), offset: offset))
        self.call = call
    }

    deinit { close() }

    var offset: Int64 { state.withLock { $0.offset } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { state in
            guard let handle = state.handle else { throw BlobStoreError.backend("\(call.plugin): write through a closed writer") }
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            try call.run("write") { table.write(handle.pointer, base, bytes.count, $0, $1) }
            state.offset += Int64(bytes.count)
        }
    }

    func flush() throws {
        try state.withLock { state in
            guard let handle = state.handle else { throw BlobStoreError.backend("\(call.plugin): flush of a closed writer") }
            try call.run("flush") { table.flush(handle.pointer, $0, $1) }
        }
    }

    func close() {
        state.withLock { state in
            if let open = state.handle { table.close_writer(open.pointer) }
            state.handle = nil
        }
    }
}
